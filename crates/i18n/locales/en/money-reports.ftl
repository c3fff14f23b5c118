### Money reports: spending by line, place and month.

money_reports-title = Budget, committed and paid
money_reports-as_of = As of the end of
money_reports-as_of_hint = Empty: up to now
money_reports-subtotal = Subtotal
money_reports-by_category = Totals by category
money_reports-total = Grand total
money_reports-headline = Spent this year on training, job preparation and strengthening
money_reports-download = Download
money_reports-none = No budget lines to show for this date.
money_reports-drill_title = Transactions behind a figure
money_reports-date = Date
money_reports-description = Description
money_reports-who = Recorded by
money_reports-amount = Amount
money_reports-reversal = Reversal of
money_reports-hidden = (hidden for your role)
money_reports-no_transactions = No transactions.
money_reports-page = Page
money_reports-previous = Previous
money_reports-next = Next
money_reports-back = Back to the report
