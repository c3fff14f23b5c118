### Dashboards and figures.

nav-dashboard = Dashboard
dashboard-title = Dashboard
dashboard-place = Place
dashboard-from = From
dashboard-to = To
dashboard-span_hint = The span lies inside the fiscal year; empty means the whole year.
dashboard-report = Provincial report (PDF)
figures-definition = What this counts
figures-download = Every figure with its definition:
dashboard-total = Total
dashboard-groups_by_stage = Groups by stage
dashboard-groups = groups
dashboard-groups_and_members = Groups and members
dashboard-members_women_with_an_open = Members: women with an open membership of a group not dissolved or graduated on the day counted; a woman in groups of two areas counts once in the total.
dashboard-groups_entering_each_stage_by = Groups entering each stage by month
dashboard-how_groups_moved_in_the = How groups moved in the span
dashboard-each_number_counts_the_groups = Each number counts the groups that reached the stage in that month.
dashboard-exits_in_the_span = Exits in the span
dashboard-empowered_in_the_span = Empowered in the span
dashboard-women_by_coverage_status = Women by coverage status
dashboard-women = women
dashboard-covered = Covered
dashboard-pensioner = Pensioner
dashboard-waiting = Waiting
dashboard-applicant = Applicant
dashboard-exited = Exited
dashboard-women_covered_waiting_and_exited = Women: covered, waiting and exited
dashboard-coverage_status_is_today_s = Coverage status is today's; exits are counted within the chosen span.
dashboard-committed = Committed
dashboard-budget_committed_and_paid = Budget, committed and paid
dashboard-rials = rials
dashboard-committed_2 = Committed
dashboard-the_fiscal_year_s_figures = The fiscal year's figures to date, from the ledger.
dashboard-budget_up_to_the_span = Budget up to the span's end; commitments and payments within the span only, from the ledger.
dashboard-budget_and_commitments_by_category = Budget and commitments by category
dashboard-programme_money_against_budget = Programme money against budget
dashboard-programme_money_by_budget_category = Programme money by budget category
dashboard-grants = Grants
dashboard-groups_granted = Groups granted
dashboard-women_granted = Women granted
dashboard-average_per_group = Average per group
dashboard-the_year_s_grants = The year's grants
dashboard-grants_with_at_least_one = Grants with at least one approved tranche.
dashboard-percent = Percent
dashboard-visits_kept_against_owed = Visits: kept against owed
dashboard-visits = visits
dashboard-owed = Owed
dashboard-kept = Kept
dashboard-visits_2 = Visits
dashboard-groups_reporting = Groups reporting
dashboard-months_recorded = Months recorded
dashboard-revenue = Revenue
dashboard-the_groups_revenue_and_profit = The groups' revenue and profit
dashboard-the_groups_business = The groups' business
dashboard-business_months_the_groups_recorded = Business months the groups recorded for the months of the span.

## app/src/dashboard/period.rs
# $year: the fiscal year of the span
period-day_outside_year = This day is not in fiscal year { $year }; the span must lie inside that year
period-span_ends_before_starts = The span ends before it starts
period-span_has_started_yet_dashboard = This span has not started yet; a dashboard shows what has happened

## web/src/pages/dashboard.rs
# $year: the year as typed
dashboard-bad_year = Fiscal year "{ $year }" is not valid; enter a four-digit year such as 1405
# $field: the field's label (from, to); $problem: what is wrong with the date
dashboard-bad_day = { $field }: { $problem }

## reports/src/dashboard_view.rs
# $on: today; $overdue, $due, $owed: the counts of the visits-due list
dashboard-visits_today = Today, { $on }: { $overdue } overdue follow-ups, { $due } due and { $owed } groups owed a visit (the counts of the visits-due list).
# $from, $to: the span's first and last day; $state_on: the day the groups' and members' state is read
dashboard-span = From { $from } to { $to }; groups and members as on { $state_on }; women's coverage as of today
# $place: the province, county or the country; $year: the fiscal year
dashboard-heading = Dashboard of { $place } — fiscal year { $year }
