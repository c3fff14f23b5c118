//! "Create a token" as typed on the account page, and its checks: a name of 1–60 characters
//! (spaces collapsed, Arabic letters written as Persian ones, as every name is), read or
//! write access, a scope that is the person's own or a place inside it, and a lifetime of
//! 1–365 days (90 when left empty). Every problem is reported at once, under its field.

use hamyar_domain::Message;
use serde::{Deserialize, Serialize};

use crate::access::{PlaceId, Scope};
use crate::error::FieldError;
use crate::places::PlaceTree;
use crate::ports::api_tokens::TokenAccess;

/// The lifetime of a token when none is typed.
pub const DEFAULT_EXPIRY_DAYS: i64 = 90;
/// The longest lifetime a token may be given.
pub const MAX_EXPIRY_DAYS: i64 = 365;
/// The longest name a token may have.
const MAX_NAME_CHARS: usize = 60;

/// The form's fields, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiTokenDraft {
    pub name: String,
    /// `read` or `write`.
    pub access: String,
    /// The id of the place the token's scope is anchored at; empty for the person's own.
    pub scope: String,
    /// Days until the token expires; empty for [`DEFAULT_EXPIRY_DAYS`].
    pub expires_in_days: String,
}

/// A draft that passed every check.
#[derive(Debug, Clone)]
pub(crate) struct ValidDraft {
    pub name: String,
    pub access: TokenAccess,
    pub scope_place_id: PlaceId,
    pub scope: Scope,
    pub days: i64,
}

fn parse_name(raw: &str) -> Result<String, FieldError> {
    let name =
        hamyar_domain::persian_letters(&raw.split_whitespace().collect::<Vec<_>>().join(" "));
    if name.is_empty() {
        return Err(FieldError::new(
            "name",
            Message::new("api_tokens-enter_name"),
        ));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(FieldError::new(
            "name",
            Message::new("api_tokens-name_exceed_60_characters"),
        ));
    }
    Ok(name)
}

fn parse_access(raw: &str) -> Result<TokenAccess, FieldError> {
    TokenAccess::parse(raw)
        .ok_or_else(|| FieldError::new("access", Message::new("api_tokens-choose_access")))
}

/// The place a scope is anchored at, as the tree names it.
pub(crate) fn anchor_of(scope: Scope, tree: &PlaceTree) -> Option<PlaceId> {
    match scope {
        Scope::Country => tree.country().map(|c| c.id),
        Scope::Province(province) => Some(province),
        Scope::County { county, .. } => Some(county),
    }
}

fn parse_scope(raw: &str, own: Scope, tree: &PlaceTree) -> Result<(PlaceId, Scope), FieldError> {
    let raw = hamyar_domain::digits::to_latin_digits(raw.trim());
    let place_id = if raw.is_empty() {
        anchor_of(own, tree)
    } else {
        raw.parse().ok()
    };
    let chosen = place_id.and_then(|id| tree.scope_of(id).map(|scope| (id, scope)));
    let Some((place_id, scope)) = chosen else {
        return Err(FieldError::new(
            "scope",
            Message::new("places-choose_place_from_list"),
        ));
    };
    if !own.contains(scope) {
        return Err(FieldError::new(
            "scope",
            Message::new("users-scope_outside_own"),
        ));
    }
    Ok((place_id, scope))
}

fn parse_days(raw: &str) -> Result<i64, FieldError> {
    let raw = hamyar_domain::digits::to_latin_digits(raw.trim());
    if raw.is_empty() {
        return Ok(DEFAULT_EXPIRY_DAYS);
    }
    raw.parse::<i64>()
        .ok()
        .filter(|days| (1..=MAX_EXPIRY_DAYS).contains(days))
        .ok_or_else(|| {
            FieldError::new(
                "expires_in_days",
                Message::new("api_tokens-expiry_between_1_and_365_days"),
            )
        })
}

impl ApiTokenDraft {
    /// Checks every field against the person's own scope and the places of `tree`.
    pub(crate) fn validate(
        &self,
        own: Scope,
        tree: &PlaceTree,
    ) -> Result<ValidDraft, Vec<FieldError>> {
        let name = parse_name(&self.name);
        let access = parse_access(&self.access);
        let scope = parse_scope(&self.scope, own, tree);
        let days = parse_days(&self.expires_in_days);
        match (name, access, scope, days) {
            (Ok(name), Ok(access), Ok((scope_place_id, scope)), Ok(days)) => Ok(ValidDraft {
                name,
                access,
                scope_place_id,
                scope,
                days,
            }),
            (name, access, scope, days) => Err([name.err(), access.err(), scope.err(), days.err()]
                .into_iter()
                .flatten()
                .collect()),
        }
    }
}
