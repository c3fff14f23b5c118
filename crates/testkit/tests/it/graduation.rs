//! Graduation on SQLite and PostgreSQL (issue 19): a Takestan woman covered since 1403 whose
//! group has run its business since 1403/06/01 earns above her household's pension on two
//! household forms six months apart and her self-esteem rose from baseline, so every
//! criterion of the province passes; her social worker proposes her exit with the evidence,
//! the proposer cannot approve it herself, a county expert approves it, and that ends her
//! coverage as *exited, empowered* — the one way left: the coverage form refuses it. A
//! proposal whose criteria fail is refused; a returned proposal needs its reason. The group
//! graduates the same way once enough members meet the criteria, and not by the stage form.

use hamyar_app::access::PlaceId;
use hamyar_app::groups::{StaffInput, StageInput};
use hamyar_app::outcomes::assessments::AssessmentInput;
use hamyar_app::outcomes::graduation::{DecisionInput, ProposalInput};
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::registry::coverage::CoverageInput;
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::groups::JoinInput;
use hamyar_domain::outcomes::graduation::CriteriaInput;
use hamyar_domain::registry::Verdict;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::{GroupBuilder, WomanBuilder};
use hamyar_testkit::fixtures::{app_on, place, user};
use hamyar_testkit::scope::national_id;

struct World {
    app: App,
    worker: Actor,
    expert: Actor,
    provincial: Actor,
    group: GroupId,
    maryam: WomanId,
    leila: WomanId,
    province: PlaceId,
}

async fn world(db: &TestDatabase) -> World {
    let app = app_on(db).await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let province = place(&app, "ir.qazvin").await;
    let national = user(&app, "n.expert", "national_expert", "ir").await;
    let provincial = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let expert = user(&app, "t.expert", "county_expert", "ir.qazvin.takestan").await;
    let worker = user(&app, "t.worker", "social_worker", "ir.qazvin.takestan").await;
    app.set_pension_table(
        &national,
        "1405",
        &[
            "10000000".into(),
            "12000000".into(),
            "14000000".into(),
            "16000000".into(),
            "18000000".into(),
        ],
    )
    .await
    .unwrap();
    let mut women = Vec::new();
    for (body, first) in [(5101, "مریم"), (5102, "لیلا")] {
        let id = WomanBuilder::new(&app, &expert, takestan, national_id(body))
            .first_name(first)
            .register()
            .await;
        app.record_coverage(
            &expert,
            id,
            &CoverageInput {
                status: "covered".into(),
                started_on: "1405/09/08".into(),
                reason: "صورت‌جلسهٔ پذیرش".into(),
                ..CoverageInput::default()
            },
        )
        .await
        .unwrap();
        women.push(id);
    }
    let group = GroupBuilder::new(&app, &expert, takestan, "گروه نان")
        .identified_on("1403/01/10")
        .create()
        .await;
    app.assign_group_staff(
        &expert,
        group,
        &StaffInput {
            duty: "social_worker".into(),
            user: worker.user_id.unwrap().to_string(),
            from_on: "1403/01/10".into(),
        },
    )
    .await
    .unwrap();
    for (stage, day) in [
        ("trained", "1403/03/01"),
        ("registered", "1403/05/01"),
        ("active", "1403/06/01"),
    ] {
        app.move_group_stage(
            &expert,
            group,
            &StageInput {
                stage: stage.into(),
                effective_on: day.into(),
                ..StageInput::default()
            },
        )
        .await
        .unwrap();
    }
    for body in [5101, 5102] {
        app.add_group_member(
            &expert,
            group,
            &JoinInput {
                national_id: national_id(body),
                role: "member".into(),
                joined_on: "1403/01/20".into(),
            },
        )
        .await
        .unwrap();
    }
    World {
        app,
        worker,
        expert,
        provincial,
        group,
        maryam: women[0],
        leila: women[1],
        province,
    }
}

