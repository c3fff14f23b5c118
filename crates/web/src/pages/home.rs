//! The dashboard: who you are, where you work, and real counts of what lies in your scope.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::access::ScopeKind;

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::{Notice, page};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "home.html")]
struct HomeTemplate {
    ctx: PageCtx,
    scope_label: String,
    provinces: i64,
    counties: i64,
    users: Option<i64>,
}

/// Largest number of users counted on the dashboard in one go.
const USER_COUNT_LIMIT: i64 = 100_000;

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    let actor = who.actor();
    let (tree, visible) = state.app.visible_places(&actor).await?;
    let count_kind = |kind: ScopeKind| {
        visible
            .iter()
            .filter(|id| tree.get(**id).is_some_and(|p| p.kind == kind))
            .count() as i64
    };
    let users = if actor.can(Permission::ViewUsers) {
        Some(
            state
                .app
                .list_users(&actor, USER_COUNT_LIMIT, 0)
                .await?
                .len() as i64,
        )
    } else {
        None
    };
    let english = who.lang().is_english();
    let scope_label = match actor.scope.county().or(actor.scope.province()) {
        Some(place) => tree.label(place, english),
        None => tree
            .country()
            .map(|c| c.name(english).to_owned())
            .unwrap_or_default(),
    };
    page(&HomeTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "home-title").with_notice(notice.done.as_deref()),
        scope_label,
        provinces: count_kind(ScopeKind::Province),
        counties: count_kind(ScopeKind::County),
        users,
    })
}
