### A province's historical payments and grants: the batch of paper decisions waiting for a second person (crates/app/src/history_batches, the money history pages).

## app/src/history_batches/decide.rs
history-batch_already_decided = This batch has already been confirmed or refused.
history-importer_may_not_decide = Whoever imported this batch may not confirm or refuse it; a second person must decide.
history-row_refused = Row { $row }: { $problem }
history-scan_required = This batch has payments that were paid; attach the scan of the paper payment documents (PDF, JPEG or PNG).

## web/src/pages/history_batches.rs, templates/history_batches.html, history_batch.html
history-nav = Paper history
history-list_title = Batches of paper history
history-list_intro = Payments and grants imported from a province's history are only proposed; what was approved and paid on paper waits in these batches until a second person confirms or refuses it.
history-none = No batch has been imported yet.
history-number = Number
history-kind = Kind
history-source = File
history-imported_by = Imported by
history-imported_on = Imported on
history-status = Status
history-rows_count = Paper decisions
history-status-waiting = Waiting for a second person
history-status-confirmed = Confirmed
history-status-refused = Refused
history-batch_title = Batch of paper history
history-back = All batches
history-rows = Paper decisions
history-row = Row of the file
history-decides = Decides
history-amount = Amount
history-approved_on = Approved on
history-paid_on = Paid on
history-approver = Approved on paper by
history-current_status = Status now
history-total = Total
history-tranche = Tranche { $seq }
history-decided_by = Decided by
history-refusal_reason = Reason for refusal
history-evidence = Scan of the paper documents
history-not_done = This was not done:
history-confirm_title = Confirm the batch
history-confirm_hint = Confirming approves (and, where paid, pays) each paper decision in your name on the day written on paper; if one is refused, none is recorded.
history-scan = Scan of the paper payment documents (PDF, JPEG or PNG)
history-scan_required_hint = This batch has payments that were paid; the scan of the documents is required.
history-acknowledge_double_support = I have seen the recipients' other support and confirm anyway.
history-confirm = Confirm the whole batch
history-refuse = Refuse the batch
history-reason = Reason for refusal
history-own_import = You imported this batch; a second person allowed to approve must confirm or refuse it.
history-confirmed = The batch was confirmed.
history-refused = The batch was refused.

## the paper note on a payment's and a grant's page
history-paper_note = From the paper history: approved { $approved_on }, signed by { $approver }
history-paper_paid = paid { $paid_on }
history-paper_batch = batch { $batch }

## web/src/pages/home.rs
history-today_title = Paper history waiting for your decision
history-today_waiting = { $count } batch(es) of paper history wait for you to confirm or refuse them.
history-today_open = See the batches
