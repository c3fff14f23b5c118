### The yearly budget and its lines.

nav-money = Budget and money reports
budget-title = Budget
budget-lines = Budget lines
budget-none = This province has no budget lines for this year yet.
budget-place = Place
budget-category = Budget category
budget-budget = Budget
budget-committed = Committed
budget-paid = Paid
budget-open = Open commitments
budget-left = Left
budget-province_office = Province office
budget-year_form = The year's budget
budget-year_form_hint = Each amount is the line's new total (in rials); the difference from today's is posted. An empty line is left alone.
budget-for_place = For
budget-divide_form = Divide to a county
budget-amend_form = Amendment
budget-amend_hint = A negative amount cuts the line.
budget-province_line = Province line
budget-line = Line
budget-amount_rials = Amount (rials)
budget-description = Description
budget-saved = The budget was posted.
budget-fiscal_year = The fiscal year
budget-year_open = This fiscal year is open: its money events may be recorded on their own (past, not future) dates.
budget-year_closed = This fiscal year is closed: nothing dated in it or on its lines can be posted.
budget-closed_badge = Closed
budget-closed_by = Closed by
budget-reopened_by = Reopened by
budget-reopen_reason = Reason for reopening
budget-close_year = Close the fiscal year
budget-close_hint = Once closed, only a national expert can reopen the year, giving a reason.
budget-reopen_year = Reopen the fiscal year
budget-year_was_closed = The fiscal year was closed.
budget-year_was_reopened = The fiscal year was reopened.
budget-divided = The budget was divided.
budget-amended = The amendment was posted.
budget-to_report = Budget report
action-post = Post

## app/src/budget/allocation.rs
# $on: the day the line would go below its commitments
allocation-cut_below_committed = this cut would take the line below what is committed on { $on }
allocation-line_s_budget_cannot_negative = a line's budget cannot be negative
allocation-enter_amount_at_least_one = enter the amount of at least one line
allocation-amount_divide_more_than_zero = the amount to divide must be more than zero
allocation-only_province_line_divided_among = only a province line can be divided among counties
allocation-amount_cannot_zero = the amount cannot be zero

## app/src/budget/commitment.rs
# $year: the line's fiscal year
commitment-date_outside_year = the date must fall in fiscal year { $year }
# $left: what is left on the line; $asked: the amount asked
commitment-overdraw = only { $left } is left on this budget line; { $asked } is more
commitment-payment_date_amount_more_than = on the payment date this amount is more than the line's unpaid commitments

## app/src/budget/dates.rs
# $on: the transaction's date; $left: what is left that day; $asked: the amount asked
dates-shortfall_on_the_day = only { $left } is left on this budget line on { $on }; { $asked } is more
# $on: the later day that would go short; $left: what is left that day; $asked: the amount asked
dates-shortfall_on_a_later_day = only { $left } is left on this budget line on { $on } (after this transaction's date); { $asked } is more
# $date: the date typed; $first: the line's first allocation
dates-before_first_allocation = { $date } is before the budget line's first allocation ({ $first }); nothing can be committed before it
# $paid: the payment date; $committed: the date of its commitment
dates-paid_before_committed = the payment date ({ $paid }) is before its approval and commitment ({ $committed }); nothing is paid before it is committed
# $date: the date typed; $today: today
dates-money_in_future = { $date } has not come yet; money cannot be recorded on a future date (today is { $today })
dates-nothing_has_been_allocated_budget = nothing has been allocated to this budget line yet; nothing can be committed before an allocation

## app/src/budget/lines.rs
lines-chosen_county_province = the chosen county is not in this province

## app/src/ledger/batch.rs
# $account: the ledger account's number
ledger-account_missing = account { $account } does not exist
# $key: the idempotency key sent
batch-key_taken = idempotency key "{ $key }" was already used or repeats in this batch
batch-batch_s_debits_add_up = the batch's debits add up beyond the largest amount; send smaller batches

## app/src/ledger/guards.rs
# $year: the closed fiscal year
guards-year_closed = fiscal year { $year } of this province is closed; nothing dated in it or on its budget lines can be posted. A national expert may reopen it, giving a reason
guards-reversing_transaction_would_leave_budget = reversing this transaction would leave its budget line negative; reverse the line's later commitments or payments first

## app/src/ledger/posting.rs
posting-keys_starting_payment_tranche_belong = keys starting with "payment." or "tranche." belong to payments and tranches
posting-transaction_belongs_payment_grant_tranche = this transaction belongs to a payment or a grant tranche; cancel that instead, so its record and the ledger are corrected together
posting-idempotency_key_was_already_used = this idempotency key was already used for a different transaction
posting-reversal_cannot_reversed_post_correct = a reversal cannot be reversed; post the correct transaction anew
posting-transaction_has_already_been_reversed = this transaction has already been reversed

## app/src/budget/fiscal_year.rs
# $year: the fiscal year
fiscal_year-not_closed = fiscal year { $year } of this province is not closed
# $year: the fiscal year
fiscal_year-already_closed = fiscal year { $year } of this province is already closed
# $year: the fiscal year
fiscal_year-not_begun = fiscal year { $year } has not begun; it cannot be closed
