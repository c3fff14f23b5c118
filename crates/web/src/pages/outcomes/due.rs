//! The forms owed (`/outcomes`): for a social worker her own women, for a county expert her
//! county, for a provincial or national expert the county chosen — each line a woman, the
//! occasion and its due day, and a button to each missing instrument's form. Today shows the
//! first lines of the same list ([`due_lines`]).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::access::PlaceId;
use hamyar_app::outcomes::due::AssessmentsDue;
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::format;
use serde::Deserialize;

use super::occasion_label;
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::page;
use crate::state::AppState;

/// Lines on the page.
const LISTED: usize = 200;

/// One owed occasion of one woman.
pub struct DueLine {
    pub name: String,
    pub occasion: String,
    /// «موعد ۱۴۰۵/۰۳/۰۱ · ۴ روز گذشته».
    pub when: String,
    pub late: bool,
    pub missing: usize,
    pub href: String,
}

/// The lines of a list in words.
pub fn due_lines(due: &AssessmentsDue, lang: Lang) -> Vec<DueLine> {
    due.items
        .iter()
        .map(|item| {
            let mut when = lang.tr(
                "outcomes-due_on",
                &[("day", Arg::Text(&format::date(item.owed.due_on, lang)))],
            );
            if item.days_late > 0 {
                when.push_str(" · ");
                when.push_str(&lang.tr("outcomes-late", &[("days", Arg::Number(item.days_late))]));
            }
            DueLine {
                name: format!("{} {}", item.woman.first_name, item.woman.last_name),
                occasion: occasion_label(item.owed.occasion, lang),
                when,
                late: item.days_late > 0,
                missing: item.owed.missing.len(),
                href: format!("/women/{}/outcomes", item.woman.woman_id),
            }
        })
        .collect()
}

/// A county to choose.
pub struct CountyChoice {
    pub id: PlaceId,
    pub name: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "outcomes_due.html")]
struct DueTemplate {
    ctx: PageCtx,
    lines: Vec<DueLine>,
    total: String,
    /// Women whose criteria all hold, not yet proposed: (name, her outcomes page).
    ready: Vec<(String, String)>,
    counties: Vec<CountyChoice>,
    needs_county: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DueQuery {
    pub county: String,
}

/// `/outcomes`.
pub async fn list(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<DueQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::Assess)?;
    let lang = who.lang();
    let chosen: Option<PlaceId> = crate::pages::number(&query.county);
    let due = state
        .app
        .assessments_due(&actor, chosen, LISTED, true)
        .await?;
    let ready = state
        .app
        .ready_to_exit(&actor, due.county_id)
        .await?
        .into_iter()
        .map(|r| (r.name, format!("/women/{}/outcomes#graduation", r.woman_id)))
        .collect();
    let counties = if actor.scope.county().is_some() {
        Vec::new()
    } else {
        let (tree, visible) = state.app.visible_places(&actor).await?;
        let mut counties: Vec<CountyChoice> = visible
            .into_iter()
            .filter_map(|id| tree.get(id))
            .filter(|place| place.kind == hamyar_app::access::ScopeKind::County)
            .map(|place| CountyChoice {
                id: place.id,
                name: tree.label(place.id, lang.is_english()),
                selected: Some(place.id) == due.county_id,
            })
            .collect();
        counties.sort_by_cached_key(|c| {
            hamyar_domain::person_name::persian_order(&hamyar_domain::search_key(&c.name))
        });
        counties
    };
    page(&DueTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "outcomes-due_title"),
        lines: due_lines(&due, lang),
        total: lang.number(due.total),
        ready,
        needs_county: due.county_id.is_none(),
        counties,
    })
}
