//! Outcomes on SQLite and PostgreSQL (issue 19): Takestan's social worker sees what her
//! women's schedules owe — a baseline from the day each joined her group and the latest
//! six-monthly follow-up — records a Rosenberg baseline typed in Persian digits and a
//! follow-up, and a household economics form; the stored totals equal hand-scored ones, an
//! incomplete form has no total, and what was recorded leaves the list. A second form for the
//! same occasion, a follow-up not yet due, a form of a woman who is not followed, another
//! county's expert, the auditor and the facilitator are refused and change nothing; every
//! opening is audited. The national office adds the next version of an instrument; forms
//! already taken keep theirs.

use hamyar_app::access::PlaceId;
use hamyar_app::audit::AuditQuery;
use hamyar_app::groups::StaffInput;
use hamyar_app::outcomes::assessments::AssessmentInput;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::groups::JoinInput;
use hamyar_domain::outcomes::ROSENBERG;
use hamyar_domain::outcomes::schedule::Occasion;
use hamyar_i18n::Lang;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::{GroupBuilder, WomanBuilder};
use hamyar_testkit::fixtures::{app_on, place, user};
use hamyar_testkit::scope::national_id;

struct World {
    app: App,
    worker: Actor,
    expert: Actor,
    abyek_expert: Actor,
    auditor: Actor,
    facilitator: Actor,
    national: Actor,
    takestan: PlaceId,
    /// Joined the group on 1404/03/10.
    maryam: WomanId,
    /// Joined on 1405/09/01.
    leila: WomanId,
    /// Never joined a group or a course.
    zahra: WomanId,
}

async fn world(db: &TestDatabase) -> World {
    let app = app_on(db).await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let national = user(&app, "n.expert", "national_expert", "ir").await;
    let expert = user(&app, "t.expert", "county_expert", "ir.qazvin.takestan").await;
    let worker = user(&app, "t.worker", "social_worker", "ir.qazvin.takestan").await;
    let facilitator = user(&app, "t.facil", "facilitator", "ir.qazvin.takestan").await;
    let abyek_expert = user(&app, "a.expert", "county_expert", "ir.qazvin.abyek").await;
    let auditor = user(&app, "q.auditor", "auditor", "ir.qazvin").await;
    let woman = |body: u32, first: &'static str| {
        WomanBuilder::new(&app, &expert, takestan, national_id(body)).first_name(first)
    };
    let maryam = woman(4101, "مریم").register().await;
    let leila = woman(4102, "لیلا").register().await;
    let zahra = woman(4103, "زهرا").register().await;
    let group = GroupBuilder::new(&app, &expert, takestan, "گروه نخ و سوزن")
        .identified_on("1404/03/01")
        .create()
        .await;
    app.assign_group_staff(
        &expert,
        group,
        &StaffInput {
            duty: "social_worker".into(),
            user: worker.user_id.unwrap().to_string(),
            from_on: "1404/03/01".into(),
        },
    )
    .await
    .unwrap();
    for (body, joined_on) in [(4101, "1404/03/10"), (4102, "1405/09/01")] {
        app.add_group_member(
            &expert,
            group,
            &JoinInput {
                national_id: national_id(body),
                role: "member".into(),
                joined_on: joined_on.into(),
            },
        )
        .await
        .unwrap();
    }
    World {
        app,
        worker,
        expert,
        abyek_expert,
        auditor,
        facilitator,
        national,
        takestan,
        maryam,
        leila,
        zahra,
    }
}

fn rosenberg(occasion: &str, taken_on: &str, answers: &[&str]) -> AssessmentInput {
    AssessmentInput {
        instrument: "rosenberg".into(),
        occasion: occasion.into(),
        taken_on: taken_on.into(),
        note: String::new(),
        answers: answers
            .iter()
            .enumerate()
            .map(|(index, answer)| (format!("q{}", index + 1), (*answer).to_owned()))
            .collect(),
    }
}

