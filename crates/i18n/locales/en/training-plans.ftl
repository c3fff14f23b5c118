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

## web/src/pages/training/contracts.rs, needs.rs, run.rs; templates
training-plans-provider_title = Training provider
training-plans-back_to_providers = Back to providers
training-plans-contracts = Contracts
training-plans-contracts_hint = Paid: what the ledger paid for this provider's runs from the contract's line within its period; pending: proposed or approved, not yet paid.
training-plans-no_contracts = No contract with this provider has been recorded yet.
training-plans-contract_no = Contract number
training-plans-signed_on = Signed on
training-plans-period = Period
training-plans-period_from = Period from
training-plans-period_to = Period to
training-plans-date_hint = For example 1405/07/01
training-plans-amount = Amount
training-plans-amount_rials = Contract amount (rials)
training-plans-amount_hint = In rials; Persian or Latin digits, with or without separators
training-plans-paid = Paid
training-plans-pending = Pending
training-plans-remaining = Left
training-plans-note = Note
training-plans-add_contract = Record contract
training-plans-contract_added = The contract was recorded.
# $number: the contract's number; $pending, $remaining: amounts in the reader's unit
training-plans-contract_warning = Payments pending for this provider ({ $pending }) pass what is left of contract { $number } ({ $remaining }).
training-plans-group_section = Training
training-plans-group_no_runs = None of this group's members has been enrolled in a course yet.
training-plans-members_in_run = Group members in the run
# $enrolled, $completed, $dropped: counts of the group's members in a run
training-plans-group_counts = { $enrolled } enrolled · { $completed } completed · { $dropped } dropped out
training-plans-needs = Training needs
training-plans-no_needs = No training need has been recorded for this group.
# $day: a Jalali date; $name: who recorded it
training-plans-recorded_by = Recorded { $day } by { $name }
training-plans-withdraw = Withdraw
training-plans-add_need = Record a training need
training-plans-no_kind = Not a kind of the catalogue
training-plans-skill = Skill needed
training-plans-skill_hint = If no course kind fits, write the skill.
training-plans-reason = Why the group's business needs it
training-plans-recorded_on = Date
training-plans-need_title = A group's training need
training-plans-back_to_group = Back to the group
training-plans-need_recorded = The training need was recorded.
training-plans-need_withdrawn = The training need was withdrawn.
training-plans-needs_title = Groups' training needs
training-plans-needs_intro = The open needs of your place's groups, oldest first. Any run of a need's kind proposes the group for enrolment.
training-plans-no_open_needs = There is no open training need.
training-plans-proposed_hint = These groups recorded a need for this kind of course; enrolling a group meets it.
training-plans-enrol_group = Enrol the group
