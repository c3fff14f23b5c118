//! The demo's training: every payment of the year's training line paid for a course run. The
//! national office puts each course in the catalogue; the county expert registers its
//! provider (the payment's payee), plans a run of six sessions ending the day before the
//! payment's work was done, enrols the two groups the payment was for, marks every session
//! and records who completed under the course's rule on the day it was paid. Attendance is
//! a fixed pattern (a few absences and excused absences), so it draws nothing from the
//! seeded stream and the rest of the demo does not change with it.
//!
//! A grant's first tranche asks that the group's members have completed a course: a group
//! whose members the paid runs did not train takes the business-planning course of
//! Behzisti's own trainers in the week before the tranche is approved
//! ([`prepare_for_grant`]), every woman present at its three sessions — unpaid, as Behzisti's
//! own courses are. Each provider the line pays holds a contract on that line for the rest of
//! the year of what it is paid ([`contract_for`]), so its page shows the contract spent; and
//! two groups the paid runs did not train have an open training need on their pages
//! ([`record_needs`]), a skill in words that no run of the catalogue meets yet.

use hamyar_app::error::AppResult;
use hamyar_app::ports::training::ProviderId;
use hamyar_app::training::{
    CompletionInput, ContractInput, CourseKindInput, MarkInput, NeedInput, ProviderInput, RunInput,
};
use hamyar_domain::JalaliDate;
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::training::{CompletionVerdict, ContractDraft};

use crate::payment_days::{Budget, paid_for, spent_on};
use crate::plan::PAYMENTS;
use crate::run::{DemoRun, Formed, Staff};

/// The course a group takes before its grant, and who gives it.
const GRANT_COURSE: &str = "business-planning";
const BEHZISTI_TRAINERS: &str = "مربیان آموزش بهزیستی استان";

/// What a training payment's course was: (kind code, name, English name, category, hours).
fn course_of(
    description: &str,
) -> (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
) {
    if description.contains("خیاطی") {
        (
            "tailoring-industrial",
            "خیاطی صنعتی",
            "Industrial tailoring",
            "vocational",
            "48",
        )
    } else if description.contains("بازاریابی") {
        (
            "marketing-sales",
            "بازاریابی و فروش",
            "Marketing and sales",
            "marketing",
            "24",
        )
    } else if description.contains("قالی") {
        (
            "carpet-kilim",
            "قالی و گلیم‌بافی",
            "Carpet and kilim weaving",
            "vocational",
            "60",
        )
    } else if description.contains("مالی") {
        (
            "financial-literacy",
            "سواد مالی و حساب‌داری ساده",
            "Financial literacy",
            "financial_literacy",
            "18",
        )
    } else if description.contains("شیرینی") {
        (
            "bread-pastry",
            "نان و شیرینی",
            "Bread and pastry",
            "vocational",
            "36",
        )
    } else if description.contains("زندگی") {
        (
            "life-skills",
            "مهارت‌های زندگی",
            "Life skills",
            "life_skills",
            "12",
        )
    } else {
        (
            "greenhouse-herbs",
            "گلخانه و گیاهان دارویی",
            "Greenhouse and medicinal plants",
            "vocational",
            "30",
        )
    }
}

/// The provider kind a payee's name says.
fn provider_kind(payee: &str) -> &'static str {
    if payee.starts_with("انجمن") {
        "ngo"
    } else {
        "institute"
    }
}

/// The six session days: every other day, the last the day before the work was paid, none
/// before the year's first day.
fn sessions(run: &DemoRun<'_>, paid_on: JalaliDate) -> Vec<JalaliDate> {
    let mut days: Vec<JalaliDate> = (0..6)
        .rev()
        .map(|k| paid_on.add_days(-1 - 2 * k).max(run.first_day()))
        .collect();
    days.dedup();
    days
}

/// A fixed attendance pattern: mostly present, some absences and excuses.
fn mark(woman: usize, session: usize, course: usize) -> &'static str {
    match (woman * 5 + session * 3 + course) % 19 {
        0 => "absent",
        9 => "excused",
        _ => "present",
    }
}

