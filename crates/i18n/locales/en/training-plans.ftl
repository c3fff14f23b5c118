### Training plans: a provider's contracts and a group's training needs (issue 18).

## domain/src/training/contract.rs, need.rs
training-plans-date_required = Enter the date.
training-plans-contract_no_required = Enter the contract number.
training-plans-too_long = This text is too long.
training-plans-period_backwards = The contract's period cannot end before it starts.
training-plans-amount_above_zero = The contract's amount must be more than zero rials.
training-plans-line_not_training = A training contract is paid only from a training or job-preparation line.
training-plans-line_of_another_province = The budget line must be of this provider's province.
training-plans-line_other_year = This budget line's year is not in the contract's period.
training-plans-kind_or_skill = Choose a course kind or write the skill needed.
training-plans-reason_required = Say why the group's business needs this training.
training-plans-date_in_future = The date cannot be after today.

## app/src/training/contracts.rs, needs.rs
training-plans-choose_line = Choose a training or job-preparation budget line of your place.
training-plans-contract_no_in_use = This provider already has a contract with this number.
training-plans-choose_kind = Choose a course kind from the list.
training-plans-need_closed = This need was already met or withdrawn.
