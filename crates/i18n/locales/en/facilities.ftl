### A woman's facilities (loans and aid from other bodies).

facilities-title = Facilities and support received
facilities-none = No grant or loan is recorded for her.
facilities-programme_hint = Support from this programme enters the list by itself when its payment is approved; declare only support from other bodies here.
facilities-declare = Declare support from another body
facilities-declared = The declared support was added to her history.
facilities-source = Source
facilities-body = Body
facilities-body_name = Name of the body or bank
facilities-body_name_hint = Required for «other».
facilities-kind = Kind
facilities-amount = Amount (rials)
facilities-amount_hint = In rials, e.g. 50,000,000
facilities-granted_on = Date received
facilities-group = Through group
facilities-note = Note
facilities-withdrawn = Withdrawn on
facilities-window_title = Preventing double support
facilities-window_help = Before a new grant or loan is approved, support the woman received from any body within this many months before it is flagged.
facilities-window_months = Months looked back (1 to 120)
facilities-window_saved = The province's double-support window was saved.
facilities-warning_title = Double-support warning
facilities-warning_lead = These women received other support within the window:

## app/src/facilities/programme.rs
programme-tranche_already_woman_s_history = this tranche is already in the woman's history

## domain/src/facilities/declaration.rs
declaration-support_from_programme_recorded_when = support from this programme is recorded when its payment is approved; choose another body
declaration-name_other_body = name the «other» body
declaration-amount_required = the amount is required
# The name of the date the support was received, in group_life-date_required and group_life-date_after_today.
declaration-what_granted_on = date received

## domain/src/facilities/window.rs
window-number_months_required = the number of months is required
# $max: the longest window a province may choose, in months
window-months_out_of_range = the number of months must be from 1 to { $max }
# $text: what was typed
# $max: the longest window a province may choose, in months
window-months_not_a_number = "{ $text }" is not a number; enter one from 1 to { $max }

## web/src/pages/facilities.rs
# $months: the double-support window in months; $from, $to: its first and last day
facilities-window_span = { $months } months, { $from } to { $to }
