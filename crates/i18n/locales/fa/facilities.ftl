### A woman's facilities (loans and aid from other bodies).

facilities-title = سوابق تسهیلات و کمک‌ها
facilities-none = هیچ کمک یا تسهیلاتی برای او ثبت نشده است.
facilities-programme_hint = کمک‌های برنامهٔ همیار هنگام تصویب پرداخت، خودکار در این فهرست ثبت می‌شوند؛ این‌جا فقط کمک نهادهای دیگر را ثبت کنید.
facilities-declare = ثبت کمک یا وام از نهاد دیگر
facilities-declared = کمک اظهارشده در سوابق او ثبت شد.
facilities-source = منبع
facilities-body = نهاد
facilities-body_name = نام نهاد یا بانک
facilities-body_name_hint = برای «سایر» الزامی است.
facilities-kind = نوع
facilities-amount = مبلغ (ریال)
facilities-amount_hint = به ریال؛ مثلاً ۵۰٬۰۰۰٬۰۰۰
facilities-granted_on = تاریخ دریافت
facilities-group = از طریق گروه
facilities-note = توضیح
facilities-withdrawn = برگشت‌خورده در
facilities-window_title = پیشگیری از حمایت مضاعف
facilities-window_help = پیش از تصویب کمک بلاعوض یا وام تازه، کمک‌هایی که زن در این تعداد ماه پیش از آن از هر نهادی گرفته است هشدار داده می‌شود.
facilities-window_months = بازهٔ بررسی (ماه، ۱ تا ۱۲۰)
facilities-window_saved = بازهٔ بررسی حمایت مضاعف استان ذخیره شد.
facilities-warning_title = هشدار حمایت مضاعف
facilities-warning_lead = این زنان در بازهٔ بررسی، کمک یا وام دیگری گرفته‌اند:

## app/src/facilities/programme.rs
programme-tranche_already_woman_s_history = این مرحلهٔ پرداخت پیش‌تر در سوابق این زن ثبت شده است

## domain/src/facilities/declaration.rs
declaration-support_from_programme_recorded_when = کمک‌های برنامهٔ همیار هنگام تصویب پرداخت خودکار ثبت می‌شوند؛ نهاد دیگری را انتخاب کنید
declaration-name_other_body = نام نهاد «سایر» را بنویسید
declaration-amount_required = مبلغ وارد نشده است
# The name of the date the support was received, in group_life-date_required and group_life-date_after_today.
declaration-what_granted_on = تاریخ دریافت

## domain/src/facilities/window.rs
window-number_months_required = تعداد ماه‌ها وارد نشده است
# $max: the longest window a province may choose, in months
window-months_out_of_range = تعداد ماه‌ها باید عددی از ۱ تا { $max } باشد
# $text: what was typed
# $max: the longest window a province may choose, in months
window-months_not_a_number = «{ $text }» عدد نیست؛ عددی از ۱ تا { $max } وارد کنید

## web/src/pages/facilities.rs
# $months: the double-support window in months; $from, $to: its first and last day
facilities-window_span = { $months } ماه، از { $from } تا { $to }
