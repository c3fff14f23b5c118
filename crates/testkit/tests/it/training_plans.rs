//! Training plans on SQLite and PostgreSQL (issue 18): Takestan's coordinator records a
//! contract with a provider paid from Qazvin's training line, and the provider's page reads
//! what the ledger paid for its runs under that line and what is left; a proposal that would
//! pass the contract warns on the run's page; bad contracts (a period backwards, no amount, a
//! grant line, a number used twice) and another province's coordinator change nothing. The
//! social worker records what a group's business needs; the run of that kind proposes the
//! group, and enrolling it marks the need met by the run; the group's page then shows the run
//! with its counts; a facilitator of another group, another county's worker and a blank form
//! change nothing, and a need is withdrawn only once.

use hamyar_app::access::PlaceId;
use hamyar_app::audit::AuditQuery;
use hamyar_app::groups::StaffInput;
use hamyar_app::ports::budget::BudgetLineId;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::training::{CourseKindId, CourseRunId, ProviderId};
use hamyar_app::spending::{EvidenceUpload, PaymentInput};
use hamyar_app::training::{ContractInput, CourseKindInput, NeedInput, ProviderInput, RunInput};
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::groups::JoinInput;
use hamyar_domain::registry::WomanInput;
use hamyar_domain::training::ContractDraft;
use hamyar_i18n::Lang;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::{BudgetBuilder, GroupBuilder};
use hamyar_testkit::fixtures::{app_on, place, user};
use hamyar_testkit::scope::national_id;

struct World {
    app: App,
    takestan: PlaceId,
    provincial: Actor,
    coordinator: Actor,
    worker: Actor,
    kind: CourseKindId,
    provider: ProviderId,
    line: BudgetLineId,
    grant_line: BudgetLineId,
    group: GroupId,
}

async fn world(db: &TestDatabase) -> World {
    let app = app_on(db).await;
    let qazvin = place(&app, "ir.qazvin").await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let national = user(&app, "n.expert", "national_expert", "ir").await;
    let provincial = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let coordinator = user(&app, "t.expert", "county_expert", "ir.qazvin.takestan").await;
    let worker = user(&app, "t.worker", "social_worker", "ir.qazvin.takestan").await;
    let budget = BudgetBuilder::new(&app, &provincial, qazvin)
        .amount(BudgetCategory::Training, "743000000")
        .amount(BudgetCategory::Grant, "500000000")
        .set()
        .await;
    let kind = app
        .add_course_kind(
            &national,
            &CourseKindInput {
                code: "tailoring".into(),
                name: "خیاطی صنعتی".into(),
                category: "vocational".into(),
                hours: "40".into(),
                ..CourseKindInput::default()
            },
        )
        .await
        .unwrap();
    let provider = app
        .add_provider(
            &coordinator,
            &ProviderInput {
                name: "آموزشگاه فنی نور".into(),
                kind: "institute".into(),
                ..ProviderInput::default()
            },
        )
        .await
        .unwrap();
    let group = GroupBuilder::new(&app, &worker, takestan, "نخل")
        .create()
        .await;
    for (serial, first_name) in [(1, "مریم"), (2, "زهرا")] {
        let id = national_id(710_000 + serial);
        app.register_woman(
            &worker,
            &takestan.to_string(),
            &WomanInput {
                national_id: id.clone(),
                first_name: first_name.into(),
                last_name: "کریمی".into(),
                birth_date: "1365/03/01".into(),
                settlement: "urban".into(),
                headship_cause: "widow".into(),
                ..WomanInput::default()
            },
            &[],
        )
        .await
        .unwrap();
        app.add_group_member(
            &worker,
            group,
            &JoinInput {
                national_id: id,
                role: "member".into(),
                joined_on: "1405/02/01".into(),
            },
        )
        .await
        .unwrap();
    }
    World {
        app,
        takestan,
        provincial,
        coordinator,
        worker,
        kind,
        provider,
        line: budget.line(BudgetCategory::Training),
        grant_line: budget.line(BudgetCategory::Grant),
        group,
    }
}

fn contract(w: &World, number: &str, amount: &str) -> ContractInput {
    ContractInput {
        draft: ContractDraft {
            contract_no: number.into(),
            signed_on: "۱۴۰۵/۰۶/۲۰".into(),
            period_from: "1405/07/01".into(),
            period_to: "1405/12/29".into(),
            amount: amount.into(),
            note: "دوره‌های خیاطی نیمه‌ی دوم سال".into(),
        },
        budget_line_id: w.line.to_string(),
    }
}

