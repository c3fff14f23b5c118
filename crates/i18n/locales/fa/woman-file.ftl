### A woman's file.

women-identifiers_masked = کد ملی، نشانی و شمارهٔ شبا برای نقش شما پوشیده است.

## app/src/registry/coverage.rs
# $since: the date of the latest decision
coverage-decision_before_latest = تاریخ تصمیم نمی‌تواند پیش از آخرین تصمیم ({ $since }) باشد
coverage-empowered_through_proposal = خروج «توانمند شده» با پیشنهاد مددکار و شواهد آن و تأیید کارشناس ثبت می‌شود؛ از بخش «ارزیابی‌ها و پیامدها» پیشنهاد دهید.
coverage-choose_status_from_list = وضعیت را از فهرست انتخاب کنید
coverage-choose_reason_exit = علت خروج را انتخاب کنید
coverage-write_reason_minutes_decision = دلیل یا شماره‌ی صورت‌جلسه‌ی تصمیم را بنویسید
coverage-reason_exceed_500_characters = دلیل نباید بیش از ۵۰۰ نویسه باشد
coverage-decision_date_cannot_future = تاریخ تصمیم نمی‌تواند در آینده باشد

## app/src/registry/duplicates.rs
duplicates-choose_one_two_records_keep = یکی از دو پرونده را برای ماندن انتخاب کنید
duplicates-one_these_records_was_merged = یکی از این دو پرونده پیش‌تر ادغام شده است
duplicates-candidate_was_reviewed_already = این مورد پیش‌تر بررسی شده است

## app/src/registry/household.rs
# $max: the most characters allowed
household-text_too_long = این متن نباید بیش از { $max } نویسه باشد
household-date_cannot_future = تاریخ نمی‌تواند در آینده باشد
household-member_s_national_id_woman = کد ملی عضو با کد ملی خود سرپرست یکی است
household-choose_body_from_list = نهاد را از فهرست انتخاب کنید
household-choose_inquiry_s_result = نتیجه‌ی استعلام را انتخاب کنید
household-choose_document_from_list = نوع مدرک را از فهرست انتخاب کنید

## app/src/registry/import/check.rs
check-national_id_appears_earlier_row = این کد ملی در ردیف‌های پیشین همین فایل آمده است

## app/src/registry/import/write.rs
write-woman_national_id_already_registered = زنی با این کد ملی پیش‌تر ثبت شده است

## app/src/registry/settings.rs
settings-write_fiscal_year_four_digits = سال مالی را چهاررقمی بنویسید، مانند ۱۴۰۵
settings-amount_above_zero = مبلغ باید بیش از صفر باشد
settings-larger_household_s_pension_lower = مستمری خانوار بزرگ‌تر نباید از خانوار کوچک‌تر کمتر باشد

## app/src/registry/singlehood.rs
singlehood-choose_one_provinces_scope = یکی از استان‌های حوزه‌ی خود را انتخاب کنید

## app/src/registry/women.rs
# $county: the county as typed
women-county_ambiguous = «{ $county }» با چند شهرستان جور است؛ از فهرست انتخاب کنید یا کد شهرستان را بنویسید
# $county: the county as typed
women-county_not_found = شهرستان «{ $county }» در محدوده‌ی شما پیدا نشد
women-choose_county = شهرستان را انتخاب کنید
women-national_id_already_registered = این کد ملی پیش‌تر ثبت شده است
women-someone_else_changed_record_meanwhile = این پرونده در این فاصله به دست کس دیگری تغییر کرده است؛ صفحه را دوباره باز کنید

## domain/src/registry/coverage.rs
coverage-fiscal_year_have_four_digits = سال مالی باید چهار رقمی باشد، مانند ۱۴۰۵
# $allowed: the statuses a first episode may have, quoted and joined as «الف»، «ب» یا «ج»
# $status: the status asked for
coverage-first_status_not_allowed = نخستین وضعیت پوشش باید { $allowed } باشد، نه «{ $status }»
# $status: the woman's current status
coverage-status_unchanged = وضعیت پوشش هم‌اکنون «{ $status }» است
# $from: the woman's current status
# $to: the status asked for
# $allowed: the statuses that may follow, quoted and joined as «الف»، «ب» یا «ج»
coverage-transition_not_allowed = تغییر وضعیت پوشش از «{ $from }» به «{ $to }» مجاز نیست؛ از «{ $from }» فقط به { $allowed } می‌توان رفت
# $tier: the pension tier, as «خانوار ۳ نفره»
coverage-pension_not_positive = مستمری ماهانهٔ { $tier } باید بیشتر از صفر باشد
# $tier: the pension tier, as «خانوار ۳ نفره»
# $rials: its monthly amount
# $smaller_tier: the tier before it
# $smaller_rials: that tier's monthly amount
coverage-pension_below_smaller_tier = مستمری ماهانهٔ { $tier } ({ $rials } ریال) نباید کمتر از مستمری { $smaller_tier } ({ $smaller_rials } ریال) باشد

