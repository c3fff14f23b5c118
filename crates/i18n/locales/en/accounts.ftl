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

## app/src/api_tokens, web/src/pages/account/api_tokens.rs
api_tokens-title = API tokens
api_tokens-intro = A token lets a program (such as the field app or another system) use the API in your name, only within the scope you choose. Every use is logged.
api_tokens-none = You have no tokens yet
api_tokens-create = Create a token
api_tokens-access_read = Read only
api_tokens-access_write = Read and write
api_tokens-state_live = Active
api_tokens-state_expired = Expired
api_tokens-state_revoked = Revoked
api_tokens-revoke = Revoke
api_tokens-revoked = The token was revoked
api_tokens-never_used = Not used yet
api_tokens-days_hint = From 1 to 365 days; 90 days if left empty
api_tokens-created_title = Token created
api_tokens-copy_now = Copy this secret now and keep it somewhere safe: it is shown this once only, and Hamyar does not keep it. If you lose it, revoke the token and create a new one.
api_tokens-back = Back to my account
api_tokens-enter_name = Give the token a name
api_tokens-name_exceed_60_characters = The token's name must not exceed 60 characters
api_tokens-choose_access = Choose the access: read only, or read and write
api_tokens-expiry_between_1_and_365_days = The lifetime must be from 1 to 365 days
# $most: how many live tokens one person may hold
api_tokens-too_many_live_tokens = You cannot hold more than { $most } active tokens; revoke one first
field-name = Name
field-access = Access
field-expires_at = Expires
field-last_used_at = Last used
field-expires_in_days = Lifetime (days)
field-secret = Token secret
