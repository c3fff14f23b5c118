//! The demo's women and their households, registered by their county's social worker, and
//! the province's coverage decisions on them: admitted (a quarter also pensioners) when they
//! join a group, or waiting for a place (the graduates leave support in `outcomes`).
//! Who each woman is comes from [`crate::people`]; this step writes her through the registry.

use hamyar_app::error::AppResult;
use hamyar_app::registry::coverage::CoverageInput;

use crate::people;
use crate::run::{DemoRun, Members, Staff};

/// Registers new women of `county` into `members` until it has `size` of them, each admitted
/// to coverage by the province (and a quarter of them pensioners as well).
pub(crate) async fn register_covered(
    run: &mut DemoRun<'_>,
    staff: &Staff,
    county: usize,
    size: usize,
    members: &mut Members,
) -> AppResult<()> {
    let worker = &staff.workers[county];
    let (county_id, county_fa) = (run.counties[county].id, run.counties[county].name_fa);
    while members.len() < size {
        let drawn = people::woman(&mut run.rng, &mut run.ids, county_fa, run.today);
        let registered = run
            .app
            .register_woman(worker, &county_id.to_string(), &drawn.input, &drawn.members)
            .await?;
        run.women += 1;
        run.app
            .record_coverage(
                &staff.provincial,
                registered.id,
                &CoverageInput {
                    status: "covered".into(),
                    started_on: run.today.to_string(),
                    reason: format!("کمیته‌ی پذیرش، صورت‌جلسه‌ی {}", 100 + run.women),
                    ..CoverageInput::default()
                },
            )
            .await?;
        if run.rng.chance(25) {
            run.app
                .record_coverage(
                    &staff.provincial,
                    registered.id,
                    &CoverageInput {
                        status: "pensioner".into(),
                        started_on: run.today.to_string(),
                        reason: "برقراری مستمری ماهانه".into(),
                        ..CoverageInput::default()
                    },
                )
                .await?;
        }
        members.push((registered.id, drawn.input.national_id.clone()));
    }
    Ok(())
}

/// A few women, across the counties, wait for a place in a group.
pub(crate) async fn waiting_list(run: &mut DemoRun<'_>, staff: &Staff) -> AppResult<()> {
    for n in 0..8 {
        let county = n % run.counties.len();
        let (county_id, county_fa) = (run.counties[county].id, run.counties[county].name_fa);
        let drawn = people::woman(&mut run.rng, &mut run.ids, county_fa, run.today);
        let registered = run
            .app
            .register_woman(
                &staff.workers[county],
                &county_id.to_string(),
                &drawn.input,
                &drawn.members,
            )
            .await?;
        run.women += 1;
        run.app
            .record_coverage(
                &staff.provincial,
                registered.id,
                &CoverageInput {
                    status: "waiting_list".into(),
                    started_on: run.today.to_string(),
                    reason: "در انتظار ظرفیت پوشش".into(),
                    ..CoverageInput::default()
                },
            )
            .await?;
    }
    Ok(())
}
