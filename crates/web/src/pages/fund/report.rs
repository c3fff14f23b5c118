//! The savings-group report in the browser (`/fund/report?place=&from=&to=`): for a place and a
//! period (by default the last whole Jalali quarter before today), the whole place's figures,
//! then each county's and each group's, all `App::savings_group_report`'s (computed from the
//! funds' journals, never typed). Each ratio is shown as a percent beside its two terms — what
//! is divided by what — so a reader can see where it comes from; the returns say the net
//! income, the average they divide it by and the days they are scaled to a year from. A group
//! links to its fund's page. Rows are cards, so nothing scrolls sideways on a phone.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::access::PlaceId;
use hamyar_app::fund::{ReportRows, SavingsGroupRow};
use hamyar_domain::fund::metrics::{Period, Ratio};
use hamyar_domain::{JalaliDate, MoneyUnit};
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::format;

use super::percent;
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::dashboard::{DashboardQuery, day, place_choices};
use crate::pages::{number, render};
use crate::state::AppState;

/// One figure of a row: its label (a message id), its value and what it divides.
pub struct FigureView {
    pub label: &'static str,
    pub value: String,
    pub terms: String,
}

/// One row: the place's, a county's or a group's.
pub struct RowView {
    pub name: String,
    /// The group's fund page, for a group's row.
    pub href: Option<String>,
    pub figures: Vec<FigureView>,
}

#[derive(Template)]
#[template(path = "fund_report.html")]
struct ReportTemplate {
    ctx: PageCtx,
    place_id: String,
    places: Vec<(String, String)>,
    query_from: String,
    query_to: String,
    errors: Vec<String>,
    heading: String,
    total: Option<RowView>,
    counties: Vec<RowView>,
    groups: Vec<RowView>,
    /// Whether the report is of one county, so its groups are listed.
    one_county: bool,
}

/// The last whole Jalali quarter before `today` (Farvardin–Khordad, Tir–Shahrivar, …).
pub fn last_quarter(today: JalaliDate) -> Option<Period> {
    let quarter = (today.month() - 1) / 3;
    let (year, quarter) = if quarter == 0 {
        (today.year() - 1, 3)
    } else {
        (today.year(), quarter - 1)
    };
    let from = JalaliDate::new(year, quarter * 3 + 1, 1).ok()?;
    let to = JalaliDate::new(year, quarter * 3 + 3, 1)
        .ok()?
        .last_of_month();
    Some(Period { from, to })
}

fn ratio(
    label: &'static str,
    ratio: Ratio,
    terms: &dyn Fn(i64) -> String,
    lang: Lang,
) -> FigureView {
    FigureView {
        label,
        value: ratio
            .basis_points()
            .map_or_else(|| "—".to_owned(), |bp| percent(bp, lang)),
        terms: lang.tr(
            "fund-page-terms",
            &[
                ("numerator", Arg::Text(&terms(ratio.numerator))),
                ("denominator", Arg::Text(&terms(ratio.denominator))),
            ],
        ),
    }
}

fn row_view(row: &SavingsGroupRow, period: Period, unit: MoneyUnit, lang: Lang) -> RowView {
    let t = &row.totals;
    let r = &row.ratios;
    let money = |rials: i64| format::money(rials, unit, lang);
    let count = |n: i64| lang.number(n);
    let days = period.days().max(1);
    let returns = |label, value: Ratio, average_twice: i64| FigureView {
        label,
        value: value
            .basis_points()
            .map_or_else(|| "—".to_owned(), |bp| percent(bp, lang)),
        terms: lang.tr(
            "fund-page-return_terms",
            &[
                ("net", Arg::Text(&money(t.net_income()))),
                ("average", Arg::Text(&money(average_twice / 2))),
                ("days", Arg::Number(days)),
            ],
        ),
    };
    let name = if lang.is_english() && !row.name_en.is_empty() {
        row.name_en.clone()
    } else {
        row.name_fa.clone()
    };
    RowView {
        name,
        href: row.group_id.map(|id| format!("/groups/{id}/fund")),
        figures: vec![
            FigureView {
                label: "fund-page-r_groups",
                value: count(t.groups),
                terms: lang.tr(
                    "fund-page-members_terms",
                    &[
                        ("start", Arg::Number(t.members_start)),
                        ("end", Arg::Number(t.members_end)),
                    ],
                ),
            },
            FigureView {
                label: "fund-page-r_savings_per_member",
                value: r.savings_per_member.map_or_else(|| "—".to_owned(), &money),
                terms: lang.tr(
                    "fund-page-terms",
                    &[
                        ("numerator", Arg::Text(&money(t.savings_end))),
                        ("denominator", Arg::Text(&count(t.members_end))),
                    ],
                ),
            },
            ratio(
                "fund-page-r_utilisation",
                r.loan_fund_utilisation,
                &money,
                lang,
            ),
            ratio("fund-page-r_par30", r.portfolio_at_risk_30, &money, lang),
            ratio("fund-page-r_write_off", r.write_off, &money, lang),
            returns(
                "fund-page-r_return_savings",
                r.return_on_savings,
                t.savings_start + t.savings_end,
            ),
            returns(
                "fund-page-r_return_assets",
                r.return_on_assets,
                t.assets_start() + t.assets_end(),
            ),
            ratio("fund-page-r_attendance", r.attendance, &count, lang),
            ratio("fund-page-r_dropout", r.dropout, &count, lang),
            ratio("fund-page-r_retention", r.retention, &count, lang),
            FigureView {
                label: "fund-page-r_average_loan",
                value: r.average_loan.map_or_else(|| "—".to_owned(), &money),
                terms: lang.tr(
                    "fund-page-terms",
                    &[
                        ("numerator", Arg::Text(&money(t.loans_given_value))),
                        ("denominator", Arg::Text(&count(t.loans_given))),
                    ],
                ),
            },
            ratio("fund-page-r_borrowing", r.members_borrowing, &count, lang),
        ],
    }
}

