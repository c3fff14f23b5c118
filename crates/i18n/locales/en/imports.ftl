# Importing a province's group history (crates/app/src/imports, the import page).

imports-kind = What the file holds
imports-kind-women = Women heads of household
imports-kind-groups = Groups
imports-kind-stages = Later stages of groups
imports-kind-members = Group members
imports-kind-visits = Visits
imports-hint-women = one row per woman, by national ID
imports-hint-groups = one row per group with its code, and the dates it was identified, trained, registered, funded and became active
imports-hint-stages = one row per stage move: inactive with its reason, reactivated, dissolved, graduated
imports-hint-members = one row per membership: group code, national ID, role, date joined and, if she left, the date and reason
imports-hint-visits = one row per visit: group code, visit date, purpose and findings
imports-order = To bring a province's history in, import in this order: women, groups, later stages, members, visits. Rows already imported are skipped, so importing a file again records nothing twice.
imports-templates = Templates
imports-history_all_or_nothing = Groups, stages, members and visits are always imported all or nothing: if one row has a problem, no row is written.
imports-already_present_count = rows already present (skipped)
imports-history_rolled_back = A group history is imported all or nothing; correct the rows with problems and send the file again.
imports-apply = Import
imports-already_present = This row was imported before; it was not written again.
imports-no_group_with_code = No group with this code in your area; import the groups file first.
imports-group_code_required = Write the group's code; importing the file again recognises the group by it.
imports-group_code_in_two_provinces = This code is used in two provinces; import with an account of that province.
imports-stopped_after_row = The database refused row { $row }; the rows after it were not checked and nothing was written.
imports-date_required = Write the date: an imported record carries its real date, not today's.
