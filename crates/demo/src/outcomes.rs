//! What changed for the demo's women (issue 19): this year's pension table; for every woman of
//! a group that ran, a household economics form and a Rosenberg form at her baseline (the days
//! after she joined) and at the latest six-monthly follow-up her schedule owes; and the two
//! graduated groups' women leaving support as empowered the way a province must now do it —
//! two follow-ups six months apart earning above her household's pension, self-esteem higher
//! than at baseline, the pension stopped — proposed by their social worker with the evidence
//! and approved by the province's expert, before their groups graduate the same way. So the
//! press summary's "women who became independent" rests on approved exits with evidence. One
//! woman of a long-running active group has the same evidence and no proposal yet: she is on
//! her social worker's list of women ready to leave support, for a visitor to propose.
//!
//! Every form goes through `App::record_assessment`, every exit through
//! `App::propose_woman_exit` and `App::decide_exit`, as a person's would.

use hamyar_app::error::AppResult;
use hamyar_app::outcomes::assessments::AssessmentInput;
use hamyar_app::outcomes::graduation::{DecisionInput, ProposalInput};
use hamyar_app::ports::registry::WomanId;
use hamyar_app::registry::coverage::CoverageInput;
use hamyar_app::{Actor, AppError};
use hamyar_domain::JalaliDate;
use hamyar_domain::outcomes::schedule::{Followed, Occasion, due_on, owed};
use hamyar_domain::registry::pension_tier;

use crate::plan::GroupFate;
use crate::run::{DemoRun, Formed, Staff};
use crate::users::actor;

/// This year's monthly pension by household size, one to five or more (rials).
const PENSION: [i64; 5] = [28_000_000, 36_000_000, 44_000_000, 52_000_000, 60_000_000];

/// What the step wrote.
pub(crate) struct Assessed {
    pub forms: usize,
    pub exits: usize,
}

/// A woman's forms on one day: her monthly incomes by source and her ten Rosenberg answers.
struct Sitting {
    occasion: Occasion,
    day: JalaliDate,
    own_work: i64,
    group_business: i64,
    pension: i64,
    rosenberg: [u8; 10],
}

/// Ten items' points (0–3, higher meaning more self-esteem) around `level` per item.
fn points_around(run: &mut DemoRun<'_>, level: i64) -> [i64; 10] {
    let mut points = [0; 10];
    for item in &mut points {
        *item = (level + run.rng.between(-1, 1)).clamp(0, 3);
    }
    points
}

/// Each item's points moved by `step` (clamped to 0–3).
fn moved(points: &[i64; 10], step: impl FnMut() -> i64) -> [i64; 10] {
    let mut step = step;
    points.map(|p| (p + step()).clamp(0, 3))
}

/// The answers (1 = strongly agree … 4 = strongly disagree) that score these points:
/// a positive item scores 4 − answer, a reversed one (2, 5, 6, 8, 9) answer − 1.
fn answers_for(points: &[i64; 10]) -> [u8; 10] {
    let mut answers = [0u8; 10];
    for (index, answer) in answers.iter_mut().enumerate() {
        let reversed = [2, 5, 6, 8, 9].contains(&(index + 1));
        let value = if reversed {
            points[index] + 1
        } else {
            4 - points[index]
        };
        *answer = u8::try_from(value).unwrap_or(2);
    }
    answers
}

async fn record(
    run: &DemoRun<'_>,
    worker: &Actor,
    woman: WomanId,
    sitting: &Sitting,
) -> AppResult<usize> {
    let day = sitting.day.to_string();
    let money = |rials: i64| rials.to_string();
    let household = AssessmentInput {
        instrument: "household_economics".into(),
        occasion: sitting.occasion.key(),
        taken_on: day.clone(),
        note: String::new(),
        answers: [
            ("income_own_work", money(sitting.own_work)),
            ("income_group_business", money(sitting.group_business)),
            ("income_pension", money(sitting.pension)),
            ("income_other_aid", "0".into()),
            ("income_family", money(3_000_000)),
            ("expenses", money(55_000_000)),
            ("savings", money(sitting.own_work / 4)),
            ("debts", money(20_000_000)),
            ("assets", money(150_000_000)),
            (
                "employment",
                if sitting.own_work + sitting.group_business > 0 {
                    "group_business".into()
                } else {
                    "none".into()
                },
            ),
            ("hours_per_week", "24".into()),
            (
                "insured",
                if sitting.pension > 0 { "0" } else { "1" }.into(),
            ),
        ]
        .into_iter()
        .map(|(code, text)| (code.to_owned(), text))
        .collect(),
    };
    run.app.record_assessment(worker, woman, &household).await?;
    let rosenberg = AssessmentInput {
        instrument: "rosenberg".into(),
        occasion: sitting.occasion.key(),
        taken_on: day,
        note: String::new(),
        answers: sitting
            .rosenberg
            .iter()
            .enumerate()
            .map(|(index, answer)| (format!("q{}", index + 1), answer.to_string()))
            .collect(),
    };
    run.app.record_assessment(worker, woman, &rosenberg).await?;
    Ok(2)
}

