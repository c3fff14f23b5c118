//! Browsing the audit trail (administrators and auditors, within their scope): filter by
//! action, subject and Jalali date range, newest first, page by page.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use hamyar_app::FieldError;
use hamyar_app::audit::AuditQuery;
use hamyar_app::ports::AuditRow;
use hamyar_domain::JalaliDate;
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::form::FormView;
use crate::pages::page;
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

pub struct AuditRowView {
    pub seq: String,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub place: String,
    pub before: String,
    pub after: String,
}

impl AuditRowView {
    /// A record's JSON in pieces that each end after a comma or after a key's `":`: the page
    /// puts a line-break opportunity (`<wbr>`, copied as nothing) between them, so a narrow
    /// column breaks the record between its fields and never inside a number or a date.
    pub fn pieces(record: &str) -> Vec<&str> {
        let mut pieces = Vec::new();
        let mut start = 0;
        for (at, c) in record.char_indices() {
            let end = at + c.len_utf8();
            if c == ',' || (c == ':' && record[..at].ends_with('"')) {
                pieces.push(&record[start..end]);
                start = end;
            }
        }
        if start < record.len() {
            pieces.push(&record[start..]);
        }
        pieces
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditTemplate {
    ctx: PageCtx,
    form: FormView,
    rows: Vec<AuditRowView>,
    page_label: String,
    previous_href: Option<String>,
    next_href: Option<String>,
}

#[derive(Debug, Default, Deserialize, serde::Serialize, Clone)]
pub struct AuditParams {
    #[serde(default)]
    who: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    entity_kind: String,
    #[serde(default)]
    entity_id: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    page: i64,
}

const PAGE_SIZE: i64 = 50;

fn parse_day(field: &'static str, raw: &str, errors: &mut Vec<FieldError>) -> Option<JalaliDate> {
    if raw.trim().is_empty() {
        return None;
    }
    JalaliDate::parse(raw)
        .map_err(|e| errors.push(FieldError::new(field, e.message())))
        .ok()
}

fn page_href(params: &AuditParams, page: i64) -> String {
    let mut next = params.clone();
    next.page = page;
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("who", next.who.as_str()),
            ("action", next.action.as_str()),
            ("entity_kind", next.entity_kind.as_str()),
            ("entity_id", next.entity_id.as_str()),
            ("from", next.from.as_str()),
            ("to", next.to.as_str()),
            ("page", &page.to_string()),
        ])
        .finish();
    format!("/audit?{query}")
}

fn row_view(row: AuditRow, lang: Lang, tree: &hamyar_app::places::PlaceTree) -> AuditRowView {
    let place = row
        .county_id
        .or(row.province_id)
        .map(|id| tree.label(id, lang.is_english()))
        .unwrap_or_default();
    AuditRowView {
        seq: lang.digits(&row.seq.to_string()),
        at: format::stored_date_time(&row.at, lang),
        actor: row.actor_name,
        action: row.action,
        entity: format!("{} #{}", row.entity_kind, row.entity_id),
        place,
        before: row.before.unwrap_or_default(),
        after: row.after.unwrap_or_default(),
    }
}

pub async fn browse(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(params): Query<AuditParams>,
) -> WebResult<Response> {
    let lang = who.lang();
    let mut errors = Vec::new();
    let from = parse_day("from", &params.from, &mut errors);
    let to = parse_day("to", &params.to, &mut errors);
    let mut form = FormView::with_values([
        ("who", params.who.as_str()),
        ("action", params.action.as_str()),
        ("entity_kind", params.entity_kind.as_str()),
        ("entity_id", params.entity_id.as_str()),
        ("from", params.from.as_str()),
        ("to", params.to.as_str()),
    ]);
    let page_number = params.page.max(0);
    // One row more than a page is not needed: a second query tells whether a next page exists.
    let query = AuditQuery {
        action: Some(params.action.trim().to_owned()),
        entity_kind: Some(params.entity_kind.trim().to_owned()),
        entity_id: Some(hamyar_domain::digits::to_latin_digits(
            params.entity_id.trim(),
        )),
        actor_user_id: None,
        actor_name: Some(params.who.clone()),
        from,
        to,
        page: page_number,
        page_size: PAGE_SIZE,
    };
    let mut rows = if errors.is_empty() {
        state
            .app
            .browse_audit(
                &who.actor(),
                &AuditQuery {
                    page_size: PAGE_SIZE,
                    ..query.clone()
                },
            )
            .await?
    } else {
        Vec::new()
    };
    let has_next = errors.is_empty()
        && rows.len() as i64 == PAGE_SIZE
        && !state
            .app
            .browse_audit(
                &who.actor(),
                &AuditQuery {
                    page: (page_number + 1),
                    page_size: PAGE_SIZE,
                    ..query
                },
            )
            .await?
            .is_empty();
    form.add_errors(&errors, lang);
    let tree = state.app.place_tree().await?;
    rows.truncate(PAGE_SIZE as usize);
    page(&AuditTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "audit-title"),
        form,
        rows: rows.into_iter().map(|r| row_view(r, lang, &tree)).collect(),
        page_label: lang.digits(&(page_number + 1).to_string()),
        previous_href: (page_number > 0).then(|| page_href(&params, page_number - 1)),
        next_href: has_next.then(|| page_href(&params, page_number + 1)),
    })
}

#[cfg(test)]
mod tests {
    use super::AuditRowView;

    #[test]
    fn a_record_breaks_between_its_fields_never_inside_a_value() {
        let record = r#"{"amount_rials":100000000,"at":"1405/09/15 13:54","ids":[1,22]}"#;
        let pieces = AuditRowView::pieces(record);
        assert_eq!(
            pieces,
            [
                r#"{"amount_rials":"#,
                "100000000,",
                r#""at":"#,
                r#""1405/09/15 13:54","#,
                r#""ids":"#,
                "[1,",
                "22]}"
            ]
        );
        assert_eq!(pieces.concat(), record, "nothing is lost or added");
        assert!(AuditRowView::pieces("").is_empty());
    }
}
