### The JSON API (issue 21): its problem documents and its readable page
### (`crates/web/src/api/`, `crates/app/src/once.rs`).

## Kinds of problem (the `title` of a problem document)
api-problem_title-invalid = داده‌های نادرست
api-problem_title-unauthenticated = نیاز به توکن دسترسی
api-problem_title-rate_limited = درخواست‌های بیش از حد
api-problem_title-forbidden = اجازه ندارید
api-problem_title-not_found = پیدا نشد
api-problem_title-changed_meanwhile = در این فاصله تغییر کرده است
api-problem_title-conflict = تعارض
api-problem_title-precondition_required = شرط لازم است
api-problem_title-bad_request = درخواست نادرست
api-problem_title-method_not_allowed = روش پذیرفته نیست
api-problem_title-internal = خطای سامانه

## What went wrong (the `detail`)
api-problem_invalid = برخی داده‌ها پذیرفته نشد؛ پیام هر فیلد را ببینید. چیزی ثبت نشد.
api-problem_unauthenticated = توکن دسترسی معتبری همراه درخواست نیست (Authorization: Bearer …)، یا توکن باطل یا منقضی شده است.
api-problem_rate_limited = این توکن در این فاصله بیش از اندازه درخواست فرستاده است؛ کمی بعد دوباره بفرستید.
api-problem_forbidden = نقش شما اجازهٔ این کار را نمی‌دهد.
api-problem_read_only_token = این توکن فقط برای خواندن است و نمی‌تواند چیزی ثبت یا تغییر دهد.
api-problem_not_found = چنین رکوردی در محدودهٔ شما نیست.
api-problem_no_such_operation = در API چنین نشانی‌ای نیست؛ فهرست عملیات‌ها در /api/v1/openapi.json است.
api-problem_method_not_allowed = این نشانی این روش (method) را نمی‌پذیرد؛ روش‌های پذیرفته در سرآیند Allow آمده است.
api-problem_changed_meanwhile = این رکورد پس از خواندن شما تغییر کرده است؛ دوباره بخوانید و سپس بفرستید.
api-problem_conflict = این داده با رکورد دیگری تعارض دارد.
api-problem_if_match_required = برای تغییر این رکورد، سرآیند If-Match را با ETag خوانده‌شده بفرستید.
api-problem_bad_request = درخواست را نمی‌توان خواند.
api-problem_internal = خطایی در سامانه رخ داد و چیزی ثبت نشد. دوباره بفرستید؛ اگر تکرار شد به پشتیبانی خبر دهید.

## The field at fault
api-key_reused_for_another_request = این کلید یکتایی (Idempotency-Key) پیش‌تر برای درخواست دیگری به کار رفته است؛ برای هر رکورد کلید تازه‌ای بسازید.
api-idempotency_key_required = هر درخواست ثبت باید سرآیند Idempotency-Key داشته باشد.
api-idempotency_key_malformed = کلید یکتایی باید ۸ تا ۱۲۰ نویسه از حروف و ارقام لاتین و - _ . : باشد.
api-if_match_required = سرآیند If-Match را با ETag رکورد بفرستید.
api-if_match_not_this_record = این ETag از آن این رکورد نیست.
api-path_malformed = نشانی درخواست درست نیست؛ شناسه باید عدد باشد.
api-query_malformed = پارامترهای جست‌وجو درست نیستند.
api-body_too_large = بدنهٔ درخواست بزرگ‌تر از اندازهٔ مجاز است یا خوانده نشد.
api-body_malformed = بدنهٔ درخواست JSON درستی با فیلدهای خواسته‌شده نیست.
api-too_many_entries = فهرست بیش از اندازهٔ مجاز قلم دارد.

## The fund over the API and the field app's sync (`api/fund.rs`, `fund/field_meetings.rs`)
api-fund_not_members_that_day = { $names } در { $day } عضو این گروه نبود؛ ردیفش را از جلسهٔ صندوق بردارید و جلسه را دوباره بفرستید
api-fund_meeting_already_recorded = جلسهٔ صندوق روز { $day } را پیش‌تر { $name } ثبت کرده است؛ آن را با جلسهٔ خود مقایسه کنید و جلسهٔ خود را کنار بگذارید

## The readable page of the document
api-docs-title = راهنمای API
api-docs-intro = این صفحه همهٔ عملیات API نسخهٔ ۱ همیار را از روی سند OpenAPI آن نشان می‌دهد. برای استفاده، در صفحهٔ حساب خود توکن دسترسی بسازید و آن را در سرآیند Authorization: Bearer بفرستید؛ هر توکن فقط در محدودهٔ مکانی خود می‌خواند و می‌نویسد. هر ثبت به سرآیند Idempotency-Key نیاز دارد تا تکرار آن دوباره ثبت نشود، و هر تغییر به If-Match با ETag رکورد. خطاها به شکل application/problem+json با پیام فارسی و انگلیسی و نام فیلد نادرست برمی‌گردند. تاریخ‌ها شمسی‌اند.
api-docs-parameters = پارامترها
api-docs-body = بدنهٔ درخواست:
api-docs-answers = پاسخ‌ها
