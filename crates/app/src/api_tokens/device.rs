//! The field app's device tokens (issue 21): a phone that works offline holds a write token
//! of its own, made from her session when she prepares the phone, so that it can sync without
//! a password and be cut off on its own. This module decides what such a token is — her scope,
//! write access, [`FIELD_DEVICE_DAYS`] days, a name that says it is a phone's — and which
//! kinds of records she may make in the field ([`field_kinds`]), so the page, the device
//! endpoint and the phone all ask the same question of her role. Logging out revokes every
//! live device token of hers ([`App::revoke_field_device_tokens`]): the phone's copy, which is
//! wiped too, then opens nothing even if a copy of it survived.

use hamyar_domain::jalali::{DateStyle, Digits};

use super::{ApiTokenDraft, CreatedApiToken, TokenState};
use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult};
use crate::service::App;

/// How long a phone's token lives, and how long the phone keeps its data.
pub const FIELD_DEVICE_DAYS: i64 = 14;
/// The start of every device token's name; the day it was made follows.
pub const FIELD_DEVICE_NAME: &str = "گوشی — کار میدانی";

/// The kinds of offline records her role may make, as `POST /api/v1/sync` names them:
/// meetings and visits for those who manage groups, fund meetings for those who keep funds.
/// Empty for a role that records nothing in the field (and for the console).
pub fn field_kinds(actor: &Actor) -> Vec<&'static str> {
    let mut kinds = Vec::new();
    if actor.user_id.is_none() || !actor.can(Permission::ChangeRecords) {
        return kinds;
    }
    if actor.can(Permission::ManageGroups) {
        kinds.extend(["meeting", "visit"]);
    }
    if actor.can(Permission::KeepFund) {
        kinds.push("fund_meeting");
    }
    kinds
}

impl App {
    /// Makes the write token of the phone she is preparing: her own scope, for
    /// [`FIELD_DEVICE_DAYS`] days, named with today's Jalali date. Refused to a role that
    /// records nothing in the field; the limit of live tokens applies as to any token.
    pub async fn create_field_device_token(&self, actor: &Actor) -> AppResult<CreatedApiToken> {
        if field_kinds(actor).is_empty() {
            return Err(AppError::Forbidden);
        }
        let today = self.today().format(DateStyle::Numeric, Digits::Persian);
        let draft = ApiTokenDraft {
            name: format!("{FIELD_DEVICE_NAME} {today}"),
            access: "write".to_owned(),
            scope: String::new(),
            expires_in_days: FIELD_DEVICE_DAYS.to_string(),
        };
        self.create_api_token(actor, &draft).await
    }

    /// Revokes every live device token of hers (on logout); answers how many. A person
    /// without an account (the console) has none.
    pub async fn revoke_field_device_tokens(&self, actor: &Actor) -> AppResult<usize> {
        if actor.user_id.is_none() {
            return Ok(0);
        }
        let now = self.now();
        let mut revoked = 0;
        for token in self.api_tokens_of(actor).await? {
            if token.state(now) == TokenState::Live && token.name.starts_with(FIELD_DEVICE_NAME) {
                self.revoke_api_token(actor, token.id).await?;
                revoked += 1;
            }
        }
        Ok(revoked)
    }
}
