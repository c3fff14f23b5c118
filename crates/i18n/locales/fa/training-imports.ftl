### Importing a provider's attendance sheet (issue 18).
training-imports-run_code_required = کد دوره را بنویسید؛ در ستون «کد دوره» برای هر ردیف.
training-imports-run_code_in_two_provinces = این کد دوره در دو استان به کار رفته است؛ با کاربر همان استان وارد کنید.
training-imports-no_run = دوره‌ای با این کد در محدوده‌ی شما نیست.
training-imports-session_required = شماره‌ی جلسه یا تاریخ آن را بنویسید.
training-imports-no_session = این دوره جلسه‌ی «{ $session }» ندارد؛ شماره‌ی جلسه یا تاریخ آن را بنویسید.
training-imports-not_enrolled = زنی با کد ملی { $national_id } در این دوره ثبت‌نام نشده است.
