//! The demo province's yearly plan (issue 19): its provincial expert sets Qazvin's targets
//! for the year — groups to form, women to join groups, women to train, visits to make —
//! through the use-case the plan page uses (`App::set_yearly_plan`), and the capital county's
//! smaller share of them, so the plan page, the dashboard's section, the monthly report and
//! the press summary have a plan to read against what the rest of the demo achieved.
//!
//! The empowered target is left to the default (10 % of the women covered on the year's
//! first day) when the province had women covered then; a demo filled early in its history,
//! whose women were all registered this year, has none, so a tenth of the women covered
//! today is typed instead and the press summary still says a share of a real target. It
//! runs last and draws nothing from the seeded stream, so the rest of the province is
//! unchanged.

use hamyar_app::dashboard::DashboardRequest;
use hamyar_app::error::AppResult;
use hamyar_app::figures::FigureKey;
use hamyar_domain::plan::{PlanForm, default_empowered_target};

use crate::run::{DemoRun, Staff};

/// Sets the province's plan and its capital county's.
pub(crate) async fn set_the_years_plan(run: &DemoRun<'_>, staff: &Staff) -> AppResult<()> {
    let expert = &staff.provincial;
    let plan = run
        .app
        .yearly_plan(expert, Some(run.province), run.year)
        .await?;
    let empowered = if plan.empowered_default > 0 {
        String::new()
    } else {
        let covered = run
            .app
            .figure_sheet(
                expert,
                &DashboardRequest {
                    place_id: Some(run.province),
                    year: run.year,
                    from: None,
                    to: None,
                },
            )
            .await?
            .value(FigureKey::WomenCovered);
        default_empowered_target(covered).to_string()
    };
    let province = PlanForm {
        groups_formed: "۱۲".into(),
        women_joining: "۷۰".into(),
        women_trained: "۵۰".into(),
        visits_made: "۲۴۰".into(),
        women_empowered: empowered,
        note: "برنامهٔ مصوب شورای هماهنگی استان؛ هدف توانمندسازی طبق قانون ده درصد زنان تحت پوشش."
            .into(),
    };
    run.app
        .set_yearly_plan(expert, run.province, run.year, &province)
        .await?;
    if let Some(capital) = run.counties.first() {
        let county = PlanForm {
            groups_formed: "۴".into(),
            women_joining: "۲۴".into(),
            women_trained: "۱۸".into(),
            visits_made: "۸۰".into(),
            women_empowered: String::new(),
            note: format!("سهم شهرستان {} از برنامهٔ استان.", capital.name_fa),
        };
        run.app
            .set_yearly_plan(expert, capital.id, run.year, &county)
            .await?;
    }
    Ok(())
}
