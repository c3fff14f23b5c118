# Importing a province's group history (crates/app/src/imports, the import page).

imports-kind = چه چیزی وارد می‌شود
imports-kind-women = زنان سرپرست خانوار
imports-kind-groups = گروه‌ها
imports-kind-stages = مراحل بعدی گروه‌ها
imports-kind-members = اعضای گروه‌ها
imports-kind-visits = بازدیدها
imports-hint-women = یک ردیف برای هر زن، با کد ملی
imports-hint-groups = یک ردیف برای هر گروه با کد آن، و تاریخ‌های شناسایی، آموزش، ثبت، تأمین مالی و شروع فعالیت
imports-hint-stages = یک ردیف برای هر تغییر مرحله: غیرفعال شدن با علت، فعال شدن دوباره، انحلال، مستقل شدن
imports-hint-members = یک ردیف برای هر عضویت: کد گروه، کد ملی، نقش، تاریخ پیوستن و در صورت خروج تاریخ و علت آن
imports-hint-visits = یک ردیف برای هر بازدید: کد گروه، تاریخ بازدید، هدف و یافته‌ها
imports-order = برای آوردن سابقه‌ی یک استان به این ترتیب وارد کنید: زنان، گروه‌ها، مراحل بعدی، اعضا، بازدیدها. هر ردیفی که پیش‌تر وارد شده باشد کنار گذاشته می‌شود، پس ورود دوباره‌ی یک فایل چیزی را دو بار ثبت نمی‌کند.
imports-templates = الگوها
imports-history_all_or_nothing = ورود گروه‌ها، مراحل، اعضا و بازدیدها همیشه همه یا هیچ است: اگر یک ردیف خطا داشته باشد هیچ ردیفی ثبت نمی‌شود.
imports-already_present_count = ردیف پیش‌تر واردشده (کنار گذاشته شد)
imports-history_rolled_back = سابقه‌ی گروه‌ها همه یا هیچ وارد می‌شود؛ ردیف‌های نادرست را درست کنید و فایل را دوباره بفرستید.
imports-apply = ثبت
imports-already_present = این ردیف پیش‌تر وارد شده است؛ دوباره ثبت نشد.
imports-no_group_with_code = گروهی با این کد در محدوده‌ی شما نیست؛ نخست فایل گروه‌ها را وارد کنید.
imports-group_code_required = کد گروه را بنویسید؛ ورود دوباره‌ی فایل با همین کد تشخیص می‌دهد که گروه پیش‌تر آمده است.
imports-group_code_in_two_provinces = این کد در دو استان به کار رفته است؛ با حساب کاربری همان استان وارد کنید.
imports-stopped_after_row = پایگاه داده ردیف { $row } را نپذیرفت؛ ردیف‌های پس از آن بررسی نشدند و چیزی ثبت نشد.
imports-date_required = تاریخ را بنویسید: رکوردِ واردشده تاریخ واقعی خود را دارد، نه تاریخ امروز.
