### Payments: proposals, approvals, evidence, cancellations.

nav-payments = هزینه‌ها
payments-title = هزینه‌ها و پرداخت‌ها
payments-new = پیشنهاد پرداخت
payments-one = پرداخت
payments-all = همه
payments-none = پرداختی نیست.
payments-left = مانده:
payments-number = شماره
payments-line = ردیف بودجه
payments-line_left = مانده ردیف
payments-choose_line = ردیف بودجه را انتخاب کنید
payments-no_lines = ردیف بودجه‌ای برای امسال در محدوده شما نیست.
payments-payee = دریافت‌کننده
payments-payee_kind = نوع دریافت‌کننده
payments-amount = مبلغ (ریال)
payments-amount_shown = مبلغ
payments-spent_on = تاریخ هزینه
payments-reference = شماره قرارداد یا فاکتور
payments-description = شرح
payments-group_codes = کد گروه‌ها
payments-group_codes_hint = اختیاری؛ کدها را با فاصله یا ویرگول جدا کنید (مانند G-0001)
payments-woman_national_ids = کد ملی بانوان
payments-woman_national_ids_hint = اختیاری؛ کدهای ملی را با فاصله یا ویرگول جدا کنید
payments-course_run_code = کد دوره‌ی آموزشی
payments-course_run_code_hint = اختیاری؛ برای پرداخت به مجری، کد دوره‌ای که این پول برای آن است
payments-evidence = مستند (فاکتور، قرارداد یا رسید)
payments-evidence_hint = PDF، JPEG یا PNG تا ۱۰ مگابایت؛ پیش از پرداخت لازم است
payments-submit = ثبت پیشنهاد
payments-status = وضعیت
payments-proposed_by = پیشنهاد
payments-approved_by = تأیید
payments-rejected_by = رد
payments-paid_by = پرداخت
payments-cancelled_by = لغو
payments-history = گردش کار
payments-rejection_reason = دلیل رد
payments-cancel_reason = دلیل لغو
payments-ledger = اسناد دفتر کل
payments-tx_commit = سند تعهد
payments-tx_pay = سند پرداخت
payments-tx_reverse_pay = سند برگشت پرداخت
payments-tx_reverse_commit = سند برگشت تعهد
payments-links = برای
payments-groups_elsewhere = گروه در شهرستان‌های دیگر
payments-women_elsewhere = زن در شهرستان‌های دیگر
payments-elsewhere_hint = نام آن‌ها فقط به کسانی نشان داده می‌شود که آن شهرستان‌ها در محدودهٔ کارشان است.
payments-text_withheld = این پرداخت به بیرون از محدودهٔ شما هم می‌رسد؛ شرح، شمارهٔ قرارداد و دلیل‌های آن نشان داده نمی‌شود.
payments-files_withheld = مستند دیگر که ممکن است نام کسانی بیرون از محدودهٔ شما را داشته باشد
payments-woman_hidden = بانو (نام نمایش داده نمی‌شود)
payments-files = مستندات
payments-no_files = مستندی بارگذاری نشده است.
payments-kb = کیلوبایت
payments-attach = افزودن مستند
payments-decide = تصمیم
payments-approve = تأیید و ثبت تعهد
payments-reject = رد پیشنهاد
payments-pay = ثبت پرداخت
payments-paid_on = تاریخ پرداخت
payments-approved_on = تاریخ تأیید (قرارداد)
payments-paid_on_hint = روزی که رخ داده است؛ خالی یعنی امروز. می‌تواند گذشته باشد، در سال مالی ردیف و نه پس از امروز
payments-cancel = لغو پرداخت
payments-cancel_hint = هر سندی که ثبت شده با سند برگشتی خنثی می‌شود و هر دو در دفتر می‌مانند.
payments-reason = دلیل
payments-own_proposal = این پیشنهاد شماست؛ تأیید یا رد آن با کاربر دیگری است.
payments-refused = انجام نشد:
payments-proposed = پیشنهاد پرداخت ثبت شد.
payments-approved = پرداخت تأیید و تعهد آن ثبت شد.
payments-rejected = پیشنهاد رد شد.
payments-paid = پرداخت ثبت شد.
payments-cancelled = پرداخت لغو و اسناد آن برگشت خورد.
payments-evidence_added = مستند افزوده شد.
field-payee = دریافت‌کننده
field-payee_kind = نوع دریافت‌کننده
field-spent_on = تاریخ هزینه
field-group_codes = کد گروه‌ها
field-woman_national_ids = کد ملی بانوان
field-budget_line_id = ردیف بودجه

## app/src/spending/decide.rs
decide-whoever_proposed_payment_may_decide = پیشنهاددهنده نمی‌تواند درباره پرداخت خود تصمیم بگیرد؛ تأیید یا رد باید با کاربر دیگری باشد
decide-payment_changed_meanwhile_open_again = وضعیت این پرداخت هم‌زمان تغییر کرد؛ صفحه را دوباره باز کنید
decide-attach_payment_s_evidence_invoice = پیش از پرداخت، مستند آن (فاکتور، قرارداد یا رسید) را بارگذاری کنید

## app/src/spending/propose.rs
# $national_id: the national ID as typed
propose-woman_not_at_line = بانویی با کد ملی { $national_id } در محدوده این ردیف ثبت نشده است
# $code: the group code as typed
propose-group_not_at_line = گروهی با کد { $code } در محدوده این ردیف نیست
propose-course_run_not_for_line = دوره‌ی آموزشی { $code } در محدوده‌ی شما و این ردیف بودجه نیست، یا از ردیف دیگری پرداخت می‌شود
# $status: the payment's status
propose-evidence_on_closed_payment = به پرداختی که { $status } است نمی‌توان مستند افزود
# $most: the most characters allowed
propose-text_too_long = بیش از { $most } نویسه است
propose-payee_required = نام دریافت‌کننده را بنویسید
propose-choose_kind_payee = نوع دریافت‌کننده را انتخاب کنید
propose-amount_more_than_zero = مبلغ باید بیشتر از صفر باشد
propose-form_was_already_submitted = این فرم پیش‌تر فرستاده شده است

## web/src/pages/spending/evidence.rs
evidence-file_was_chosen = فایلی انتخاب نشده است

## web/src/pages/spending/proposal.rs
proposal-choose_budget_line = ردیف بودجه را انتخاب کنید
