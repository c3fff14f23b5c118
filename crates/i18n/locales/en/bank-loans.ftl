### Bank self-employment loans: referrals to agent banks, their steps and instalments
### (crates/domain/src/bank_loans/, crates/app/src/bank_loans/, crates/web/src/pages/bank_loans.rs).

## domain and app
bank-loans-day_after_today = That day has not come yet; write a day up to today.
bank-loans-day_before_previous_step = That day is before the referral's previous step.
bank-loans-amount_required = Write the amount.
bank-loans-amount_not_positive = The amount must be more than zero.
# $max: the largest amount, in rials
bank-loans-amount_too_large = The amount is over { $max } rials; count the zeros again.
# $max: the largest fee, in basis points
bank-loans-fee_out_of_range = Write the fee in basis points, from 0 to { $max } (400 is 4%).
bank-loans-term_required = Write the repayment term in months.
# $max: the longest term, in months
bank-loans-term_out_of_range = The term must be from 1 to { $max } months.
bank-loans-name_other_bank = Write the bank's name.
# $max: the most guarantors
bank-loans-too_many_guarantors = At most { $max } guarantors.
bank-loans-guarantor_twice = This guarantor is already written.
bank-loans-guarantor_woman_unknown = No woman with this record number in your area.
bank-loans-guarantor_name_required = Write the guarantor's name.
bank-loans-guarantor_national_id_required = Write the guarantor's national ID.
bank-loans-guarantor_is_borrower = The borrower cannot guarantee her own loan.
bank-loans-group_has_no_members = This group has no current members.
bank-loans-choose_decision = Choose the bank's answer: approved or refused.
bank-loans-approved_more_than_asked = The bank does not approve more than the referral asked; check the amount.
bank-loans-disbursed_more_than_approved = The amount paid out is more than the bank approved.
bank-loans-paid_more_than_owed = This is more than she still owes.
bank-loans-reason_required = Write why this referral is withdrawn.
# $status: the referral's present state
bank-loans-not_in_this_state = Not possible while the referral is "{ $status }".
bank-loans-changed_meanwhile = This referral changed meanwhile; open the page again.

## web
bank-loans-nav = Bank loans
bank-loans-title = Referrals to agent banks
bank-loans-lead = Self-employment loans women took, or are waiting for, from agent banks with Behzisti's referral letter. A loan paid out enters her facility history and counts in the double-support check.
bank-loans-status = Status
bank-loans-every_status = Every status
bank-loans-filter = Show
bank-loans-total_count = Count
bank-loans-none = No referrals.
bank-loans-woman = Woman
bank-loans-bank = Agent bank
bank-loans-amount = Amount
bank-loans-referred_on = Letter date
bank-loans-paid = Paid
bank-loans-owed = Owed
bank-loans-arrears = Arrears
# $count: instalments in arrears; $amount: their sum, formatted
bank-loans-arrears_of = { $count } instalments behind, { $amount }
bank-loans-previous = Previous page
bank-loans-next = Next page
bank-loans-section = Bank loans
bank-loans-none_for_her = She has not been referred to a bank.
bank-loans-refer = Refer to a bank
bank-loans-group_as_members = Group (each member is referred on her own)
bank-loans-refer_group = Refer the group's members to an agent bank
bank-loans-new_title = Referral to an agent bank for a self-employment loan
bank-loans-back_to_file = Back to her file
bank-loans-confirm_hint = If the referral is needed despite this history, send the form again; the number of facilities warned about is kept with the referral.
bank-loans-not_done = Not saved:
bank-loans-bank_name = Bank name (for "other bank")
bank-loans-bank_name_hint = For a listed bank you may write the branch.
bank-loans-amount_asked = Amount asked
bank-loans-amount_hint = In rials; Persian or Latin digits.
bank-loans-fee_basis_points = Fee (basis points)
bank-loans-fee_hint = 400 is 4%; blank is 4%.
bank-loans-term = Repayment term
bank-loans-term_hint = In months.
bank-loans-purpose = What the loan is for
bank-loans-guarantors = Guarantors
bank-loans-guarantors_hint = Up to three: a woman's record number in Hamyar, or another person's name and national ID.
bank-loans-guarantor = Guarantor
bank-loans-guarantor_woman = Record number in Hamyar
bank-loans-guarantor_name = Full name
bank-loans-guarantor_national_id = National ID
bank-loans-refer_despite_warning = Refer despite the warning
bank-loans-referred = The referral was recorded.
bank-loans-loan_title = Referral to an agent bank
bank-loans-fee = Fee
# $percent: the fee as a percentage; $amount: the fee, formatted
bank-loans-fee_disclosed = { $percent }%, that is { $amount }
# $count: months
bank-loans-months = { $count } months
bank-loans-warned = Double-support warning at referral
# $count: earlier facilities the warning named
bank-loans-warned_count = { $count } earlier facilities
bank-loans-note = Note
bank-loans-decided_on = Bank's answer on
bank-loans-disbursed_on = Paid out on
bank-loans-total = Total to repay (amount and fee)
bank-loans-closed_on = Ended on
bank-loans-no_guarantors = No guarantors recorded.
bank-loans-schedule = Instalment schedule
bank-loans-number = Instalment
bank-loans-due_on = Due on
bank-loans-late = Late
bank-loans-instalments = Instalments paid
bank-loans-next_step = Next step
bank-loans-decision = Bank's answer
bank-loans-approved = Approved
bank-loans-refused = Refused
bank-loans-approved_amount = Amount approved
bank-loans-approved_amount_hint = Blank is the amount asked.
bank-loans-save = Save
bank-loans-disbursement = Payout
bank-loans-disbursed_amount = Amount paid out
bank-loans-disbursed_amount_hint = Blank is all of the amount approved.
bank-loans-instalment = Record an instalment paid
bank-loans-paid_on = Paid on
bank-loans-settle = Settle
bank-loans-settle_hint = What she still owes is recorded as paid in one on this day.
bank-loans-on = Date
bank-loans-default = Declared in default by the bank
bank-loans-withdraw = Withdraw the referral
bank-loans-withdraw_hint = For a cancelled referral or one recorded in error; after a payout the loan is also withdrawn from her facility history (not deleted).
bank-loans-reason = Reason
bank-loans-decided = The bank's answer was recorded.
bank-loans-disbursed = The payout was recorded and entered her facility history.
bank-loans-instalment_recorded = The instalment was recorded.
bank-loans-settled = The loan was settled.
bank-loans-defaulted = The default was recorded.
bank-loans-withdrawn = The referral was withdrawn.
