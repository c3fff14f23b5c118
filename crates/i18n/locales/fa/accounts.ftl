### پیام‌های حساب‌ها، گذرواژه‌ها و مکان‌ها

## app/src/places.rs
places-enter_name = نام را وارد کنید
places-name_exceed_80_characters = نام نباید بیش از ۸۰ نویسه باشد
places-choose_place_from_list = یک مکان از فهرست انتخاب کنید
places-chosen_province_does_exist = استان انتخاب‌شده وجود ندارد
places-county_english_name_already_exists = شهرستانی با همین نام لاتین در این استان هست
places-place_already_has_name_from = این مکان از همین تاریخ نام دیگری دارد

## app/src/users.rs
users-role_in_county = این نقش باید در سطح یک شهرستان باشد
users-role_in_province = این نقش باید در سطح یک استان باشد
users-role_country_wide = این نقش باید در سطح کشور باشد
users-username_have_3_32_characters = نام کاربری باید ۳ تا ۳۲ نویسه باشد
users-username_has_only_lowercase_latin = نام کاربری فقط حروف لاتین کوچک، رقم، نقطه، خط تیره و زیرخط دارد و با حرف آغاز می‌شود
users-enter_full_name = نام و نام خانوادگی را وارد کنید
users-name_exceed_100_characters = نام نباید بیش از ۱۰۰ نویسه باشد
users-two_passwords_differ = تکرار گذرواژه با خود آن یکی نیست
users-choose_role_from_list = یک نقش از فهرست انتخاب کنید
users-choose_scope_country_province_county = محدوده (کشور، استان یا شهرستان) را از فهرست انتخاب کنید
users-current_password_wrong = گذرواژه‌ی کنونی درست نیست
users-scope_outside_own = این محدوده بیرون از محدوده‌ی دسترسی شماست
users-username_already_taken = این نام کاربری پیش‌تر گرفته شده است
users-cannot_disable_own_account = نمی‌توانید حساب خودتان را غیرفعال کنید
users-unknown_language = زبان نامعتبر است
users-unknown_money_unit = واحد پول نامعتبر است

## app/src/password/strength.rs
# $most: the most characters allowed
strength-too_long = گذرواژه نباید بیش از { $most } نویسه باشد
# $least: the fewest characters allowed
strength-too_short = گذرواژه باید دست‌کم { $least } نویسه باشد
strength-too_common = این گذرواژه بیش از اندازه رایج یا حدس‌زدنی است (واژه یا نامی رایج، تاریخ، یا رشته‌ای مانند ۱۲۳۴)؛ چند واژه‌ی نامرتبط را پشت هم بنویسید و عدد یا نشانه‌ای به آن بیفزایید
strength-keyboard_pattern = گذرواژه یک الگوی صفحه‌کلید است (مانند qwerty، یا واژه‌ای لاتین که با صفحه‌کلید فارسی تایپ شده)؛ چند واژه‌ی نامرتبط را پشت هم بنویسید
strength-contains_own_name = گذرواژه نباید نام کاربری یا نام شما را در خود داشته باشد؛ عبارتی بسازید که به شما ربطی ندارد

## app/src/api_tokens, web/src/pages/account/api_tokens.rs
api_tokens-title = توکن‌های دسترسی
api_tokens-intro = توکن به برنامه‌ای (مانند برنامه‌ی میدانی یا سامانه‌ای دیگر) اجازه می‌دهد از راه رابط برنامه‌نویسی به نام شما و فقط در محدوده‌ای که برمی‌گزینید کار کند. هر استفاده ثبت می‌شود.
api_tokens-none = هنوز توکنی نساخته‌اید
api_tokens-create = ساختن توکن
api_tokens-access_read = فقط خواندن
api_tokens-access_write = خواندن و نوشتن
api_tokens-state_live = فعال
api_tokens-state_expired = منقضی‌شده
api_tokens-state_revoked = باطل‌شده
api_tokens-revoke = باطل کردن
api_tokens-revoked = توکن باطل شد
api_tokens-never_used = هنوز به کار نرفته
api_tokens-days_hint = از ۱ تا ۳۶۵ روز؛ اگر خالی بماند ۹۰ روز
api_tokens-created_title = توکن ساخته شد
api_tokens-copy_now = این رمز را همین حالا کپی کنید و جای امنی نگه دارید: فقط همین یک بار نشان داده می‌شود و هامیار خودِ آن را نگه نمی‌دارد. اگر گم شد، توکن را باطل کنید و توکن تازه‌ای بسازید.
api_tokens-back = بازگشت به حساب من
api_tokens-enter_name = نامی برای توکن بنویسید
api_tokens-name_exceed_60_characters = نام توکن نباید بیش از ۶۰ نویسه باشد
api_tokens-choose_access = دسترسی را برگزینید: فقط خواندن، یا خواندن و نوشتن
api_tokens-expiry_between_1_and_365_days = مدت اعتبار باید از ۱ تا ۳۶۵ روز باشد
# $most: how many live tokens one person may hold
api_tokens-too_many_live_tokens = بیش از { $most } توکن فعال نمی‌توانید داشته باشید؛ نخست یکی را باطل کنید
field-name = نام
field-access = دسترسی
field-expires_at = تاریخ انقضا
field-last_used_at = آخرین استفاده
field-expires_in_days = مدت اعتبار (روز)
field-secret = رمز توکن
