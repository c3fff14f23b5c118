### Training and job preparation (crates/domain/src/training, crates/app/src/training).

## domain/src/training/completion.rs
training-percent_out_of_range = The share of sessions to attend is a number from 1 to 100.

## app/src/training
training-required = Fill in this field.
training-too_long = This text is too long.
training-number_out_of_range = Write a number from { $min } to { $max }.
training-code_latin = Write the code with Latin letters, digits and hyphens.
training-code_in_use = Another course kind has this code.
training-choose_category = Choose what the course teaches.
training-choose_provider_kind = Choose the kind of provider.
training-choose_province = Choose the provider's province.
training-provider_exists = A provider with this name is registered in this province.
training-run_code_latin = Write the run's code with Latin letters, digits and hyphens.
training-run_code_in_use = A run with this code exists in this province.
training-place_or_online = Write where it is taught, or tick online.
training-session_twice = A day appears twice in the schedule.
training-sessions_required = Write the days of the sessions, one per line.
training-too_many_sessions = A run has at most { $max } sessions.
training-choose_course_kind = Choose the course kind from the list.
training-choose_provider = Choose a provider of this province.
training-provider_of_another_province = This provider is of another province.
training-line_not_for_run = The budget line must be a training or job-preparation line of this place and of the year the run starts.
training-national_ids_required = Write the national IDs of the women to enrol.
training-woman_not_for_run = No woman with national ID { $national_id } is registered within your reach in this run's province.
training-group_not_for_run = This group is not within your reach in this run's province.
training-group_has_no_members = This group has no members on that day.
training-run_cancelled = This run is cancelled.
training-run_over = This run was over before that day.
training-date_in_future = The date cannot be after today.
training-over_capacity = The run takes { $capacity } women and has { $free } seats left.
training-marks_required = Mark each woman present, absent or excused.
training-session_not_yet = A session that has not been held cannot be marked.
training-marked_after_dropout = { $name } left the course before this session.
training-unknown_mark = Unknown mark; present, absent or excused.
training-outcome_recorded = This enrolment's outcome is already recorded.
training-completed_on_range = Her completion day must be from { $ends_on } to today.
training-too_few_sessions = She was present at { $attended } of { $held } sessions held; at least { $needed } are needed.
training-assessment_not_passed = The course's final assessment is not passed or not recorded.
training-nothing_held = No session of this run has been held yet.
training-choose_dropout_reason = Choose why she left.
training-dropped_on_range = The day she left must be from her enrolment to today.
