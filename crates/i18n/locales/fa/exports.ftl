### The groups' exports (issue 17): the links on the pages they export from, the sheets'
### names and headers, and why an export was refused. Files carry plain numbers and Jalali
### dates with Latin digits; these are the words around them.

exports-csv = CSV
exports-xlsx = اکسل
exports-groups = دریافت فهرست گروه‌ها با همین فیلترها
exports-roster = دریافت فهرست اعضا و شماره‌های تماس
exports-visits = دریافت بازدیدهای این بازه
exports-business = دریافت ماه‌های کسب‌وکار این بازه
exports-women_group_filter = گروه همیار
exports-women_group_filter_more = گروه‌ها بیش از آن‌اند که همه فهرست شوند؛ نخست شهرستان را برگزینید.
exports-refused_title = فایل ساخته نشد
exports-back = بازگشت

## Why an export was refused (nothing was written).

exports-too_many_rows = این فایل بیش از { $max } سطر می‌شد؛ فیلترها یا بازه را محدودتر کنید.
exports-span_backwards = پایان بازه پیش از آغاز آن است.
exports-unknown_format = قالب فایل باید CSV یا اکسل (xlsx) باشد.

## The sheets' names (at most 31 characters) and headers.

exports-sheet-groups = گروه‌ها
exports-sheet-roster = اعضای گروه
exports-sheet-visits = بازدیدها
exports-sheet-business = ماه‌های کسب‌وکار
exports-col-code = کد گروه
exports-col-group = نام گروه
exports-col-county = شهرستان
exports-col-stage = مرحله
exports-col-business_field = زمینهٔ کسب‌وکار
exports-col-first_name = نام
exports-col-last_name = نام خانوادگی
exports-col-national_id = کد ملی
exports-col-mobile = شمارهٔ همراه
exports-col-role = نقش در گروه
exports-col-joined_on = تاریخ پیوستن
exports-col-left_on = تاریخ خروج
exports-col-visited_on = تاریخ بازدید
exports-col-visitor = بازدیدکننده
exports-col-purpose = هدف بازدید
exports-col-findings = یافته‌ها
exports-col-referrals = ارجاع‌ها
exports-col-follow_up_due = موعد پیگیری
exports-col-follow_up_closed_on = تاریخ بسته شدن پیگیری
exports-col-requests = درخواست‌ها
exports-col-requests_open = درخواست‌های باز
exports-col-visit_id = شناسهٔ بازدید
exports-col-year = سال
exports-col-month = ماه
exports-col-revenue = فروش (ریال)
exports-col-costs = هزینه (ریال)
exports-col-profit = سود (ریال)
exports-col-members_working = اعضای شاغل
exports-col-people_hired = افراد به‌کارگرفته
exports-col-channels = کانال‌های فروش
