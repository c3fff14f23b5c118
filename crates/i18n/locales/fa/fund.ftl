### The group fund: cycles, meetings, loans, draws, the share-out, the savings-group report
### (crates/domain/src/fund, crates/app/src/fund).

## the cycle's form
fund-what_starts_on = روز شروع دوره
fund-what_ends_on = روز پایان دوره
fund-what_held_on = روز جلسه
fund-cycle_ends_before_start = پایان دوره باید بعد از شروع آن باشد.
fund-cycle_too_long = دوره نمی‌تواند بیش از دو سال باشد.
fund-every_weekly = هفتگی
fund-every_fortnightly = دوهفته یک‌بار
fund-every_monthly = ماهانه
fund-every_unknown = فاصلهٔ جلسه‌ها را از فهرست انتخاب کنید.
fund-amount_required = مبلغ را بنویسید.
fund-amount_out_of_range = مبلغ باید از { $min } تا { $max } ریال باشد.
fund-not_a_whole_number = «{ $text }» عدد صحیح نیست.
fund-number_out_of_range = عددی از { $min } تا { $max } بنویسید.
fund-fee_not_a_percent = «{ $text }» درصد درستی نیست؛ مثلاً ۲ یا ۲٫۵ بنویسید.
fund-fee_too_high = کارمزد نمی‌تواند بیش از { $max } درصد باشد.
fund-cycle_already_open = این گروه یک دورهٔ باز دارد؛ دورهٔ بعد پس از تقسیم آن شروع می‌شود.
fund-cycle_before_last_share_out = دورهٔ تازه نمی‌تواند پیش از تقسیم دورهٔ قبل شروع شود.
fund-no_open_cycle = این گروه دورهٔ بازی ندارد؛ نخست دوره‌ای باز کنید.

## the meeting
fund-meeting_outside_cycle = این روز در دورهٔ صندوق نیست.
fund-meeting_not_after_last = جلسه باید بعد از آخرین جلسهٔ ثبت‌شدهٔ دوره باشد.
fund-meeting_same_day = برای این روز جلسه‌ای ثبت شده است.
fund-in_row = ردیف { $row }: { $problem }
fund-line_not_a_member = ردیف { $row }: این زن در روز جلسه عضو گروه نیست یا دو بار آمده است.
fund-repayment_more_than_owed = ردیف { $row }: بازپرداخت بیش از بدهی او ({ $owed } ریال) است.
fund-repayment_without_loan = ردیف { $row }: این عضو وامی ندارد که بازپرداخت کند.
fund-bank_too_little = حساب بانکی گروه فقط { $bank } ریال دارد.
fund-cash_too_little_for_bank = صندوق نقدی فقط { $cash } ریال دارد که به بانک برود.
fund-too_many_loans = در یک جلسه حداکثر { $max } وام داده می‌شود.
fund-loans_more_than_cash = وام‌های این جلسه ({ $lent } ریال) بیش از نقدینهٔ صندوق ({ $cash } ریال) است.
fund-loan_not_a_member = وام { $row }: گیرنده در روز جلسه عضو گروه نیست.
fund-loan_already_has_one = وام { $row }: این عضو هنوز وام پرداخت‌نشده دارد؛ هر عضو یک وام در یک زمان.
fund-loan_over_limit = وام { $row }: حداکثر { $multiple } برابر پس‌انداز او، یعنی { $limit } ریال.
fund-loan_guarantors = وام { $row }: یک تا { $max } ضامن از دیگر اعضای گروه انتخاب کنید.
fund-loan_not_a_winner = وام { $row }: این عضو برندهٔ بازِ این قرعه نیست.
fund-bad_key = فرم ناقص رسید؛ صفحه را دوباره باز کنید.
fund-already_recorded = این مورد پیش‌تر ثبت شده است.

## loans, draws, share-out, report
fund-day_after_today = این روز هنوز نرسیده است.
fund-day_before_loan = این روز پیش از پرداخت وام است.
fund-day_before_schedule = این روز پیش از آخرین تقسیط دوباره است.
fund-reason_required = تصمیم گروه را در چند کلمه بنویسید (حداکثر ۱۰۰۰ نویسه).
fund-reschedule_months = تعداد ماه‌ها باید از ۱ تا ۲۴ باشد.
fund-loan_closed = این وام بسته شده است.
fund-draw_candidates = دست‌کم دو عضو گروه را برای قرعه انتخاب کنید (هر کدام یک بار).
fund-draw_seats = تعداد برندگان باید از ۱ و کمتر از شرکت‌کنندگان باشد.
fund-share_out_day = روز تقسیم باید در دوره، بعد از آخرین جلسه و تا امروز باشد.
fund-share_out_loans_owed = پیش از تقسیم، همهٔ وام‌ها باید بازپرداخت یا به تصمیم گروه سوخت شوند.
fund-share_out_nothing = در این دوره سهمی خریده نشده که تقسیم شود.
fund-report_period = بازهٔ گزارش باید درست و حداکثر ده سال باشد.

## the journal's kinds
fund-kind_present = حاضر
fund-kind_absent = غایب
fund-kind_savings = خرید سهم
fund-kind_social = صندوق اجتماعی
fund-kind_fine = جریمه
fund-kind_repayment = بازپرداخت
fund-kind_disbursement = پرداخت وام
fund-kind_fee = کارمزد
fund-kind_write_off = سوخت وام
fund-kind_cash_difference = کسری یا اضافهٔ صندوق
fund-kind_to_bank = واریز به بانک
fund-kind_profit = سهم از سود
fund-kind_payout = پرداخت در تقسیم
