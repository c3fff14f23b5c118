## The outcome report (`/outcomes/report`, issue 19): each woman's baseline paired with her
## latest form in the span, by county, business field and cohort.

outcomes-report-title = Outcome report
outcomes-report-intro = Each woman's baseline form is compared with her latest form in the span; beside each figure is the number of women it rests on.
outcomes-report-dashboard = Dashboard
outcomes-report-by_county = By county
outcomes-report-by_field = By the group's business field
outcomes-report-by_cohort = By the year the group started
outcomes-report-name = Name
outcomes-report-own_income = Change in her own income (monthly)
outcomes-report-earning = Women earning
outcomes-report-pension = Women drawing a pension
outcomes-report-self_esteem = Change in self-esteem (Rosenberg)
outcomes-report-graduated = Exits as empowered
outcomes-report-returned = Returns to coverage
outcomes-report-hidden = fewer than 5
outcomes-report-women_unit = women
outcomes-report-cohort_of = Groups of
outcomes-report-nothing = No woman has a baseline and a later form in this span.
outcomes-report-small_cells = Cells of fewer than five women, and a cell that would reveal one, read «fewer than 5».
outcomes-report-definitions = Her own income is her own work's and her group's business's; self-esteem is the Rosenberg total (0 to 30); each woman counts in the county of her latest form, the business field of the group she was in that day and the year her first group started.
