//! The year's life of the demo's running groups: for each month of this fiscal year wholly
//! past in which a group ran, its business record; a meeting with attendance every other
//! month; every third month a visit, by its worker or the province, whose follow-up is
//! resolved later for most; and the permits a running group holds. Amounts, topics and
//! attendance are drawn from the seeded stream month by month, group by group.

use hamyar_app::error::AppResult;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::{Actor, App};
use hamyar_domain::JalaliDate;
use hamyar_domain::group_life::{
    AttendanceInput, BusinessInput, MeetingInput, PermitInput, VisitInput,
};

use crate::plan::{self, GroupSpec};
use crate::run::{DemoRun, Formed, Staff};

/// What the year's life wrote.
pub(crate) struct Life {
    pub meetings: usize,
    pub visits: usize,
    pub business_months: usize,
}

/// Writes the year's months of every formed group that ran in them.
pub(crate) async fn live_the_year(
    run: &mut DemoRun<'_>,
    staff: &Staff,
    formed: &[Formed],
) -> AppResult<Life> {
    let first_day = run.first_day();
    let today = run.today;
    let mut life = Life {
        meetings: 0,
        visits: 0,
        business_months: 0,
    };
    for group in formed {
        let worker = &staff.workers[group.worker];
        for (from, until) in &group.running {
            let from = (*from).max(first_day);
            if from > *until {
                continue;
            }
            // Months wholly past, in which the group ran: one business record each;
            // a meeting every other month; a visit every third.
            let mut month = from.first_of_month();
            let mut nth = 0;
            while month.last_of_month() < *until && month.last_of_month() < today {
                business_month(run, worker, group, month).await?;
                life.business_months += 1;
                let mid = month.add_days(run.rng.between(5, 20));
                if nth % 2 == 0 && mid >= from && mid <= today {
                    meeting(run, worker, group, mid).await?;
                    life.meetings += 1;
                }
                if nth % 3 == 1 && mid >= from && mid <= today {
                    visit(run, staff, worker, group, mid).await?;
                    life.visits += 1;
                }
                nth += 1;
                month = month.last_of_month().add_days(1);
            }
        }
    }
    Ok(life)
}

/// The group's business record of the month starting on `month`.
async fn business_month(
    run: &mut DemoRun<'_>,
    worker: &Actor,
    group: &Formed,
    month: JalaliDate,
) -> AppResult<()> {
    let revenue = run.rng.between(30, 160) * 1_000_000;
    let costs = revenue * run.rng.between(45, 85) / 100;
    run.app
        .record_business_month(
            worker,
            group.id,
            &BusinessInput {
                year: month.year().to_string(),
                month: month.month().to_string(),
                revenue: revenue.to_string(),
                costs: costs.to_string(),
                members_working: group.members.len().to_string(),
                people_hired: run.rng.between(0, 2).to_string(),
                channels: vec![
                    (*run.rng.pick(&["shop", "order", "exhibition"])).into(),
                    (*run.rng.pick(&["online", "order"])).into(),
                ],
                ..BusinessInput::default()
            },
        )
        .await?;
    Ok(())
}

/// A meeting of the group on `held_on`, with every member's attendance.
async fn meeting(
    run: &mut DemoRun<'_>,
    worker: &Actor,
    group: &Formed,
    held_on: JalaliDate,
) -> AppResult<()> {
    let rng = &mut run.rng;
    run.app
        .record_meeting(
            worker,
            group.id,
            &MeetingInput {
                held_on: held_on.to_string(),
                place: "محل کارگاه گروه".into(),
                topics: (*rng.pick(&plan::MEETING_TOPICS)).into(),
                decisions: (*rng.pick(&plan::MEETING_DECISIONS)).into(),
                attendance: group
                    .members
                    .iter()
                    .map(|woman| AttendanceInput {
                        woman_id: woman.get(),
                        attendance: (*rng.pick(&[
                            "present", "present", "present", "present", "excused", "absent",
                        ]))
                        .into(),
                    })
                    .collect(),
            },
        )
        .await?;
    Ok(())
}

/// A monitoring visit on `visited_on` by the group's worker or the province, with a
/// follow-up due a month later when that is at most a month ahead of today.
async fn visit(
    run: &mut DemoRun<'_>,
    staff: &Staff,
    worker: &Actor,
    group: &Formed,
    visited_on: JalaliDate,
) -> AppResult<()> {
    let today = run.today;
    let rng = &mut run.rng;
    let follow_up = visited_on.add_days(30);
    let visitor = if rng.chance(50) {
        worker
    } else {
        &staff.provincial
    };
    let visit_id = run
        .app
        .record_visit(
            visitor,
            group.id,
            &VisitInput {
                visited_on: visited_on.to_string(),
                purpose: "پایش دوره‌ای".into(),
                findings: (*rng.pick(&plan::VISIT_FINDINGS)).into(),
                requests: if rng.chance(40) {
                    vec![(*rng.pick(&plan::VISIT_REQUESTS)).into()]
                } else {
                    Vec::new()
                },
                referrals: if rng.chance(30) {
                    vec![
                        (*rng.pick(&["bank", "guild", "technical_vocational", "health_network"]))
                            .into(),
                    ]
                } else {
                    Vec::new()
                },
                follow_up_due: if follow_up <= today.add_days(30) {
                    follow_up.to_string()
                } else {
                    String::new()
                },
                ..VisitInput::default()
            },
        )
        .await?;
    if follow_up <= today.add_days(30) {
        resolve_follow_up(run.app, visitor, group.id, visit_id, visited_on, today).await?;
    }
    Ok(())
}

/// Resolves three visits' follow-ups in four, 10 to 24 days after the visit when that
/// day has come; the rest wait for the group's next visit, which answers them, or stay
/// open (overdue, once their date passed, until then). Chosen from the visit's id, not
/// the demo's random stream, so the rest of the demo is drawn as before.
async fn resolve_follow_up(
    app: &App,
    actor: &Actor,
    group_id: GroupId,
    visit_id: i64,
    visited_on: JalaliDate,
    today: JalaliDate,
) -> AppResult<()> {
    let done_on = visited_on.add_days(10 + visit_id % 15);
    if visit_id % 4 == 0 || done_on > today {
        return Ok(());
    }
    app.complete_follow_up(
        actor,
        group_id,
        visit_id,
        &done_on.to_string(),
        plan::FOLLOW_UP_NOTES[(visit_id % 3) as usize],
    )
    .await
}

/// The permits of a running group: a business licence, and a health code for those handling
/// food or people. `nth` is the group's place in the plan: it numbers the permits, and when
/// it is 3 modulo 7 they expire within the next two months. Draws nothing.
pub(crate) async fn record_permits(
    run: &DemoRun<'_>,
    worker: &Actor,
    spec: &GroupSpec,
    group_id: GroupId,
    identified: JalaliDate,
    nth: usize,
) -> AppResult<()> {
    let issued = identified.add_days(75);
    let expires = if nth % 7 == 3 {
        run.today.add_days(40)
    } else {
        issued.add_days(3 * 365)
    };
    let mut kinds = vec!["business_licence"];
    if plan::NEEDS_HEALTH_CODE.contains(&spec.field) {
        kinds.push("health_code");
    }
    for (k, kind) in kinds.into_iter().enumerate() {
        run.app
            .record_permit(
                worker,
                group_id,
                &PermitInput {
                    kind: kind.into(),
                    number: format!("{}{:04}", 28 + k, 1000 + nth * 13),
                    issued_on: issued.to_string(),
                    expires_on: expires.to_string(),
                },
            )
            .await?;
    }
    Ok(())
}
