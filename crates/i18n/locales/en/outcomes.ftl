### Outcomes: instruments (questionnaires as data), women's forms, their schedule
### (crates/domain/src/outcomes, crates/app/src/outcomes, crates/web/src/pages/outcomes).

## definitions of instruments
outcomes-definition_bad_code = The code “{ $code }” is wrong or repeated: lowercase Latin letters, digits and _, at most 40.
outcomes-definition_bad_version = The version of “{ $code }” must be a number from 1 to 9999.
outcomes-definition_item_count = “{ $code }” must have from 1 to 300 items.
outcomes-definition_too_many_parts = “{ $code }” has more than 50 sections, scales or scores.
outcomes-definition_option_count = “{ $code }” must have from 2 to 20 options.
outcomes-definition_bad_option = The options of “{ $code }” are repeated or wrong.
outcomes-definition_unknown_section = Item “{ $code }” names a section that is not defined.
outcomes-definition_unknown_scale = Item “{ $code }” names a scale that is not defined.
outcomes-definition_bad_bounds = The bounds of item “{ $code }” are wrong.
outcomes-definition_unknown_item = A score names item “{ $code }”, which is not defined.
outcomes-definition_choice_scored = The choice item “{ $code }” has no points and cannot be scored.
outcomes-definition_item_twice = Item “{ $code }” appears twice in one score.
outcomes-definition_bad_reversed = The reversed item “{ $code }” must be a scale item of the same score.
outcomes-definition_bad_text = The Persian or English text of “{ $code }” is empty or longer than 500 characters.
outcomes-definition_too_large = The definition is larger than { $kib } KiB.
outcomes-definition_not_json = The definition is not valid JSON (near line { $line }).
outcomes-definition_next_version = The next version of this instrument must be { $version }.

## answers
outcomes-answer_unknown_item = This instrument has no such item.
outcomes-answer_too_long = The answer is too long.
outcomes-answer_not_on_scale = The answer must be one of the options ({ $values }).
outcomes-answer_negative = An amount cannot be negative.
outcomes-answer_out_of_range = Write a number from { $min } to { $max }.
outcomes-answer_not_yes_no = Write “yes” or “no”.
outcomes-answer_not_an_option = The answer is not one of this item's options.
outcomes-answer_problem = Item { $item }: { $problem }
outcomes-unknown_instrument = The instrument “{ $code }” is not defined.
outcomes-taken_in_future = The day it was filled has not come yet.
outcomes-note_too_long = A note has at most { $max } characters.
outcomes-occasion_not_followed = She has not joined a group or a course yet: only a baseline can be recorded.
outcomes-occasion_not_in_schedule = This occasion is not in her schedule.
outcomes-occasion_too_early = This occasion falls due on { $due_on }; it cannot be recorded more than a month earlier.
outcomes-occasion_unknown = The occasion was not recognised.
outcomes-already_taken = This instrument is already recorded for this occasion.
