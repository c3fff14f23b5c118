### A group's life: meetings, visits, business months, the visits due.

nav-visits_due = Visits due
life-title = The group's business and life
life-section = Business, meetings and visits
life-open_page = All records and new entries
life-back = Back to the group
life-business = Monthly business
life-chart_title = The group's monthly revenue and profit
life-legend_revenue = Revenue
life-legend_profit = Profit
life-costs = Costs
life-legend_gap = Month not recorded
life-no_business = No month's business is recorded yet.
life-last_month = Latest recorded month
life-record_month = Record or correct a month's business
life-correct = Correct
life-month_replaces = If this month was recorded before, this replaces it.
life-amounts_in_rials = Write amounts in rials.
life-paid_to_members = Paid to each member (rials)
life-people = people
life-of = of
life-business_saved = The month's business was saved
life-meetings = Meetings
life-no_meetings = No meeting is recorded yet.
life-record_meeting = Record a meeting
life-present = Present
life-meeting_saved = The meeting was saved
life-visits = Monitoring visits
life-no_visits = No visit is recorded yet.
life-last_visit = Last visit
life-record_visit = Record a visit
life-visitor_hint = Leave blank if you made the visit yourself.
life-requests_hint = One request per line.
life-visit_saved = The visit was saved
life-open_requests = Members' open requests
life-no_open_requests = No open request.
life-resolve = Resolved
life-request_resolved = The request was marked resolved
life-follow_up = Follow-up
life-record_follow_up = Record the follow-up
life-follow_up_saved = The follow-up was saved
life-follow_up_not_asked = No follow-up
life-follow_up_done = Followed up
life-follow_up_scheduled = Scheduled
life-follow_up_due = Due
life-follow_up_overdue = Overdue
life-follow_up_answered = Answered by a later visit
life-follow_up_group_ended = Group ended
life-answered_by_visit_of = Closed by the visit of
life-raised_on = Raised on
life-permits = Permits
life-no_permits = No permit is recorded.
life-permits_attention = Permits expiring or expired
life-record_permit = Record or renew a permit
life-permit_saved = The permit was saved
life-permit_valid = Valid
life-permit_expiring = Expiring soon
life-permit_expired = Expired
life-no_visit_before = This group has had no visit for more than
life-no_visit_after = months.
life-due_title = Visits due and overdue
life-due_intro = By urgency: the follow-ups most overdue first, then those due soonest, then the groups longest without a visit. A newer visit closes the group's earlier follow-ups, and a dissolved or graduated group owes no visit.
life-all_counties = All counties
life-show = Show
life-nothing_due = Nothing is due or overdue and no group is waiting for a visit.
life-owed_a_visit = Owed a visit
life-days_without_visit = days without a visit
life-what_owed = What is owed
life-threshold_of = threshold
life-months = months
life-definition = Definition
life-days_late = days late
life-days_left = days left
life-due_today = today
life-never_visited = never
life-settings = Provinces' no-visit threshold
life-settings_intro = A registered group not visited for longer than this many months (since its latest visit, or its registration if never visited) is owed a visit; a dissolved or graduated group never is. The default is 3 months.
life-default = default
life-no_visit_saved = The no-visit threshold was saved
life-back_to_default = Blank: back to the default
life-group = Group
life-visit_date = Visit date
life-requests_open = Open requests
field-year = Year
field-month = Month
field-revenue = Revenue (rials)
field-costs = Costs (rials)
field-profit = Profit
field-members_working = Members working
field-people_hired = People hired
field-channels = Sales channels
field-channel_other = Other channel
field-payments = Payments to members
field-held_on = Meeting date
field-topics = Topics
field-decisions = Decisions
field-attendance = Attendance
field-visited_on = Visit date
field-visitor_name = Visitor
field-purpose = Purpose
field-findings = Findings
field-requests = Members' requests
field-referrals = Referred to
field-referral_other = Other referral
field-follow_up_due = Follow-up due
field-done_on = Date done
field-permit_kind = Permit
field-permit_number = Permit number
field-issued_on = Issue date
field-expires_on = Expiry date
field-no_visit_months = Months without a visit
field-recorded_by = Recorded by

## app/src/group_life/meetings.rs
meetings-attendance_only_marked_members_group = attendance can only be marked for members of the group on the meeting's date