async fn plan(w: &World, code: &str) -> CourseRunId {
    w.app
        .plan_course_run(
            &w.coordinator,
            &RunInput {
                code: code.into(),
                course_kind_id: w.kind.to_string(),
                provider_id: w.provider.to_string(),
                county: "تاکستان".into(),
                budget_line_id: w.line.to_string(),
                trainer_name: "خانم کاظمی".into(),
                place: "سالن بهزیستی تاکستان".into(),
                capacity: "20".into(),
                sessions: "1405/08/01\n1405/08/03\n1405/08/05".into(),
                ..RunInput::default()
            },
        )
        .await
        .unwrap()
}

fn payment(w: &World, run: &str, amount: &str, key: &str) -> PaymentInput {
    PaymentInput {
        budget_line_id: w.line,
        payee: "آموزشگاه فنی نور".into(),
        payee_kind: "course_provider".into(),
        amount: amount.into(),
        spent_on: "1405/08/20".into(),
        course_run_code: run.into(),
        evidence: Some(EvidenceUpload {
            file_name: "invoice.pdf".into(),
            content: b"%PDF-1.4\n".to_vec(),
        }),
        idempotency_key: key.into(),
        ..PaymentInput::default()
    }
}

fn fields(error: &AppError) -> Vec<&'static str> {
    match error {
        AppError::Invalid(errors) => errors.iter().map(|e| e.field).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn message_fa(error: &AppError) -> String {
    match error {
        AppError::Invalid(errors) => Lang::Fa.message(&errors[0].message),
        other => panic!("expected invalid input, got {other:?}"),
    }
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

async fn a_contract_reads_what_the_ledger_paid_under_it_and_what_is_left(db: &TestDatabase) {
    let w = world(db).await;
    // Every problem of a bad form at once, and nothing written.
    let mut bad = contract(&w, " ", "0");
    bad.draft.period_to = "1405/06/01".into();
    let refused = w
        .app
        .add_contract(&w.coordinator, w.provider, &bad)
        .await
        .unwrap_err();
    assert_eq!(fields(&refused), vec!["contract_no", "period_to", "amount"]);
    let grant = ContractInput {
        budget_line_id: w.grant_line.to_string(),
        ..contract(&w, "۱۴۰۵/۱۲", "200,000,000")
    };
    let refused = w
        .app
        .add_contract(&w.coordinator, w.provider, &grant)
        .await
        .unwrap_err();
    assert_eq!(
        message_fa(&refused),
        "قرارداد آموزشی فقط از ردیف آموزش یا آماده‌سازی شغلی پرداخت می‌شود."
    );
    let tehran = user(&w.app, "th.expert", "provincial_expert", "ir.tehran").await;
    assert!(matches!(
        w.app
            .add_contract(&tehran, w.provider, &contract(&w, "1", "1000"))
            .await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        w.app
            .add_contract(&w.worker, w.provider, &contract(&w, "1", "1000"))
            .await,
        Err(AppError::Forbidden)
    ));
    assert_eq!(audit_count(&w.app, "training.contract").await, 0);
    let before = w
        .app
        .provider_contracts(&w.coordinator, w.provider)
        .await
        .unwrap();
    assert!(before.contracts.is_empty());

    // A contract of 200,000,000 rials typed with Persian digits and separators.
    w.app
        .add_contract(
            &w.coordinator,
            w.provider,
            &contract(&w, "۱۴۰۵/۱۲", "۲۰۰٬۰۰۰٬۰۰۰"),
        )
        .await
        .unwrap();
    let again = w
        .app
        .add_contract(&w.coordinator, w.provider, &contract(&w, "1405/12", "5000"))
        .await
        .unwrap_err();
    assert_eq!(fields(&again), vec!["contract_no"]);

    // The provider is paid 120,000,000 for a run; 90,000,000 more is proposed.
    let run = plan(&w, "TK-01").await;
    let paid = w
        .app
        .propose_payment(&w.coordinator, &payment(&w, "TK-01", "120000000", "p1"))
        .await
        .unwrap();
    w.app
        .approve_payment(&w.provincial, paid, "1405/08/21")
        .await
        .unwrap();
    w.app
        .pay_payment(&w.provincial, paid, "1405/08/22")
        .await
        .unwrap();
    let page = w
        .app
        .provider_contracts(&w.coordinator, w.provider)
        .await
        .unwrap();
    let balance = page.contracts[0].balance;
    assert_eq!(page.contracts[0].contract.contract_no, "1405/12");
    assert_eq!(
        (
            balance.amount_rials,
            balance.paid_rials,
            balance.remaining_rials
        ),
        (200_000_000, 120_000_000, 80_000_000)
    );
    let costs = w.app.course_run(&w.coordinator, run, false).await.unwrap();
    assert_eq!(
        costs.costs.paid_rials, balance.paid_rials,
        "the contract and the run read the same payments"
    );
    assert!(
        w.app
            .run_contract_warnings(&w.coordinator, run)
            .await
            .unwrap()
            .is_empty()
    );
    w.app
        .propose_payment(&w.coordinator, &payment(&w, "TK-01", "90000000", "p2"))
        .await
        .unwrap();
    let warnings = w
        .app
        .run_contract_warnings(&w.coordinator, run)
        .await
        .unwrap();
    assert_eq!(warnings.len(), 1, "the proposal would pass what is left");
    assert_eq!(warnings[0].balance.pending_rials, 90_000_000);
    assert_eq!(audit_count(&w.app, "training.contract").await, 1);
}

async fn a_groups_need_seeds_a_run_and_is_met_when_the_group_is_enrolled(db: &TestDatabase) {
    let w = world(db).await;
    let need = |kind: &str, skill: &str, reason: &str| NeedInput {
        course_kind_id: kind.into(),
        skill: skill.into(),
        reason: reason.into(),
        recorded_on: String::new(),
    };
    // A blank form, another county's worker and a facilitator of another group change nothing.
    let blank = w
        .app
        .record_training_need(&w.worker, w.group, &need("", " ", ""))
        .await
        .unwrap_err();
    assert_eq!(fields(&blank), vec!["course_kind_id", "reason"]);
    let abyek = user(&w.app, "a.worker", "social_worker", "ir.qazvin.abyek").await;
    assert!(matches!(
        w.app
            .record_training_need(&abyek, w.group, &need(&w.kind.to_string(), "", "دوخت"))
            .await,
        Err(AppError::NotFound)
    ));
    let facilitator = user(&w.app, "t.facilitator", "facilitator", "ir.qazvin.takestan").await;
    let tailoring = need(
        &w.kind.to_string(),
        "",
        "گروه لباس کار سفارش گرفته و دوخت صنعتی نمی‌داند",
    );
    assert!(matches!(
        w.app
            .record_training_need(&facilitator, w.group, &tailoring)
            .await,
        Err(AppError::Forbidden)
    ));
    assert_eq!(audit_count(&w.app, "training.need").await, 0);

    // Once she facilitates the group, she may; the social worker records a skill in words.
    w.app
        .assign_group_staff(
            &w.worker,
            w.group,
            &StaffInput {
                duty: "facilitator".into(),
                user: facilitator.user_id.unwrap().to_string(),
                from_on: "1405/03/01".into(),
            },
        )
        .await
        .unwrap();
    w.app
        .record_training_need(&facilitator, w.group, &tailoring)
        .await
        .unwrap();
    let packing = w
        .app
        .record_training_need(
            &w.worker,
            w.group,
            &need("", "بسته‌بندی", "محصولات برای بازارچه بسته‌بندی ندارند"),
        )
        .await
        .unwrap();
    let open = w
        .app
        .open_training_needs(&w.coordinator, None)
        .await
        .unwrap();
    assert_eq!(open.len(), 2);
    assert_eq!(open[0].group_name, "نخل");

    // The run of that kind proposes the group; enrolling it meets the need.
    let run = plan(&w, "TK-02").await;
    let proposed = w.app.needs_for_run(&w.coordinator, run).await.unwrap();
    assert_eq!(proposed.len(), 1);
    assert_eq!(proposed[0].need.group_id, w.group);
    w.app
        .enrol_group(&w.coordinator, run, w.group, "1405/07/25")
        .await
        .unwrap();
    assert!(
        w.app
            .needs_for_run(&w.coordinator, run)
            .await
            .unwrap()
            .is_empty()
    );
    let page = w.app.group_training(&w.worker, w.group).await.unwrap();
    assert!(page.can_record);
    let met = page
        .needs
        .iter()
        .find(|n| n.need.course_kind_id == Some(w.kind))
        .unwrap();
    assert_eq!(met.need.state, "met");
    assert_eq!(
        met.met_by.as_ref().map(|(_, code)| code.as_str()),
        Some("TK-02")
    );
    assert_eq!(page.runs.len(), 1);
    assert_eq!(
        (page.runs[0].tally.enrolled, page.runs[0].tally.completed),
        (2, 0)
    );
    assert_eq!(audit_count(&w.app, "training.need_met").await, 1);

    // The skill is withdrawn once; a second time is refused.
    w.app
        .withdraw_training_need(&w.worker, packing)
        .await
        .unwrap();
    let twice = w
        .app
        .withdraw_training_need(&w.worker, packing)
        .await
        .unwrap_err();
    assert_eq!(message_fa(&twice), "این نیاز پیش‌تر برآورده یا لغو شده است.");
    assert!(
        w.app
            .open_training_needs(&w.coordinator, None)
            .await
            .unwrap()
            .is_empty()
    );
    let _ = w.takestan;
}

hamyar_store::on_both_databases!(
    a_contract_reads_what_the_ledger_paid_under_it_and_what_is_left,
    a_groups_need_seeds_a_run_and_is_met_when_the_group_is_enrolled,
);
