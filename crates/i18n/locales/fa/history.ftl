### A province's historical payments and grants: the batch of paper decisions waiting for a second person (crates/app/src/history_batches, the money history pages).

## app/src/history_batches/decide.rs
history-batch_already_decided = این دسته پیش‌تر تأیید یا رد شده است.
history-importer_may_not_decide = کسی که این دسته را وارد کرده نمی‌تواند آن را تأیید یا رد کند؛ نفر دوم باید تصمیم بگیرد.
history-row_refused = ردیف { $row }: { $problem }
history-scan_required = این دسته پرداخت‌های انجام‌شده دارد؛ تصویر اسناد کاغذی پرداخت (PDF، JPEG یا PNG) را پیوست کنید.
