### Grants to groups and their tranches.

nav-grants = کمک‌های بلاعوض
grants-title = کمک‌های بلاعوض
grants-new_title = پیشنهاد کمک بلاعوض
grants-page_title = کمک بلاعوض
grants-new = پیشنهاد کمک تازه
grants-back = بازگشت به فهرست کمک‌ها
grants-none = کمکی با این ویژگی‌ها پیدا نشد.
grants-all = همه
grants-recipient = گیرنده
grants-hidden_name = (نام پنهان)
grants-total = مبلغ کل
grants-committed = تأییدشده
grants-paid = پرداخت‌شده
grants-line = ردیف بودجه
grants-left = مانده
grants-proposed_by = پیشنهاددهنده
grants-tranches = قسط‌ها
grants-tranche = قسط
grants-amount = مبلغ
grants-planned_on = تاریخ برنامه‌ریزی‌شده
grants-conditions = شرط‌های پرداخت
grants-no_conditions = بی‌شرط
grants-checked_today = بررسی شرط‌ها در امروز
grants-checked_at_approval = نتیجهٔ بررسی هنگام تأیید
grants-ledger = سندهای دفتر کل
grants-commit_txn = تعهد
grants-pay_txn = پرداخت
grants-reversed_by = برگشت‌خورده با سند
grants-decided_by = تصمیم‌گیرنده
grants-approve = تأیید قسط
grants-reject = رد قسط
grants-pay = ثبت پرداخت
grants-cancel = لغو قسط
grants-four_eyes = این کمک را شما پیشنهاد کرده‌اید؛ تأیید یا رد آن با کاربر دیگری است.
grants-cannot_approve = تا همهٔ شرط‌ها برقرار نشود، تأیید ممکن نیست.
grants-to_group = به یک گروه همیار
grants-to_woman = یا به یک زن (کد ملی)
grants-tranche_hint = جمع قسط‌ها باید با مبلغ کل برابر باشد؛ ردیف‌های خالی نادیده گرفته می‌شوند.
grants-visit_days = روز
grants-training_share = ٪ اعضایی که دوره را تمام کرده‌اند
grants-propose = ثبت پیشنهاد
grants-proposed = کمک پیشنهاد شد
grants-approved = قسط تأیید و تعهد شد
grants-rejected = قسط رد شد
grants-paid_done = پرداخت قسط ثبت شد
grants-cancelled = قسط لغو شد
grants-group_section = کمک‌های بلاعوض
grants-group_none = برای این گروه کمکی پیشنهاد نشده است.
grants-rejection_reason = علت رد
grants-cancel_reason = علت لغو
field-line_id = ردیف بودجه
field-group_id = گروه
field-recipient = گیرنده
field-grant_purpose = موضوع کمک
field-total = مبلغ کل (ریال)
field-tranches = قسط‌ها
field-conditions = شرط‌های پرداخت
field-approver = تأییدکننده
field-tranche = قسط
field-cancel_reason = علت لغو
grants-acknowledge_double_support = حمایت مضاعف را دیده‌ام و تأیید می‌کنم
field-paid_on = تاریخ پرداخت
field-approved_on = تاریخ تأیید (تعهد)
grants-date_hint = روزی که رخ داده است؛ می‌تواند گذشته باشد، در سال مالی ردیف و نه پس از امروز
field-amount = مبلغ

## app/src/grants/decide.rs
# $condition: the failed condition, as the grant's page names it
# $explanation: why it failed, a message of its own (conditions-…)
decide-condition_not_met = شرط پرداخت این قسط برقرار نیست: { $condition } ({ $explanation })
# $status: the tranche's status
decide-wrong_tranche_status = این کار در وضعیت «{ $status }» این قسط ممکن نیست
decide-reason_required = علت را بنویسید
decide-reason_longer_than_500_characters = علت بیش از ۵۰۰ نویسه است
decide-someone_else_changed_tranche_at = این قسط هم‌زمان به دست کاربر دیگری تغییر کرد
decide-whoever_proposed_grant_cannot_approve = پیشنهاددهندهٔ کمک نمی‌تواند خودش آن را تأیید کند؛ تأیید با کاربر دیگری است
decide-decide_earlier_tranches_first = ابتدا دربارهٔ قسط‌های پیشین تصمیم بگیرید

## app/src/grants/listing.rs
listing-unknown_status = وضعیت ناشناخته است

## app/src/grants/propose.rs
propose-choose_grant_budget_line_area = یک ردیف بودجهٔ کمک بلاعوض در حوزهٔ خود انتخاب کنید
propose-budget_line_working_capital_grant = این ردیف بودجه از نوع «سرمایه کار بلاعوض» نیست
propose-group_id_area = گروهی با این شناسه در حوزهٔ شما نیست
propose-group_has_been_dissolved_has = این گروه منحل یا مستقل شده است و کمک نمی‌گیرد
propose-woman_national_id_registered_area = زنی با این کد ملی در حوزهٔ شما ثبت نشده است
propose-choose_one_recipient_group_woman = یک گیرنده انتخاب کنید: یک گروه یا کد ملی یک زن
propose-budget_line_does_reach_recipient = این ردیف بودجه به شهرستان گیرنده نمی‌رسد

