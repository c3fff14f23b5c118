### Messages of accounts, passwords and places

## app/src/places.rs
places-enter_name = Enter the name
places-name_exceed_80_characters = The name must not exceed 80 characters
places-choose_place_from_list = Choose a place from the list
places-chosen_province_does_exist = The chosen province does not exist
places-county_english_name_already_exists = A county with this English name already exists in this province
places-place_already_has_name_from = This place already has a name from that date

## app/src/users.rs
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
