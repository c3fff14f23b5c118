### A woman's file.

women-identifiers_masked = The national ID, address and bank account are masked for your role.

## app/src/registry/coverage.rs
# $since: the date of the latest decision
coverage-decision_before_latest = The decision date cannot precede the latest decision ({ $since })
coverage-empowered_through_proposal = An exit as empowered is proposed with its evidence and approved by an expert; propose it from "Assessments and outcomes".
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
# $allowed: the statuses a first episode may have, joined as "A, B or C"
# $status: the status asked for
coverage-first_status_not_allowed = the first coverage status must be { $allowed }, not { $status }
# $status: the woman's current status
coverage-status_unchanged = the coverage status is already { $status }
# $from: the woman's current status
# $to: the status asked for
# $allowed: the statuses that may follow, joined as "A, B or C"
coverage-transition_not_allowed = coverage status cannot change from { $from } to { $to }; from { $from } it can only change to { $allowed }
# $tier: the pension tier, as "household of 3"
coverage-pension_not_positive = the monthly pension for a { $tier } must be more than zero
# $tier: the pension tier, as "household of 3"
# $rials: its monthly amount
# $smaller_tier: the tier before it
# $smaller_rials: that tier's monthly amount
coverage-pension_below_smaller_tier = the monthly pension for a { $tier } ({ $rials } rials) must not be less than for a { $smaller_tier } ({ $smaller_rials } rials)

## domain/src/registry/eligibility.rs
eligibility-highest_income_decile_between_1 = the highest income decile must be between 1 and 10
eligibility-at_least_one_headship_cause = at least one headship cause must be accepted
# $cause: the headship cause listed twice
eligibility-cause_listed_twice = headship cause { $cause } is listed more than once
# $what: the age's name, a message of its own (eligibility-what_min_age and the like)
# $lowest: the lowest age allowed
# $max: the highest age allowed
eligibility-age_out_of_range = { $what } must be between { $lowest } and { $max } years
# The names of the ages of the eligibility rules, in eligibility-age_out_of_range,
# eligibility-age_reached and eligibility-age_below.
eligibility-what_min_age = the minimum age
eligibility-what_singlehood_min_age = the minimum age for definitive singlehood
eligibility-what_self_headed_girl_min_age = the minimum age for a self-headed girl
# The verdicts of the eligibility rules for one woman, shown in her file.
eligibility-decile_not_set = the income decile has not been set by a means test yet
# $decile: the income decile recorded, outside 1 to 10
eligibility-decile_invalid = the recorded income decile ({ $decile }) is invalid; it must be 1 to 10
# $decile: her household's income decile
# $max: the highest decile the rules accept
eligibility-decile_accepted = income decile { $decile } is within the accepted deciles 1 to { $max }
# $decile: her household's income decile
# $max: the highest decile the rules accept
eligibility-decile_above_accepted = income decile { $decile } is above the accepted deciles 1 to { $max }
eligibility-coverage_inquiry_unanswered = no inquiry to other support bodies has been answered yet
eligibility-no_other_coverage = according to the inquiry, no other support body covers her
eligibility-other_coverage = according to the inquiry, another support body already covers her
# $cause: her headship cause
eligibility-cause_accepted = headship cause { $cause } is accepted
# $cause: her headship cause
eligibility-cause_not_accepted = headship cause { $cause } is not accepted by the current rules
eligibility-born_after_today = the date of birth is after today
# $age: her age in whole years
# $threshold: the age rule's name, a message of its own (eligibility-what_min_age, singlehood-national_threshold and the like)
# $minimum: the age the rule requires, in years
eligibility-age_reached = age { $age } meets { $threshold } ({ $minimum })
# $age: her age in whole years
# $threshold: the age rule's name, a message of its own (eligibility-what_min_age, singlehood-national_threshold and the like)
# $minimum: the age the rule requires, in years
eligibility-age_below = age { $age } is below { $threshold } ({ $minimum })

## domain/src/registry/fields.rs
fields-text_contains_invisible_control_character = the text contains an invisible control character
fields-answer_yes = the answer must be yes or no
fields-income_decile_number_from_1 = the income decile must be a number from 1 to 10
fields-date_birth_cannot_after_today = the date of birth cannot be after today
# $max: the most characters the field keeps
# $length: the number of characters typed
fields-text_too_long = the text must be at most { $max } characters (got { $length })
# $list: the name of the coded list, as "settlement"
fields-choice_required = { $list } is required
# $text: what was typed, shortened to 40 characters
# $list: the name of the coded list, as "settlement"
# $choices: the list's values, joined as "Urban, Rural, Nomadic"
fields-not_in_list = "{ $text }" is not a known { $list }; expected one of: { $choices }
# $age: the age the date of birth gives, in years
# $min: the lowest age allowed
# $max: the highest age allowed
fields-age_out_of_range = this date of birth gives an age of { $age }; it must be between { $min } and { $max }

## domain/src/registry/singlehood.rs
singlehood-age_not_a_choice = a province's minimum age for definitive singlehood can only be 45, 50 or 55 years
# The names of the threshold for definitive singlehood, in eligibility-age_reached and eligibility-age_below.
singlehood-national_threshold = the national minimum age for definitive singlehood
# $province: the province's name
singlehood-provincial_threshold = the minimum age for definitive singlehood in { $province } province

## domain/src/registry/woman.rs
woman-birth_date_required = the date of birth is required
