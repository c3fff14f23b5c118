//! Provinces and counties within the user's scope; administrators add counties and record
//! renames that hold from a Jalali date.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::access::ScopeKind;
use hamyar_app::places::{NewCountyInput, PlaceTree, RenameInput};
use hamyar_app::{AppError, Permission};

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::form::FormView;
use crate::pages::{Notice, done, page};
use crate::state::AppState;
use hamyar_app::access::PlaceId;
use hamyar_i18n::Lang;
use hamyar_reports::format;

pub struct PlaceRowView {
    pub id: PlaceId,
    pub is_province: bool,
    /// On the national summary, a province's number of counties (its counties are listed
    /// on `/places?province=<id>`).
    pub counties: Option<i64>,
    pub name: String,
    pub name_en: String,
    pub province: String,
    pub since: String,
}

#[derive(Template)]
#[template(path = "places.html")]
struct PlacesTemplate {
    ctx: PageCtx,
    rows: Vec<PlaceRowView>,
    /// Whether the page shows one province of a national user's list (with a way back).
    narrowed: bool,
    can_manage: bool,
    provinces: Vec<(String, String)>,
    form: FormView,
}

#[derive(Template)]
#[template(path = "place.html")]
struct PlaceTemplate {
    ctx: PageCtx,
    id: PlaceId,
    name: String,
    kind: &'static str,
    code: String,
    history: Vec<(String, String, String)>,
    can_manage: bool,
    form: FormView,
}

fn since_text(tree: &PlaceTree, id: PlaceId, lang: Lang) -> String {
    let place = tree.get(id);
    let current = place.and_then(|p| {
        p.names
            .iter()
            .rev()
            .find(|n| n.name_fa == p.name_fa && n.name_en == p.name_en)
    });
    match current {
        Some(name) if name.valid_from != hamyar_app::reference::REFERENCE_NAMES_VALID_FROM => {
            format::iso_date(&name.valid_from, lang)
        }
        _ => "—".to_owned(),
    }
}

/// The query of the list: a notice after a redirect, and the province a national user opened.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub done: Option<String>,
    pub province: Option<String>,
}

/// The places a page lists: a user of a province or a county sees their province and its
/// counties; a national user, whose scope holds Iran's 31 provinces and 484 counties, sees
/// the provinces with their number of counties, and one province's counties when opening it.
fn listed(
    tree: &PlaceTree,
    visible: &[PlaceId],
    actor_scope: hamyar_app::Scope,
    province: Option<PlaceId>,
) -> (Vec<PlaceId>, bool) {
    if actor_scope != hamyar_app::Scope::Country {
        return (visible.to_vec(), false);
    }
    match province.filter(|id| tree.get(*id).is_some_and(|p| p.kind == ScopeKind::Province)) {
        Some(province) => {
            let ids = std::iter::once(province)
                .chain(tree.counties_of(province).map(|c| c.id))
                .filter(|id| visible.contains(id))
                .collect();
            (ids, true)
        }
        None => (tree.provinces().map(|p| p.id).collect(), false),
    }
}

async fn list_template(
    state: &AppState,
    who: &LoggedIn,
    form: FormView,
    query: &ListQuery,
) -> WebResult<PlacesTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let english = lang.is_english();
    let (tree, visible) = state.app.visible_places(&actor).await?;
    let province = query
        .province
        .as_deref()
        .and_then(|raw| hamyar_domain::to_latin_digits(raw.trim()).parse().ok());
    let (ids, narrowed) = listed(&tree, &visible, actor.scope, province);
    let summary = actor.scope == hamyar_app::Scope::Country && !narrowed;
    let rows = ids
        .iter()
        .filter_map(|id| tree.get(*id))
        .map(|p| PlaceRowView {
            id: p.id,
            is_province: p.kind == ScopeKind::Province,
            counties: summary
                .then(|| i64::try_from(tree.counties_of(p.id).count()).unwrap_or_default()),
            name: p.name(english).to_owned(),
            name_en: p.name_en.clone(),
            province: p
                .parent_id
                .and_then(|id| tree.get(id))
                .map(|q| q.name(english).to_owned())
                .unwrap_or_default(),
            since: since_text(&tree, p.id, lang),
        })
        .collect();
    let provinces = tree
        .provinces()
        .filter(|p| actor.scope.contains(hamyar_app::Scope::Province(p.id)))
        .map(|p| (p.id.to_string(), p.name(english).to_owned()))
        .collect();
    Ok(PlacesTemplate {
        ctx: PageCtx::for_user(&state.app, who, "places-title").with_notice(query.done.as_deref()),
        rows,
        narrowed,
        can_manage: actor.can(Permission::ManagePlaces),
        provinces,
        form,
    })
}

pub async fn list(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<ListQuery>,
) -> WebResult<Response> {
    page(&list_template(&state, &who, FormView::default(), &query).await?)
}

pub async fn add_county(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(input): Form<NewCountyInput>,
) -> WebResult<Response> {
    let result = state.app.add_county(&who.actor(), &input).await;
    let query = ListQuery::default();
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |id| done(&format!("/places/{id}"), "places-added"),
            |form| list_template(&state, &who, form, &query),
        )
        .await
}

async fn place_template(
    state: &AppState,
    who: &LoggedIn,
    id: PlaceId,
    form: FormView,
    notice: Option<&str>,
) -> WebResult<PlaceTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let (tree, visible) = state.app.visible_places(&actor).await?;
    if !visible.contains(&id) {
        return Err(AppError::NotFound.into());
    }
    let place = tree.get(id).ok_or(AppError::NotFound)?;
    let kind = match place.kind {
        ScopeKind::Country => "kind-country",
        ScopeKind::Province => "kind-province",
        ScopeKind::County => "kind-county",
    };
    Ok(PlaceTemplate {
        ctx: PageCtx::for_user(&state.app, who, "places-title").with_notice(notice),
        id,
        name: tree.label(id, lang.is_english()),
        kind: lang.t(kind),
        code: place.code.clone(),
        history: place
            .names
            .iter()
            .map(|n| {
                let since = if n.valid_from == hamyar_app::reference::REFERENCE_NAMES_VALID_FROM {
                    "—".to_owned()
                } else {
                    format::iso_date(&n.valid_from, lang)
                };
                (since, n.name_fa.clone(), n.name_en.clone())
            })
            .collect(),
        can_manage: actor.can(Permission::ManagePlaces),
        form,
    })
}

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<PlaceId>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    page(
        &place_template(
            &state,
            &who,
            id,
            FormView::default(),
            notice.done.as_deref(),
        )
        .await?,
    )
}

pub async fn rename(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<PlaceId>,
    Form(input): Form<RenameInput>,
) -> WebResult<Response> {
    let result = state.app.rename_place(&who.actor(), id, &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| done(&format!("/places/{id}"), "places-renamed"),
            |form| place_template(&state, &who, id, form, None),
        )
        .await
}
