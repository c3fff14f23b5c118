### The catalogue of figures (`crates/app/src/figures/catalogue.rs` and
### `crates/app/src/group_life/visit_figures.rs`): each figure's name, then its definition —
### one sentence a person can check the number against, ending with a full stop. The dashboard,
### the visits' work list, the provincial PDF and the figures files (which carry both
### languages) show these words. An id is `figure-` and the figure's stable key with its dots
### written as underscores (`groups.active` → `figure-groups_active`).

## Groups and women

figure-groups_active = Active groups
figure-groups_active-definition = Groups whose latest recorded stage on the day is active or reactivated.

figure-groups_open = Groups not ended
figure-groups_open-definition = Groups identified by the day that have not been dissolved or graduated (every stage but those two).

figure-groups_formed = Groups formed
figure-groups_formed-definition = Groups that moved to the stage «registered» within the span (a group's formal formation).

figure-members_open_groups = Group members
figure-members_open_groups-definition = Women who on the day are members of at least one group not ended; each woman counts once.

figure-members_active_groups = Members of active groups
figure-members_active_groups-definition = Women who on the day are members of at least one active (or reactivated) group; each woman counts once.

figure-members_joined = Women joining groups
figure-members_joined-definition = Women who joined a group of the place within the span; each woman counts once.

figure-women_covered = Women covered
figure-women_covered-definition = Registered women whose coverage status today is covered (women merged into another file are not counted).

figure-women_waiting = Women waiting
figure-women_waiting-definition = Registered women who are on the waiting list today.

figure-women_empowered = Women who became independent
figure-women_empowered-definition = Women whose coverage ended within the span with the reason «empowered».

figure-groups_graduated = Groups graduated
figure-groups_graduated-definition = Groups that moved into the graduated (independent) stage within the span.

## The groups' business (their own bookkeeping, not programme money)

figure-business_sales = Groups' sales
figure-business_sales-definition = The sales (revenue) of the business months the place's groups recorded for the months of the span, summed.

figure-business_jobs = Jobs created
figure-business_jobs-definition = For each group active (or reactivated) on the day, its members working plus the people it hired in the latest business month it recorded in the span; summed over the groups.

## Visits (`group_life::visit_figures`): the term they rest on, over a span, and today

figure-visits_under_follow_up = Group under follow-up
figure-visits_under_follow_up-definition = A group is under follow-up, and owes visits, from the day it was first registered until the day it is dissolved or graduates.

figure-visits_recorded = Visits recorded
figure-visits_recorded-definition = Every visit whose date falls in the span.

figure-visits_owed = Visits owed
# "three" is the default of the province's no-visit months (NO_VISIT_MONTHS_DEFAULT).
figure-visits_owed-definition = In each period of the province's no-visit months (three by default) within the span, every group under follow-up at some time in that period owes one visit; summed over the periods.

figure-visits_kept = Visits kept
figure-visits_kept-definition = The groups with at least one visit while under follow-up in each period of the span; summed over the periods.

figure-visits_follow_ups_overdue = Overdue follow-ups
figure-visits_follow_ups_overdue-definition = Follow-ups asked at a visit, due before today, neither resolved nor answered by a later visit of the group; a dissolved or graduated group owes none.

figure-visits_follow_ups_due = Follow-ups due
# 14 is the days a follow-up counts as due ahead (DUE_WITHIN_DAYS; a test checks it).
figure-visits_follow_ups_due-definition = Open follow-ups of groups that have not ended, due from today to 14 days ahead.

figure-visits_groups_owed_a_visit = Groups owed a visit
figure-visits_groups_owed_a_visit-definition = Groups under follow-up whose latest visit (or registration, if never visited) is older than their province's no-visit months.

## Money and grants (shown only to those who may see money)

figure-money_headline_spent = Spent on training, job preparation and strengthening
figure-money_headline_spent-definition = The amount committed (approved or paid) by the day on this year's budget lines of the place in the three headline categories — training, job preparation and strengthening (a province: its headquarters' lines and all its counties'; a county: the county's own lines).

figure-grants_committed = Grants committed
figure-grants_committed-definition = The sum of this year's grant tranches approved or paid, to groups and to women.

figure-grants_paid = Grants paid
figure-grants_paid-definition = The sum of this year's grant tranches paid.

figure-grants_groups = Groups granted
figure-grants_groups-definition = Groups with at least one grant tranche of this year approved or paid.

figure-grants_women = Women granted
figure-grants_women-definition = Women who this year received a grant of their own or hold a share of an approved tranche of their group's grant; each woman once.

## Training (`training::report`): the runs whose last session falls in the span, their women and
## what the ledger paid for them; the hours of the sessions held in the span

figure-training_runs = Training courses held
figure-training_runs-definition = Course runs whose last session was held in the span; a cancelled run is not counted.

figure-training_enrolled = Course enrolments
figure-training_enrolled-definition = Women's enrolments in the runs that ended in the span, dropouts included; a woman in two runs counts twice.

figure-training_completed = Course completions
figure-training_completed-definition = Enrolments in those runs with a completion recorded.

figure-training_women = Women trained
figure-training_women-definition = Women who completed at least one of the runs that ended in the span; each woman once.

figure-training_hours = Training hours delivered
figure-training_hours-definition = The hours of the sessions held in the span, of any run, before its cancellation if it was cancelled.

figure-training_paid = Paid for training runs
figure-training_paid-definition = Payments the ledger paid that name a run that ended in the span.

figure-training_cost_per_completer = Cost per course completion
figure-training_cost_per_completer-definition = What was paid for those runs divided by their completions, rounded to the nearest rial; not shown without a completion.

## Outcomes (`outcomes::report`): each woman's baseline form paired with her latest form in
## the span; a share or a mean is left out when fewer than five women are behind it

figure-outcomes_women_paired = Women followed from baseline
figure-outcomes_women_paired-definition = Women with a household economics form at baseline and a later one taken in the span, both with her own income: the women behind the share earning and the change in income.

figure-outcomes_earning_share = Women earning (percent)
figure-outcomes_earning_share-definition = Of those women, the percentage whose own income (her work and her group's business) on her latest form in the span is above zero; not shown when fewer than five women are behind it.

figure-outcomes_self_esteem_change = Change in self-esteem (tenths of a point)
figure-outcomes_self_esteem_change-definition = The mean change of the Rosenberg total (0 to 30) from each woman's baseline to her latest form in the span, in tenths of a point; not shown when fewer than five women are behind it.

figure-outcomes_returned = Returns to coverage
figure-outcomes_returned-definition = Women who once exited coverage as empowered and whose coverage began again within the span; each woman once.
