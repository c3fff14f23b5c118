//! A province's group settings (the size of a group, two groups at once, the double-support
//! window), its supervising units, and the national list of business fields. These use-cases
//! take their values one by one rather than as an input type, so each form keeps a small
//! struct of its fields here; a refused form is drawn again through `FormView::answer`.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use hamyar_app::Permission;
use hamyar_app::access::PlaceId;
use hamyar_domain::groups::SupervisingUnitKind;
use serde::{Deserialize, Serialize};

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::form::FormView;
use crate::pages::number;
use crate::pages::page;
use crate::state::AppState;

pub struct UnitView {
    pub name: String,
    pub kind: String,
    pub county: String,
}

#[derive(Template)]
#[template(path = "group_settings.html")]
struct SettingsTemplate {
    ctx: PageCtx,
    provinces: Vec<Choice>,
    province: String,
    settings_form: FormView,
    allow_two_groups: bool,
    unit_form: FormView,
    counties: Vec<Choice>,
    kinds: Vec<Choice>,
    units: Vec<UnitView>,
    fields: Vec<FieldView>,
    field_form: FormView,
    can_fields: bool,
    /// The province's double-support window (`pages::facilities`).
    support_form: FormView,
}

pub struct FieldView {
    pub code: String,
    pub name_fa: String,
    pub name_en: String,
    pub active: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct SettingsQuery {
    #[serde(default)]
    province: String,
    #[serde(default)]
    done: Option<String>,
}

/// The page's forms that come back refused (the others are drawn fresh).
#[derive(Default)]
struct SettingsForms {
    settings: Option<FormView>,
    support: Option<FormView>,
    unit: FormView,
    field: FormView,
}

async fn settings_page(
    state: &AppState,
    who: &LoggedIn,
    province: Option<PlaceId>,
    forms: SettingsForms,
    notice: Option<&str>,
) -> WebResult<SettingsTemplate> {
    let SettingsForms {
        settings: settings_form,
        support,
        unit: unit_form,
        field: field_form,
    } = forms;
    let actor = who.actor();
    let lang = who.lang();
    actor.require(Permission::ManageGroupSettings)?;
    let tree = state.app.place_tree().await?;
    let provinces: Vec<Choice> = tree
        .within(actor.scope)
        .into_iter()
        .filter(|p| p.kind == hamyar_app::access::ScopeKind::Province)
        .map(|p| Choice::new(p.id.to_string(), p.name(lang.is_english()).to_owned()))
        .collect();
    let province = province
        .or_else(|| actor.scope.province())
        .or_else(|| provinces.first().and_then(|p| p.value.parse().ok()));
    let (form, allow) = match (settings_form, province) {
        (Some(form), _) => {
            let allow = form.value("allow_two_groups") == "1";
            (form, allow)
        }
        (None, Some(province)) => {
            let settings = state.app.group_settings(&actor, province).await?;
            let min = settings.size.min.to_string();
            let max = settings.size.max.to_string();
            (
                FormView::with_values([("min", min.as_str()), ("max", max.as_str())]),
                settings.allow_two_groups,
            )
        }
        (None, None) => (FormView::default(), false),
    };
    let units = state.app.supervising_units(&actor).await?;
    let fields = state.app.business_fields(&actor).await?;
    let support_form = match (support, province) {
        (Some(form), _) => form,
        (None, Some(province)) => {
            let months = state.app.double_support_months(&actor, province).await?;
            let months = lang.number(i64::from(months.months()));
            FormView::with_values([("double_support_months", months.as_str())])
        }
        (None, None) => FormView::default(),
    };
    Ok(SettingsTemplate {
        support_form,
        fields: fields
            .into_iter()
            .map(|f| FieldView {
                code: f.code,
                name_fa: f.name_fa,
                name_en: f.name_en,
                active: f.active,
            })
            .collect(),
        field_form,
        can_fields: actor.can(Permission::ManageProgrammeSettings),
        ctx: PageCtx::for_user(&state.app, who, "groups-settings_title").with_notice(notice),
        provinces,
        province: province.map(|p| p.to_string()).unwrap_or_default(),
        settings_form: form,
        allow_two_groups: allow,
        unit_form,
        counties: tree
            .within(actor.scope)
            .into_iter()
            .filter(|p| p.kind == hamyar_app::access::ScopeKind::County)
            .map(|p| Choice::new(p.id.to_string(), p.name(lang.is_english()).to_owned()))
            .collect(),
        kinds: codes::choices::<SupervisingUnitKind>(lang),
        units: units
            .iter()
            .map(|u| UnitView {
                name: u.name.clone(),
                kind: codes::label_of::<SupervisingUnitKind>(&u.kind, lang),
                county: tree.label(u.county_id, lang.is_english()),
            })
            .collect(),
    })
}

pub async fn settings(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<SettingsQuery>,
) -> WebResult<Response> {
    let province = number(&query.province);
    let forms = SettingsForms::default();
    page(&settings_page(&state, &who, province, forms, query.done.as_deref()).await?)
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SettingsForm {
    province: String,
    min: String,
    max: String,
    allow_two_groups: String,
}

pub async fn save_settings(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(form): Form<SettingsForm>,
) -> WebResult<Response> {
    let province = number(&form.province).unwrap_or_default();
    let allow = form.allow_two_groups == "1";
    let result = state
        .app
        .set_group_settings(&who.actor(), province, &form.min, &form.max, allow)
        .await;
    FormView::of(&form)
        .answer(
            result,
            who.lang(),
            |_| {
                Redirect::to(&format!(
                    "/groups/settings?province={province}&done=groups-settings_saved"
                ))
                .into_response()
            },
            |settings| {
                let forms = SettingsForms {
                    settings: Some(settings),
                    ..SettingsForms::default()
                };
                settings_page(&state, &who, Some(province), forms, None)
            },
        )
        .await
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct DoubleSupportForm {
    province: String,
    double_support_months: String,
}

/// Saves the province's double-support window (`App::set_double_support_months`).
pub async fn save_double_support(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(form): Form<DoubleSupportForm>,
) -> WebResult<Response> {
    let province = number(&form.province).unwrap_or_default();
    let result = state
        .app
        .set_double_support_months(&who.actor(), province, &form.double_support_months)
        .await;
    FormView::of(&form)
        .answer(
            result,
            who.lang(),
            |_| {
                Redirect::to(&format!(
                    "/groups/settings?province={province}&done=facilities-window_saved#double-support"
                ))
                .into_response()
            },
            |support| {
                let forms = SettingsForms {
                    support: Some(support),
                    ..SettingsForms::default()
                };
                settings_page(&state, &who, Some(province), forms, None)
            },
        )
        .await
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct UnitForm {
    county: String,
    kind: String,
    name: String,
}

pub async fn add_unit(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(form): Form<UnitForm>,
) -> WebResult<Response> {
    let county = number(&form.county).unwrap_or_default();
    let result = state
        .app
        .add_supervising_unit(&who.actor(), county, &form.kind, &form.name)
        .await;
    FormView::of(&form)
        .answer(
            result,
            who.lang(),
            |_| Redirect::to("/groups/settings?done=groups-unit_added#units").into_response(),
            |unit| {
                let forms = SettingsForms {
                    unit,
                    ..SettingsForms::default()
                };
                settings_page(&state, &who, None, forms, None)
            },
        )
        .await
}

/// A business field as typed: the use-case takes a row with a number and a flag.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct BusinessFieldForm {
    code: String,
    name_fa: String,
    name_en: String,
    position: String,
    active: String,
}

/// Adds a business field to the national list, or renames or retires one (by its code).
pub async fn put_field(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(form): Form<BusinessFieldForm>,
) -> WebResult<Response> {
    let row = hamyar_app::ports::groups::BusinessFieldRow {
        code: form.code.trim().to_owned(),
        name_fa: form.name_fa.trim().to_owned(),
        name_en: form.name_en.trim().to_owned(),
        position: number(&form.position).unwrap_or(50),
        active: form.active == "1",
    };
    let result = state.app.put_business_field(&who.actor(), &row).await;
    FormView::of(&form)
        .answer(
            result,
            who.lang(),
            |()| Redirect::to("/groups/settings?done=groups-field_saved#fields").into_response(),
            |field| {
                let forms = SettingsForms {
                    field,
                    ..SettingsForms::default()
                };
                settings_page(&state, &who, None, forms, None)
            },
        )
        .await
}