/// Rosenberg scored by hand: 1 = strongly agree … 4 = strongly disagree; positive items score
/// 4 − answer, the reversed items 2, 5, 6, 8, 9 score answer − 1.
fn by_hand(answers: &[i64]) -> i64 {
    answers
        .iter()
        .enumerate()
        .map(|(index, answer)| {
            if [2, 5, 6, 8, 9].contains(&(index + 1)) {
                answer - 1
            } else {
                4 - answer
            }
        })
        .sum()
}

async fn audit_count(app: &App, action: &str) -> usize {
    app.browse_audit(
        &Actor::console(),
        &AuditQuery {
            action: Some(action.into()),
            page_size: 100,
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap()
    .len()
}

fn refusal(error: AppError) -> Vec<(String, String)> {
    match error {
        AppError::Invalid(errors) => errors
            .iter()
            .map(|e| (e.field.to_owned(), Lang::Fa.message(&e.message)))
            .collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

async fn a_social_worker_records_what_her_womens_schedules_owe(db: &TestDatabase) {
    let w = world(db).await;
    // Today is 1405/09/08: Maryam owes her baseline (1404/03/10) and her second follow-up
    // (1405/03/10; the first, 1404/09/10, is past asking); Leila her baseline.
    let due = w
        .app
        .assessments_due(&w.worker, None, 50, true)
        .await
        .unwrap();
    let owed: Vec<_> = due
        .items
        .iter()
        .map(|i| (i.woman.woman_id, i.owed.occasion, i.owed.missing.len()))
        .collect();
    assert_eq!(
        owed,
        [
            (w.maryam, Occasion::Baseline, 2),
            (w.maryam, Occasion::FollowUp(2), 2),
            (w.leila, Occasion::Baseline, 2),
        ]
    );
    assert_eq!(due.total, 3);
    assert_eq!(audit_count(&w.app, "outcomes.due_view").await, 1);

    // The baseline, typed in Persian digits, one answer by its label.
    let baseline = [2, 2, 2, 2, 2, 2, 2, 2, 2, 2];
    let mut typed = rosenberg("baseline", "۱۴۰۴/۰۳/۱۲", &["۲"; 10]);
    typed.answers[9].1 = "موافقم".into();
    w.app
        .record_assessment(&w.worker, w.maryam, &typed)
        .await
        .unwrap();
    let follow_up = [1, 4, 1, 1, 3, 4, 2, 4, 4, 1];
    let texts: Vec<String> = follow_up.iter().map(|v| v.to_string()).collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    w.app
        .record_assessment(&w.worker, w.maryam, &rosenberg("", "1405/03/15", &texts))
        .await
        .unwrap();
    let economics = AssessmentInput {
        instrument: "household_economics".into(),
        occasion: "baseline".into(),
        taken_on: "1404/03/12".into(),
        answers: [
            ("income_own_work", "۵٬۰۰۰٬۰۰۰"),
            ("income_group_business", "0"),
            ("income_pension", "۸٬۰۰۰٬۰۰۰"),
            ("income_other_aid", "0"),
            ("income_family", "1000000"),
            ("employment", "خوداشتغال"),
            ("insured", "خیر"),
        ]
        .iter()
        .map(|(code, text)| ((*code).to_owned(), (*text).to_owned()))
        .collect(),
        ..AssessmentInput::default()
    };
    w.app
        .record_assessment(&w.worker, w.maryam, &economics)
        .await
        .unwrap();

    let outcomes = w
        .app
        .woman_outcomes(&w.worker, w.maryam, true)
        .await
        .unwrap();
    let total = |index: usize, code: &str| {
        outcomes.forms[index]
            .row
            .scores
            .iter()
            .find(|(score, _)| score == code)
            .and_then(|(_, value)| *value)
    };
    // Oldest first: the two baselines on 1404/03/12, then the follow-up.
    let rosenberg_baseline = outcomes
        .forms
        .iter()
        .position(|f| f.row.instrument_code == "rosenberg" && f.row.occasion == "baseline")
        .unwrap();
    assert_eq!(total(rosenberg_baseline, "total"), Some(by_hand(&baseline)));
    assert_eq!(total(2, "total"), Some(by_hand(&follow_up)));
    assert_eq!(outcomes.forms[2].occasion, Some(Occasion::FollowUp(2)));
    let economics_form = 1 - rosenberg_baseline;
    assert_eq!(total(economics_form, "own_income"), Some(5_000_000));
    assert_eq!(total(economics_form, "total_income"), Some(14_000_000));
    assert!(!outcomes.forms[economics_form].row.complete);
    // What is still owed: the household form of the second follow-up.
    let owed: Vec<_> = outcomes
        .owed
        .iter()
        .map(|o| (o.occasion, o.missing.clone()))
        .collect();
    assert_eq!(
        owed,
        [(
            Occasion::FollowUp(2),
            vec!["household_economics".to_owned()]
        )]
    );
    assert_eq!(audit_count(&w.app, "outcomes.assessment_record").await, 3);
    assert_eq!(audit_count(&w.app, "outcomes.view").await, 1);

    // An incomplete form is kept without a total.
    w.app
        .record_assessment(
            &w.worker,
            w.leila,
            &rosenberg(
                "baseline",
                "1405/09/02",
                &["1", "4", "1", "1", "4", "4", "1", "4", "4"],
            ),
        )
        .await
        .unwrap();
    let leila = w
        .app
        .woman_outcomes(&w.expert, w.leila, false)
        .await
        .unwrap();
    assert_eq!(leila.forms[0].row.scores, [("total".to_owned(), None)]);
    assert!(!leila.forms[0].row.complete);

    // The third follow-up falls due on 1405/09/10: two days early is allowed.
    w.app
        .record_assessment(
            &w.worker,
            w.maryam,
            &rosenberg("follow_up_3", "1405/09/08", &["2"; 10]),
        )
        .await
        .unwrap();
    let due = w
        .app
        .assessments_due(&w.worker, None, 50, false)
        .await
        .unwrap();
    let owed: Vec<_> = due
        .items
        .iter()
        .map(|i| (i.woman.woman_id, i.owed.occasion, i.owed.missing.clone()))
        .collect();
    assert_eq!(
        owed,
        [
            (
                w.maryam,
                Occasion::FollowUp(2),
                vec!["household_economics".to_owned()]
            ),
            (
                w.leila,
                Occasion::Baseline,
                vec!["household_economics".to_owned()]
            ),
        ]
    );
    // The county's expert sees the same county.
    let county = w
        .app
        .assessments_due(&w.expert, None, 50, false)
        .await
        .unwrap();
    assert_eq!(county.total, 2);
}

async fn refused_forms_and_readers_change_nothing(db: &TestDatabase) {
    let w = world(db).await;
    let form = rosenberg("baseline", "1405/09/01", &["2"; 10]);
    for reader in [&w.auditor, &w.facilitator] {
        assert!(matches!(
            w.app.record_assessment(reader, w.maryam, &form).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            w.app.woman_outcomes(reader, w.maryam, true).await,
            Err(AppError::Forbidden)
        ));
    }
    assert!(matches!(
        w.app
            .record_assessment(&w.abyek_expert, w.maryam, &form)
            .await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        w.app.woman_outcomes(&w.abyek_expert, w.maryam, true).await,
        Err(AppError::NotFound)
    ));

    // Every mistake at once: a day not yet come and two answers off the scale.
    let mut bad = rosenberg("baseline", "1405/10/01", &["2"; 10]);
    bad.answers[0].1 = "5".into();
    bad.answers[4].1 = "x".into();
    let problems = refusal(
        w.app
            .record_assessment(&w.worker, w.maryam, &bad)
            .await
            .unwrap_err(),
    );
    let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["taken_on", "answers", "answers"]);
    assert!(problems[1].1.starts_with("پرسش ۱:"), "{}", problems[1].1);
    assert!(problems[2].1.starts_with("پرسش ۵:"), "{}", problems[2].1);

    // A follow-up five rounds ahead, an exit form of a woman still covered, a follow-up of a
    // woman never followed.
    let early = refusal(
        w.app
            .record_assessment(
                &w.worker,
                w.maryam,
                &rosenberg("follow_up_5", "1405/09/01", &["2"; 10]),
            )
            .await
            .unwrap_err(),
    );
    assert_eq!(early[0].0, "occasion");
    let exit = refusal(
        w.app
            .record_assessment(
                &w.worker,
                w.maryam,
                &rosenberg("after_exit_6", "1405/09/01", &["2"; 10]),
            )
            .await
            .unwrap_err(),
    );
    assert_eq!(exit[0].0, "occasion");
    let unfollowed = refusal(
        w.app
            .record_assessment(
                &w.expert,
                w.zahra,
                &rosenberg("follow_up_1", "1405/09/01", &["2"; 10]),
            )
            .await
            .unwrap_err(),
    );
    assert_eq!(unfollowed[0].0, "occasion");
    assert_eq!(audit_count(&w.app, "outcomes.assessment_record").await, 0);

    // Her baseline is taken once.
    w.app
        .record_assessment(&w.worker, w.maryam, &form)
        .await
        .unwrap();
    let twice = refusal(
        w.app
            .record_assessment(&w.expert, w.maryam, &form)
            .await
            .unwrap_err(),
    );
    assert_eq!(twice[0].0, "occasion");
    assert_eq!(audit_count(&w.app, "outcomes.assessment_record").await, 1);
    // A woman not followed may still have her baseline before she joins.
    w.app
        .record_assessment(&w.expert, w.zahra, &form)
        .await
        .unwrap();
    let zahra = w
        .app
        .woman_outcomes(&w.expert, w.zahra, false)
        .await
        .unwrap();
    assert!(zahra.followed.is_none());
    assert!(zahra.owed.is_empty());
    let _ = w.takestan;
}

async fn the_national_office_adds_the_next_version_of_an_instrument(db: &TestDatabase) {
    let w = world(db).await;
    w.app
        .record_assessment(
            &w.worker,
            w.maryam,
            &rosenberg("baseline", "1405/09/01", &["2"; 10]),
        )
        .await
        .unwrap();
    let mut next: serde_json::Value = serde_json::from_str(ROSENBERG).unwrap();
    next["version"] = 2.into();
    next["items"][0]["text"]["fa"] = "روی هم رفته از خودم راضی‌ام.".into();
    let text = next.to_string();
    assert!(matches!(
        w.app.add_instrument_version(&w.expert, &text, true).await,
        Err(AppError::Forbidden)
    ));
    let added = w
        .app
        .add_instrument_version(&w.national, &text, true)
        .await
        .unwrap();
    assert_eq!(added.row.version, 2);
    // The same version again, a version that skips one, a broken definition.
    let again = refusal(
        w.app
            .add_instrument_version(&w.national, &text, true)
            .await
            .unwrap_err(),
    );
    assert_eq!(again[0].0, "definition");
    next["version"] = 4.into();
    assert!(
        w.app
            .add_instrument_version(&w.national, &next.to_string(), true)
            .await
            .is_err()
    );
    next["version"] = 3.into();
    next["scores"][0]["reversed"] = serde_json::json!(["q2", "q11"]);
    let broken = refusal(
        w.app
            .add_instrument_version(&w.national, &next.to_string(), true)
            .await
            .unwrap_err(),
    );
    assert!(broken[0].1.contains("q11"), "{broken:?}");
    assert!(
        w.app
            .add_instrument_version(&w.national, "{not json", true)
            .await
            .is_err()
    );
    // New forms use version 2; the form already taken keeps version 1.
    w.app
        .record_assessment(
            &w.worker,
            w.leila,
            &rosenberg("baseline", "1405/09/02", &["2"; 10]),
        )
        .await
        .unwrap();
    let maryam = w
        .app
        .woman_outcomes(&w.worker, w.maryam, false)
        .await
        .unwrap();
    let leila = w
        .app
        .woman_outcomes(&w.worker, w.leila, false)
        .await
        .unwrap();
    assert_eq!(maryam.forms[0].row.instrument_version, 1);
    assert_eq!(leila.forms[0].row.instrument_version, 2);
    assert_eq!(audit_count(&w.app, "outcomes.instrument_add").await, 1);
}

hamyar_store::on_both_databases!(
    a_social_worker_records_what_her_womens_schedules_owe,
    refused_forms_and_readers_change_nothing,
    the_national_office_adds_the_next_version_of_an_instrument,
);
