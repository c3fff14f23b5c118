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
