//! Spending per group and per woman for a province and fiscal year
//! (`/money/reports/recipients?kind=groups|women`): what was committed and paid for each
//! group or woman through payments linked to them and grants made to them, with a total row.
//! Both name their recipients, so the page needs `ViewMoneyRecords` (public relations is
//! refused it); the list of women also needs `ViewPersonalData` and each showing is audited
//! by the app.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::access::PlaceId;
use hamyar_app::money_reports::RecipientKind;
use hamyar_app::ports::money_reports::RecipientMoneyRow;
use hamyar_domain::money::MoneyUnit;
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::budget::{province_choices, province_for, year_or_current};
use crate::pages::render;
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format::money;

#[derive(Debug, Deserialize)]
pub struct RecipientsQuery {
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub kind: String,
}

pub struct RecipientView {
    pub href: String,
    pub code: String,
    pub name: String,
    pub payments_committed: String,
    pub payments_paid: String,
    pub grants_committed: String,
    pub grants_paid: String,
}

#[derive(Template)]
#[template(path = "money_recipients.html")]
struct RecipientsTemplate {
    ctx: PageCtx,
    year_number: i32,
    province_id: PlaceId,
    provinces: Vec<(String, String)>,
    kind: &'static str,
    may_see_women: bool,
    rows: Vec<RecipientView>,
    total: RecipientView,
}

fn view(
    row: &RecipientMoneyRow,
    kind: RecipientKind,
    unit: MoneyUnit,
    lang: Lang,
) -> RecipientView {
    RecipientView {
        href: match kind {
            RecipientKind::Group => format!("/groups/{}", row.recipient_id),
            RecipientKind::Woman => format!("/women/{}", row.recipient_id),
        },
        code: lang.digits(&row.code),
        name: row.name.clone(),
        payments_committed: money(row.payments_committed_rials, unit, lang),
        payments_paid: money(row.payments_paid_rials, unit, lang),
        grants_committed: money(row.grants_committed_rials, unit, lang),
        grants_paid: money(row.grants_paid_rials, unit, lang),
    }
}

fn total(rows: &[RecipientMoneyRow], unit: MoneyUnit, lang: Lang) -> RecipientView {
    let sum =
        |pick: fn(&RecipientMoneyRow) -> i64| rows.iter().map(pick).fold(0i64, i64::saturating_add);
    let all = RecipientMoneyRow {
        recipient_id: 0,
        code: String::new(),
        name: lang.t("money_reports-total").to_owned(),
        county_id: PlaceId::default(),
        payments_committed_rials: sum(|r| r.payments_committed_rials),
        payments_paid_rials: sum(|r| r.payments_paid_rials),
        grants_committed_rials: sum(|r| r.grants_committed_rials),
        grants_paid_rials: sum(|r| r.grants_paid_rials),
    };
    view(&all, RecipientKind::Group, unit, lang)
}

pub async fn recipients(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<RecipientsQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ViewMoneyRecords)?;
    let lang = who.lang();
    let unit = who.session.user.money_unit;
    let year = year_or_current(&state, &query.year);
    let tree = state.app.place_tree().await?;
    let province_id = province_for(&tree, &actor, &query.province)?;
    let (kind, kind_code, title) = if query.kind == "women" {
        (
            RecipientKind::Woman,
            "women",
            "money_recipients-title_women",
        )
    } else {
        (
            RecipientKind::Group,
            "groups",
            "money_recipients-title_groups",
        )
    };
    let rows = state
        .app
        .money_by_recipient(&actor, kind, province_id, year)
        .await?;
    let template = RecipientsTemplate {
        ctx: PageCtx::for_user(&state.app, &who, title),
        year_number: year.year(),
        province_id,
        provinces: province_choices(&tree, &actor, lang),
        kind: kind_code,
        may_see_women: actor.can(Permission::ViewPersonalData),
        total: total(&rows, unit, lang),
        rows: rows.iter().map(|row| view(row, kind, unit, lang)).collect(),
    };
    render(StatusCode::OK, &template)
}
