### A province's historical payments and grants: the batch of paper decisions waiting for a second person (crates/app/src/history_batches, the money history pages).

## app/src/history_batches/decide.rs
history-batch_already_decided = این دسته پیش‌تر تأیید یا رد شده است.
history-importer_may_not_decide = کسی که این دسته را وارد کرده نمی‌تواند آن را تأیید یا رد کند؛ نفر دوم باید تصمیم بگیرد.
history-row_refused = ردیف { $row }: { $problem }
history-scan_required = این دسته پرداخت‌های انجام‌شده دارد؛ تصویر اسناد کاغذی پرداخت (PDF، JPEG یا PNG) را پیوست کنید.

## web/src/pages/history_batches.rs, templates/history_batches.html, history_batch.html
history-nav = سابقه‌ی کاغذی پول
history-list_title = دسته‌های سابقه‌ی کاغذی
history-list_intro = پرداخت‌ها و کمک‌هایی که از سابقه‌ی استان وارد شده‌اند فقط پیشنهاد می‌شوند؛ تأییدها و پرداخت‌های روی کاغذ در این دسته‌ها منتظر می‌مانند تا نفر دوم آن‌ها را تأیید یا رد کند.
history-none = هنوز دسته‌ای وارد نشده است.
history-number = شماره
history-kind = نوع
history-source = فایل
history-imported_by = واردکننده
history-imported_on = تاریخ ورود
history-status = وضعیت
history-rows_count = تصمیم‌های کاغذی
history-status-waiting = منتظر تأیید نفر دوم
history-status-confirmed = تأییدشده
history-status-refused = ردشده
history-batch_title = دسته‌ی سابقه‌ی کاغذی
history-back = همه‌ی دسته‌ها
history-rows = تصمیم‌های کاغذی
history-row = ردیف فایل
history-decides = موضوع
history-amount = مبلغ
history-approved_on = تاریخ تأیید
history-paid_on = تاریخ پرداخت
history-approver = تأییدکننده روی کاغذ
history-current_status = وضعیت کنونی
history-total = جمع
history-tranche = قسط { $seq }
history-decided_by = تصمیم‌گیرنده
history-refusal_reason = دلیل رد
history-evidence = تصویر اسناد کاغذی
history-not_done = این کار انجام نشد:
history-confirm_title = تأیید دسته
history-confirm_hint = با تأیید، هر تصمیم کاغذی در همان روزی که روی کاغذ نوشته شده به نام شما تأیید (و اگر پرداخت شده، پرداخت) می‌شود؛ اگر یکی پذیرفته نشود هیچ‌کدام ثبت نمی‌شود.
history-scan = تصویر اسناد کاغذی پرداخت (PDF، JPEG یا PNG)
history-scan_required_hint = این دسته پرداخت انجام‌شده دارد؛ پیوست تصویر اسناد لازم است.
history-acknowledge_double_support = حمایت‌های دیگر گیرندگان را دیده‌ام و با این حال تأیید می‌کنم.
history-confirm = تأیید همه‌ی دسته
history-refuse = رد دسته
history-reason = دلیل رد
history-own_import = این دسته را شما وارد کرده‌اید؛ نفر دوم با اجازه‌ی تأیید باید آن را تأیید یا رد کند.
history-confirmed = دسته تأیید شد.
history-refused = دسته رد شد.

## the paper note on a payment's and a grant's page
history-paper_note = از سابقه‌ی کاغذی: تأیید { $approved_on } به امضای { $approver }
history-paper_paid = پرداخت { $paid_on }
history-paper_batch = دسته‌ی { $batch }

## web/src/pages/home.rs
history-today_title = سابقه‌ی کاغذی منتظر تصمیم شما
history-today_waiting = { $count } دسته‌ی سابقه‌ی کاغذی منتظر تأیید یا رد شماست.
history-today_open = دیدن دسته‌ها
