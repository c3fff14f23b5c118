### Today: the home page, what each person has to do today.

today-title = Today
today-intro_own = Today's work in the groups assigned to you, most urgent first.
today-intro_place = Today's work in your area, most urgent first.
today-nothing_to_do = Nothing is waiting for you today.
today-section_visits = Visits and follow-ups
today-section_meetings = Meetings not yet recorded this month
today-section_permits = Permits expired or expiring
today-section_payments = Payments waiting for approval
today-section_tranches = Tranches whose conditions now hold
today-section_duplicates = Likely duplicate records
today-section_imports = Your imports
today-section_figures = Figures at a glance
today-section_press = The press paragraph and headline figures
today-no_visits = No visit or follow-up is due.
today-no_meetings = This month's meeting is recorded for every one of your active groups.
# $days: how many days ahead permits are watched
today-no_permits = No permit has expired or expires in the next { $days } days.
today-no_payments = No payment is waiting for approval.
today-no_tranches = No tranche with its conditions met is waiting for a decision.
today-no_duplicates = No likely duplicates to review.
# $count: open pairs
today-duplicates_open = { $count ->
        [one] One pair of records is waiting for review.
       *[other] { $count } pairs of records are waiting for review.
    }
# $count: at least this many open pairs
today-duplicates_open_more = More than { $count } pairs of records are waiting for review.
today-meeting_to_record = No meeting recorded this month
# $date: the day of the group's latest meeting
today-last_meeting = Last meeting: { $date }
today-never_met = No meeting recorded yet
today-payment_to_decide = Waiting for your decision
today-awaiting_other = Waiting for a colleague's decision
# $seq: the tranche's number within its grant
today-tranche_ready = Tranche { $seq }, ready to decide
# $seq: the tranche's number within its grant
today-tranche_awaiting = Tranche { $seq }, waiting for a colleague's decision
# $date: the day it was proposed; $days: days since
today-proposed_on = Proposed on { $date } ({ $days ->
        [one] one day ago
       *[other] { $days } days ago
    })
# $date: the day the tranche was planned for
today-planned_on = Tranche planned for { $date }
today-record_visit = Record a visit
today-record_meeting = Record a meeting
today-record_permit = Record the renewed permit
today-decide = Review and decide
today-open = Open
today-review_duplicates = Review duplicates
# $count: everything in the list
today-see_all = See all ({ $count })
today-see_dashboard = The full dashboard
today-press_page = The press summary page
today-press_choose_province = To see the press paragraph, choose a province on the press summary page.
today-import_dry_run = Trial run
today-import_done = Finished
today-import_failed = Failed
today-no_imports = You have no recent imports.
today-due_own = My groups
today-due_all = All groups in my area
today-due_own_hint = Only the groups whose social worker or facilitator you are; the counts are of these groups too.
