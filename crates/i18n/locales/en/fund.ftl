### The group fund: cycles, meetings, loans, draws, the share-out, the savings-group report
### (crates/domain/src/fund, crates/app/src/fund).

## the cycle's form
fund-what_starts_on = the cycle's first day
fund-what_ends_on = the cycle's last day
fund-what_held_on = the meeting's day
fund-cycle_ends_before_start = The cycle must end after it starts.
fund-cycle_too_long = A cycle may not run for more than two years.
fund-every_weekly = Weekly
fund-every_fortnightly = Every two weeks
fund-every_monthly = Monthly
fund-every_unknown = Choose how often the members meet.
fund-amount_required = Enter the amount.
fund-amount_out_of_range = The amount must be from { $min } to { $max } rials.
fund-not_a_whole_number = “{ $text }” is not a whole number.
fund-number_out_of_range = Enter a number from { $min } to { $max }.
fund-fee_not_a_percent = “{ $text }” is not a percent; write e.g. 2 or 2.5.
fund-fee_too_high = The service fee may not exceed { $max } percent.
fund-cycle_already_open = This group has an open cycle; the next starts after its share-out.
fund-cycle_before_last_share_out = A new cycle cannot start before the last cycle's share-out.
fund-no_open_cycle = This group has no open cycle; open one first.

## the meeting
fund-meeting_outside_cycle = That day is outside the fund's cycle.
fund-meeting_not_after_last = The meeting must come after the cycle's last recorded meeting.
fund-meeting_same_day = A meeting is already recorded on that day.
fund-in_row = Row { $row }: { $problem }
fund-line_not_a_member = Row { $row }: she is not a member on the meeting's day, or is listed twice.
fund-repayment_more_than_owed = Row { $row }: the repayment is more than she owes ({ $owed } rials).
fund-repayment_without_loan = Row { $row }: she has no loan to repay.
fund-bank_too_little = The group's bank account holds only { $bank } rials.
fund-cash_too_little_for_bank = The cash box holds only { $cash } rials to take to the bank.
fund-too_many_loans = At most { $max } loans may be given at one meeting.
fund-loans_more_than_cash = This meeting's loans ({ $lent } rials) exceed the cash in the box ({ $cash } rials).
fund-loan_not_a_member = Loan { $row }: the borrower is not a member on the meeting's day.
fund-loan_already_has_one = Loan { $row }: she still owes a loan; one loan at a time.
fund-loan_over_limit = Loan { $row }: at most { $multiple } times her savings, that is { $limit } rials.
fund-loan_guarantors = Loan { $row }: choose one to { $max } guarantors among the other members.
fund-loan_not_a_winner = Loan { $row }: she is not an unpaid winner of that draw.
fund-bad_key = The form arrived incomplete; open the page again.
fund-already_recorded = This was recorded already.

## loans, draws, share-out, report
fund-day_after_today = That day has not come yet.
fund-day_before_loan = That day is before the loan was given.
fund-day_before_schedule = That day is before the last rescheduling.
fund-reason_required = Write the group's decision in a few words (at most 1,000 characters).
fund-reschedule_months = The number of months must be from 1 to 24.
fund-loan_closed = This loan is closed.
fund-draw_candidates = Choose at least two members of the group for the draw (each once).
fund-draw_seats = The number of winners must be at least 1 and fewer than those in the draw.
fund-share_out_day = The share-out day must fall in the cycle, after its last meeting and not after today.
fund-share_out_loans_owed = Before the share-out every loan must be repaid or written off by the group's decision.
fund-share_out_nothing = No shares were bought in this cycle, so there is nothing to divide.
fund-report_period = The report's period must be in order and at most ten years.

## the journal's kinds
fund-kind_present = Present
fund-kind_absent = Absent
fund-kind_savings = Shares bought
fund-kind_social = Social fund
fund-kind_fine = Fine
fund-kind_repayment = Repayment
fund-kind_disbursement = Loan given
fund-kind_fee = Service fee
fund-kind_write_off = Written off
fund-kind_cash_difference = Cash over or short
fund-kind_to_bank = To the bank
fund-kind_profit = Share of the surplus
fund-kind_payout = Paid at the share-out