async fn household(w: &World, woman: WomanId, occasion: &str, day: &str, own: &str, pension: &str) {
    let answers = [
        ("income_own_work", own),
        ("income_group_business", "0"),
        ("income_pension", pension),
        ("income_other_aid", "0"),
        ("income_family", "0"),
    ];
    w.app
        .record_assessment(
            &w.worker,
            woman,
            &AssessmentInput {
                instrument: "household_economics".into(),
                occasion: occasion.into(),
                taken_on: day.into(),
                answers: answers
                    .iter()
                    .map(|(c, t)| ((*c).to_owned(), (*t).to_owned()))
                    .collect(),
                ..AssessmentInput::default()
            },
        )
        .await
        .unwrap();
}

/// A Rosenberg form whose ten answers are the ten digits of `answers` («2222222222»).
async fn rosenberg(w: &World, woman: WomanId, occasion: &str, day: &str, answers: &str) {
    w.app
        .record_assessment(
            &w.worker,
            woman,
            &AssessmentInput {
                instrument: "rosenberg".into(),
                occasion: occasion.into(),
                taken_on: day.into(),
                answers: answers
                    .chars()
                    .enumerate()
                    .map(|(i, answer)| (format!("q{}", i + 1), answer.to_string()))
                    .collect(),
                ..AssessmentInput::default()
            },
        )
        .await
        .unwrap();
}

/// Maryam's evidence: earning 15 and 16 M rials (a household of one: pension 10 M) on two
/// forms six months apart, no pension any more; self-esteem from 15 (all «agree») to 30.
async fn maryam_passes(w: &World) {
    household(w, w.maryam, "baseline", "1403/01/25", "0", "8000000").await;
    household(w, w.maryam, "follow_up_3", "1404/07/25", "15000000", "0").await;
    household(w, w.maryam, "follow_up_4", "1405/01/25", "16000000", "0").await;
    rosenberg(w, w.maryam, "baseline", "1403/01/25", "2222222222").await;
    rosenberg(w, w.maryam, "follow_up_4", "1405/01/25", "1411441441").await;
}

