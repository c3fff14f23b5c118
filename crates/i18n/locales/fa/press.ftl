### The press summary.

nav-press = خلاصهٔ خبری
press-title = خلاصهٔ خبری استان
press-figures = ارقام
press-download = دریافت فایل اکسل
press-download_pdf = گزارش استان (PDF)
press-release_pdf = خبر یک‌صفحه‌ای (PDF)
press-paragraph = متن خبر
press-copy_hint = متن را انتخاب و رونوشت کنید؛ ارقام از داده‌های سامانه خوانده شده و مبلغ‌ها به واحدی است که در حساب کاربری خود برگزیده‌اید.
press-counted_on = گروه‌ها و اعضا شمرده‌شده در روز
press-active_groups = گروه‌های فعال
press-active_members = اعضای گروه‌های فعال
press-headline_spent = هزینهٔ آموزش، آماده‌سازی شغلی و تقویت گروه‌ها
press-grants_committed = کمک بلاعوض تعهدشده
press-grants_paid = کمک بلاعوض پرداخت‌شده
press-groups_granted = گروه‌های دریافت‌کنندهٔ کمک
press-women_granted = زنان دریافت‌کنندهٔ کمک
press-graduated_groups = گروه‌های مستقل‌شده
press-women_independent = زنان توانمندشده (خروج از چرخهٔ حمایت)
press-paragraph_en = متن خبر به انگلیسی
press-copy = رونوشت متن
press-copied = رونوشت شد
press-sales = فروش گروه‌ها
press-jobs = شغل‌های ایجادشده
