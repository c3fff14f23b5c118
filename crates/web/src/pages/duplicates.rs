//! The queue of likely duplicates in the user's scope: each pair side by side (name, national
//! ID, birth date, mobile, county, why they look alike), with "keep this one" to merge the
//! pair into the chosen record and "dismiss" when they are different women. Everyone who may
//! see the registry sees the queue; the app decides who may act on it, and records in the
//! audit trail each woman a page shows. The queue drawn again after a refused decision is a
//! redraw, which the app does not record again for women the reviewer was just shown.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::places::PlaceTree;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::registry::duplicates::{DuplicatePair, DuplicateReason};
use hamyar_app::registry::search::WomanListItem;
use hamyar_app::registry::viewing::Showing;
use hamyar_domain::registry::CoverageStatus;
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes;
use crate::pages::form::FormView;
use crate::pages::{done, page};
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

/// Pairs per page.
const PAGE_SIZE: i64 = 20;

/// One side of a pair.
pub struct SideView {
    pub id: WomanId,
    pub name: String,
    pub national_id: String,
    pub birth_date: String,
    pub mobile: String,
    pub county: String,
    pub status: String,
    pub status_badge: &'static str,
    pub household_size: String,
}

pub struct PairView {
    pub id: i64,
    pub reason: String,
    pub detected_at: String,
    /// `None`: the record lies outside the user's scope.
    pub sides: [Option<SideView>; 2],
}

#[derive(Template)]
#[template(path = "duplicates.html")]
struct DuplicatesTemplate {
    ctx: PageCtx,
    pairs: Vec<PairView>,
    can_review: bool,
    problem: Option<String>,
    page_label: String,
    previous_href: Option<String>,
    next_href: Option<String>,
}

fn side_view(item: WomanListItem, tree: &PlaceTree, lang: Lang) -> SideView {
    SideView {
        id: item.id,
        name: format!("{} {}", item.first_name, item.last_name),
        national_id: lang.digits(&item.national_id),
        birth_date: format::iso_date(&item.birth_date, lang),
        mobile: if item.mobile.is_empty() {
            "—".to_owned()
        } else {
            lang.digits(&item.mobile)
        },
        county: tree.label(item.county_id, lang.is_english()),
        status: codes::label_of::<CoverageStatus>(&item.coverage_status, lang),
        status_badge: codes::status_badge(&item.coverage_status),
        household_size: lang.number(item.household_size),
    }
}

fn pair_view(pair: DuplicatePair, tree: &PlaceTree, lang: Lang) -> PairView {
    let reason = match DuplicateReason::parse(&pair.candidate.reason) {
        Some(reason) if lang.is_english() => reason.label_en().to_owned(),
        Some(reason) => reason.label_fa().to_owned(),
        None => pair.candidate.reason.clone(),
    };
    PairView {
        id: pair.candidate.id,
        reason,
        detected_at: format::date_time(pair.candidate.detected_at, lang),
        sides: [
            pair.woman.map(|w| side_view(w, tree, lang)),
            pair.other.map(|w| side_view(w, tree, lang)),
        ],
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct QueueParams {
    #[serde(default)]
    page: String,
    #[serde(default)]
    done: Option<String>,
}

async fn queue_page(
    state: &AppState,
    who: &LoggedIn,
    page_number: i64,
    problem: Option<String>,
    notice: Option<&str>,
    showing: Showing,
) -> WebResult<DuplicatesTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let shown = state
        .app
        .duplicate_pairs(
            &actor,
            Some("open"),
            PAGE_SIZE,
            page_number * PAGE_SIZE,
            showing,
        )
        .await?;
    let tree = state.app.place_tree().await?;
    let href = |n: i64| format!("/duplicates?page={n}");
    Ok(DuplicatesTemplate {
        ctx: PageCtx::for_user(&state.app, who, "duplicates-title").with_notice(notice),
        pairs: shown
            .pairs
            .into_iter()
            .map(|pair| pair_view(pair, &tree, lang))
            .collect(),
        can_review: actor.can(Permission::ReviewDuplicates),
        problem,
        page_label: lang.digits(&(page_number + 1).to_string()),
        previous_href: (page_number > 0).then(|| href(page_number - 1)),
        next_href: shown.has_more.then(|| href(page_number + 1)),
    })
}

pub async fn queue(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(params): Query<QueueParams>,
) -> WebResult<Response> {
    let page_number = hamyar_domain::to_latin_digits(params.page.trim())
        .parse::<i64>()
        .unwrap_or(0)
        .max(0);
    page(
        &queue_page(
            &state,
            &who,
            page_number,
            None,
            params.done.as_deref(),
            Showing::Opening,
        )
        .await?,
    )
}

/// Answers a review: back to the queue with a confirmation, or the queue drawn again with
/// the app's reason for refusing (status 422).
async fn answer(
    state: &AppState,
    who: &LoggedIn,
    result: Result<(), hamyar_app::AppError>,
    notice_key: &str,
) -> WebResult<Response> {
    FormView::default()
        .answer(
            result,
            who.lang(),
            |()| done("/duplicates", notice_key),
            |form| {
                let problem = ["keep", "status"]
                    .iter()
                    .find_map(|field| form.err(field))
                    .map(str::to_owned);
                queue_page(state, who, 0, problem, None, Showing::Redraw)
            },
        )
        .await
}

#[derive(Debug, Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    keep: String,
}

pub async fn merge(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(input): Form<MergeForm>,
) -> WebResult<Response> {
    // An unreadable choice is neither record, which the app reports as such.
    let keep = hamyar_domain::to_latin_digits(input.keep.trim())
        .parse()
        .unwrap_or_default();
    let result = state.app.merge_duplicate(&who.actor(), id, keep).await;
    answer(&state, &who, result, "duplicates-merged").await
}

pub async fn dismiss(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let result = state.app.dismiss_duplicate(&who.actor(), id).await;
    answer(&state, &who, result, "duplicates-dismissed").await
}
