### Bank self-employment loans: referrals to agent banks, their steps and instalments
### (crates/domain/src/bank_loans/, crates/app/src/bank_loans/, crates/web/src/pages/bank_loans.rs).

## domain and app
bank-loans-day_after_today = این روز هنوز نرسیده است؛ روزی تا امروز بنویسید.
bank-loans-day_before_previous_step = این روز پیش از گام قبلی همین معرفی است.
bank-loans-amount_required = مبلغ را بنویسید.
bank-loans-amount_not_positive = مبلغ باید بیشتر از صفر باشد.
# $max: the largest amount, in rials
bank-loans-amount_too_large = مبلغ بیش از { $max } ریال است؛ صفرها را دوباره بشمارید.
# $max: the largest fee, in basis points
bank-loans-fee_out_of_range = کارمزد را به صدم درصد و از ۰ تا { $max } بنویسید (۴۰۰ یعنی ۴٪).
bank-loans-term_required = مدت بازپرداخت را به ماه بنویسید.
# $max: the longest term, in months
bank-loans-term_out_of_range = مدت بازپرداخت باید از ۱ تا { $max } ماه باشد.
bank-loans-name_other_bank = نام بانک را بنویسید.
# $max: the most guarantors
bank-loans-too_many_guarantors = بیش از { $max } ضامن نمی‌توان نوشت.
bank-loans-guarantor_twice = این ضامن یک بار نوشته شده است.
bank-loans-guarantor_woman_unknown = زنی با این شماره پرونده در حوزهٔ شما نیست.
bank-loans-guarantor_name_required = نام ضامن را بنویسید.
bank-loans-guarantor_national_id_required = کد ملی ضامن را بنویسید.
bank-loans-guarantor_is_borrower = وام‌گیرنده نمی‌تواند ضامن وام خودش باشد.
bank-loans-group_has_no_members = این گروه عضو فعلی ندارد.
bank-loans-choose_decision = پاسخ بانک را انتخاب کنید: موافقت یا رد.
bank-loans-approved_more_than_asked = بانک بیش از مبلغ معرفی‌شده موافقت نمی‌کند؛ مبلغ را بررسی کنید.
bank-loans-disbursed_more_than_approved = مبلغ پرداختی از مبلغ مورد موافقت بانک بیشتر است.
bank-loans-paid_more_than_owed = این مبلغ از مانده‌ی بدهی بیشتر است.
bank-loans-reason_required = بنویسید چرا این معرفی ابطال می‌شود.
# $status: the referral's present state
bank-loans-not_in_this_state = این کار در وضعیت «{ $status }» ممکن نیست.
bank-loans-changed_meanwhile = این معرفی در همین فاصله تغییر کرده است؛ صفحه را دوباره باز کنید.