/// Trains the groups the training line paid for; returns, per payment in plan order, the
/// code of the run it paid for.
pub(crate) async fn train(
    run: &DemoRun<'_>,
    staff: &Staff,
    budget: &Budget,
    formed: &[Formed],
) -> AppResult<Vec<Option<String>>> {
    let national = crate::users::actor(run.app, "demo.national").await?;
    let kinds = run.app.course_kinds(&national, true).await?;
    let mut codes = Vec::with_capacity(PAYMENTS.len());
    let county = run.counties[0].name_fa;
    for (n, payment) in PAYMENTS.iter().enumerate() {
        if payment.category != BudgetCategory::Training {
            codes.push(None);
            continue;
        }
        let (code, name, name_en, category, hours) = course_of(payment.description);
        let kind = match kinds.iter().find(|kind| kind.code == code) {
            Some(kind) => kind.id,
            None => {
                run.app
                    .add_course_kind(
                        &national,
                        &CourseKindInput {
                            code: code.into(),
                            name: name.into(),
                            name_en: name_en.into(),
                            category: category.into(),
                            skill_standard_code: String::new(),
                            hours: hours.into(),
                            min_attendance_percent: String::new(),
                            final_assessment: false,
                        },
                    )
                    .await?
            }
        };
        let provider = run
            .app
            .add_provider(
                &staff.county_expert,
                &ProviderInput {
                    name: payment.payee.into(),
                    kind: provider_kind(payment.payee).into(),
                    phone: String::new(),
                    province_id: None,
                },
            )
            .await?;
        contract_for(run, staff, budget, provider, n).await?;
        let paid_on = spent_on(run, budget, n);
        let days = sessions(run, paid_on);
        let run_code = format!("QZ-{}-T{:02}", run.year.year(), n + 1);
        let run_id = run
            .app
            .plan_course_run(
                &staff.county_expert,
                &RunInput {
                    code: run_code.clone(),
                    course_kind_id: kind.to_string(),
                    provider_id: provider.to_string(),
                    county: county.into(),
                    budget_line_id: String::new(),
                    trainer_name: format!("مربی {}", payment.payee),
                    place: format!("{}، سالن آموزش", payment.payee),
                    online: false,
                    capacity: "40".into(),
                    sessions: days
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n"),
                    session_hours: String::new(),
                },
            )
            .await?;
        for group in paid_for(formed, n) {
            // A group formed after the first session has nobody to enrol on that day.
            match run
                .app
                .enrol_group(&staff.county_expert, run_id, group.id, &days[0].to_string())
                .await
            {
                Ok(_) | Err(hamyar_app::AppError::Invalid(_)) => {}
                Err(other) => return Err(other),
            }
        }
        let view = run
            .app
            .course_run(&staff.county_expert, run_id, false)
            .await?;
        if view.women.is_empty() {
            codes.push(Some(run_code));
            continue;
        }
        for (s, session) in view.sessions.iter().enumerate() {
            let marks: Vec<MarkInput> = view
                .women
                .iter()
                .enumerate()
                .map(|(w, woman)| MarkInput {
                    enrolment_id: woman.woman.enrolment.id,
                    mark: mark(w, s, n).into(),
                })
                .collect();
            run.app
                .record_attendance(&staff.county_expert, run_id, session.id, &marks)
                .await?;
        }
        let judged = run
            .app
            .course_run(&staff.county_expert, run_id, false)
            .await?;
        for woman in judged
            .women
            .iter()
            .filter(|woman| woman.verdict == Some(CompletionVerdict::Completes))
        {
            run.app
                .record_completion(
                    &staff.county_expert,
                    woman.woman.enrolment.id,
                    &CompletionInput {
                        completed_on: paid_on.to_string(),
                        ..CompletionInput::default()
                    },
                )
                .await?;
        }
        codes.push(Some(run_code));
    }
    record_needs(run, staff, formed).await?;
    Ok(codes)
}

/// The contract of the `n`th payment's provider: signed on the budget's day, from then to the
/// year's last day, of what the payment pays, on the year's training line.
async fn contract_for(
    run: &DemoRun<'_>,
    staff: &Staff,
    budget: &Budget,
    provider: ProviderId,
    n: usize,
) -> AppResult<()> {
    let line = run
        .app
        .budget_lines(&staff.provincial, run.year, None, None)
        .await?
        .into_iter()
        .find(|view| view.category == BudgetCategory::Training && view.line.county_id.is_none())
        .ok_or_else(|| hamyar_app::AppError::Internal("no training line".into()))?;
    let year_end = JalaliDate::new(run.year.year() + 1, 1, 1)
        .map_err(|error| hamyar_app::AppError::Internal(error.to_string()))?
        .add_days(-1);
    let payment = &PAYMENTS[n];
    run.app
        .add_contract(
            &staff.county_expert,
            provider,
            &ContractInput {
                draft: ContractDraft {
                    contract_no: format!("QZ-{}-C{:02}", run.year.year(), n + 1),
                    signed_on: budget.on.to_string(),
                    period_from: budget.on.to_string(),
                    period_to: year_end.to_string(),
                    amount: payment.amount_rials.to_string(),
                    note: payment.description.into(),
                },
                budget_line_id: line.line.id.to_string(),
            },
        )
        .await?;
    Ok(())
}

