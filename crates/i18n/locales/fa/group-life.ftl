### A group's life: meetings, visits, business months, the visits due.

nav-visits_due = بازدیدهای سررسید
life-title = کسب‌وکار و زندگی گروه
life-section = کسب‌وکار، جلسه‌ها و بازدیدها
life-open_page = همهٔ سوابق و ثبت تازه
life-back = بازگشت به صفحهٔ گروه
life-business = کسب‌وکار ماهانه
life-chart_title = درآمد و سود ماهانهٔ گروه
life-legend_revenue = درآمد
life-legend_profit = سود
life-costs = هزینه
life-legend_gap = ماه ثبت‌نشده
life-no_business = هنوز کسب‌وکار هیچ ماهی ثبت نشده است.
life-last_month = آخرین ماه ثبت‌شده
life-record_month = ثبت یا اصلاح کسب‌وکار یک ماه
life-correct = اصلاح
life-month_replaces = اگر این ماه پیش‌تر ثبت شده باشد، این ثبت جای آن را می‌گیرد.
life-amounts_in_rials = مبلغ‌ها را به ریال بنویسید.
life-paid_to_members = پرداختی به هر عضو (ریال)
life-people = نفر
life-of = از
life-business_saved = کسب‌وکار ماه ثبت شد
life-meetings = جلسه‌ها
life-no_meetings = هنوز جلسه‌ای ثبت نشده است.
life-record_meeting = ثبت جلسه
life-present = حاضران
life-meeting_saved = جلسه ثبت شد
life-visits = بازدیدهای نظارتی
life-no_visits = هنوز بازدیدی ثبت نشده است.
life-last_visit = آخرین بازدید
life-record_visit = ثبت بازدید
life-visitor_hint = خالی بگذارید اگر خودتان بازدید کرده‌اید.
life-requests_hint = هر درخواست در یک سطر.
life-visit_saved = بازدید ثبت شد
life-open_requests = درخواست‌های باز اعضا
life-no_open_requests = درخواست بازی نیست.
life-resolve = رسیدگی شد
life-request_resolved = رسیدگی به درخواست ثبت شد
life-follow_up = پیگیری
life-record_follow_up = ثبت انجام پیگیری
life-follow_up_saved = پیگیری ثبت شد
life-follow_up_not_asked = بدون پیگیری
life-follow_up_done = پیگیری شد
life-follow_up_scheduled = در موعد
life-follow_up_due = سررسید نزدیک
life-follow_up_overdue = معوق
life-follow_up_answered = پاسخ با بازدید بعدی
life-follow_up_group_ended = گروه پایان یافته
life-answered_by_visit_of = بسته شد با بازدید
life-raised_on = مطرح‌شده در
life-permits = مجوزها
life-no_permits = مجوزی ثبت نشده است.
life-permits_attention = مجوزهای رو به انقضا یا منقضی
life-record_permit = ثبت یا تمدید مجوز
life-permit_saved = مجوز ثبت شد
life-permit_valid = معتبر
life-permit_expiring = رو به انقضا
life-permit_expired = منقضی
life-no_visit_before = این گروه بیش از
life-no_visit_after = ماه است که بازدید نشده است.
life-due_title = بازدیدهای سررسید و معوق
life-due_intro = به ترتیب فوریت: نخست پیگیری‌هایی که بیشتر از موعدشان گذشته، سپس آن‌ها که زودتر سررسید می‌شوند، سپس گروه‌هایی که بیشتر بی‌بازدید مانده‌اند. بازدید تازه‌تر، پیگیری‌های پیشین گروه را می‌بندد و گروه منحل یا مستقل‌شده بازدیدی بدهکار نیست.
life-all_counties = همهٔ شهرستان‌ها
life-show = نمایش
life-nothing_due = پیگیری معوق یا سررسیدی نیست و گروهی از بازدید جا نمانده است.
life-owed_a_visit = بازدید بدهکار
life-days_without_visit = روز بی‌بازدید
life-what_owed = آنچه بدهکار است
life-threshold_of = آستانهٔ
life-months = ماه
life-definition = تعریف
life-days_late = روز گذشته
life-days_left = روز مانده
life-due_today = امروز
life-never_visited = هرگز
life-settings = آستانهٔ «بدون بازدید» استان‌ها
life-settings_intro = گروه ثبت‌شده‌ای که بیش از این چند ماه (از آخرین بازدید، یا از ثبتش اگر هرگز بازدید نشده) بازدید نشده باشد بازدید بدهکار است؛ گروه منحل یا مستقل‌شده هرگز. پیش‌فرض ۳ ماه است.
life-default = پیش‌فرض
life-no_visit_saved = آستانهٔ بدون بازدید ذخیره شد
life-back_to_default = خالی: بازگشت به پیش‌فرض
life-group = گروه
life-visit_date = تاریخ بازدید
life-requests_open = درخواست باز
field-year = سال
field-month = ماه
field-revenue = درآمد (ریال)
field-costs = هزینه (ریال)
field-profit = سود
field-members_working = اعضای شاغل
field-people_hired = افراد استخدام‌شده
field-channels = کانال‌های فروش
field-channel_other = کانال دیگر
field-payments = پرداختی به اعضا
field-held_on = تاریخ جلسه
field-topics = موضوعات
field-decisions = تصمیم‌ها
field-attendance = حضور و غیاب
field-visited_on = تاریخ بازدید
field-visitor_name = بازدیدکننده
field-purpose = هدف بازدید
field-findings = یافته‌ها
field-requests = درخواست‌های اعضا
field-referrals = ارجاع به
field-referral_other = مرجع دیگر
field-follow_up_due = موعد پیگیری
field-done_on = تاریخ انجام
field-permit_kind = نوع مجوز
field-permit_number = شمارهٔ مجوز
field-issued_on = تاریخ صدور
field-expires_on = تاریخ انقضا
field-no_visit_months = ماه‌های بدون بازدید
field-recorded_by = ثبت‌کننده

