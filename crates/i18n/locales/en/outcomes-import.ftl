### Imports and exports of assessment forms (crates/app/src/imports, crates/app/src/outcomes/export.rs).

## the import page's kinds
# $instrument: the instrument's title
outcomes-import-kind = Filled forms of { $instrument }
outcomes-import-hint = one row per paper form: national ID, day filled, occasion, note, then one column per question; forms already recorded are skipped

## problems of a row
outcomes-import-no_woman = No woman with this national ID is registered in your area.
outcomes-import-unknown_occasion = The occasion was not recognised: write baseline, follow_up_1, follow_up_2, …, exit, after_exit_6 or after_exit_12 (or its Persian name), or leave it blank.
# $taken_on: the day of the form already recorded
outcomes-import-other_form_present = Another form with other answers (filled on { $taken_on }) is already recorded for this occasion; a second one is not recorded.
# $version: the instrument's latest version
outcomes-import-instrument_changed = Version { $version } of this questionnaire has been added; download the new template and send the file again.
