### Groups: the list, forming a group, members, stages, settings.

nav-groups = Hamyar groups
groups-title = Hamyar groups
groups-new_title = Form a group
groups-edit_title = Edit the group
groups-page_title = Group
groups-settings_title = Province's group settings
groups-new = Form a new group
groups-edit = Edit
groups-back = Back to the groups
groups-settings = Province settings
groups-search = Group name or code
groups-all = All
groups-none = No group matches.
groups-total = Groups
groups-by_stage = Groups by stage
groups-report = Active and registered groups
groups-active_on = Active on
groups-registered_in = Registered in
groups-report_hint = Counted from the groups' stage history, for any past date.
field-on = Date
groups-fields = Business fields
groups-put_field = Add or edit a field
groups-field_saved = The business field was saved.
groups-field_active = Offered in forms
groups-retired = Retired
field-position = Order
groups-name = Group
groups-details = Details
groups-timeline = Stages
groups-move = Record a new stage
groups-no_move = This group has ended.
groups-members = Members
groups-past_members = Former members
groups-no_members = No member yet.
groups-add_member = Add a member
groups-add_member_hint = The woman must already be in the registry.
groups-leave = Record leaving
groups-staff = Social worker and facilitator
groups-assign = Assign
groups-nobody = Nobody
groups-no_staff = Nobody assigned yet.
groups-members_count = Current members
groups-size_limits = Group size limits
groups-allow_two_groups = A woman may belong to two groups at once
groups-units = Supervising units
groups-add_unit = Add a supervising unit
groups-no_units = No supervising unit yet.
groups-created = The group was formed.
groups-updated = The group was saved.
groups-stage_moved = The new stage was recorded.
groups-member_added = The member was added.
groups-member_left = The member's leaving was recorded.
groups-staff_assigned = The assignment was recorded.
groups-settings_saved = The province's settings were saved.
groups-unit_added = The supervising unit was added.
groups-decided_by = Recorded by
groups-since = Since
groups-code = Group code
field-code_hint = Leave blank to number it automatically.
field-supervising_unit = Supervising unit
field-business_field = Business field
field-business_field_other = Business (for "other")
field-premises = Premises
field-premises_address = Address of the premises
field-stage = Stage
field-effective_on = Date
field-inactive_reason = Reason for inactivity
field-note = Note
field-joined_on = Joined on
field-left_on = Left on
field-leave_reason = Reason for leaving
field-leave_note = Note on leaving
field-duty = Duty
field-user = User
field-from_on = From
field-min = Fewest members
field-max = Most members
groups-unit_kind = Kind of unit
field-members = Members
field-identified_on = Identified on
field-identified_on_hint = Leave blank for a new group (today); for a group identified earlier, give that date.

## app/src/groups/forming.rs
forming-another_group_province_has_code = Another group in this province has this code
forming-someone_else_edited_group_meanwhile = Someone else edited this group meanwhile; open it again
forming-choose_business_field_from_list = Choose the business field from the list
forming-supervising_unit_one_county_s = The supervising unit must be one of this county's units
forming-identification_date_cannot_after_today = The identification date cannot be after today

## app/src/groups/lifecycle.rs
lifecycle-choose_new_stage_from_list = Choose the new stage from the list
lifecycle-graduate_through_proposal = A group graduates through a proposal with its evidence and an expert's approval; propose it from "Graduation".
lifecycle-choose_why_group_became_inactive = Choose why the group became inactive
lifecycle-note_at_most_1_000 = The note must be at most 1,000 characters
lifecycle-explain_reason_other = Explain the reason "other"

## app/src/groups/members.rs
# $since: the day she joined the other group; $group: its name
members-in_another_group = This woman has been a member of the group "{ $group }" since { $since } and the province does not allow two groups at once
members-woman_registered_another_county_group = This woman is registered in another county; a group's members are women of its own county
members-group_has_ended_takes_new = This group has ended and takes no new members
members-woman_national_id_registered_within = No woman with this national ID is registered (within your scope); register her first
members-woman_already_member_group_at = This woman is already a member of this group at that time
members-member_s_leaving_already_recorded = This member's leaving is already recorded

## app/src/groups/reference.rs
# $kinds: the kinds of unit, joined
reference-choose_unit_kind = Choose the kind of unit: { $kinds }
reference-write_unit_s_name_at = Write the unit's name (at most 150 characters)
reference-choose_county_from_list = Choose the county from the list
reference-unit_name_exists_county = A unit with this name exists in this county
reference-field_s_code_holds_only = The field's code holds only lower-case Latin letters, digits and _
reference-write_field_s_persian_name = Write the field's Persian name

## app/src/groups/staff.rs
# $since: the start of the latest assignment
staff-start_before_latest_assignment = The start date cannot precede the latest assignment of this duty ({ $since })
# $duty: the duty (facilitator, supervisor…)
staff-user_cannot_hold_duty = This user cannot be the group's { $duty }; choose from the list
staff-choose_duty = Choose the duty
staff-start_date_cannot_after_today = The start date cannot be after today

## domain/src/groups/group.rs
group-business_field_required = the business field is required
group-field_other_say_what_business = for the field "other", say what the business is
group-group_s_name_required = the group's name is required
group-group_code_may_hold_only = the group code may hold only Latin letters, digits and hyphens, at most 20

## domain/src/groups/lifecycle.rs
lifecycle-date_move_cannot_after_today = the date of the move cannot be after today
# $stage: the stage the group has ended in, as "Dissolved"
lifecycle-stage_ended = the group is { $stage } and has ended; no stage can follow
# $from: the group's stage
# $to: the stage asked for
# $allowed: the stages that may follow, joined by «یا» ("or" in English)
lifecycle-move_not_allowed = a group cannot move from { $from } to { $to }; the next stage may be { $allowed }
# $last_on: the date of the last move (the Jalali date in Persian, the stored ISO date in English)
lifecycle-move_before_last = the move cannot take effect before the last move ({ $last_on })

## domain/src/groups/membership.rs
membership-enter_number_from_2_30 = enter a number from 2 to 30
membership-maximum_cannot_below_minimum = the maximum cannot be below the minimum
# $joined_on: the date the member joined, as 1404/03/10
membership-left_before_joined = the leave date cannot be before the join date ({ $joined_on })
# $what: the date's name, a message of its own (membership-what_joined_on and the like)
membership-date_required = { $what } is required
# $what: the date's name, a message of its own (membership-what_joined_on and the like)
membership-date_after_today = { $what } cannot be after today
# The names of a membership's dates, in membership-date_required and membership-date_after_today.
membership-what_joined_on = the join date
membership-what_left_on = the leave date
# $members: the number of members
# $min: the province's minimum
membership-too_few_members = the group has { $members } members; the province's minimum is { $min }
# $members: the number of members
# $max: the province's maximum
membership-too_many_members = the group has { $members } members; the province's maximum is { $max }

## web/src/pages/groups/list.rs
list-write_year_four_digits_like = Write the year with four digits, like 1404