## web
bank-loans-nav = وام‌های بانکی
bank-loans-title = معرفی به بانک‌های عامل
bank-loans-lead = وام‌های خوداشتغالی که زنان با معرفی‌نامه‌ی بهزیستی از بانک‌های عامل گرفته‌اند یا در انتظار آن‌اند. وام پرداخت‌شده در سوابق تسهیلات زن ثبت می‌شود و در بررسی حمایت مضاعف به حساب می‌آید.
bank-loans-status = وضعیت
bank-loans-every_status = همه‌ی وضعیت‌ها
bank-loans-filter = نمایش
bank-loans-total_count = تعداد
bank-loans-none = معرفی‌ای نیست.
bank-loans-woman = زن
bank-loans-bank = بانک عامل
bank-loans-amount = مبلغ
bank-loans-referred_on = تاریخ معرفی‌نامه
bank-loans-paid = پرداخت‌شده
bank-loans-owed = مانده
bank-loans-arrears = معوقه
# $count: instalments in arrears; $amount: their sum, formatted
bank-loans-arrears_of = { $count } قسط عقب، { $amount }
bank-loans-previous = صفحه‌ی قبل
bank-loans-next = صفحه‌ی بعد
bank-loans-section = وام‌های بانکی
bank-loans-none_for_her = این زن به بانکی معرفی نشده است.
bank-loans-refer = معرفی به بانک
bank-loans-group_as_members = گروه (هر عضو جداگانه معرفی می‌شود)
bank-loans-refer_group = معرفی اعضای گروه به بانک عامل
bank-loans-new_title = معرفی به بانک عامل برای وام خوداشتغالی
bank-loans-back_to_file = بازگشت به پرونده
bank-loans-confirm_hint = اگر با وجود این سوابق معرفی لازم است، فرم را دوباره بفرستید؛ تعداد سوابق هشدار با معرفی ثبت می‌شود.
bank-loans-not_done = ثبت نشد:
bank-loans-bank_name = نام بانک (برای «سایر بانک‌ها»)
bank-loans-bank_name_hint = برای بانک‌های فهرست، نام شعبه را هم می‌توانید بنویسید.
bank-loans-amount_asked = مبلغ درخواستی
bank-loans-amount_hint = به ریال؛ رقم فارسی یا لاتین.
bank-loans-fee_basis_points = کارمزد (صدم درصد)
bank-loans-fee_hint = ۴۰۰ یعنی ۴٪؛ خالی یعنی ۴٪.
bank-loans-term = مدت بازپرداخت
bank-loans-term_hint = به ماه.
bank-loans-purpose = مصرف وام و توضیح
bank-loans-guarantors = ضامن‌ها
bank-loans-guarantors_hint = تا سه ضامن: شماره‌ی پرونده‌ی زنی از سامانه، یا نام و کد ملی شخص دیگر.
bank-loans-guarantor = ضامن
bank-loans-guarantor_woman = شماره‌ی پرونده در سامانه
bank-loans-guarantor_name = نام و نام خانوادگی
bank-loans-guarantor_national_id = کد ملی
bank-loans-refer_despite_warning = با وجود هشدار، معرفی شود
bank-loans-referred = معرفی به بانک ثبت شد.
bank-loans-loan_title = معرفی به بانک عامل
bank-loans-fee = کارمزد
# $percent: the fee as a percentage; $amount: the fee, formatted
bank-loans-fee_disclosed = { $percent }٪، برابر { $amount }
# $count: months
bank-loans-months = { $count } ماه
bank-loans-warned = هشدار حمایت مضاعف هنگام معرفی
# $count: earlier facilities the warning named
bank-loans-warned_count = { $count } مورد سابقه
bank-loans-note = توضیح
bank-loans-decided_on = تاریخ پاسخ بانک
bank-loans-disbursed_on = تاریخ پرداخت وام
bank-loans-total = کل بازپرداخت (اصل و کارمزد)
bank-loans-closed_on = تاریخ پایان
bank-loans-no_guarantors = ضامنی ثبت نشده است.
bank-loans-schedule = جدول اقساط
bank-loans-number = قسط
bank-loans-due_on = سررسید
bank-loans-late = عقب‌افتاده
bank-loans-instalments = اقساط پرداخت‌شده
bank-loans-next_step = گام بعد
bank-loans-decision = پاسخ بانک
bank-loans-approved = موافقت
bank-loans-refused = رد
bank-loans-approved_amount = مبلغ مورد موافقت
bank-loans-approved_amount_hint = خالی یعنی همان مبلغ درخواستی.
bank-loans-save = ثبت
bank-loans-disbursement = پرداخت وام
bank-loans-disbursed_amount = مبلغ پرداخت‌شده
bank-loans-disbursed_amount_hint = خالی یعنی همه‌ی مبلغ مورد موافقت.
bank-loans-instalment = ثبت قسط پرداخت‌شده
bank-loans-paid_on = تاریخ پرداخت
bank-loans-settle = تسویه
bank-loans-settle_hint = مانده‌ی بدهی در این تاریخ یکجا پرداخت‌شده ثبت می‌شود.
bank-loans-on = تاریخ
bank-loans-default = اعلام معوق از سوی بانک
bank-loans-withdraw = ابطال معرفی
bank-loans-withdraw_hint = برای معرفی لغوشده یا ثبت اشتباه؛ اگر وام پرداخت شده باشد، از سوابق تسهیلات او هم کنار گذاشته می‌شود (پاک نمی‌شود).
bank-loans-reason = دلیل
bank-loans-decided = پاسخ بانک ثبت شد.
bank-loans-disbursed = پرداخت وام ثبت شد و در سوابق تسهیلات او آمد.
bank-loans-instalment_recorded = قسط ثبت شد.
bank-loans-settled = وام تسویه شد.
bank-loans-defaulted = معوق شدن وام ثبت شد.
bank-loans-withdrawn = معرفی ابطال شد.
