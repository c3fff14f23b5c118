### Today: the home page, what each person has to do today.

today-title = امروز
today-intro_own = کارهای امروزِ گروه‌هایی که به شما سپرده شده‌اند، فوری‌ترین‌ها اول.
today-intro_place = کارهای امروزِ محدودهٔ شما، فوری‌ترین‌ها اول.
today-nothing_to_do = امروز کاری در انتظار شما نیست.
today-section_visits = بازدیدها و پیگیری‌ها
today-section_meetings = جلسه‌های این ماه که ثبت نشده‌اند
today-section_permits = مجوزهای منقضی یا رو به انقضا
today-section_payments = پرداخت‌های در انتظار تأیید
today-section_tranches = قسط‌هایی که شرط‌هایشان برقرار است
today-section_duplicates = پرونده‌های احتمالاً تکراری
today-section_imports = بارگذاری‌های شما
today-section_figures = آمار در یک نگاه
today-section_press = متن خبر و آمار اصلی
today-no_visits = بازدید یا پیگیری سررسیدشده‌ای نیست.
today-no_meetings = جلسهٔ این ماهِ همهٔ گروه‌های فعال شما ثبت شده است.
# $days: how many days ahead permits are watched
today-no_permits = هیچ مجوزی منقضی نشده و تا { $days } روز آینده هم منقضی نمی‌شود.
today-no_payments = پرداختی در انتظار تأیید نیست.
today-no_tranches = قسطی با شرط‌های برقرار در انتظار تصمیم نیست.
today-no_duplicates = مورد تکراری‌ای برای بررسی نیست.
# $count: open pairs
today-duplicates_open = { $count } جفت پرونده منتظر بررسی است.
# $count: at least this many open pairs
today-duplicates_open_more = بیش از { $count } جفت پرونده منتظر بررسی است.
today-meeting_to_record = جلسهٔ این ماه ثبت نشده
# $date: the day of the group's latest meeting
today-last_meeting = آخرین جلسه: { $date }
today-never_met = هنوز جلسه‌ای ثبت نشده است
today-payment_to_decide = منتظر تصمیم شما
today-awaiting_other = منتظر تصمیم همکار دیگر
# $seq: the tranche's number within its grant
today-tranche_ready = قسط { $seq }، آمادهٔ تصمیم
# $seq: the tranche's number within its grant
today-tranche_awaiting = قسط { $seq }، منتظر تصمیم همکار دیگر
# $date: the day it was proposed; $days: days since
today-proposed_on = پیشنهاد در { $date } ({ $days } روز پیش)
# $date: the day the tranche was planned for
today-planned_on = موعد قسط: { $date }
today-record_visit = ثبت بازدید
today-record_meeting = ثبت جلسه
today-record_permit = ثبت مجوز تازه
today-decide = بررسی و تصمیم
today-open = مشاهده
today-review_duplicates = بررسی موارد تکراری
# $count: everything in the list
today-see_all = دیدن همه ({ $count })
today-see_dashboard = داشبورد کامل
today-press_page = صفحهٔ خلاصهٔ خبری
today-press_choose_province = برای دیدن متن خبر، استان را در صفحهٔ خلاصهٔ خبری انتخاب کنید.
today-import_dry_run = آزمایشی
today-import_done = پایان یافت
today-import_failed = ناموفق
today-no_imports = بارگذاری تازه‌ای ندارید.
today-due_own = گروه‌های من
today-due_all = همهٔ گروه‌های محدوده
today-due_own_hint = فقط گروه‌هایی که مددکار یا تسهیلگر آن‌ها شما هستید؛ شمارش‌ها هم برای همین گروه‌هاست.