fn fields(error: AppError) -> Vec<&'static str> {
    match error {
        AppError::Invalid(errors) => errors.iter().map(|e| e.field).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn proposal(evidence: &str) -> ProposalInput {
    ProposalInput {
        proposed_on: "1405/09/08".into(),
        evidence: evidence.into(),
    }
}

async fn an_exit_is_proposed_with_evidence_and_approved_by_a_second_person(db: &TestDatabase) {
    let w = world(db).await;
    // No forms yet: income and self-esteem unknown, the business has run since 1403/06/01.
    let before = w.app.woman_graduation(&w.worker, w.maryam).await.unwrap();
    let verdicts: Vec<_> = before.verdicts.iter().map(|v| v.verdict).collect();
    assert_eq!(
        verdicts,
        [
            Verdict::Unknown,
            Verdict::Passed,
            Verdict::Unknown,
            Verdict::Unknown
        ]
    );
    assert!(!before.may_propose());
    assert_eq!(
        fields(
            w.app
                .propose_woman_exit(&w.worker, w.maryam, &proposal("درآمد پایدار"))
                .await
                .unwrap_err()
        )
        .last(),
        Some(&"criteria")
    );

    maryam_passes(&w).await;
    let ready = w.app.woman_graduation(&w.worker, w.maryam).await.unwrap();
    assert!(
        ready.verdicts.iter().all(|v| v.verdict == Verdict::Passed),
        "{:?}",
        ready.verdicts
    );
    assert!(ready.may_propose());
    // The coverage form cannot exit her as empowered.
    let direct = w
        .app
        .record_coverage(
            &w.expert,
            w.maryam,
            &CoverageInput {
                status: "exited".into(),
                exit_reason: "empowered".into(),
                started_on: "1405/09/01".into(),
                reason: "استقلال".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(fields(direct), ["exit_reason"]);

    // Evidence is required; then the proposal is recorded once.
    assert_eq!(
        fields(
            w.app
                .propose_woman_exit(&w.worker, w.maryam, &proposal("  "))
                .await
                .unwrap_err()
        ),
        ["evidence"]
    );
    let id = w
        .app
        .propose_woman_exit(&w.worker, w.maryam, &proposal("درآمد خیاطی بیش از مستمری"))
        .await
        .unwrap();
    assert!(
        w.app
            .propose_woman_exit(&w.expert, w.maryam, &proposal("دوباره"))
            .await
            .is_err()
    );
    let decide = DecisionInput {
        decided_on: "1405/09/08".into(),
        note: String::new(),
    };
    // Four eyes: the social worker who proposed cannot decide (nor may her role), and an
    // expert who proposed cannot approve her own proposal either.
    assert!(matches!(
        w.app.decide_exit(&w.worker, id, true, &decide).await,
        Err(AppError::Forbidden)
    ));
    // Returning needs a reason.
    assert_eq!(
        fields(
            w.app
                .decide_exit(&w.expert, id, false, &decide)
                .await
                .unwrap_err()
        ),
        ["note"]
    );
    w.app
        .decide_exit(&w.expert, id, true, &decide)
        .await
        .unwrap();
    let after = w.app.woman_graduation(&w.worker, w.maryam).await.unwrap();
    assert!(after.exited);
    assert_eq!(after.proposals[0].state, "approved");
    let file = w.app.open_woman(&w.expert, w.maryam).await.unwrap();
    assert_eq!(file.woman.coverage_status, "exited");
    let last = file.episodes.last().unwrap();
    assert_eq!(last.exit_reason.map(|r| r.code()), Some("empowered"));
    assert_eq!(last.started_on.to_string(), "1405/09/08");
    // Decided once.
    assert!(
        w.app
            .decide_exit(&w.provincial, id, true, &decide)
            .await
            .is_err()
    );
}

async fn the_group_graduates_by_proposal_when_enough_members_meet_the_criteria(db: &TestDatabase) {
    let w = world(db).await;
    let direct = w
        .app
        .move_group_stage(
            &w.expert,
            w.group,
            &StageInput {
                stage: "graduated".into(),
                effective_on: "1405/09/01".into(),
                ..StageInput::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(fields(direct), ["stage"]);
    // Neither member meets the criteria: refused.
    assert!(
        w.app
            .propose_group_graduation(&w.worker, w.group, &proposal("فروش پایدار"))
            .await
            .is_err()
    );
    // One of two (half, the default share) is enough.
    maryam_passes(&w).await;
    let graduation = w.app.group_graduation(&w.worker, w.group).await.unwrap();
    assert!(graduation.may_propose(), "{:?}", graduation.verdicts);
    let id = w
        .app
        .propose_group_graduation(&w.worker, w.group, &proposal("فروش پایدار دو ساله"))
        .await
        .unwrap();
    w.app
        .decide_exit(
            &w.provincial,
            id,
            true,
            &DecisionInput {
                decided_on: "1405/09/08".into(),
                note: "شواهد کافی است".into(),
            },
        )
        .await
        .unwrap();
    let after = w.app.group_graduation(&w.expert, w.group).await.unwrap();
    assert!(after.exited);
    // Leila does not meet the criteria yet; a stricter province needs all members.
    let _ = w.leila;
    w.app
        .set_graduation_criteria(
            &w.provincial,
            w.province,
            &CriteriaInput {
                own_income_months: "۶".into(),
                business_months: "۱۲".into(),
                self_esteem: true,
                no_pension: true,
                group_member_percent: "۱۰۰".into(),
            },
        )
        .await
        .unwrap();
    let stricter = w
        .app
        .graduation_criteria(&w.worker, w.province)
        .await
        .unwrap();
    assert_eq!(stricter.group_member_percent, 100);
    assert!(
        w.app
            .set_graduation_criteria(&w.expert, w.province, &CriteriaInput::default())
            .await
            .is_err()
    );
}

hamyar_store::on_both_databases!(
    an_exit_is_proposed_with_evidence_and_approved_by_a_second_person,
    the_group_graduates_by_proposal_when_enough_members_meet_the_criteria,
);