## app/src/group_life/meetings.rs
meetings-attendance_only_marked_members_group = حضور و غیاب فقط برای اعضای گروه در تاریخ جلسه ثبت می‌شود

## app/src/group_life/settings.rs
settings-choose_one_provinces_scope = یکی از استان‌های حوزهٔ خود را انتخاب کنید

## app/src/group_life/visits.rs
visits-visit_asked_follow_up = برای این بازدید پیگیری‌ای خواسته نشده است
visits-later_visit_group_answered_follow = بازدید بعدی گروه به این پیگیری پاسخ داده و بسته شده است
visits-visit_s_follow_up_was = پیگیری این بازدید پیش‌تر ثبت شده است
visits-request_was_already_resolved = این درخواست پیش‌تر رسیدگی شده است

## domain/src/group_life/business.rs
business-profit_overflows = سود این ماه از حد مجاز بیرون است
business-enter_year_month_numbers_e = سال و ماه را با عدد وارد کنید، مثلاً ۱۴۰۵ و ۸
business-year_have_four_digits_month = سال باید چهاررقمی و ماه عددی از ۱ تا ۱۲ باشد
business-describe_other_sales_channel = کانال فروش «سایر» را توضیح دهید
business-enter_one_payment_per_member = برای هر عضو فقط یک مبلغ پرداختی وارد کنید
# $month: the month and year, as «آذر ۱۴۰۵»
business-month_not_yet = ماه { $month } هنوز نرسیده است
# $what: the amount's name, a message of its own (business-what_revenue and the like)
business-amount_required = { $what } این ماه وارد نشده است (اگر نبوده، صفر بنویسید)
# $what: the amount's name, a message of its own (business-what_revenue and the like)
business-amount_negative = { $what } نمی‌تواند منفی باشد
# $max: the most people counted in one month
business-people_out_of_range = تعداد نفرات باید عددی از ۰ تا { $max } باشد
# The names of the amounts, in business-amount_required and business-amount_negative.
business-what_revenue = درآمد
business-what_costs = هزینه
business-what_payment = مبلغ پرداختی به عضو

