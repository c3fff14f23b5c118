//! `/api/v1/figures`: the catalogue of figures — every number Hamyar shows, with its name
//! and its one-sentence definition in both languages, its unit and the days it counts over —
//! read from the one catalogue the dashboards, exports and press text use
//! (`hamyar_app::figures::catalogue`). Money figures are left out for a role without
//! `ViewMoney`, as on the dashboard.

use axum::Json;
use hamyar_app::Permission;
use hamyar_app::figures::catalogue::{CATALOGUE, FigurePeriod, FigureUnit};
use hamyar_i18n::Lang;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::caller::Caller;
use crate::api::problem::{Problem, ProblemBody};

/// One figure of the catalogue.
#[derive(Debug, Serialize, ToSchema)]
pub struct FigureEntry {
    /// The stable key (`groups.active`).
    pub key: String,
    pub name_fa: String,
    pub name_en: String,
    pub definition_fa: String,
    pub definition_en: String,
    /// `count` or `rials`.
    pub unit: String,
    /// `on_day`, `in_span` or `today`.
    pub period: String,
}

fn unit_code(unit: FigureUnit) -> &'static str {
    match unit {
        FigureUnit::Count => "count",
        FigureUnit::Rials => "rials",
    }
}

fn period_code(period: FigurePeriod) -> &'static str {
    match period {
        FigurePeriod::OnDay => "on_day",
        FigurePeriod::InSpan => "in_span",
        FigurePeriod::Today => "today",
    }
}

/// The catalogue of figures the caller may read.
#[utoipa::path(get, path = "/api/v1/figures", tag = "figures",
    responses(
        (status = 200, description = "The catalogue", body = Vec<FigureEntry>),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read figures", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn catalogue(caller: Caller) -> Result<Json<Vec<FigureEntry>>, Problem> {
    caller
        .actor
        .require(Permission::ViewDashboards)
        .map_err(|e| caller.problem(e))?;
    let money = caller.actor.can(Permission::ViewMoney);
    let entries = CATALOGUE
        .iter()
        .filter(|def| money || !def.money)
        .map(|def| FigureEntry {
            key: def.key.to_owned(),
            name_fa: Lang::Fa.t(def.name_id).to_owned(),
            name_en: Lang::En.t(def.name_id).to_owned(),
            definition_fa: Lang::Fa.t(def.definition_id).to_owned(),
            definition_en: Lang::En.t(def.definition_id).to_owned(),
            unit: unit_code(def.unit).to_owned(),
            period: period_code(def.period).to_owned(),
        })
        .collect();
    Ok(Json(entries))
}
