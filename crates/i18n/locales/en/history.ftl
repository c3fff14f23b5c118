### A province's historical payments and grants: the batch of paper decisions waiting for a second person (crates/app/src/history_batches, the money history pages).

## app/src/history_batches/decide.rs
history-batch_already_decided = This batch has already been confirmed or refused.
history-importer_may_not_decide = Whoever imported this batch may not confirm or refuse it; a second person must decide.
history-row_refused = Row { $row }: { $problem }
history-scan_required = This batch has payments that were paid; attach the scan of the paper payment documents (PDF, JPEG or PNG).