## domain/src/grants/conditions.rs
# Why a release condition of a tranche passed or failed, shown to whoever approves and kept with the approval.
conditions-woman_in_no_group = این زن امروز عضو هیچ گروهی نیست
conditions-no_stage_history = سابقهٔ مراحل گروه خالی است
# $group: the group's name
# $since: the day it was registered, as ۱۴۰۵/۰۵/۰۱
# $stage: the group's stage today
conditions-group_registered = گروه «{ $group }» در { $since } ثبت شد و اکنون «{ $stage }» است
# $group: the group's name
# $stage: the group's stage today
conditions-group_not_registered = گروه «{ $group }» اکنون «{ $stage }» است، نه ثبت‌شده
# Kept by approvals made when the condition judged the group's trained stage; no longer judged.
# $group: the group's name
# $on: the day its training ended, as ۱۴۰۵/۰۳/۰۱
conditions-group_trained = آموزش گروه «{ $group }» در { $on } تمام شد
# Kept by approvals made when the condition judged the group's trained stage; no longer judged.
# $group: the group's name
conditions-group_not_trained = گروه «{ $group }» هنوز آموزش ندیده است
# $completed: how many members on the day hold a completion record of a course
# $members: the group's members on the day
# $group: the group's name
# $share: the share of members the condition requires, in percent
# $on: the latest of those members' first completions, as ۱۴۰۵/۰۶/۲۰
conditions-members_trained = { $completed } نفر از { $members } عضو گروه «{ $group }» دورهٔ آموزشی را تمام کرده‌اند، آخرین نفر در { $on } (حد لازم: { $share }٪)
# $completed: how many members on the day hold a completion record of a course
# $members: the group's members on the day
# $group: the group's name
# $share: the share of members the condition requires, in percent
# $needed: how many completers that share is, rounded up
conditions-members_not_trained = تنها { $completed } نفر از { $members } عضو گروه «{ $group }» دورهٔ آموزشی را تمام کرده‌اند (حد لازم: { $share }٪، یعنی { $needed } نفر)
# $group: the group's name
conditions-group_without_members = گروه «{ $group }» در این روز هیچ عضوی ندارد
# $on: the day of her first completion record, as ۱۴۰۵/۰۶/۰۱
conditions-woman_trained = این زن در { $on } دورهٔ آموزشی را تمام کرد
conditions-woman_not_trained = این زن هنوز هیچ دورهٔ آموزشی را تمام نکرده است
# $on: the day of the latest monitoring visit, as ۱۴۰۵/۰۷/۰۲
# $ago: how many days ago that was
# $days: the most days the condition allows
conditions-last_visit = آخرین بازدید { $on }، { $ago } روز پیش (حداکثر { $days } روز)
conditions-no_visit = هیچ بازدید پایشی ثبت نشده است
conditions-first_tranche = این قسط نخست است
# $seq: the previous tranche's number
# $status: its status
conditions-previous_tranche_status = قسط { $seq } «{ $status }» است
# $explanation: the sentence an approval kept before these explanations were messages of the catalogue (it exists in Persian and English only)
conditions-kept_explanation = { $explanation }

## domain/src/grants/form.rs
form-unknown_condition = شرط ناشناخته است
form-write_what_grant = موضوع کمک را بنویسید
form-purpose_longer_than_500_characters = موضوع کمک بیش از ۵۰۰ نویسه است
form-at_least_one_tranche_needed = دست‌کم یک قسط لازم است
# $max: the longest visit window a condition may ask for, in days
form-visit_days_out_of_range = تعداد روزهای بازدید باید عددی از ۱ تا { $max } باشد
# $max: the largest share of members a condition may ask for, in percent (100)
form-training_share_out_of_range = سهم اعضایی که باید دورهٔ آموزشی را تمام کرده باشند باید درصدی از ۱ تا { $max } باشد
# $max: the most tranches one grant may have
form-too_many_tranches = یک کمک حداکثر { $max } قسط دارد
# $sum: the tranches' sum, as money (a dash when too large to add up)
# $total: the grant's total, as money
form-tranches_sum_differs = جمع قسط‌ها ({ $sum }) با مبلغ کل ({ $total }) برابر نیست

## app/src/grants/support.rs
# $names: the women's names, joined; $months: the window in months
support-double_support_unacknowledged = { $names } در { $months } ماه گذشته از جای دیگری کمک یا وام گرفته‌اند؛ پس از بررسی سوابق، «حمایت مضاعف را دیده‌ام» را علامت بزنید
