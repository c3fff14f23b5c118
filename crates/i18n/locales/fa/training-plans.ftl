### Training plans: a provider's contracts and a group's training needs (issue 18).

## domain/src/training/contract.rs, need.rs
training-plans-date_required = تاریخ را بنویسید.
training-plans-contract_no_required = شماره‌ی قرارداد را بنویسید.
training-plans-too_long = این متن بیش از اندازه بلند است.
training-plans-period_backwards = پایان دوره‌ی قرارداد نمی‌تواند پیش از آغاز آن باشد.
training-plans-amount_above_zero = مبلغ قرارداد باید بیش از صفر ریال باشد.
training-plans-line_not_training = قرارداد آموزشی فقط از ردیف آموزش یا آماده‌سازی شغلی پرداخت می‌شود.
training-plans-line_of_another_province = ردیف بودجه باید از استان همین مجری باشد.
training-plans-line_other_year = سال این ردیف بودجه در دوره‌ی قرارداد نیست.
training-plans-kind_or_skill = نوع دوره را انتخاب کنید یا مهارت لازم را بنویسید.
training-plans-reason_required = بنویسید کسب‌وکار گروه چرا به این آموزش نیاز دارد.
training-plans-date_in_future = تاریخ نمی‌تواند بعد از امروز باشد.

## app/src/training/contracts.rs, needs.rs
training-plans-choose_line = ردیف بودجه را از ردیف‌های آموزش یا آماده‌سازی شغلی محدوده‌ی خود انتخاب کنید.
training-plans-contract_no_in_use = قراردادی با همین شماره برای این مجری ثبت شده است.
training-plans-choose_kind = نوع دوره را از فهرست انتخاب کنید.
training-plans-need_closed = این نیاز پیش‌تر برآورده یا لغو شده است.

## web/src/pages/training/contracts.rs, needs.rs, run.rs; templates
training-plans-provider_title = مجری آموزش
training-plans-back_to_providers = بازگشت به مجریان
training-plans-contracts = قراردادها
training-plans-contracts_hint = پرداخت‌شده: آنچه دفتر کل برای دوره‌های این مجری از ردیف قرارداد و در دوره‌ی آن پرداخته است؛ در انتظار: پیشنهادشده یا تأییدشده و هنوز پرداخت‌نشده.
training-plans-no_contracts = هنوز قراردادی با این مجری ثبت نشده است.
training-plans-contract_no = شماره‌ی قرارداد
training-plans-signed_on = تاریخ امضا
training-plans-period = دوره‌ی قرارداد
training-plans-period_from = آغاز دوره‌ی قرارداد
training-plans-period_to = پایان دوره‌ی قرارداد
training-plans-date_hint = مانند ۱۴۰۵/۰۷/۰۱
training-plans-amount = مبلغ
training-plans-amount_rials = مبلغ قرارداد (ریال)
training-plans-amount_hint = به ریال؛ رقم فارسی یا لاتین، با جداکننده یا بی آن
training-plans-paid = پرداخت‌شده
training-plans-pending = در انتظار پرداخت
training-plans-remaining = مانده
training-plans-note = توضیح
training-plans-add_contract = ثبت قرارداد
training-plans-contract_added = قرارداد ثبت شد.
# $number: the contract's number; $pending, $remaining: amounts in the reader's unit
training-plans-contract_warning = پرداخت‌های در انتظار این مجری ({ $pending }) از مانده‌ی قرارداد { $number } ({ $remaining }) بیشتر است.
training-plans-group_section = آموزش
training-plans-group_no_runs = هنوز هیچ‌یک از اعضای این گروه در دوره‌ای ثبت‌نام نشده است.
training-plans-members_in_run = اعضای گروه در دوره
# $enrolled, $completed, $dropped: counts of the group's members in a run
training-plans-group_counts = { $enrolled } نفر · { $completed } تکمیل · { $dropped } ترک دوره
training-plans-needs = نیازهای آموزشی
training-plans-no_needs = نیاز آموزشی‌ای برای این گروه ثبت نشده است.
# $day: a Jalali date; $name: who recorded it
training-plans-recorded_by = ثبت { $day } به دست { $name }
training-plans-withdraw = لغو نیاز
training-plans-add_need = ثبت نیاز آموزشی
training-plans-no_kind = نوعی از فهرست نیست
training-plans-skill = مهارت لازم
training-plans-skill_hint = اگر نوع دوره‌ای در فهرست نیست، مهارت را بنویسید.
training-plans-reason = کسب‌وکار گروه چرا به آن نیاز دارد
training-plans-recorded_on = تاریخ
training-plans-need_title = نیاز آموزشی گروه
training-plans-back_to_group = بازگشت به گروه
training-plans-need_recorded = نیاز آموزشی ثبت شد.
training-plans-need_withdrawn = نیاز آموزشی لغو شد.
training-plans-needs_title = نیازهای آموزشی گروه‌ها
training-plans-needs_intro = نیازهای باز گروه‌های محدوده‌ی شما، قدیمی‌ترین در بالا. هر دوره‌ای از نوع نیاز، گروه را برای ثبت‌نام پیشنهاد می‌کند.
training-plans-no_open_needs = نیاز آموزشی بازی نیست.
training-plans-proposed_hint = این گروه‌ها نیاز به همین نوع دوره را ثبت کرده‌اند؛ ثبت‌نام گروه، نیاز را برآورده می‌کند.
training-plans-enrol_group = ثبت‌نام گروه