/// Assesses the women of the groups that ran, and lets the graduated groups' women and then
/// the groups themselves leave support as empowered.
pub(crate) async fn assess_and_graduate(
    run: &mut DemoRun<'_>,
    staff: &Staff,
    formed: &[Formed],
) -> AppResult<Assessed> {
    let national = actor(run.app, "demo.national").await?;
    run.app
        .set_pension_table(
            &national,
            &run.year.year().to_string(),
            &PENSION.map(|rials| rials.to_string()),
        )
        .await?;
    let mut assessed = Assessed { forms: 0, exits: 0 };
    let mut ready_chosen = false;
    for group in formed {
        let ran = matches!(
            group.fate,
            GroupFate::Active
                | GroupFate::Reactivated
                | GroupFate::Inactive(_)
                | GroupFate::Graduated
        );
        if !ran {
            continue;
        }
        let worker = &staff.workers[group.worker];
        let graduating = group.fate == GroupFate::Graduated;
        // One woman of an active group that has run more than a year earns above her
        // household's pension on two follow-ups and stopped needing it: ready to be proposed
        // (the social worker finds her on her list of women ready to leave support).
        let old_enough = group
            .running
            .first()
            .is_some_and(|(from, _)| from.add_days(400) <= run.today);
        let mut ready_here = !ready_chosen && group.fate == GroupFate::Active && old_enough;
        for &woman in &group.members {
            let (forms, passing) =
                assess(run, worker, woman, graduating || ready_here, graduating).await?;
            assessed.forms += forms;
            if ready_here && passing {
                ready_here = false;
                ready_chosen = true;
            }
        }
        if graduating {
            for &woman in &group.members {
                assessed.forms += exit_empowered(run, staff, worker, woman).await?;
                assessed.exits += 1;
            }
            let proposal = run
                .app
                .propose_group_graduation(
                    worker,
                    group.id,
                    &ProposalInput {
                        proposed_on: run.today.to_string(),
                        evidence: "فروش پایدار دو ساله و خروج همه‌ی اعضا از چرخه‌ی حمایت".into(),
                    },
                )
                .await?;
            run.app
                .decide_exit(
                    &staff.provincial,
                    proposal,
                    true,
                    &DecisionInput {
                        decided_on: run.today.to_string(),
                        note: "شواهد بررسی شد".into(),
                    },
                )
                .await?;
        }
    }
    Ok(assessed)
}

