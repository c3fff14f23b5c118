### The yearly plan (issue 19): a province's or a county's targets for a fiscal year and the
### plan against what was achieved, month by month (`crates/domain/src/plan.rs`,
### `crates/app/src/plan/`, `crates/reports/src/plan_view.rs`, `crates/web/src/pages/plan.rs`).

## The targets (the domain's `PlanTarget`) and the form's fields
plan-target-groups_formed = گروه‌های تشکیل‌شده
plan-target-women_joining = زنان پیوسته به گروه‌ها
plan-target-women_trained = زنان آموزش‌دیده
plan-target-visits_made = بازدیدهای انجام‌شده
plan-target-women_empowered = زنان توانمندشده (خروج از چرخهٔ حمایت)
field-groups_formed = هدف گروه‌های تشکیل‌شده
field-women_joining = هدف زنان پیوسته به گروه‌ها
field-women_trained = هدف زنان آموزش‌دیده
field-visits_made = هدف بازدیدها
field-women_empowered = هدف زنان توانمندشده

## domain/src/plan.rs
plan-target_required = عدد هدف را بنویسید (صفر هم پذیرفته است).
plan-target_not_a_number = «{ $text }» عدد درستی نیست؛ یک عدد صحیح و نامنفی بنویسید.
plan-target_too_large = هدف نمی‌تواند بیش از { $max } باشد.
plan-note_too_long = یادداشت نمی‌تواند بیش از { $max } نویسه باشد.
plan-note_control = یادداشت نویسه‌های نامجاز دارد.

## app/src/plan/
plan-place_province_or_county = برنامه برای یک استان یا یک شهرستان نوشته می‌شود؛ یکی از آن‌ها را برگزینید.
plan-year_out_of_range = برنامه را برای سال‌های { $from } تا { $to } می‌توان نوشت.

## reports/src/plan_view.rs
plan-title_of = برنامهٔ سال { $year } — { $place }
plan-to_date = تا پایان { $month } { $year }
plan-set_by = تعیین‌شده به دست { $name }، { $when }
plan-default_note = پیش‌فرض: { $percent } درصد زنان تحت پوشش در آغاز سال ({ $covered } زن)، گردشده به بالا.

## web/src/pages/plan.rs and templates
plan-title = برنامهٔ سالانه
plan-nav = برنامهٔ سالانه
plan-place = مکان
plan-no_plan = برای این مکان و سال هنوز برنامه‌ای تعیین نشده است؛ دستاوردها بی‌مقایسه با هدف نشان داده می‌شوند.
plan-country_note = برنامه برای هر استان و شهرستان جداگانه تعیین می‌شود؛ برای دیدن برنامه یکی از آن‌ها را برگزینید.
plan-not_begun = این سال هنوز آغاز نشده است.
plan-target = هدف
plan-yearly = هدف سال
plan-achieved = دستاورد تا کنون
plan-planned = برنامه تا کنون
plan-share = نسبت به برنامه
plan-share_of_year = نسبت به هدف سال
plan-by_month = ماه به ماه (انباشته از آغاز سال)
plan-month = ماه
plan-rule = برنامهٔ هر ماه: هدف سال به‌طور یکسان میان دوازده ماه سال پخش می‌شود و تا پایان هر ماه انباشته است؛ دستاورد هر ماه همان رقمی است که داشبورد برای بازهٔ آغاز سال تا پایان آن ماه نشان می‌دهد.
plan-set = تعیین برنامه
plan-replace = تغییر برنامه
plan-form_hint = هر هدف یک عدد صحیح نامنفی است. اگر هدف زنان توانمندشده را خالی بگذارید، ۱۰ درصد زنان تحت پوشش در آغاز سال (گردشده به بالا) در نظر گرفته می‌شود. تعیین دوباره، برنامهٔ پیشین را جایگزین می‌کند و سابقه در ردپای ممیزی می‌ماند.
plan-empowered_hint = خالی: ۱۰ درصد زنان تحت پوشش در آغاز سال ({ $target } زن)
plan-saved = برنامهٔ سال ذخیره شد.
plan-dashboard_section = برنامه در برابر دستاورد
plan-see_plan = برنامهٔ ماه به ماه
plan-download = دریافت جدول برنامه
plan-monthly_section = برنامهٔ سالانه در برابر دستاورد
