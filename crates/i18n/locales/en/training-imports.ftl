### Importing a provider's attendance sheet (issue 18).
training-imports-run_code_required = Write the run's code, in the "Run code" column of every row.
training-imports-run_code_in_two_provinces = This run code is used in two provinces; import as a user of that province.
training-imports-no_run = There is no run with this code in your scope.
training-imports-session_required = Write the session's number or its date.
training-imports-no_session = This run has no session "{ $session }"; write the session's number or its date.
training-imports-not_enrolled = No woman with national ID { $national_id } is enrolled in this run.
