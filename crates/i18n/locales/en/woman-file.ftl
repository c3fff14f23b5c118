### A woman's file.

women-identifiers_masked = The national ID, address and bank account are masked for your role.

## app/src/registry/coverage.rs
# $since: the date of the latest decision
coverage-decision_before_latest = The decision date cannot precede the latest decision ({ $since })
coverage-choose_status_from_list = Choose the status from the list
coverage-choose_reason_exit = Choose the reason for the exit
coverage-write_reason_minutes_decision = Write the reason or the minutes of the decision
coverage-reason_exceed_500_characters = The reason must not exceed 500 characters
coverage-decision_date_cannot_future = The decision date cannot be in the future

## app/src/registry/duplicates.rs
duplicates-choose_one_two_records_keep = Choose one of the two records to keep
duplicates-one_these_records_was_merged = One of these records was merged already
duplicates-candidate_was_reviewed_already = This candidate was reviewed already

## app/src/registry/household.rs
# $max: the most characters allowed
household-text_too_long = This text must not exceed { $max } characters
household-date_cannot_future = The date cannot be in the future
household-member_s_national_id_woman = The member's national ID is the woman's own
household-choose_body_from_list = Choose the body from the list
household-choose_inquiry_s_result = Choose the inquiry's result
household-choose_document_from_list = Choose the document from the list

## app/src/registry/import/check.rs
check-national_id_appears_earlier_row = This national ID appears in an earlier row of this file


## app/src/registry/import/write.rs
write-woman_national_id_already_registered = A woman with this national ID is already registered

## app/src/registry/settings.rs
settings-write_fiscal_year_four_digits = Write the fiscal year with four digits, like 1405
settings-amount_above_zero = The amount must be above zero
settings-larger_household_s_pension_lower = A larger household's pension must not be lower than a smaller one's

## app/src/registry/singlehood.rs
singlehood-choose_one_provinces_scope = Choose one of the provinces in your scope

## app/src/registry/women.rs
# $county: the county as typed
women-county_ambiguous = "{ $county }" matches several counties; choose from the list or use the county's code
# $county: the county as typed
women-county_not_found = County "{ $county }" was not found in your scope
women-choose_county = Choose the county
women-national_id_already_registered = This national ID is already registered
women-someone_else_changed_record_meanwhile = Someone else changed this record meanwhile; reload the page

## domain/src/registry/coverage.rs
coverage-fiscal_year_have_four_digits = fiscal year must have four digits, like 1405

## domain/src/registry/eligibility.rs
eligibility-highest_income_decile_between_1 = the highest income decile must be between 1 and 10
eligibility-at_least_one_headship_cause = at least one headship cause must be accepted

## domain/src/registry/fields.rs
fields-text_contains_invisible_control_character = the text contains an invisible control character
fields-answer_yes = the answer must be yes or no
fields-income_decile_number_from_1 = the income decile must be a number from 1 to 10
fields-date_birth_cannot_after_today = the date of birth cannot be after today

