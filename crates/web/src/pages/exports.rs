//! The groups' exports (issue 17), each a link on the page it exports from and each honouring
//! that page's filters and the user's scope (`hamyar_app::exports` decides both):
//!
//! - `/groups/export?format=&q=&province=&county=&stage=&field=&unit=` — the group list with
//!   the list's filters (all its pages);
//! - `/groups/{id}/roster?format=` — the group's members with their contacts, masked by role,
//!   audited as `group.export_roster`;
//! - `/visits/export?format=&place=&from=&to=` and `/business/export?…` — the visits and the
//!   business months of a place (the dashboard's) over its span.
//!
//! A file is at most `MAX_EXPORT_ROWS` rows, written in memory on a blocking thread and
//! sent whole. A refused export (an unknown format, a date that is not one, a span that runs
//! backwards, too many rows) is a page saying which, with status 400; nothing is written.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use hamyar_app::AppError;
use hamyar_app::access::{PlaceId, ScopeKind};
use hamyar_app::exports::SpanFilter;
use hamyar_app::groups::GroupListFilter;
use hamyar_app::ports::groups::GroupId;
use hamyar_domain::groups::GroupStage;
use hamyar_domain::{FiscalYear, JalaliDate, Message};
use hamyar_exchange::{FileFormat, ReportTable};
use hamyar_reports::group_exports;
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::{WebError, WebResult};
use crate::pages::{number, render};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "export_refused.html")]
struct RefusedTemplate {
    ctx: PageCtx,
    messages: Vec<String>,
    back: String,
}

/// Why an export was refused: the messages to show, or another error to pass on.
enum Refusal {
    Said(Vec<Message>),
    Other(WebError),
}

impl From<AppError> for Refusal {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Invalid(fields) => {
                Refusal::Said(fields.into_iter().map(|f| f.message).collect())
            }
            other => Refusal::Other(other.into()),
        }
    }
}