/// Two groups the paid runs did not train say what their business needs: skills in words,
/// recorded by their social workers, open for the coordinator to plan for.
async fn record_needs(run: &DemoRun<'_>, staff: &Staff, formed: &[Formed]) -> AppResult<()> {
    let trained: Vec<_> = (0..PAYMENTS.len())
        .flat_map(|n| paid_for(formed, n))
        .map(|group| group.id)
        .collect();
    let needs = [
        (
            "بسته‌بندی و برچسب محصول",
            "محصولات گروه برای فروش در بازارچه‌ی شهر بسته‌بندی و برچسب ندارند.",
        ),
        (
            "فروش اینترنتی",
            "گروه سفارش‌های بیرون از شهر را از دست می‌دهد؛ فروش در فضای مجازی را نمی‌داند.",
        ),
    ];
    let untrained = formed
        .iter()
        .rev()
        .filter(|group| !trained.contains(&group.id));
    for (group, (skill, reason)) in untrained.zip(needs) {
        let Some(worker) = staff.workers.get(group.worker) else {
            continue;
        };
        run.app
            .record_training_need(
                worker,
                group.id,
                &NeedInput {
                    skill: skill.into(),
                    reason: reason.into(),
                    ..NeedInput::default()
                },
            )
            .await?;
    }
    Ok(())
}

/// The business-planning course in the catalogue (added by the national office the first
/// time) and Behzisti's trainers as the province's provider (registered the first time).
async fn grant_course(run: &DemoRun<'_>, staff: &Staff) -> AppResult<(String, String)> {
    let national = crate::users::actor(run.app, "demo.national").await?;
    let kinds = run.app.course_kinds(&national, true).await?;
    let kind = match kinds.iter().find(|kind| kind.code == GRANT_COURSE) {
        Some(kind) => kind.id,
        None => {
            run.app
                .add_course_kind(
                    &national,
                    &CourseKindInput {
                        code: GRANT_COURSE.into(),
                        name: "طرح کسب‌وکار گروهی".into(),
                        name_en: "Group business planning".into(),
                        category: "business_planning".into(),
                        skill_standard_code: String::new(),
                        hours: "12".into(),
                        min_attendance_percent: String::new(),
                        final_assessment: false,
                    },
                )
                .await?
        }
    };
    let providers = run.app.providers(&staff.provincial, None).await?;
    let provider = match providers.iter().find(|p| p.name == BEHZISTI_TRAINERS) {
        Some(provider) => provider.id,
        None => {
            run.app
                .add_provider(
                    &staff.provincial,
                    &ProviderInput {
                        name: BEHZISTI_TRAINERS.into(),
                        kind: "behzisti".into(),
                        phone: String::new(),
                        province_id: None,
                    },
                )
                .await?
        }
    };
    Ok((kind.to_string(), provider.to_string()))
}

/// Trains the group before its grant's `n`-th first tranche is approved on `approved_on`:
/// three sessions in the week before, the whole group enrolled and present, each woman
/// completing the day before the approval (never before the last session).
pub(crate) async fn prepare_for_grant(
    run: &DemoRun<'_>,
    staff: &Staff,
    group: &Formed,
    approved_on: JalaliDate,
    n: usize,
) -> AppResult<()> {
    let (kind, provider) = grant_course(run, staff).await?;
    let mut days: Vec<JalaliDate> = [6_i64, 4, 2]
        .iter()
        .map(|before| approved_on.add_days(-before).max(run.first_day()))
        .collect();
    days.dedup();
    let run_id = run
        .app
        .plan_course_run(
            &staff.provincial,
            &RunInput {
                code: format!("QZ-{}-G{:02}", run.year.year(), n + 1),
                course_kind_id: kind,
                provider_id: provider,
                county: run.counties[group.worker].name_fa.into(),
                budget_line_id: String::new(),
                trainer_name: "مربی بهزیستی".into(),
                place: "سالن اداره‌ی بهزیستی شهرستان".into(),
                online: false,
                capacity: "40".into(),
                sessions: days
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n"),
                session_hours: String::new(),
            },
        )
        .await?;
    run.app
        .enrol_group(&staff.provincial, run_id, group.id, &days[0].to_string())
        .await?;
    let view = run.app.course_run(&staff.provincial, run_id, false).await?;
    for session in &view.sessions {
        let marks: Vec<MarkInput> = view
            .women
            .iter()
            .map(|woman| MarkInput {
                enrolment_id: woman.woman.enrolment.id,
                mark: "present".into(),
            })
            .collect();
        run.app
            .record_attendance(&staff.provincial, run_id, session.id, &marks)
            .await?;
    }
    let last = days.last().copied().unwrap_or(approved_on);
    let completed_on = approved_on.add_days(-1).max(last);
    for woman in &view.women {
        run.app
            .record_completion(
                &staff.provincial,
                woman.woman.enrolment.id,
                &CompletionInput {
                    completed_on: completed_on.to_string(),
                    ..CompletionInput::default()
                },
            )
            .await?;
    }
    Ok(())
}
