### Messages of accounts, passwords and places

## app/src/places.rs
places-enter_name = Enter the name
places-name_exceed_80_characters = The name must not exceed 80 characters
places-choose_place_from_list = Choose a place from the list
places-chosen_province_does_exist = The chosen province does not exist
places-county_english_name_already_exists = A county with this English name already exists in this province
places-place_already_has_name_from = This place already has a name from that date

## app/src/users.rs
users-role_in_county = This role must be scoped to a county
users-role_in_province = This role must be scoped to a province
users-role_country_wide = This role must be country-wide
users-username_have_3_32_characters = The username must have 3 to 32 characters
users-username_has_only_lowercase_latin = The username has only lowercase Latin letters, digits, '.', '-' and '_', and starts with a letter
users-enter_full_name = Enter the full name
users-name_exceed_100_characters = The name must not exceed 100 characters
users-two_passwords_differ = The two passwords differ
users-choose_role_from_list = Choose a role from the list
users-choose_scope_country_province_county = Choose the scope (country, province or county) from the list
users-current_password_wrong = The current password is wrong
users-scope_outside_own = This scope is outside your own
users-username_already_taken = This username is already taken
users-cannot_disable_own_account = You cannot disable your own account
users-unknown_language = Unknown language
users-unknown_money_unit = Unknown money unit

## app/src/password/strength.rs
# $most: the most characters allowed
strength-too_long = The password must not exceed { $most } characters
# $least: the fewest characters allowed
strength-too_short = The password must have at least { $least } characters
strength-too_common = This password is too common or guessable (a common word or name, a date, or a run like 1234); write several unrelated words in a row and add a number or symbol
strength-keyboard_pattern = The password is a keyboard pattern (like qwerty, or a Latin word typed on the Persian layout); write several unrelated words in a row
strength-contains_own_name = The password must not contain your username or your name; choose a phrase that has nothing to do with you