## domain/src/registry/eligibility.rs
eligibility-highest_income_decile_between_1 = حداکثر دهک درآمدی باید بین ۱ و ۱۰ باشد
eligibility-at_least_one_headship_cause = دست‌کم یک علت سرپرستی باید پذیرفته باشد
# $cause: the headship cause listed twice
eligibility-cause_listed_twice = علت سرپرستی «{ $cause }» بیش از یک بار آمده است
# $what: the age's name, a message of its own (eligibility-what_min_age and the like)
# $lowest: the lowest age allowed
# $max: the highest age allowed
eligibility-age_out_of_range = { $what } باید بین { $lowest } و { $max } سال باشد
# The names of the ages of the eligibility rules, in eligibility-age_out_of_range,
# eligibility-age_reached and eligibility-age_below.
eligibility-what_min_age = حداقل سن
eligibility-what_singlehood_min_age = حداقل سن تجرد قطعی
eligibility-what_self_headed_girl_min_age = حداقل سن دختر خودسرپرست
# The verdicts of the eligibility rules for one woman, shown in her file.
eligibility-decile_not_set = دهک درآمدی هنوز با آزمون وسع تعیین نشده است
# $decile: the income decile recorded, outside 1 to 10
eligibility-decile_invalid = دهک درآمدی ثبت‌شده ({ $decile }) نامعتبر است؛ دهک باید بین ۱ و ۱۰ باشد
# $decile: her household's income decile
# $max: the highest decile the rules accept
eligibility-decile_accepted = دهک درآمدی { $decile } در محدودهٔ پذیرفته (دهک ۱ تا { $max }) است
# $decile: her household's income decile
# $max: the highest decile the rules accept
eligibility-decile_above_accepted = دهک درآمدی { $decile } است؛ فقط دهک‌های ۱ تا { $max } پذیرفته می‌شوند
eligibility-coverage_inquiry_unanswered = پاسخ استعلام از نهادهای حمایتی دیگر هنوز دریافت نشده است
eligibility-no_other_coverage = بنا بر استعلام، تحت پوشش نهاد حمایتی دیگری نیست
eligibility-other_coverage = بنا بر استعلام، تحت پوشش نهاد حمایتی دیگری است
# $cause: her headship cause
eligibility-cause_accepted = علت سرپرستی «{ $cause }» پذیرفته است
# $cause: her headship cause
eligibility-cause_not_accepted = علت سرپرستی «{ $cause }» در قواعد کنونی پذیرفته نیست
eligibility-born_after_today = تاریخ تولد بعد از امروز است
# $age: her age in whole years
# $threshold: the age rule's name, a message of its own (eligibility-what_min_age, singlehood-national_threshold and the like)
# $minimum: the age the rule requires, in years
eligibility-age_reached = سن { $age } سال است و به { $threshold } ({ $minimum } سال) می‌رسد
# $age: her age in whole years
# $threshold: the age rule's name, a message of its own (eligibility-what_min_age, singlehood-national_threshold and the like)
# $minimum: the age the rule requires, in years
eligibility-age_below = سن { $age } سال است و به { $threshold } ({ $minimum } سال) نمی‌رسد

## domain/src/registry/fields.rs
fields-text_contains_invisible_control_character = متن شامل نویسهٔ کنترلی نامرئی است
fields-answer_yes = پاسخ باید «بله» یا «خیر» باشد
fields-income_decile_number_from_1 = دهک درآمدی باید عددی از ۱ تا ۱۰ باشد
fields-date_birth_cannot_after_today = تاریخ تولد نمی‌تواند بعد از امروز باشد
# $max: the most characters the field keeps
# $length: the number of characters typed
fields-text_too_long = متن حداکثر می‌تواند { $max } نویسه باشد (اکنون { $length } نویسه است)
# $list: the name of the coded list, as «نوع سکونت»
fields-choice_required = { $list } انتخاب نشده است
# $text: what was typed, shortened to 40 characters
# $list: the name of the coded list, as «نوع سکونت»
# $choices: the list's values, joined as «شهری، روستایی، عشایری»
fields-not_in_list = «{ $text }» در فهرست { $list } نیست؛ یکی از این‌ها را وارد کنید: { $choices }
# $age: the age the date of birth gives, in years
# $min: the lowest age allowed
# $max: the highest age allowed
fields-age_out_of_range = سن بر پایهٔ این تاریخ تولد { $age } سال می‌شود؛ باید بین { $min } و { $max } سال باشد

## domain/src/registry/singlehood.rs
singlehood-age_not_a_choice = حداقل سن تجرد قطعی یک استان فقط می‌تواند ۴۵، ۵۰ یا ۵۵ سال باشد
# The names of the threshold for definitive singlehood, in eligibility-age_reached and eligibility-age_below.
singlehood-national_threshold = حداقل سن تجرد قطعی کشوری
# $province: the province's name
singlehood-provincial_threshold = حداقل سن تجرد قطعی استان { $province }

## domain/src/registry/woman.rs
woman-birth_date_required = تاریخ تولد وارد نشده است
