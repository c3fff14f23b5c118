### The JSON API (issue 21): its problem documents and its readable page
### (`crates/web/src/api/`, `crates/app/src/once.rs`).

## Kinds of problem (the `title` of a problem document)
api-problem_title-invalid = Invalid data
api-problem_title-unauthenticated = Access token required
api-problem_title-rate_limited = Too many requests
api-problem_title-forbidden = Not allowed
api-problem_title-not_found = Not found
api-problem_title-changed_meanwhile = Changed meanwhile
api-problem_title-conflict = Conflict
api-problem_title-precondition_required = Precondition required
api-problem_title-bad_request = Bad request
api-problem_title-method_not_allowed = Method not allowed
api-problem_title-internal = System error

## What went wrong (the `detail`)
api-problem_invalid = Some data was refused; see each field's message. Nothing was recorded.
api-problem_unauthenticated = The request carries no valid access token (Authorization: Bearer …), or the token was revoked or has expired.
api-problem_rate_limited = This token sent too many requests in a short time; send again a little later.
api-problem_forbidden = Your role does not allow this.
api-problem_read_only_token = This token is read-only: it cannot record or change anything.
api-problem_not_found = There is no such record in your scope.
api-problem_no_such_operation = The API has no such path; its operations are listed in /api/v1/openapi.json.
api-problem_method_not_allowed = This path does not take this method; the Allow header lists those it takes.
api-problem_changed_meanwhile = This record changed after you read it; read it again, then send.
api-problem_conflict = This data conflicts with another record.
api-problem_if_match_required = To change this record, send an If-Match header with the ETag you read.
api-problem_bad_request = The request cannot be read.
api-problem_internal = Something went wrong in the system and nothing was recorded. Send again; if it happens again, tell support.

## The field at fault
api-key_reused_for_another_request = This Idempotency-Key was already used for a different request; make a new key for each record.
api-idempotency_key_required = Every write must carry an Idempotency-Key header.
api-idempotency_key_malformed = An idempotency key is 8 to 120 characters of Latin letters, digits and - _ . :
api-if_match_required = Send an If-Match header with the record's ETag.
api-if_match_not_this_record = This ETag is not this record's.
api-path_malformed = The request's address is malformed; an id must be a number.
api-query_malformed = The query's parameters are malformed.
api-body_too_large = The request body is larger than allowed, or could not be read.
api-body_malformed = The request body is not valid JSON with the expected fields.
api-too_many_entries = The list has more entries than allowed.

## The fund over the API and the field app's sync (`api/fund.rs`, `fund/field_meetings.rs`)
api-fund_not_members_that_day = { $names } was not a member of this group on { $day }; remove her line from the fund meeting and send it again
api-fund_meeting_already_recorded = { $name } has already recorded the fund's meeting of { $day }; compare it with yours and drop yours

## The readable page of the document
api-docs-title = API guide
api-docs-intro = This page shows every operation of Hamyar's API version 1, from its OpenAPI document. To use it, create an access token on your account page and send it in an Authorization: Bearer header; a token reads and writes only within its place. Every write needs an Idempotency-Key header so that a repeat is not recorded twice, and every change an If-Match with the record's ETag. Errors come back as application/problem+json with Persian and English messages and the field at fault. Dates are Jalali.
api-docs-parameters = Parameters
api-docs-body = Request body:
api-docs-answers = Answers
