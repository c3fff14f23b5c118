### Training and job preparation (crates/domain/src/training, crates/app/src/training).

## domain/src/training/completion.rs
training-percent_out_of_range = سهم جلسه‌هایی که باید حاضر بود عددی از ۱ تا ۱۰۰ است.

## app/src/training
training-required = این خانه را پر کنید.
training-too_long = این متن بیش از اندازه بلند است.
training-number_out_of_range = عددی از { $min } تا { $max } بنویسید.
training-code_latin = کد را با حروف لاتین، رقم و خط تیره بنویسید.
training-code_in_use = این کد برای نوع دوره‌ی دیگری به کار رفته است.
training-choose_category = نوع دوره را انتخاب کنید.
training-choose_provider_kind = نوع مجری را انتخاب کنید.
training-choose_province = استان مجری را انتخاب کنید.
training-provider_exists = مجری‌ای با همین نام در این استان ثبت شده است.
training-run_code_latin = کد دوره را با حروف لاتین، رقم و خط تیره بنویسید.
training-run_code_in_use = دوره‌ای با همین کد در این استان هست.
training-place_or_online = محل برگزاری را بنویسید یا «برخط» را بزنید.
training-session_twice = یک روز دو بار در برنامه‌ی جلسه‌ها آمده است.
training-sessions_required = روز جلسه‌ها را بنویسید؛ هر روز در یک سطر.
training-too_many_sessions = یک دوره بیش از { $max } جلسه ندارد.
training-choose_course_kind = نوع دوره را از فهرست انتخاب کنید.
training-choose_provider = مجری را از مجریان همین استان انتخاب کنید.
training-provider_of_another_province = این مجری از استان دیگری است.
training-line_not_for_run = ردیف بودجه باید ردیف آموزش یا آماده‌سازی شغلی همین محل و سال شروع دوره باشد.
training-national_ids_required = کد ملی زنانی را که ثبت‌نام می‌شوند بنویسید.
training-woman_not_for_run = زنی با کد ملی { $national_id } در محدوده‌ی شما و استان این دوره ثبت نشده است.
training-group_not_for_run = این گروه در محدوده‌ی شما و استان این دوره نیست.
training-group_has_no_members = این گروه در آن روز عضوی ندارد.
training-run_cancelled = این دوره لغو شده است.
training-run_over = این دوره پیش از این روز تمام شده است.
training-date_in_future = تاریخ نمی‌تواند بعد از امروز باشد.
training-over_capacity = ظرفیت دوره { $capacity } نفر است و { $free } جای خالی دارد.
training-marks_required = برای هر زن حضور، غیاب یا غیبت موجه را بزنید.
training-session_not_yet = حضور و غیاب جلسه‌ای را که هنوز برگزار نشده نمی‌توان ثبت کرد.
training-marked_after_dropout = { $name } پیش از این جلسه دوره را ترک کرده است.
training-unknown_mark = علامت حضور شناخته نشد؛ حاضر، غایب یا غیبت موجه.
training-outcome_recorded = نتیجه‌ی این ثبت‌نام پیش‌تر ثبت شده است.
training-completed_on_range = تاریخ پایان دوره‌ی این زن باید از { $ends_on } تا امروز باشد.
training-too_few_sessions = در { $attended } جلسه از { $held } جلسه‌ی برگزارشده حاضر بوده است؛ دست‌کم { $needed } جلسه لازم است.
training-assessment_not_passed = آزمون پایانی این دوره قبول نشده یا ثبت نشده است.
training-nothing_held = هنوز جلسه‌ای از این دوره برگزار نشده است.
training-choose_dropout_reason = علت ترک دوره را انتخاب کنید.
training-dropped_on_range = تاریخ ترک دوره باید از روز ثبت‌نام تا امروز باشد.
