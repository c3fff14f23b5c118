//! The catalogue of course kinds (`/training/kinds`, kept by the national office) and a
//! province's training providers (`/training/providers`): each a list and an add form. A
//! country-wide coordinator sees the providers of every province and names the province of
//! the one she adds; everyone else works in her own province.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::access::ScopeKind;
use hamyar_app::ports::training::{CourseKindRow, ProviderRow};
use hamyar_app::training::{CourseKindInput, ProviderInput};
use hamyar_domain::training::{CourseCategory, ProviderKind};
use hamyar_i18n::Lang;
use serde::{Deserialize, Serialize};

use super::kind_name;
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::form::FormView;
use crate::pages::{Notice, done, number, page};
use crate::state::AppState;

/// A course kind as a row of the catalogue.
pub struct KindLine {
    pub code: String,
    pub name: String,
    pub category: String,
    pub skill_standard_code: String,
    pub hours: String,
    pub min_attendance: String,
    pub final_assessment: &'static str,
    pub active: bool,
}

fn kind_line(kind: &CourseKindRow, lang: Lang) -> KindLine {
    KindLine {
        code: kind.code.clone(),
        name: kind_name(kind, lang),
        category: codes::label_of::<CourseCategory>(&kind.category, lang),
        skill_standard_code: kind.skill_standard_code.clone().unwrap_or_default(),
        hours: lang.number(kind.hours),
        min_attendance: format!("{}٪", lang.number(kind.min_attendance_percent)),
        final_assessment: if kind.final_assessment {
            lang.t("training-yes")
        } else {
            lang.t("training-no")
        },
        active: kind.active,
    }
}

#[derive(Template)]
#[template(path = "training_kinds.html")]
struct KindsTemplate {
    ctx: PageCtx,
    kinds: Vec<KindLine>,
    categories: Vec<Choice>,
    form: FormView,
}

async fn kinds_page(
    state: &AppState,
    who: &LoggedIn,
    form: FormView,
    notice: Option<&str>,
) -> WebResult<KindsTemplate> {
    let lang = who.lang();
    let kinds = state.app.course_kinds(&who.actor(), true).await?;
    Ok(KindsTemplate {
        ctx: PageCtx::for_user(&state.app, who, "training-kinds_title").with_notice(notice),
        kinds: kinds.iter().map(|k| kind_line(k, lang)).collect(),
        categories: codes::choices::<CourseCategory>(lang),
        form,
    })
}

/// `/training/kinds`: the catalogue and the form that adds a kind.
pub async fn kinds(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    who.actor().require(Permission::ManageProgrammeSettings)?;
    page(&kinds_page(&state, &who, FormView::default(), notice.done.as_deref()).await?)
}

/// The add-kind form as posted.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct KindForm {
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub category: String,
    pub skill_standard_code: String,
    pub hours: String,
    pub min_attendance_percent: String,
    pub final_assessment: String,
}

/// `POST /training/kinds`.
pub async fn add_kind(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(form): Form<KindForm>,
) -> WebResult<Response> {
    who.actor().require(Permission::ManageProgrammeSettings)?;
    let input = CourseKindInput {
        code: form.code.clone(),
        name: form.name.clone(),
        name_en: form.name_en.clone(),
        category: form.category.clone(),
        skill_standard_code: form.skill_standard_code.clone(),
        hours: form.hours.clone(),
        min_attendance_percent: form.min_attendance_percent.clone(),
        final_assessment: !form.final_assessment.is_empty(),
    };
    let result = state.app.add_course_kind(&who.actor(), &input).await;
    FormView::of(&form)
        .answer(
            result,
            who.lang(),
            |_| done("/training/kinds", "training-kind_added"),
            |form| kinds_page(&state, &who, form, None),
        )
        .await
}

/// A provider as a row of the list.
pub struct ProviderLine {
    /// Its page, with its contracts.
    pub href: String,
    pub name: String,
    pub kind: String,
    pub phone: String,
    pub province: String,
}

#[derive(Template)]
#[template(path = "training_providers.html")]
struct ProvidersTemplate {
    ctx: PageCtx,
    providers: Vec<ProviderLine>,
    kinds: Vec<Choice>,
    /// For a country-wide reader: the provinces to choose the new provider's from.
    provinces: Vec<Choice>,
    form: FormView,
}

/// The providers the reader may choose from: her province's, or (country-wide) every
/// province's, in the tree's order.
pub(super) async fn providers_in_reach(
    state: &AppState,
    actor: &hamyar_app::Actor,
) -> WebResult<Vec<ProviderRow>> {
    if actor.scope.province().is_some() {
        return Ok(state.app.providers(actor, None).await?);
    }
    let tree = state.app.place_tree().await?;
    let mut all = Vec::new();
    for province in tree
        .within(actor.scope)
        .into_iter()
        .filter(|p| p.kind == ScopeKind::Province)
    {
        all.extend(state.app.providers(actor, Some(province.id)).await?);
    }
    Ok(all)
}

async fn providers_page(
    state: &AppState,
    who: &LoggedIn,
    form: FormView,
    notice: Option<&str>,
) -> WebResult<ProvidersTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let english = lang.is_english();
    let tree = state.app.place_tree().await?;
    let providers = providers_in_reach(state, &actor).await?;
    let provinces = if actor.scope.province().is_none() {
        tree.within(actor.scope)
            .into_iter()
            .filter(|p| p.kind == ScopeKind::Province)
            .map(|p| Choice::new(p.id.to_string(), p.name(english)))
            .collect()
    } else {
        Vec::new()
    };
    Ok(ProvidersTemplate {
        ctx: PageCtx::for_user(&state.app, who, "training-providers_title").with_notice(notice),
        providers: providers
            .iter()
            .map(|p| ProviderLine {
                href: format!("/training/providers/{}", p.id),
                name: p.name.clone(),
                kind: codes::label_of::<ProviderKind>(&p.kind, lang),
                phone: lang.digits(p.phone.as_deref().unwrap_or("")),
                province: tree
                    .get(p.province_id)
                    .map_or_else(String::new, |place| place.name(english).to_owned()),
            })
            .collect(),
        kinds: codes::choices::<ProviderKind>(lang),
        provinces,
        form,
    })
}

/// `/training/providers`: the providers and the form that registers one.
pub async fn providers(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    who.actor().require(Permission::ManageTraining)?;
    page(&providers_page(&state, &who, FormView::default(), notice.done.as_deref()).await?)
}

/// The add-provider form as posted.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ProviderForm {
    pub name: String,
    pub kind: String,
    pub phone: String,
    pub province_id: String,
}

/// `POST /training/providers`.
pub async fn add_provider(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(form): Form<ProviderForm>,
) -> WebResult<Response> {
    who.actor().require(Permission::ManageTraining)?;
    let input = ProviderInput {
        name: form.name.clone(),
        kind: form.kind.clone(),
        phone: form.phone.clone(),
        province_id: number(&form.province_id),
    };
    let result = state.app.add_provider(&who.actor(), &input).await;
    FormView::of(&form)
        .answer(
            result,
            who.lang(),
            |_| done("/training/providers", "training-provider_added"),
            |form| providers_page(&state, &who, form, None),
        )
        .await
}