/// Her baseline, and her latest follow-up due — with `passing`, the one before it as well,
/// both earning above her household's pension, when she is no pensioner or will leave support
/// (a graduate's pension is stopped before her exit). Returns the forms written and whether
/// her evidence passes.
async fn assess(
    run: &mut DemoRun<'_>,
    worker: &Actor,
    woman: WomanId,
    passing: bool,
    graduate: bool,
) -> AppResult<(usize, bool)> {
    let outcomes = run.app.woman_outcomes(worker, woman, false).await?;
    let Some(followed) = outcomes.followed.as_ref() else {
        return Ok((0, false));
    };
    let schedule = Followed {
        started_on: followed.started_on,
        exited_on: followed.exited_on,
    };
    let size = u32::try_from(outcomes.woman.household_size).unwrap_or(1);
    let bar = PENSION[usize::from(pension_tier(size)) - 1];
    let pension = if outcomes.woman.coverage_status == "pensioner" {
        bar
    } else {
        0
    };
    let graduating = passing && (graduate || pension == 0);
    let today = run.today;
    let when =
        |occasion: Occasion| due_on(&schedule, occasion).map(|day| day.add_days(3).min(today));
    let mut written = 0;
    let level = run.rng.between(1, 2);
    let start = points_around(run, level);
    let baseline = Sitting {
        occasion: Occasion::Baseline,
        day: when(Occasion::Baseline).unwrap_or(run.today),
        own_work: if run.rng.chance(30) {
            run.rng.between(2, 8) * 1_000_000
        } else {
            0
        },
        group_business: 0,
        pension,
        rosenberg: answers_for(&start),
    };
    written += record(run, worker, woman, &baseline).await?;
    let latest = owed(&schedule, run.today)
        .into_iter()
        .find_map(|(occasion, _)| match occasion {
            Occasion::FollowUp(round) => Some(round),
            _ => None,
        });
    let Some(round) = latest else {
        return Ok((written, false));
    };
    let rounds: Vec<u16> = if graduating && round >= 2 {
        vec![round - 1, round]
    } else {
        vec![round]
    };
    for round in rounds {
        let occasion = Occasion::FollowUp(round);
        // A graduate's two follow-ups on their due days, exactly six months apart.
        let day = if graduating {
            due_on(&schedule, occasion)
        } else {
            when(occasion)
        };
        let Some(day) = day else {
            continue;
        };
        let sitting = if graduating {
            Sitting {
                occasion,
                day,
                own_work: bar / 2 + run.rng.between(2, 6) * 1_000_000,
                group_business: bar / 2 + run.rng.between(2, 6) * 1_000_000,
                pension: 0,
                rosenberg: answers_for(&moved(&start, || 1)),
            }
        } else {
            let later = moved(&start, || run.rng.between(-1, 1));
            Sitting {
                occasion,
                day,
                own_work: baseline.own_work + run.rng.between(0, 6) * 1_000_000,
                group_business: run.rng.between(0, 12) * 1_000_000,
                pension,
                rosenberg: answers_for(&later),
            }
        };
        written += record(run, worker, woman, &sitting).await?;
    }
    Ok((written, graduating))
}

/// A graduate's exit: her pension stopped (when she had one), then proposed by her social
/// worker and approved by the province's expert.
async fn exit_empowered(
    run: &DemoRun<'_>,
    staff: &Staff,
    worker: &Actor,
    woman: WomanId,
) -> AppResult<usize> {
    let today = run.today.to_string();
    let file = run.app.woman_outcomes(worker, woman, false).await?;
    if file.woman.coverage_status == "pensioner" {
        run.app
            .record_coverage(
                &staff.provincial,
                woman,
                &CoverageInput {
                    status: "covered".into(),
                    started_on: today.clone(),
                    reason: "قطع مستمری پس از درآمد پایدار".into(),
                    ..CoverageInput::default()
                },
            )
            .await?;
    }
    let proposal = run
        .app
        .propose_woman_exit(
            worker,
            woman,
            &ProposalInput {
                proposed_on: today.clone(),
                evidence: "درآمد ماهانه‌ی او از کسب‌وکار گروه دو نوبت پیاپی بیش از مستمری خانوار؛ عزت نفس بالاتر از ارزیابی پایه".into(),
            },
        )
        .await
        .map_err(|error| match error {
            AppError::Invalid(problems) => AppError::Internal(format!(
                "the demo's graduate {woman} does not meet the criteria: {problems:?}"
            )),
            other => other,
        })?;
    run.app
        .decide_exit(
            &staff.provincial,
            proposal,
            true,
            &DecisionInput {
                decided_on: today,
                note: String::new(),
            },
        )
        .await?;
    // Her exit form, on the day she leaves.
    let size = u32::try_from(file.woman.household_size).unwrap_or(1);
    let bar = PENSION[usize::from(pension_tier(size)) - 1];
    let exit = Sitting {
        occasion: Occasion::Exit,
        day: run.today,
        own_work: bar / 2 + 4_000_000,
        group_business: bar / 2 + 3_000_000,
        pension: 0,
        rosenberg: answers_for(&[3, 3, 2, 3, 2, 3, 3, 2, 3, 3]),
    };
    record(run, worker, woman, &exit).await
}
