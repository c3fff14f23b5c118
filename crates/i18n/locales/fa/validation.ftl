### Validation of the domain's values: national ID, mobile, Sheba, names, dates, money, places,
### ledger transactions, payments and their evidence. Each message explains what is wrong
### without naming the field; the page puts the field's label before it.

national_id-empty = کد ملی وارد نشده است
national_id-not_digits = کد ملی فقط باید شامل رقم باشد
# $length: the number of digits typed (the English names it)
national_id-wrong_length = کد ملی باید ۱۰ رقم باشد
national_id-repeated_digit = کد ملی نمی‌تواند از یک رقم تکراری تشکیل شده باشد
national_id-wrong_check_digit = رقم کنترل کد ملی نادرست است

mobile-empty = شماره همراه وارد نشده است
mobile-invalid_character = شماره همراه فقط می‌تواند شامل رقم، فاصله، خط تیره، پرانتز و + در ابتدا باشد
mobile-foreign = فقط شماره همراه ایران (+۹۸) پذیرفته می‌شود
mobile-wrong_length = شماره همراه باید ۱۱ رقم و به شکل ۰۹XXXXXXXXX باشد
mobile-not_mobile = شماره همراه باید با ۰۹ شروع شود

sheba-empty = شماره شبا وارد نشده است
sheba-missing_prefix = شماره شبا باید با IR شروع شود
sheba-not_digits = شماره شبا پس از IR فقط باید شامل رقم باشد
# $count: the number of digits typed after IR (the English names it)
sheba-wrong_length = شماره شبا باید پس از IR دقیقاً ۲۴ رقم داشته باشد
sheba-wrong_check_digits = رقم‌های کنترل شماره شبا نادرست است

name-empty = نام وارد نشده است
# $length: the number of characters typed (the English names it)
name-too_long = نام حداکثر می‌تواند ۱۰۰ نویسه باشد
name-no_letter = نام باید دست‌کم یک حرف داشته باشد
name-contains_digit = نام نباید رقم داشته باشد
name-control_character = نام شامل نویسهٔ کنترلی نامرئی است

date-empty = تاریخ وارد نشده است
date-malformed = تاریخ باید به شکل ۱۴۰۵/۰۹/۰۷ یا ۷ آذر ۱۴۰۵ باشد
date-year_not_four_digits = سال باید چهار رقمی باشد، مانند ۱۴۰۵
# $month: the month typed (the English names it)
date-month_out_of_range = ماه باید بین ۱ و ۱۲ باشد
date-unknown_month_name = نام ماه «{ $name }» شناخته نشد
date-unknown_weekday = روز هفتهٔ «{ $name }» شناخته نشد
date-day_zero = روز ماه باید از ۱ شروع شود
date-day_out_of_range = { $month ->
        [1] فروردین
        [2] اردیبهشت
        [3] خرداد
        [4] تیر
        [5] مرداد
        [6] شهریور
        [7] مهر
        [8] آبان
        [9] آذر
        [10] دی
        [11] بهمن
        [12] اسفند
       *[other] این ماه
    } { $year } فقط { $max } روز دارد
date-year_out_of_range = سال { $year } خارج از بازهٔ تاریخ‌های پشتیبانی‌شده است
date-invalid_iso = تاریخ میلادی باید به شکل YYYY-MM-DD و معتبر باشد

amount-empty = مبلغ وارد نشده است
amount-decimal = مبلغ باید عدد صحیح ریال و بدون اعشار باشد
amount-invalid_character = مبلغ فقط می‌تواند شامل رقم، جداکنندهٔ هزارگان و علامت منفی در ابتدا باشد
amount-overflow = مبلغ بیش از حد بزرگ است
# $text: the unit typed (the English quotes it)
money_unit-unknown = واحد پول باید ریال، تومان یا ریال جدید باشد

# $text: the kind typed (the English quotes it)
place_kind-unknown = نوع مکان باید کشور، استان یا شهرستان باشد

account_kind-unknown = نوع حساب «{ $code }» شناخته نیست
transaction-too_few_postings = هر سند دست‌کم دو ردیف لازم دارد؛ { $count } ردیف داده شد
transaction-zero_amount = مبلغ ردیف حساب { $account } صفر است
transaction-account_twice = حساب { $account } دو بار در سند آمده است
transaction-unbalanced = جمع بدهکار و بستانکار برابر نیست؛ اختلاف { $sum } ریال است
transaction-overflow = مبلغ‌ها بزرگ‌تر از حد جمع‌پذیرند
transaction-description_empty = شرح سند خالی است
transaction-description_too_long = شرح سند { $chars } نویسه است؛ بیش از ۵۰۰ نویسه مجاز نیست
transaction-key_empty = کلید یکتایی درخواست خالی است
transaction-key_too_long = کلید یکتایی { $chars } نویسه است؛ بیش از ۱۰۰ نویسه مجاز نیست
transaction-key_not_printable = کلید یکتایی فقط می‌تواند نویسه‌های چاپی لاتین داشته باشد

payment-cannot = پرداختی که { $status ->
        [proposed] پیشنهادشده
        [approved] تأییدشده
        [paid] پرداخت‌شده
        [rejected] ردشده
       *[cancelled] لغوشده
    } است را نمی‌توان { $action ->
        [approve] تأیید
        [reject] رد
        [pay] پرداخت
       *[cancel] لغو
    } کرد
evidence-empty = فایل مستند خالی است
# $size: the file's size in bytes (the English names it)
evidence-too_large = فایل مستند بیش از ۱۰ مگابایت است
evidence-not_accepted = فقط فایل PDF، JPEG یا PNG پذیرفته می‌شود

## domain/src/jalali.rs
# $date: the date, in words in Persian (۷ آذر ۱۴۰۵) and in figures in English (1405/09/07)
# $weekday: the weekday that date falls on
date-weekday_mismatch = روز هفته با تاریخ نمی‌خواند: { $date } { $weekday } است
