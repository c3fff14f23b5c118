### Outcomes: instruments (questionnaires as data), women's forms, their schedule
### (crates/domain/src/outcomes, crates/app/src/outcomes, crates/web/src/pages/outcomes).

## definitions of instruments
outcomes-definition_bad_code = کد «{ $code }» درست نیست یا تکراری است: حروف کوچک لاتین، رقم و _، حداکثر ۴۰ نویسه.
outcomes-definition_bad_version = نسخه «{ $code }» باید عددی از ۱ تا ۹۹۹۹ باشد.
outcomes-definition_item_count = «{ $code }» باید دست‌کم یک و حداکثر ۳۰۰ پرسش داشته باشد.
outcomes-definition_too_many_parts = «{ $code }» بیش از ۵۰ بخش، مقیاس یا نمره دارد.
outcomes-definition_option_count = «{ $code }» باید دست‌کم ۲ و حداکثر ۲۰ گزینه داشته باشد.
outcomes-definition_bad_option = گزینه‌های «{ $code }» تکراری یا نادرست‌اند.
outcomes-definition_unknown_section = پرسش «{ $code }» به بخشی اشاره می‌کند که تعریف نشده است.
outcomes-definition_unknown_scale = پرسش «{ $code }» به مقیاسی اشاره می‌کند که تعریف نشده است.
outcomes-definition_bad_bounds = کمینه و بیشینه پرسش «{ $code }» درست نیست.
outcomes-definition_unknown_item = نمره به پرسش «{ $code }» اشاره می‌کند که تعریف نشده است.
outcomes-definition_choice_scored = پرسش چندگزینه‌ای «{ $code }» نمره ندارد و در نمره شمرده نمی‌شود.
outcomes-definition_item_twice = پرسش «{ $code }» دو بار در یک نمره آمده است.
outcomes-definition_bad_reversed = پرسش معکوس «{ $code }» باید پرسشی مقیاسی از همان نمره باشد.
outcomes-definition_bad_text = متن فارسی یا انگلیسی «{ $code }» خالی یا بلندتر از ۵۰۰ نویسه است.
outcomes-definition_too_large = تعریف پرسش‌نامه بزرگ‌تر از { $kib } کیلوبایت است.
outcomes-definition_not_json = تعریف پرسش‌نامه JSON درستی نیست (نزدیک سطر { $line }).
outcomes-definition_next_version = نسخهٔ بعدی این پرسش‌نامه باید { $version } باشد.

## answers
outcomes-answer_unknown_item = چنین پرسشی در این پرسش‌نامه نیست.
outcomes-answer_too_long = پاسخ بیش از اندازه بلند است.
outcomes-answer_not_on_scale = پاسخ باید یکی از گزینه‌ها باشد ({ $values }).
outcomes-answer_negative = مبلغ نمی‌تواند منفی باشد.
outcomes-answer_out_of_range = عددی از { $min } تا { $max } بنویسید.
outcomes-answer_not_yes_no = «بله» یا «خیر» بنویسید.
outcomes-answer_not_an_option = پاسخ یکی از گزینه‌های این پرسش نیست.
outcomes-answer_problem = پرسش { $item }: { $problem }
outcomes-unknown_instrument = پرسش‌نامه «{ $code }» تعریف نشده است.
outcomes-taken_in_future = روز تکمیل هنوز نرسیده است.
outcomes-note_too_long = یادداشت حداکثر { $max } نویسه است.
outcomes-occasion_not_followed = این زن هنوز عضو گروه یا دوره‌ای نشده است؛ فقط ارزیابی پایه ثبت می‌شود.
outcomes-occasion_not_in_schedule = این نوبت در برنامهٔ ارزیابی این زن نیست.
outcomes-occasion_too_early = موعد این نوبت { $due_on } است؛ بیش از یک ماه زودتر ثبت نمی‌شود.
outcomes-occasion_unknown = نوبت ارزیابی شناخته نشد.
outcomes-already_taken = این پرسش‌نامه برای این نوبت پیش‌تر ثبت شده است.