## domain/src/group_life/meeting.rs
meeting-members_attendance_required = حضور و غیاب اعضا ثبت نشده است
meeting-choose_present_absent_excused_every = برای هر عضو یکی از «حاضر»، «غایب» یا «غیبت موجه» را انتخاب کنید
meeting-each_member_s_attendance_recorded = حضور هر عضو فقط یک بار ثبت می‌شود
# $what: the text's name, a message of its own (meeting-what_topics and the like)
meeting-text_required = { $what } وارد نشده است
# The names of a meeting's date and text, in group_life-date_required, group_life-date_after_today and meeting-text_required.
meeting-what_held_on = تاریخ جلسه
meeting-what_topics = موضوعات جلسه

## domain/src/group_life/permit.rs
permit-permit_number_required = شمارهٔ مجوز وارد نشده است
permit-permit_cannot_expire_before_was = تاریخ انقضای مجوز نمی‌تواند پیش از تاریخ صدور آن باشد
# The names of a permit's dates, in group_life-date_required and group_life-date_after_today.
permit-what_issued_on = تاریخ صدور
permit-what_expires_on = تاریخ انقضا

## domain/src/group_life/visit.rs
visit-name_other_referral = مرجع ارجاع «سایر» را نام ببرید
visit-follow_up_cannot_due_before = موعد پیگیری نمی‌تواند پیش از تاریخ بازدید باشد
visit-date_done_cannot_before_visit = تاریخ انجام نمی‌تواند پیش از تاریخ بازدید باشد
visit-number_months_from_1_24 = تعداد ماه‌ها باید عددی از ۱ تا ۲۴ باشد
# $max: the most requests recorded with one visit
# $count: the number of requests entered
visit-too_many_requests = در هر بازدید حداکثر { $max } درخواست ثبت می‌شود (اکنون { $count })
# $text: what was typed
visit-months_not_a_number = «{ $text }» عدد نیست؛ عددی از ۱ تا ۲۴ وارد کنید
# The names of a visit's dates and texts, in group_life-date_required, group_life-date_after_today and meeting-text_required.
visit-what_visited_on = تاریخ بازدید
visit-what_purpose = هدف بازدید
visit-what_done_on = تاریخ انجام
visit-what_note = شرح اقدام

## domain/src/group_life/mod.rs
# $what: the date's name, a message of its own (meeting-what_held_on and the like)
group_life-date_required = { $what } وارد نشده است
# $what: the date's name, a message of its own (meeting-what_held_on and the like)
group_life-date_after_today = { $what } نمی‌تواند بعد از امروز باشد

## app/src/group_life/business.rs
# $month: the month and year
business-payment_to_non_member = پرداخت فقط به اعضای گروه در { $month } ثبت می‌شود
# $formed: the day the group was identified
business-month_before_forming = گروه در { $formed } شناسایی شده است؛ کسب‌وکار ماه‌های پیش از آن ثبت نمی‌شود

## web/src/pages/group_life/due.rs
# $lines: the lines of the visits-due list; $page, $pages: this page and the number of pages
life-due_summary = { $lines } مورد · صفحهٔ { $page } از { $pages }

## app/src/group_life/field_sync.rs
# $names: the women marked, $day: the meeting's day
field-not_members_that_day = { $names } در { $day } عضو این گروه نبود؛ حضورش را بردارید و جلسه را دوباره بفرستید
# $day: the meeting's day, $name: who recorded the meeting already there
field-meeting_already_recorded = جلسهٔ { $day } این گروه را پیش‌تر { $name } ثبت کرده است؛ اگر جلسهٔ دیگری بوده، تأیید کنید

## web/src/api/sync.rs
# $max: the most records one sync takes
field-too_many_records = در هر همگام‌سازی حداکثر { $max } رکورد فرستاده می‌شود
field-kind_unknown = نوع رکورد باید meeting، visit یا fund_meeting باشد
