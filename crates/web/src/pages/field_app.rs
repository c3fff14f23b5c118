//! The offline field app (issue 21): the page a facilitator or a social worker opens on her
//! phone before leaving for the villages, and the two requests it makes with her session.
//!
//! - `GET /field` draws the app's shell: the forms, the messages its script shows (in her
//!   language, as data, since the strict CSP allows no inline script), today's Jalali date and
//!   the kinds of records her role may make (`hamyar_app::api_tokens::field_kinds`). The work
//!   itself is `assets/js/field.js`, which keeps everything on the phone encrypted under her
//!   PIN and syncs through `POST /api/v1/sync` with the phone's own token.
//! - `POST /field/device` makes that token (write, her scope, 14 days) and answers it once as
//!   JSON; `POST /field/device/{id}/revoke` ends it when she wipes the phone. Both take the
//!   CSRF token in the `X-CSRF-Token` header, as every state-changing request does.
//! - The manifest and the service worker that make the shell installable and open it offline
//!   are in [`shell`]; they are public, as a browser fetches them without a session.
//!
//! A role that records nothing in the field is refused the page and the token (403), so the
//! app never offers what the server would refuse at sync.

use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use hamyar_app::AppError;
use hamyar_app::api_tokens::{ApiTokenId, FIELD_DEVICE_DAYS, field_kinds};
use hamyar_domain::jalali::{DateStyle, Digits};
use serde::Serialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::page;
use crate::state::AppState;

pub mod shell;

/// The messages `field.js` shows, drawn into the page in her language.
const SCRIPT_MESSAGES: &[&str] = &[
    "fieldapp-js_online",
    "fieldapp-js_offline",
    "fieldapp-js_pin_short",
    "fieldapp-js_pin_mismatch",
    "fieldapp-js_pin_wrong",
    "fieldapp-js_preparing",
    "fieldapp-js_prepared",
    "fieldapp-js_prepare_failed",
    "fieldapp-js_need_online",
    "fieldapp-js_queued",
    "fieldapp-js_syncing",
    "fieldapp-js_synced",
    "fieldapp-js_sync_failed",
    "fieldapp-js_conflict_not_members",
    "fieldapp-js_conflict_duplicate",
    "fieldapp-js_conflict_other",
    "fieldapp-js_refused",
    "fieldapp-js_settle_drop",
    "fieldapp-js_settle_confirm",
    "fieldapp-js_settle_discard",
    "fieldapp-js_discard_confirm",
    "fieldapp-js_wipe_confirm",
    "fieldapp-js_wiped",
    "fieldapp-js_expired",
    "fieldapp-js_kind_meeting",
    "fieldapp-js_kind_visit",
    "fieldapp-js_kind_fund_meeting",
    "fieldapp-js_queue_empty",
    "fieldapp-js_in_queue",
    "fieldapp-js_groups",
    "fieldapp-js_prepared_at",
    "fieldapp-js_wipe_on",
    "fieldapp-js_pick_group",
    "fieldapp-js_shares",
    "fieldapp-js_fund_open",
    "fieldapp-js_date_invalid",
    "fieldapp-js_required",
    "fieldapp-js_settled",
    "fieldapp-js_conflicts",
    "fieldapp-js_no_groups",
    "fieldapp-js_unlocked",
];

#[derive(Template)]
#[template(path = "field_app.html")]
struct FieldTemplate {
    ctx: PageCtx,
    /// Today in Tehran, `1405/09/16` in Latin digits (the forms show it in hers).
    today_numeric: String,
    /// The record kinds she may make, space-separated.
    kinds: String,
    may_group_life: bool,
    may_fund: bool,
    /// Her account's id: the phone keeps each person's data apart.
    user_id: String,
    keep_days: i64,
    messages: Vec<(&'static str, &'static str)>,
    manifest_url: &'static str,
    worker_url: &'static str,
}

/// The kinds she may make, or 403 when there are none.
fn kinds_of(who: &LoggedIn) -> WebResult<Vec<&'static str>> {
    let kinds = field_kinds(&who.actor());
    if kinds.is_empty() {
        return Err(AppError::Forbidden.into());
    }
    Ok(kinds)
}

pub async fn show(State(state): State<AppState>, who: LoggedIn) -> WebResult<Response> {
    let kinds = kinds_of(&who)?;
    let actor = who.actor();
    let lang = who.lang();
    page(&FieldTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "fieldapp-title"),
        today_numeric: state.app.today().format(DateStyle::Numeric, Digits::Latin),
        may_group_life: kinds.contains(&"meeting"),
        may_fund: kinds.contains(&"fund_meeting"),
        kinds: kinds.join(" "),
        user_id: actor.user_id.map(|id| id.to_string()).unwrap_or_default(),
        keep_days: FIELD_DEVICE_DAYS,
        messages: SCRIPT_MESSAGES.iter().map(|&id| (id, lang.t(id))).collect(),
        manifest_url: shell::MANIFEST_PATH,
        worker_url: shell::WORKER_PATH,
    })
}

/// The phone's token, answered once.
#[derive(Debug, Serialize)]
pub struct DeviceAnswer {
    token: String,
    token_id: i64,
    /// RFC 3339; the phone wipes its data then.
    expires_at: String,
    kinds: Vec<&'static str>,
}

/// Makes the write token of the phone she is preparing.
pub async fn create_device(
    State(state): State<AppState>,
    who: LoggedIn,
) -> WebResult<Json<DeviceAnswer>> {
    let kinds = kinds_of(&who)?;
    let made = state.app.create_field_device_token(&who.actor()).await?;
    Ok(Json(DeviceAnswer {
        token: made.secret,
        token_id: made.token.id.into(),
        expires_at: made.token.expires_at.to_string(),
        kinds,
    }))
}

#[derive(Debug, Serialize)]
pub struct Revoked {
    revoked: bool,
}

/// Ends a phone's token when she wipes the phone (hers only; anyone else's is 404).
pub async fn revoke_device(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<ApiTokenId>,
) -> WebResult<Json<Revoked>> {
    state.app.revoke_api_token(&who.actor(), id).await?;
    Ok(Json(Revoked { revoked: true }))
}
