//! The provincial press summary (issue 6): the figures a public-relations office publishes
//! about a province's Hamyar groups for a fiscal year, and the Persian paragraph composed from
//! them (`hamyar_domain::press`).
//!
//! Every figure is the catalogue's (`crate::figures`), read from the figure sheet of the
//! province (a county user's: of its county) for the year up to the day counted on — today
//! while the year runs, else its last day — so the summary says what the dashboard, the
//! PDF and `hamyar report figures` say:
//!
//! - **active groups** `groups.active` and **their members** `members.active_groups`;
//! - **spent on training, job preparation and strengthening** `money.headline_spent`;
//! - **grants** `grants.committed`, `grants.paid`, `grants.groups`, `grants.women` (women
//!   with a grant of their own or a share of their group's);
//! - **the groups' sales** `business.sales` (their business months in the span);
//! - **jobs created** `business.jobs` (members working and people hired in the active
//!   groups' latest business month of the span);
//! - **graduated groups** `groups.graduated`;
//! - **women who became independent** `women.empowered`;
//! - **women trained** `training.women` (who completed a course that ended in the span) and
//!   **the courses** `training.runs` they were trained in;
//! - when the place has a yearly plan (`crate::plan`), **the year's empowered target**, so
//!   the paragraph says which share of it the women who became independent are.
//!
//! The paragraph is written in Persian and English, its amounts in the reader's unit (rial,
//! toman or new rial: `press_summary_in`), names the span («از ابتدای فروردین تا …») and
//! comes with its attribution line: the province's office and the day it is drawn.
//!
//! `ViewMoney` is enough (public relations): the summary holds counts and sums only, no name
//! of a woman or a group. A province outside the actor's scope is `NotFound`.

use hamyar_domain::press::{
    PressFigures, attribution, attribution_en, compose_paragraph, compose_paragraph_en,
};
use hamyar_domain::{FiscalYear, JalaliDate, MoneyUnit};
use serde::Serialize;

use crate::access::{Actor, Permission, PlaceId, ScopeKind};
use crate::dashboard::DashboardRequest;
use crate::error::{AppError, AppResult};
use crate::figures::FigureKey;
use crate::places::load_tree;
use crate::service::App;

/// A province's press summary for a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PressSummary {
    pub province_id: PlaceId,
    pub province_code: String,
    /// The day the active groups and members were counted on (Jalali, `1405-03-15`).
    pub counted_on: String,
    pub figures: PressFigures,
    /// The unit the paragraphs' amounts are written in.
    pub unit: MoneyUnit,
    pub paragraph_fa: String,
    pub paragraph_en: String,
    /// Who issues the paragraph and when: «روابط عمومی ادارهٔ کل بهزیستی استان …، ۱۵ آذر ۱۴۰۵».
    pub attribution_fa: String,
    pub attribution_en: String,
}

impl App {
    /// The press summary of `province_id` for `year`, amounts in rials; see the module
    /// documentation.
    pub async fn press_summary(
        &self,
        actor: &Actor,
        province_id: PlaceId,
        year: FiscalYear,
    ) -> AppResult<PressSummary> {
        self.press_summary_in(actor, province_id, year, MoneyUnit::Rial)
            .await
    }

    /// The press summary with the paragraphs' amounts in `unit` (the reader's choice).
    pub async fn press_summary_in(
        &self,
        actor: &Actor,
        province_id: PlaceId,
        year: FiscalYear,
        unit: MoneyUnit,
    ) -> AppResult<PressSummary> {
        actor.require(Permission::ViewMoney)?;
        if actor.scope.province().is_some_and(|own| own != province_id) {
            return Err(AppError::NotFound);
        }
        let today = self.today();
        let current_year = year.last_day() >= today;
        let counted_on = if current_year { today } else { year.last_day() };

        let mut tx = self.db.read().await?;
        let tree = load_tree(tx.as_mut(), &today.to_iso_string()).await?;
        tx.commit().await?;
        let province = tree
            .get(province_id)
            .filter(|place| place.kind == ScopeKind::Province)
            .ok_or(AppError::NotFound)?
            .clone();
        let sheet = self
            .figure_sheet(
                actor,
                &DashboardRequest {
                    place_id: Some(actor.scope.county().unwrap_or(province_id)),
                    year,
                    from: None,
                    to: Some(counted_on),
                },
            )
            .await?;
        let count = |key: FigureKey| sheet.value(key).max(0) as u64;
        let empowered_target = self
            .empowered_target_of(sheet.place.id, year)
            .await?
            .map(|target| target.max(0) as u64);
        let figures = PressFigures {
            province_name_fa: province.name_fa.clone(),
            province_name_en: province.name_en.clone(),
            fiscal_year: year.year(),
            current_year,
            period_to: counted_on,
            issued_on: today,
            active_groups: count(FigureKey::ActiveGroups),
            active_members: count(FigureKey::ActiveGroupMembers),
            headline_spent_rials: sheet.value(FigureKey::HeadlineSpent),
            grants_committed_rials: sheet.value(FigureKey::GrantsCommitted),
            grants_paid_rials: sheet.value(FigureKey::GrantsPaid),
            groups_granted: count(FigureKey::GroupsGranted),
            women_granted: count(FigureKey::WomenGranted),
            sales_rials: sheet.value(FigureKey::BusinessSales),
            jobs: count(FigureKey::BusinessJobs),
            graduated_groups: count(FigureKey::GroupsGraduated),
            women_independent: count(FigureKey::WomenEmpowered),
            women_trained: count(FigureKey::TrainingWomen),
            courses_trained: count(FigureKey::TrainingRuns),
            women_empowered_target: empowered_target,
        };
        Ok(PressSummary {
            province_id,
            province_code: province.code,
            counted_on: jalali_label(counted_on),
            unit,
            paragraph_fa: compose_paragraph(&figures, unit),
            paragraph_en: compose_paragraph_en(&figures, unit),
            attribution_fa: attribution(&figures),
            attribution_en: attribution_en(&figures),
            figures,
        })
    }
}

fn jalali_label(day: JalaliDate) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}
