### Money by recipient.

money_recipients-title_groups = Spending and grants by group
money_recipients-title_women = Spending and grants by woman
money_recipients-groups = By group
money_recipients-women = By woman
money_recipients-code = Code / national ID
money_recipients-name = Name
money_recipients-payments_committed = Payments committed
money_recipients-payments_paid = Payments paid
money_recipients-grants_committed = Grants committed
money_recipients-grants_paid = Grants paid
money_recipients-none = No spending or grant for a group or a woman this year.
money_recipients-note = A payment linked to several groups (or several women) is shared equally among them, so the rows add up to the money spent; a woman's share of her group's grant is in her facility history.
