### The groups' exports (issue 17): the links on the pages they export from, the sheets'
### names and headers, and why an export was refused. Files carry plain numbers and Jalali
### dates with Latin digits; these are the words around them.

exports-csv = CSV
exports-xlsx = Excel
exports-groups = Download the group list with these filters
exports-roster = Download the members and their contacts
exports-visits = Download the visits of this span
exports-business = Download the business months of this span
exports-women_group_filter = Hamyar group
exports-women_group_filter_more = There are too many groups to list them all; choose a county first.
exports-refused_title = The file was not made
exports-back = Back

## Why an export was refused (nothing was written).

exports-too_many_rows = This file would have more than { $max } rows; narrow the filters or the span.
exports-span_backwards = The span ends before it starts.
exports-unknown_format = The file format must be CSV or Excel (xlsx).

## The sheets' names (at most 31 characters) and headers.

exports-sheet-groups = Groups
exports-sheet-roster = Group members
exports-sheet-visits = Visits
exports-sheet-business = Business months
exports-col-code = Group code
exports-col-group = Group name
exports-col-county = County
exports-col-stage = Stage
exports-col-business_field = Business field
exports-col-first_name = First name
exports-col-last_name = Last name
exports-col-national_id = National ID
exports-col-mobile = Mobile
exports-col-role = Role in the group
exports-col-joined_on = Joined on
exports-col-left_on = Left on
exports-col-visited_on = Visited on
exports-col-visitor = Visitor
exports-col-purpose = Purpose
exports-col-findings = Findings
exports-col-referrals = Referrals
exports-col-follow_up_due = Follow-up due
exports-col-follow_up_closed_on = Follow-up closed on
exports-col-requests = Requests
exports-col-requests_open = Requests open
exports-col-visit_id = Visit id
exports-col-year = Year
exports-col-month = Month
exports-col-revenue = Sales (rials)
exports-col-costs = Costs (rials)
exports-col-profit = Profit (rials)
exports-col-members_working = Members working
exports-col-people_hired = People hired
exports-col-channels = Sales channels
