//! A group's business months: the view of a recorded month (revenue, costs, profit, people
//! working and hired, sales channels, payments to members), filling the form with a month to
//! correct it, and the handler that records a month from the form's pairs.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use hamyar_app::ports::groups::GroupId;
use hamyar_domain::MoneyUnit;
use hamyar_domain::group_life::{BusinessInput, PaymentInput, SalesChannel, YearMonth};

use super::page::{LifeForms, redraw};
use super::{Pairs, back, labels_of};
use crate::context::LoggedIn;
use crate::error::WebResult;
use crate::pages::form::FormView;
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

pub struct MonthView {
    /// `1405-8`, for the link that opens the form filled with this month.
    pub edit_key: String,
    pub label: String,
    pub revenue: String,
    pub costs: String,
    pub profit: String,
    pub loss: bool,
    pub working: String,
    pub hired: String,
    pub channels: String,
    pub paid: String,
    pub recorded_by: String,
}

pub(super) fn month_view(
    m: &hamyar_app::ports::group_life::BusinessMonthRow,
    unit: MoneyUnit,
    lang: Lang,
) -> MonthView {
    let month = i32::try_from(m.year)
        .ok()
        .zip(u8::try_from(m.month).ok())
        .and_then(|(year, month)| YearMonth::new(year, month));
    let paid = m
        .payments
        .iter()
        .fold(0_i64, |total, (_, amount)| total.saturating_add(*amount));
    MonthView {
        edit_key: format!("{}-{}", m.year, m.month),
        label: month.map_or_else(String::new, |m| {
            if lang.is_english() {
                m.label_en()
            } else {
                m.label_fa()
            }
        }),
        revenue: format::money(m.revenue_rials, unit, lang),
        costs: format::money(m.costs_rials, unit, lang),
        profit: format::money(m.profit_rials, unit, lang),
        loss: m.profit_rials < 0,
        working: lang.number(m.members_working),
        hired: lang.number(m.people_hired),
        channels: labels_of::<SalesChannel>(&m.channels, &m.channel_other, lang),
        paid: format!(
            "{} ({} {})",
            format::money(paid, unit, lang),
            lang.number(m.payments.len() as i64),
            lang.t("life-people")
        ),
        recorded_by: m.recorded_by_name.clone(),
    }
}

/// Fills the business form with a recorded month, to correct it (digits in the language).
pub(super) fn prefill_month(
    forms: &mut LifeForms,
    row: &hamyar_app::ports::group_life::BusinessMonthRow,
    lang: Lang,
) {
    let number = |n: i64| lang.digits(&n.to_string());
    let values = [
        ("year", number(row.year)),
        ("month", number(row.month)),
        ("revenue", number(row.revenue_rials)),
        ("costs", number(row.costs_rials)),
        ("members_working", number(row.members_working)),
        ("people_hired", number(row.people_hired)),
        ("channel_other", row.channel_other.clone()),
    ];
    forms.business = FormView::with_values(values.iter().map(|(k, v)| (*k, v.as_str())));
    forms.ticked = row.channels.split(',').map(str::to_owned).collect();
    forms.member_values = row
        .payments
        .iter()
        .map(|(woman, amount)| (*woman, number(*amount)))
        .collect();
    forms.business_open = true;
}

pub async fn record_business(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let pairs = Pairs(pairs);
    let payments = pairs.per_member("pay.");
    let input = BusinessInput {
        year: pairs.one("year"),
        month: pairs.one("month"),
        revenue: pairs.one("revenue"),
        costs: pairs.one("costs"),
        members_working: pairs.one("members_working"),
        people_hired: pairs.one("people_hired"),
        channels: pairs.all("channels"),
        channel_other: pairs.one("channel_other"),
        payments: payments
            .iter()
            .map(|(woman_id, amount)| PaymentInput {
                woman_id: woman_id.get(),
                amount: amount.clone(),
            })
            .collect(),
    };
    let result = state
        .app
        .record_business_month(&who.actor(), id, &input)
        .await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| back(id, "life-business_saved", "business"),
            |business| {
                let forms = LifeForms {
                    business,
                    ticked: input.channels,
                    member_values: payments,
                    ..LifeForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}
