## The group fund's pages (issue 20): the fund's page, the meeting screen, a loan, the
## share-out and the savings-group report (crates/web/src/pages/fund).

fund-page-title = Group fund
fund-page-group_link = The group's fund: savings, loans and meetings
fund-page-back_to_group = Back to the group
fund-page-not_recorded = Not recorded; please correct:
fund-page-not_keeper = You may read the fund; meetings are recorded by those who keep it.

## the cycle
fund-page-no_cycle = No cycle is open
fund-page-cycle_title = Cycle { $number }: { $from } to { $to }
fund-page-past_cycle = Cycle { $number }: { $from } to { $to }, shared out on { $shared }
fund-page-share_value = Value of a share
fund-page-share_value_rials = Value of a share (rials)
fund-page-max_shares = Most shares at a meeting
fund-page-meeting_every = Meetings
fund-page-fee = Service fee
fund-page-fee_percent = Service fee on a loan (percent)
fund-page-loan_limit = Loan limit (times savings)
fund-page-times_savings = { $times } times savings
fund-page-max_term = Longest term (months)
fund-page-months = { $months } months
fund-page-social = Social fund at each meeting
fund-page-social_rials = Social fund at each meeting (rials)
fund-page-starts_on = Starts on
fund-page-ends_on = Ends on
fund-page-rules = The rules the members agreed
fund-page-open_cycle = Open the cycle
fund-page-cycle_opened = The fund's cycle is open.

## where the fund stands
fund-page-position = Where the fund stands
fund-page-cash = Cash box
fund-page-bank = Bank account
fund-page-social_fund = Social fund
fund-page-loans_owed = Loans owed
fund-page-surplus = Surplus of the cycle
fund-page-members = Members
fund-page-no_members = No members.
fund-page-shares = Shares
fund-page-savings = Savings
fund-page-owes = Owes
fund-page-days_late = { $days } days late
fund-page-on_time = On time

## meetings, loans, draws
fund-page-meetings = Meetings
fund-page-no_meetings = No meeting recorded yet.
fund-page-meeting_title = Meeting { $number } · { $day }
fund-page-cash_expected = Cash by the books
fund-page-cash_counted = Cash counted
fund-page-short = Short by { $amount }
fund-page-over = Over by { $amount }
fund-page-loans = Loans
fund-page-no_loans = No loans given.
fund-page-loan_detail = { $day } · { $months } months · { $allocation }
fund-page-loan_active = Active
fund-page-loan_repaid = Repaid
fund-page-loan_written_off = Written off
fund-page-by_turn = By turn
fund-page-by_lottery = By lottery
fund-page-draws = Draws
fund-page-no_draws = No draw recorded.
fund-page-draw_title = Draw of { $day } for { $seats } places
fund-page-candidates = In the draw
fund-page-winners = Winners
fund-page-seed = Seed
fund-page-draw_new = A new draw
fund-page-draw_on = Day of the draw
fund-page-seats = Places
fund-page-draw_do = Draw
fund-page-draw_made = The draw is recorded.
fund-page-bad_candidate = “{ $text }” is not a known member.

## the meeting screen
fund-page-meeting_screen = Fund meeting
fund-page-held_on = Day of the meeting
fund-page-amounts_in_rials = amounts in rials
fund-page-present = Present
fund-page-shares_bought = Shares bought
fund-page-shares_range = 0 to { $max }
fund-page-social_paid = Social fund
fund-page-repayment = Repayment
fund-page-fine = Fine
fund-page-new_loans = New loans
fund-page-loan = Loan
fund-page-borrower = Borrower
fund-page-amount_rials = Amount (rials)
fund-page-term_months = Term (months)
fund-page-by_draw = Turn or draw
fund-page-open_draw = Winner of the draw of { $day }: { $winners }
fund-page-guarantors = Guarantors
fund-page-cash_box = Cash box
fund-page-cash_before = Cash before the meeting (by the books)
fund-page-expected_hint = The cash at the end should be: the cash before + shares, social fund, repayments and fines − new loans − what goes to the bank. Any difference is recorded as such.
fund-page-to_bank = To the bank (rials; negative to draw from it)
fund-page-cash_counted_rials = Cash counted at the end (rials)
fund-page-note = Note
fund-page-save_meeting = Record the meeting
fund-page-meeting_saved = The fund meeting is recorded.

## a loan
fund-page-loan_title = Fund loan
fund-page-disbursed_on = Given on
fund-page-principal = Principal
fund-page-fee_disclosed = { $amount } ({ $percent } of the principal)
fund-page-owed_total = Owed in all (principal and fee)
fund-page-term = Term
fund-page-allocation = Allocated
fund-page-repaid = Repaid
fund-page-written_off_amount = Written off
fund-page-outstanding = Outstanding
fund-page-lateness = Lateness
fund-page-closed_on = Closed on { $day }
fund-page-schedules = Schedules
fund-page-schedule_title = Version { $version } from { $day }
fund-page-repayments = Repayments
fund-page-no_repayments = No repayment yet.
fund-page-reschedule = Reschedule
fund-page-from_day = From
fund-page-decision = The group's decision
fund-page-day = Day
fund-page-write_off = Write off
fund-page-rescheduled = The new schedule is recorded.
fund-page-written_off = The loan is written off by the group's decision.

## the share-out
fund-page-share_out_title = Share-out
fund-page-share_out_sums = What is divided
fund-page-distributable = To divide
fund-page-total_shares = All shares
fund-page-share_out_how = Cash and bank, less the social fund, divided in proportion to each member's shares.
fund-page-share_out_parts = Each member's part
fund-page-profit = Profit (or loss)
fund-page-payout = Paid out
fund-page-share_out_loans = { $amount } of loans is still owed; it must be repaid or written off first.
fund-page-share_out_no_shares = No shares bought yet.
fund-page-share_out_do = Share out and close the cycle
fund-page-shared_out = The fund is shared out and the cycle closed.

## the savings-group report
fund-page-report_nav = Fund report
fund-page-report_title = Savings-group report
fund-page-report_intro = The savings-group ratios are computed from the funds' books; each percent is shown with what it divides.
fund-page-report_heading = { $place }, { $from } to { $to }
fund-page-by_county = By county
fund-page-by_group = By group
fund-page-groups_in_county = Each county's report lists its groups: open a county by its name.
fund-page-no_funds = No funds.
fund-page-terms = { $numerator } ÷ { $denominator }
fund-page-return_terms = net income { $net } ÷ average { $average }, { $days } days to a year
fund-page-members_terms = members: { $start } at the start, { $end } at the end
fund-page-r_groups = Groups
fund-page-r_savings_per_member = Savings per member
fund-page-r_utilisation = Loan fund utilisation
fund-page-r_par30 = Portfolio at risk (over 30 days)
fund-page-r_write_off = Write-off ratio
fund-page-r_return_savings = Annualised return on savings
fund-page-r_return_assets = Annualised return on assets
fund-page-r_attendance = Attendance
fund-page-r_dropout = Dropout
fund-page-r_retention = Retention
fund-page-r_average_loan = Average loan
fund-page-r_borrowing = Members borrowing