/// `GET /fund/report`.
pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<DashboardQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ViewFund)?;
    let lang = who.lang();
    let unit = who.session.user.money_unit;
    let today = state.app.today();
    let tree = state.app.place_tree().await?;
    let mut errors = Vec::new();
    let from = day(&query.from, "from")
        .map_err(|e| errors.push(lang.message(&e)))
        .ok()
        .flatten();
    let to = day(&query.to, "to")
        .map_err(|e| errors.push(lang.message(&e)))
        .ok()
        .flatten();
    let quarter = last_quarter(today);
    let (from, to) = match (from, to, quarter) {
        (Some(from), Some(to), _) => (Some(from), Some(to)),
        (from, to, Some(q)) => (from.or(Some(q.from)), to.or(Some(q.to))),
        (from, to, None) => (from, to),
    };
    let mut template = ReportTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "fund-page-report_title"),
        place_id: query.place.clone(),
        places: place_choices(&tree, &who, lang),
        query_from: from.map(|d| format::date(d, lang)).unwrap_or_default(),
        query_to: to.map(|d| format::date(d, lang)).unwrap_or_default(),
        errors,
        heading: String::new(),
        total: None,
        counties: Vec::new(),
        groups: Vec::new(),
        one_county: false,
    };
    let (Some(from), Some(to)) = (from, to) else {
        return render(StatusCode::UNPROCESSABLE_ENTITY, &template);
    };
    if !template.errors.is_empty() {
        return render(StatusCode::UNPROCESSABLE_ENTITY, &template);
    }
    let place = number::<PlaceId>(&query.place);
    match state
        .app
        .savings_group_report(&actor, place, from, to, ReportRows::ByPlace)
        .await
    {
        Ok(report) => {
            let period = report.period;
            template.place_id = report.place_id.to_string();
            template.heading = lang.tr(
                "fund-page-report_heading",
                &[
                    (
                        "place",
                        Arg::Text(if lang.is_english() {
                            &report.place_en
                        } else {
                            &report.place_fa
                        }),
                    ),
                    ("from", Arg::Text(&format::date(period.from, lang))),
                    ("to", Arg::Text(&format::date(period.to, lang))),
                ],
            );
            template.total = Some(row_view(&report.total, period, unit, lang));
            template.counties = report
                .counties
                .iter()
                .map(|r| {
                    let mut view = row_view(r, period, unit, lang);
                    view.href = r.county_id.map(|county| {
                        format!(
                            "/fund/report?place={county}&from={}&to={}",
                            period.from, period.to
                        )
                    });
                    view
                })
                .collect();
            // A county's report lists its groups; a province's or the country's lists its
            // counties, each linking to its own report (a province can hold thousands of
            // groups: one card each would make a page of megabytes).
            template.one_county = report
                .counties
                .iter()
                .all(|c| c.county_id == Some(report.place_id));
            if template.one_county {
                template.groups = report
                    .groups
                    .iter()
                    .map(|r| row_view(r, period, unit, lang))
                    .collect();
            }
            crate::pages::page(&template)
        }
        Err(hamyar_app::AppError::Invalid(problems)) => {
            template.errors = problems.iter().map(|p| lang.message(&p.message)).collect();
            render(StatusCode::UNPROCESSABLE_ENTITY, &template)
        }
        Err(other) => Err(other.into()),
    }
}
