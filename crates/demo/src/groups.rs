//! The demo's 45 groups as [`crate::plan`] lays them out: each created by its county's social
//! worker, given its members (women of a dissolved group of the county start again, the rest
//! are registered by [`crate::women`]), head, treasurer and secretary, moved through the
//! stages its fate prescribes, followed by the capital's facilitator while it runs, and given
//! its permits ([`crate::life::record_permits`]). A group is written whole before the next
//! is begun, as a worker would, so the seeded stream is drawn group by group.

use hamyar_app::error::AppResult;
use hamyar_app::groups::{StaffInput, StageInput};
use hamyar_app::ports::groups::GroupId;
use hamyar_domain::JalaliDate;
use hamyar_domain::groups::{GroupInput, JoinInput};

use crate::life;
use crate::plan::{GroupFate, GroupSpec, group_plan};
use crate::run::{DemoRun, Formed, Members, Staff};
use crate::women;

/// Forms every planned group, in plan order, and returns them as formed.
pub(crate) async fn form_groups(run: &mut DemoRun<'_>, staff: &Staff) -> AppResult<Vec<Formed>> {
    let mut formed: Vec<Formed> = Vec::new();
    // Members of dissolved groups, free to start again: (county, members, dissolved on).
    let mut freed: Vec<(usize, Members, JalaliDate)> = Vec::new();
    for spec in &group_plan() {
        let worker = &staff.workers[spec.county];
        let county = &run.counties[spec.county];
        let identified = run.today.add_days(-spec.age_days);
        let group_id = run
            .app
            .create_group(
                worker,
                &GroupInput {
                    name: format!("گروه همیار {}", spec.name),
                    county: county.id.to_string(),
                    locality: county.name_fa.to_owned(),
                    business_field: spec.field.into(),
                    premises: (*run.rng.pick(&["rented", "home", "home", "own"])).into(),
                    identified_on: identified.to_string(),
                    ..GroupInput::default()
                },
            )
            .await?;
        // Members: women of a dissolved group of the same county may start again;
        // the rest are registered now.
        let mut members: Members = Vec::new();
        if let Some(slot) = freed
            .iter()
            .position(|(county, _, ended)| *county == spec.county && *ended < identified)
        {
            members = freed.remove(slot).1;
        }
        women::register_covered(run, staff, spec.county, spec.size, &mut members).await?;
        for (position, (_, national_id)) in members.iter().enumerate() {
            let role = match position {
                0 => "head",
                1 => "treasurer",
                2 => "secretary",
                _ => "member",
            };
            run.app
                .add_group_member(
                    worker,
                    group_id,
                    &JoinInput {
                        national_id: national_id.clone(),
                        role: role.into(),
                        joined_on: identified.to_string(),
                    },
                )
                .await?;
        }
        let (running, last_move) = move_stages(run, staff, spec, group_id, identified).await?;
        // The capital county's facilitator follows its running groups.
        if let (true, 0, Some(facilitator)) =
            (spec.fate.counts_as_active(), spec.county, staff.facilitator)
        {
            run.app
                .assign_group_staff(
                    worker,
                    group_id,
                    &StaffInput {
                        duty: "facilitator".into(),
                        user: facilitator.to_string(),
                        from_on: identified.add_days(90).min(run.today).to_string(),
                    },
                )
                .await?;
        }
        if spec.fate.counts_as_active() {
            life::record_permits(run, worker, spec, group_id, identified, formed.len()).await?;
        }
        if spec.fate == GroupFate::Dissolved {
            freed.push((spec.county, members.clone(), last_move));
        }
        let code = run
            .app
            .group_page(worker, group_id, false, false)
            .await?
            .group
            .record
            .code;
        formed.push(Formed {
            id: group_id,
            code,
            fate: spec.fate,
            worker: spec.county,
            members: members.iter().map(|(id, _)| *id).collect(),
            running,
        });
    }
    Ok(formed)
}

/// Moves a new group through the stages of its fate (none in the future). Returns the spans
/// in which it ran, as (from, until), and the day of its last move.
async fn move_stages(
    run: &DemoRun<'_>,
    staff: &Staff,
    spec: &GroupSpec,
    group_id: GroupId,
    identified: JalaliDate,
) -> AppResult<(Vec<(JalaliDate, JalaliDate)>, JalaliDate)> {
    let worker = &staff.workers[spec.county];
    let mut running = Vec::new();
    let mut at = identified;
    let mut last_running_from = None;
    for (stage, offset, reason) in spec.fate.moves(spec.age_days) {
        let on = identified.add_days(offset).min(run.today);
        at = on.max(at);
        run.app
            .move_group_stage(
                worker,
                group_id,
                &StageInput {
                    stage: stage.into(),
                    effective_on: at.to_string(),
                    inactive_reason: reason.into(),
                    note: String::new(),
                },
            )
            .await?;
        match stage {
            "active" | "reactivated" => last_running_from = Some(at),
            _ => {
                if let Some(from) = last_running_from.take() {
                    running.push((from, at));
                }
            }
        }
    }
    if let Some(from) = last_running_from {
        running.push((from, run.today));
    }
    Ok((running, at))
}
