### The yearly plan (issue 19): a province's or a county's targets for a fiscal year and the
### plan against what was achieved, month by month (`crates/domain/src/plan.rs`,
### `crates/app/src/plan/`, `crates/reports/src/plan_view.rs`, `crates/web/src/pages/plan.rs`).

## The targets (the domain's `PlanTarget`) and the form's fields
plan-target-groups_formed = Groups formed
plan-target-women_joining = Women joining groups
plan-target-women_trained = Women trained
plan-target-visits_made = Visits made
plan-target-women_empowered = Women exiting as empowered
field-groups_formed = Target: groups formed
field-women_joining = Target: women joining groups
field-women_trained = Target: women trained
field-visits_made = Target: visits
field-women_empowered = Target: women empowered

## domain/src/plan.rs
plan-target_required = Write the target (zero is accepted).
plan-target_not_a_number = «{ $text }» is not a number; write a whole number, zero or more.
plan-target_too_large = A target cannot be more than { $max }.
plan-note_too_long = The note cannot be longer than { $max } characters.
plan-note_control = The note holds characters that are not allowed.

## app/src/plan/
plan-place_province_or_county = A plan is set for a province or a county; choose one of them.
plan-year_out_of_range = Plans can be set for the years { $from } to { $to }.

## reports/src/plan_view.rs
plan-title_of = Plan for { $year } — { $place }
plan-to_date = to the end of { $month } { $year }
plan-set_by = Set by { $name }, { $when }
plan-default_note = Default: { $percent } percent of the women covered at the start of the year ({ $covered } women), rounded up.

## web/src/pages/plan.rs and templates
plan-title = Yearly plan
plan-nav = Yearly plan
plan-place = Place
plan-no_plan = No plan has been set for this place and year yet; achievements are shown without targets.
plan-country_note = Plans are set for each province and county; choose one to see its plan.
plan-not_begun = This year has not begun yet.
plan-target = Target
plan-yearly = Year's target
plan-achieved = Achieved to date
plan-planned = Planned to date
plan-share = Against plan
plan-share_of_year = Of the year's target
plan-by_month = Month by month (cumulative from the start of the year)
plan-month = Month
plan-rule = Each month's plan: the year's target spread evenly over the twelve months of the year, cumulative to the month's end; each month's achievement is the figure the dashboard shows for the span from the start of the year to the end of that month.
plan-set = Set the plan
plan-replace = Change the plan
plan-form_hint = Each target is a whole number, zero or more. Leave the empowered target empty for 10 percent of the women covered at the start of the year (rounded up). Setting the plan again replaces the earlier one; the audit trail keeps its history.
plan-empowered_hint = Empty: 10 percent of the women covered at the start of the year ({ $target } women)
plan-saved = The year's plan was saved.
plan-dashboard_section = Plan against achievement
plan-see_plan = Month-by-month plan
plan-download = Download the plan table
plan-monthly_section = The yearly plan against achievement
