//! What the group page shows of a group's life: the business chart, the last month and the
//! last visit, the requests still open, the permits that need attention and the no-visit
//! flag. Kept apart from the life page because the group page draws it inside its own page
//! (and audits its own opening).

use hamyar_app::group_life::GroupLife;
use hamyar_app::ports::groups::GroupId;
use hamyar_domain::MoneyUnit;

use super::business::{MonthView, month_view};
use super::permits::{PermitView, permit_view};
use super::visits::{RequestView, VisitView, visit_view};
use crate::context::LoggedIn;
use crate::error::WebResult;
use crate::pages::group_chart;
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

/// What the group page shows of the group's life.
pub struct LifeSummary {
    pub id: GroupId,
    pub chart: Option<String>,
    pub last_month: Option<MonthView>,
    pub last_visit: Option<VisitView>,
    pub open_requests: Vec<RequestView>,
    pub permits: Vec<PermitView>,
    /// «بیش از ۳ ماه بازدید نشده است».
    pub no_visit: Option<String>,
}

fn no_visit_text(life: &GroupLife, lang: Lang) -> Option<String> {
    life.not_visited_lately.then(|| {
        format!(
            "{} {} {}",
            lang.t("life-no_visit_before"),
            lang.number(i64::from(life.no_visit_months.months())),
            lang.t("life-no_visit_after")
        )
    })
}

fn chart(life: &GroupLife, unit: MoneyUnit, lang: Lang) -> Option<String> {
    group_chart::svg(
        &group_chart::slots(&life.months, life.today),
        lang,
        unit,
        lang.t("life-chart_title"),
    )
}

/// The group page's section on the group's life (the group page audits its own opening).
pub async fn summary(state: &AppState, who: &LoggedIn, id: GroupId) -> WebResult<LifeSummary> {
    let life = state.app.group_life(&who.actor(), id, false).await?;
    Ok(summary_of(&life, who.session.user.money_unit, who.lang()))
}

pub(super) fn summary_of(life: &GroupLife, unit: MoneyUnit, lang: Lang) -> LifeSummary {
    LifeSummary {
        id: life.group.id,
        chart: chart(life, unit, lang),
        last_month: life.months.last().map(|m| month_view(m, unit, lang)),
        last_visit: life
            .last_visit()
            .map(|v| visit_view(v, life.follow_up_state(v), lang)),
        open_requests: life
            .open_requests()
            .into_iter()
            .map(|(visit, request)| RequestView {
                id: request.id,
                text: request.request.clone(),
                raised_on: format::date(visit.visited_on, lang),
                resolved: None,
            })
            .collect(),
        permits: life
            .permits_needing_attention()
            .into_iter()
            .map(|(permit, _)| permit_view(permit, life.today, lang))
            .collect(),
        no_visit: no_visit_text(life, lang),
    }
}