## app/src/group_life/settings.rs
settings-choose_one_provinces_scope = Choose one of the provinces in your scope

## app/src/group_life/visits.rs
visits-visit_asked_follow_up = this visit asked for no follow-up
visits-later_visit_group_answered_follow = a later visit of the group answered this follow-up; it is closed
visits-visit_s_follow_up_was = this visit's follow-up was already recorded
visits-request_was_already_resolved = this request was already resolved

## domain/src/group_life/business.rs
business-profit_overflows = the profit overflows
business-enter_year_month_numbers_e = enter the year and the month as numbers, e.g. 1405 and 8
business-year_have_four_digits_month = the year must have four digits and the month be from 1 to 12
business-describe_other_sales_channel = describe the «other» sales channel
business-enter_one_payment_per_member = enter one payment per member
# $month: the month and year, as "Azar 1405"
business-month_not_yet = { $month } has not come yet
# $what: the amount's name, a message of its own (business-what_revenue and the like)
business-amount_required = the month's { $what } is required (write 0 if there was none)
# $what: the amount's name, a message of its own (business-what_revenue and the like)
business-amount_negative = the { $what } cannot be negative
# $max: the most people counted in one month
business-people_out_of_range = the number of people must be from 0 to { $max }
# The names of the amounts, in business-amount_required and business-amount_negative.
business-what_revenue = revenue
business-what_costs = costs
business-what_payment = payment to a member

## domain/src/group_life/meeting.rs
meeting-members_attendance_required = the members' attendance is required
meeting-choose_present_absent_excused_every = choose present, absent or excused for every member
meeting-each_member_s_attendance_recorded = each member's attendance is recorded once
# $what: the text's name, a message of its own (meeting-what_topics and the like)
meeting-text_required = the { $what } is required
# The names of a meeting's date and text, in group_life-date_required, group_life-date_after_today and meeting-text_required.
meeting-what_held_on = meeting date
meeting-what_topics = topics

## domain/src/group_life/permit.rs
permit-permit_number_required = the permit number is required
permit-permit_cannot_expire_before_was = a permit cannot expire before it was issued
# The names of a permit's dates, in group_life-date_required and group_life-date_after_today.
permit-what_issued_on = issue date
permit-what_expires_on = expiry date

## domain/src/group_life/visit.rs
visit-name_other_referral = name the «other» referral
visit-follow_up_cannot_due_before = the follow-up cannot be due before the visit
visit-date_done_cannot_before_visit = the date done cannot be before the visit
visit-number_months_from_1_24 = the number of months must be from 1 to 24
# $max: the most requests recorded with one visit
# $count: the number of requests entered
visit-too_many_requests = at most { $max } requests per visit (got { $count })
# $text: what was typed
visit-months_not_a_number = "{ $text }" is not a number; enter one from 1 to 24
# The names of a visit's dates and texts, in group_life-date_required, group_life-date_after_today and meeting-text_required.
visit-what_visited_on = visit date
visit-what_purpose = purpose
visit-what_done_on = date done
visit-what_note = note

## domain/src/group_life/mod.rs
# $what: the date's name, a message of its own (meeting-what_held_on and the like)
group_life-date_required = the { $what } is required
# $what: the date's name, a message of its own (meeting-what_held_on and the like)
group_life-date_after_today = the { $what } cannot be after today

## app/src/group_life/business.rs
# $month: the month and year
business-payment_to_non_member = payments can only go to members of the group in { $month }
# $formed: the day the group was identified
business-month_before_forming = the group was identified on { $formed }; months before that cannot be recorded

## web/src/pages/group_life/due.rs
# $lines: the lines of the visits-due list; $page, $pages: this page and the number of pages
life-due_summary = { $lines } lines · page { $page } of { $pages }

## app/src/group_life/field_sync.rs
# $names: the women marked, $day: the meeting's day
field-not_members_that_day = { $names } was not a member of this group on { $day }; remove her mark and send the meeting again
# $day: the meeting's day, $name: who recorded the meeting already there
field-meeting_already_recorded = { $name } has already recorded this group's meeting of { $day }; confirm if this was another meeting

## web/src/api/sync.rs
# $max: the most records one sync takes
field-too_many_records = One sync takes at most { $max } records
field-kind_unknown = A record's kind must be meeting, visit or fund_meeting