/// Sends the file, or the page saying why there is none (linking back to `back`). The file
/// is written on a blocking thread: twenty thousand rows of XLSX take a while.
async fn answer(
    state: &AppState,
    who: &LoggedIn,
    back: &str,
    made: Result<(String, FileFormat, ReportTable), Refusal>,
) -> WebResult<Response> {
    let (name, format, table) = match made {
        Ok(made) => made,
        Err(Refusal::Other(error)) => return Err(error),
        Err(Refusal::Said(messages)) => {
            let lang = who.lang();
            return render(
                StatusCode::BAD_REQUEST,
                &RefusedTemplate {
                    ctx: PageCtx::for_user(&state.app, who, "exports-refused_title"),
                    messages: messages.iter().map(|m| lang.message(m)).collect(),
                    back: back.to_owned(),
                },
            );
        }
    };
    let bytes = tokio::task::spawn_blocking(move || group_exports::bytes(&table, format))
        .await
        .map_err(|error| WebError::internal(&format!("export file: {error}")))?
        .map_err(|error| WebError::internal(&format!("export file: {error}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, format.mime_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.{}\"", format.extension()),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `csv` or `xlsx` (XLSX when not said).
fn format_of(text: &str) -> Result<FileFormat, Refusal> {
    if text.trim().is_empty() {
        return Ok(FileFormat::Xlsx);
    }
    FileFormat::from_extension(text.trim())
        .ok_or_else(|| Refusal::Said(vec![Message::new("exports-unknown_format")]))
}

/// Letters, digits and dashes of a name for a file (a group's code), nothing else.
fn file_safe(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct GroupsQuery {
    format: String,
    q: String,
    province: String,
    county: String,
    stage: String,
    field: String,
    unit: String,
}

/// `/groups/export`: the group list as the list shows it for the same filters.
pub async fn groups(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<GroupsQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    let lang = who.lang();
    let made = async {
        let format = format_of(&query.format)?;
        let filter = GroupListFilter {
            province: number(&query.province),
            county: number(&query.county),
            stages: query
                .stage
                .split(',')
                .filter_map(GroupStage::parse)
                .collect(),
            business_field: Some(query.field.trim().to_owned()).filter(|f| !f.is_empty()),
            supervising_unit: number(&query.unit),
            text: query.q.clone(),
            page: 1,
        };
        let rows = state
            .app
            .export_groups(&actor, &filter, lang.is_english())
            .await?;
        let name = format!("groups-{}", state.app.today().to_iso_string());
        Ok((name, format, group_exports::groups_table(&rows, lang)))
    }
    .await;
    answer(&state, &who, "/groups", made).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FormatQuery {
    format: String,
}

/// `/groups/{id}/roster`: the group's members with their contacts (audited).
pub async fn roster(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Query(query): Query<FormatQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    let lang = who.lang();
    let made = async {
        let format = format_of(&query.format)?;
        let roster = state
            .app
            .export_group_roster(&actor, id, format.extension(), lang.is_english())
            .await?;
        let code = file_safe(&roster.group_code);
        let name = if code.is_empty() {
            format!("roster-{id}")
        } else {
            format!("roster-{code}")
        };
        Ok((name, format, group_exports::roster_table(&roster, lang)))
    }
    .await;
    answer(&state, &who, &format!("/groups/{id}"), made).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SpanQuery {
    format: String,
    /// A province or a county (the dashboard's place); none is the whole scope.
    place: String,
    from: String,
    to: String,
}

/// The place and span asked for: the fiscal year so far when no day is given.
async fn span_of(state: &AppState, query: &SpanQuery) -> Result<SpanFilter, Refusal> {
    let today = state.app.today();
    let day = |text: &str, default: JalaliDate| -> Result<JalaliDate, Refusal> {
        if text.trim().is_empty() {
            return Ok(default);
        }
        JalaliDate::parse(text).map_err(|error| Refusal::Said(vec![error.message()]))
    };
    let from = day(&query.from, FiscalYear::of(today).first_day())?;
    let to = day(&query.to, today)?;
    let mut filter = SpanFilter {
        province: None,
        county: None,
        from,
        to,
    };
    if let Some(place) = number::<PlaceId>(&query.place) {
        let tree = state.app.place_tree().await.map_err(Refusal::from)?;
        // A place outside the scope narrows nothing it could widen: the app keeps the
        // actor's own place and the two together find nothing.
        match tree.get(place).map(|p| p.kind) {
            Some(ScopeKind::Province) => filter.province = Some(place),
            Some(ScopeKind::County) => filter.county = Some(place),
            _ => {}
        }
    }
    Ok(filter)
}

fn span_name(kind: &str, filter: &SpanFilter) -> String {
    format!(
        "{kind}-{}-{}",
        filter.from.to_iso_string(),
        filter.to.to_iso_string()
    )
}

/// `/visits/export`: the visits of the place's groups in the span.
pub async fn visits(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<SpanQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    let lang = who.lang();
    let made = async {
        let format = format_of(&query.format)?;
        let filter = span_of(&state, &query).await?;
        let rows = state.app.export_visits(&actor, &filter).await?;
        let tree = state.app.place_tree().await?;
        let table = group_exports::visits_table(&rows, &tree, lang);
        Ok((span_name("visits", &filter), format, table))
    }
    .await;
    answer(&state, &who, "/dashboard", made).await
}

/// `/business/export`: the business months of the place's groups for the span's months.
pub async fn business(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<SpanQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    let lang = who.lang();
    let made = async {
        let format = format_of(&query.format)?;
        let filter = span_of(&state, &query).await?;
        let rows = state.app.export_business_months(&actor, &filter).await?;
        let tree = state.app.place_tree().await?;
        let table = group_exports::business_table(&rows, &tree, lang);
        Ok((span_name("business", &filter), format, table))
    }
    .await;
    answer(&state, &who, "/dashboard", made).await
}
