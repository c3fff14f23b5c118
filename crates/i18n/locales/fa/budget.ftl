### The yearly budget and its lines.

nav-money = بودجه و گزارش مالی
budget-title = بودجه
budget-lines = ردیف‌های بودجه
budget-none = برای این سال و استان هنوز ردیف بودجه‌ای نیست.
budget-place = محل
budget-category = ردیف بودجه
budget-budget = بودجه
budget-committed = تعهد شده
budget-paid = پرداخت شده
budget-open = تعهد پرداخت‌نشده
budget-left = مانده
budget-province_office = ستاد استان
budget-year_form = بودجهٔ سال
budget-year_form_hint = هر مبلغ بودجهٔ تازهٔ کل آن ردیف است (به ریال)؛ تفاوت با مبلغ فعلی ثبت می‌شود. ردیف خالی تغییر نمی‌کند.
budget-for_place = برای
budget-divide_form = تقسیم به شهرستان
budget-amend_form = اصلاحیه
budget-amend_hint = مبلغ منفی بودجهٔ ردیف را کم می‌کند.
budget-province_line = ردیف استانی
budget-line = ردیف
budget-amount_rials = مبلغ (ریال)
budget-description = شرح
budget-saved = بودجه ثبت شد.
budget-fiscal_year = وضعیت سال مالی
budget-year_open = این سال مالی باز است: رویدادهای مالی آن را می‌توان با تاریخ خودشان (گذشته، نه آینده) ثبت کرد.
budget-year_closed = این سال مالی بسته است: هیچ سندی با تاریخ این سال یا بر ردیف‌های آن ثبت نمی‌شود.
budget-closed_badge = بسته
budget-closed_by = بسته شده به دست
budget-reopened_by = بازگشایی شده به دست
budget-reopen_reason = دلیل بازگشایی
budget-close_year = بستن سال مالی
budget-close_hint = پس از بستن، کارشناس ستاد ملی تنها با ذکر دلیل می‌تواند سال را بازگشایی کند.
budget-reopen_year = بازگشایی سال مالی
budget-year_was_closed = سال مالی بسته شد.
budget-year_was_reopened = سال مالی بازگشایی شد.
budget-divided = بودجه تقسیم شد.
budget-amended = اصلاحیه ثبت شد.
budget-to_report = گزارش بودجه و هزینه
action-post = ثبت

## app/src/budget/allocation.rs
# $on: the day the line would go below its commitments
allocation-cut_below_committed = این کاهش بودجهٔ ردیف را در { $on } کمتر از مبلغ تعهدشده می‌کند
allocation-line_s_budget_cannot_negative = بودجهٔ یک ردیف نمی‌تواند منفی باشد
allocation-enter_amount_at_least_one = دست‌کم مبلغ یک ردیف را وارد کنید
allocation-amount_divide_more_than_zero = مبلغ تقسیم باید بیشتر از صفر باشد
allocation-only_province_line_divided_among = فقط ردیف استانی را می‌توان میان شهرستان‌ها تقسیم کرد
allocation-amount_cannot_zero = مبلغ نمی‌تواند صفر باشد

## app/src/budget/commitment.rs
# $year: the line's fiscal year
commitment-date_outside_year = تاریخ باید در سال مالی { $year } باشد
# $left: what is left on the line; $asked: the amount asked
commitment-overdraw = مانده این ردیف بودجه { $left } است و { $asked } از آن بیشتر است
commitment-payment_date_amount_more_than = این مبلغ در تاریخ پرداخت بیش از تعهد پرداخت‌نشدهٔ این ردیف است

## app/src/budget/dates.rs
# $on: the transaction's date; $left: what is left that day; $asked: the amount asked
dates-shortfall_on_the_day = مانده این ردیف بودجه در { $on } { $left } است و { $asked } از آن بیشتر است
# $on: the later day that would go short; $left: what is left that day; $asked: the amount asked
dates-shortfall_on_a_later_day = مانده این ردیف بودجه در { $on } (پس از تاریخ این سند) { $left } است و { $asked } از آن بیشتر است
# $date: the date typed; $first: the line's first allocation
dates-before_first_allocation = تاریخ { $date } پیش از نخستین تخصیص این ردیف بودجه ({ $first }) است؛ تعهد نمی‌تواند پیش از تخصیص باشد
# $paid: the payment date; $committed: the date of its commitment
dates-paid_before_committed = تاریخ پرداخت ({ $paid }) پیش از تاریخ تأیید و تعهد آن ({ $committed }) است؛ پرداخت نمی‌تواند پیش از تعهدش باشد
# $date: the date typed; $today: today
dates-money_in_future = تاریخ { $date } هنوز نرسیده است؛ رویداد مالی را نمی‌توان با تاریخ آینده ثبت کرد (امروز { $today } است)
dates-nothing_has_been_allocated_budget = هنوز اعتباری به این ردیف بودجه تخصیص نیافته است؛ پیش از تخصیص نمی‌توان تعهدی ثبت کرد

## app/src/budget/lines.rs
lines-chosen_county_province = شهرستان انتخاب‌شده در این استان نیست

## app/src/ledger/batch.rs
# $account: the ledger account's number
ledger-account_missing = حساب { $account } وجود ندارد
# $key: the idempotency key sent
batch-key_taken = کلید یکتایی «{ $key }» پیش‌تر به کار رفته یا در این دسته تکرار شده است
batch-batch_s_debits_add_up = جمع بدهکار این دسته از حد مجاز بیشتر است؛ آن را در دسته‌های کوچک‌تر بفرستید

## app/src/ledger/guards.rs
# $year: the closed fiscal year
guards-year_closed = سال مالی { $year } این استان بسته شده است؛ هیچ سندی با تاریخ این سال یا بر ردیف‌های بودجهٔ آن ثبت نمی‌شود. برای ثبت، کارشناس ستاد ملی باید سال را با ذکر دلیل بازگشایی کند
guards-reversing_transaction_would_leave_budget = برگشت این سند ردیف بودجه را منفی می‌کند؛ نخست سندهای بعدی آن ردیف (تعهد یا پرداخت) را برگشت بزنید

## app/src/ledger/posting.rs
posting-keys_starting_payment_tranche_belong = کلیدهایی که با «payment.» یا «tranche.» آغاز می‌شوند از آنِ پرداخت‌ها و قسط‌هاست
posting-transaction_belongs_payment_grant_tranche = این سند از آنِ یک پرداخت یا قسط کمک است؛ آن را از صفحهٔ همان پرداخت یا قسط لغو کنید تا پرونده و دفتر با هم اصلاح شوند
posting-idempotency_key_was_already_used = این کلید یکتایی پیش‌تر برای سند دیگری به کار رفته است
posting-reversal_cannot_reversed_post_correct = سند برگشتی را نمی‌توان برگشت زد؛ سند درست را از نو ثبت کنید
posting-transaction_has_already_been_reversed = این سند پیش‌تر برگشت خورده است

## app/src/budget/fiscal_year.rs
# $year: the fiscal year
fiscal_year-not_closed = سال مالی { $year } این استان بسته نیست
# $year: the fiscal year
fiscal_year-already_closed = سال مالی { $year } این استان پیش‌تر بسته شده است
# $year: the fiscal year
fiscal_year-not_begun = سال مالی { $year } هنوز آغاز نشده است و نمی‌توان آن را بست
