### Payments: proposals, approvals, evidence, cancellations.

nav-payments = Spending
payments-title = Spending and payments
payments-new = Propose a payment
payments-one = Payment
payments-all = All
payments-none = No payments.
payments-left = left:
payments-number = No.
payments-line = Budget line
payments-line_left = Left on the line
payments-choose_line = Choose a budget line
payments-no_lines = There is no budget line for this year in your area.
payments-payee = Payee
payments-payee_kind = Kind of payee
payments-amount = Amount (rials)
payments-amount_shown = Amount
payments-spent_on = Date of the spending
payments-reference = Contract or invoice number
payments-description = Description
payments-group_codes = Group codes
payments-group_codes_hint = Optional; separate codes with spaces or commas (e.g. G-0001)
payments-woman_national_ids = Women's national IDs
payments-woman_national_ids_hint = Optional; separate national IDs with spaces or commas
payments-course_run_code = Course run code
payments-course_run_code_hint = Optional; for a payment to a provider, the code of the run it pays for
payments-evidence = Evidence (invoice, contract or receipt)
payments-evidence_hint = PDF, JPEG or PNG up to 10 MiB; needed before payment
payments-submit = Propose
payments-status = Status
payments-proposed_by = Proposed
payments-approved_by = Approved
payments-rejected_by = Rejected
payments-paid_by = Paid
payments-cancelled_by = Cancelled
payments-history = Steps
payments-rejection_reason = Reason for rejection
payments-cancel_reason = Reason for cancelling
payments-ledger = Ledger transactions
payments-tx_commit = Commitment
payments-tx_pay = Payment
payments-tx_reverse_pay = Reversal of the payment
payments-tx_reverse_commit = Reversal of the commitment
payments-links = For
payments-groups_elsewhere = Groups in other counties
payments-women_elsewhere = Women in other counties
payments-elsewhere_hint = Their names are shown only to staff whose area includes those counties.
payments-text_withheld = This payment reaches beyond your area; its description, reference and reasons are not shown.
payments-files_withheld = Other evidence files, which may name people outside your area
payments-woman_hidden = A woman (name not shown)
payments-files = Evidence
payments-no_files = No evidence uploaded.
payments-kb = KiB
payments-attach = Add evidence
payments-decide = Decision
payments-approve = Approve and commit
payments-reject = Reject
payments-pay = Record the payment
payments-paid_on = Date paid
payments-approved_on = Date approved (contract)
payments-paid_on_hint = The day it happened; empty means today. It may be in the past, inside the line's fiscal year, not after today
payments-cancel = Cancel the payment
payments-cancel_hint = Whatever was posted is reversed; both stay on the ledger.
payments-reason = Reason
payments-own_proposal = You proposed this payment; another user must approve or reject it.
payments-refused = Not done:
payments-proposed = The payment was proposed.
payments-approved = The payment was approved and committed.
payments-rejected = The proposal was rejected.
payments-paid = The payment was recorded.
payments-cancelled = The payment was cancelled and its transactions reversed.
payments-evidence_added = The evidence was added.
field-payee = Payee
field-payee_kind = Kind of payee
field-spent_on = Date of the spending
field-group_codes = Group codes
field-woman_national_ids = Women's national IDs
field-budget_line_id = Budget line

## app/src/spending/decide.rs
decide-whoever_proposed_payment_may_decide = whoever proposed a payment may not decide it; another user must approve or reject it
decide-payment_changed_meanwhile_open_again = the payment changed meanwhile; open it again
decide-attach_payment_s_evidence_invoice = attach the payment's evidence (invoice, contract or receipt) before paying

## app/src/spending/propose.rs
# $national_id: the national ID as typed
propose-woman_not_at_line = no registered woman with national ID { $national_id } where this line is
# $code: the group code as typed
propose-group_not_at_line = no group with code { $code } where this line is
propose-course_run_not_for_line = no course run { $code } within your reach and this line, or it is paid from another line
# $status: the payment's status
propose-evidence_on_closed_payment = evidence cannot be added to a payment that is { $status }
# $most: the most characters allowed
propose-text_too_long = longer than { $most } characters
propose-payee_required = the payee is required
propose-choose_kind_payee = choose the kind of payee
propose-amount_more_than_zero = the amount must be more than zero
propose-form_was_already_submitted = this form was already submitted

## web/src/pages/spending/evidence.rs
evidence-file_was_chosen = no file was chosen

## web/src/pages/spending/proposal.rs
proposal-choose_budget_line = choose a budget line
