### Grants to groups and their tranches.

nav-grants = Grants
grants-title = Grants
grants-new_title = Propose a grant
grants-page_title = Grant
grants-new = Propose a grant
grants-back = Back to the grants
grants-none = No grant matches.
grants-all = All
grants-recipient = Recipient
grants-hidden_name = (name hidden)
grants-total = Total
grants-committed = Approved
grants-paid = Paid
grants-line = Budget line
grants-left = left
grants-proposed_by = Proposed by
grants-tranches = Tranches
grants-tranche = Tranche
grants-amount = Amount
grants-planned_on = Planned date
grants-conditions = Release conditions
grants-no_conditions = No conditions
grants-checked_today = Conditions as of today
grants-checked_at_approval = As checked at approval
grants-ledger = Ledger transactions
grants-commit_txn = Commitment
grants-pay_txn = Payment
grants-reversed_by = reversed by
grants-decided_by = Decided by
grants-approve = Approve the tranche
grants-reject = Reject the tranche
grants-pay = Record the payment
grants-cancel = Cancel the tranche
grants-four_eyes = You proposed this grant; another user approves or rejects it.
grants-cannot_approve = It cannot be approved until every condition holds.
grants-to_group = To a Hamyar group
grants-to_woman = Or to a woman (national ID)
grants-tranche_hint = The tranches must add up to the total; empty rows are ignored.
grants-visit_days = days
grants-training_share = % of members with a completion record
grants-propose = Propose
grants-proposed = The grant was proposed
grants-approved = The tranche was approved and committed
grants-rejected = The tranche was rejected
grants-paid_done = The payment was recorded
grants-cancelled = The tranche was cancelled
grants-group_section = Grants
grants-group_none = No grant has been proposed for this group.
grants-rejection_reason = Reason for rejection
grants-cancel_reason = Reason for cancelling
field-line_id = Budget line
field-group_id = Group
field-recipient = Recipient
field-grant_purpose = Purpose of the grant
field-total = Total (rials)
field-tranches = Tranches
field-conditions = Release conditions
field-approver = Approver
field-tranche = Tranche
field-cancel_reason = Reason for cancelling
grants-acknowledge_double_support = I have seen the double support and approve
field-paid_on = Payment date
field-approved_on = Date approved (committed)
grants-date_hint = The day it happened: may be in the past, inside the line's fiscal year, not after today
field-amount = Amount

## app/src/grants/decide.rs
# $condition: the failed condition, as the grant's page names it
# $explanation: why it failed, a message of its own (conditions-…)
decide-condition_not_met = a release condition of the tranche is not met: { $condition } ({ $explanation })
# $status: the tranche's status
decide-wrong_tranche_status = not possible while the tranche is { $status }
decide-reason_required = a reason is required
decide-reason_longer_than_500_characters = the reason is longer than 500 characters
decide-someone_else_changed_tranche_at = someone else changed this tranche at the same time
decide-whoever_proposed_grant_cannot_approve = whoever proposed the grant cannot approve it; another user must
decide-decide_earlier_tranches_first = decide the earlier tranches first

## app/src/grants/listing.rs
listing-unknown_status = unknown status

## app/src/grants/propose.rs
propose-choose_grant_budget_line_area = choose a grant budget line in your area
propose-budget_line_working_capital_grant = this budget line is not a working-capital grant line
propose-group_id_area = no group with this id in your area
propose-group_has_been_dissolved_has = this group has been dissolved or has graduated
propose-woman_national_id_registered_area = no woman with this national ID is registered in your area
propose-choose_one_recipient_group_woman = choose one recipient: a group or a woman's national ID
propose-budget_line_does_reach_recipient = this budget line does not reach the recipient's county

## domain/src/grants/conditions.rs
# Why a release condition of a tranche passed or failed, shown to whoever approves and kept with the approval.
conditions-woman_in_no_group = the woman is not a member of any group today
conditions-no_stage_history = the group has no stage history
# $group: the group's name
# $since: the day it was registered, as 1405/05/01
# $stage: the group's stage today
conditions-group_registered = group «{ $group }» was registered on { $since } and is now { $stage }
# $group: the group's name
# $stage: the group's stage today
conditions-group_not_registered = group «{ $group }» is { $stage }, not registered
# Kept by approvals made when the condition judged the group's trained stage; no longer judged.
# $group: the group's name
# $on: the day its training ended, as 1405/03/01
conditions-group_trained = group «{ $group }» completed training on { $on }
# Kept by approvals made when the condition judged the group's trained stage; no longer judged.
# $group: the group's name
conditions-group_not_trained = group «{ $group }» has not completed training
# $completed: how many members on the day hold a completion record of a course
# $members: the group's members on the day
# $group: the group's name
# $share: the share of members the condition requires, in percent
# $on: the latest of those members' first completions, as 1405/06/20
conditions-members_trained = { $completed } of the { $members } members of group «{ $group }» have completed a course, the latest on { $on } (required: { $share }%)
# $completed: how many members on the day hold a completion record of a course
# $members: the group's members on the day
# $group: the group's name
# $share: the share of members the condition requires, in percent
# $needed: how many completers that share is, rounded up
conditions-members_not_trained = only { $completed } of the { $members } members of group «{ $group }» have completed a course (required: { $share }%, that is { $needed })
# $group: the group's name
conditions-group_without_members = group «{ $group }» has no members on this day
# $on: the day of her first completion record, as 1405/06/01
conditions-woman_trained = the woman completed a course on { $on }
conditions-woman_not_trained = the woman has not completed any course yet
# $on: the day of the latest monitoring visit, as 1405/07/02
# $ago: how many days ago that was
# $days: the most days the condition allows
conditions-last_visit = last visit { $on }, { $ago } days ago (at most { $days } days)
conditions-no_visit = no monitoring visit has been recorded
conditions-first_tranche = this is the first tranche
# $seq: the previous tranche's number
# $status: its status
conditions-previous_tranche_status = tranche { $seq } is { $status }
# $explanation: the sentence an approval kept before these explanations were messages of the catalogue (it exists in Persian and English only)
conditions-kept_explanation = { $explanation }

## domain/src/grants/form.rs
form-unknown_condition = unknown condition
form-write_what_grant = write what the grant is for
form-purpose_longer_than_500_characters = the purpose is longer than 500 characters
form-at_least_one_tranche_needed = at least one tranche is needed
# $max: the longest visit window a condition may ask for, in days
form-visit_days_out_of_range = the visit window must be 1 to { $max } days
# $max: the largest share of members a condition may ask for, in percent (100)
form-training_share_out_of_range = the share of members who must have completed a course must be 1 to { $max } percent
# $max: the most tranches one grant may have
form-too_many_tranches = a grant has at most { $max } tranches
# $sum: the tranches' sum, as money (a dash when too large to add up)
# $total: the grant's total, as money
form-tranches_sum_differs = the tranches sum to { $sum }, not the total { $total }

## app/src/grants/support.rs
# $names: the women's names, joined; $months: the window in months
support-double_support_unacknowledged = { $names } had support from elsewhere in the last { $months } months; review it and tick «I have seen the double support»
