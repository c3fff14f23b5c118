//! Grants under four eyes against a real database, on SQLite and on PostgreSQL: a county
//! expert of Takestan proposes 300,000,000 rials in two tranches for a group whose members
//! completed a course, that is registered and was visited, and a provincial expert sees every
//! condition pass and approves
//! the first (a commitment on Qazvin's grant line); a failing condition blocks the approval
//! and is named; the proposer may not approve; a rejection needs a reason; a line cannot be
//! overdrawn; paying and then cancelling leaves the originals and their reversals and frees
//! the line; two approvers racing for one tranche produce exactly one approval and one
//! commitment; a woman's grant is judged on her own completion of a course; and the ledger
//! stays consistent.

use hamyar_app::access::PlaceId;
use hamyar_app::audit::AuditQuery;
use hamyar_app::grants::{ApprovalInput, GrantInput, GrantListFilter, PaymentInput};
use hamyar_app::groups::StageInput;
use hamyar_app::money_reports::RecipientKind;
use hamyar_app::ports::budget::BudgetLineId;
use hamyar_app::ports::grants::{GrantId, TrancheId};
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::FiscalYear;
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::facilities::DeclarationInput;
use hamyar_domain::grants::{GrantFormInput, GrantStatus, TrancheFormInput, TrancheStatus};
use hamyar_domain::group_life::VisitInput;
use hamyar_domain::groups::JoinInput;
use hamyar_domain::registry::WomanInput;
use hamyar_i18n::Lang;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::{BudgetBuilder, GroupBuilder};
use hamyar_testkit::fixtures::{app_on, place, user};
use hamyar_testkit::scope::national_id;
use hamyar_testkit::training::{attend_course, complete, train_group};

struct World {
    app: App,
    takestan: PlaceId,
    worker: Actor,
    county_expert: Actor,
    provincial: Actor,
    second_provincial: Actor,
    line: BudgetLineId,
    group: GroupId,
}

async fn world(db: &TestDatabase, grant_budget: &str) -> World {
    let app = app_on(db).await;
    let qazvin = place(&app, "ir.qazvin").await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let worker = user(&app, "t.worker", "social_worker", "ir.qazvin.takestan").await;
    let county_expert = user(&app, "t.expert", "county_expert", "ir.qazvin.takestan").await;
    let provincial = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let second_provincial = user(&app, "q.expert2", "provincial_expert", "ir.qazvin").await;
    let line = BudgetBuilder::new(&app, &provincial, qazvin)
        .amount(BudgetCategory::Grant, grant_budget)
        .effective_on("۱۴۰۵/۰۱/۱۵")
        .key("budget.1405")
        .set()
        .await
        .line(BudgetCategory::Grant);
    let group = GroupBuilder::new(&app, &worker, takestan, "نخل")
        .create()
        .await;
    World {
        app,
        takestan,
        worker,
        county_expert,
        provincial,
        second_provincial,
        line,
        group,
    }
}

async fn move_to(w: &World, stage: &str, on: &str) {
    w.app
        .move_group_stage(
            &w.worker,
            w.group,
            &StageInput {
                stage: stage.into(),
                effective_on: on.into(),
                ..StageInput::default()
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{stage}: {e:?}"));
}

async fn visit(w: &World, on: &str) {
    w.app
        .record_visit(
            &w.provincial,
            w.group,
            &VisitInput {
                visited_on: on.into(),
                purpose: "پایش پیش از پرداخت".into(),
                findings: "کارگاه آماده است".into(),
                ..VisitInput::default()
            },
        )
        .await
        .unwrap();
}

/// Trained, registered and visited: every condition of the first tranche holds. The group's
/// members (one, if it has none yet) all complete a course in Mehr.
async fn ready(w: &World) {
    let page = w
        .app
        .group_page(&w.provincial, w.group, false, false)
        .await
        .unwrap();
    if page.current_members == 0 {
        member(w, &national_id(990_001), "لیلا").await;
    }
    train_group(&w.app, w.group, w.takestan, "TK-1405-90").await;
    move_to(w, "trained", "1405/04/01").await;
    move_to(w, "registered", "1405/06/10").await;
    visit(w, "1405/08/20").await;
}

fn tranche(amount: &str, on: &str, conditions: &[&str]) -> TrancheFormInput {
    TrancheFormInput {
        amount: amount.into(),
        planned_on: on.into(),
        conditions: conditions.iter().map(|c| (*c).to_owned()).collect(),
        visit_days: String::new(),
        training_share: String::new(),
    }
}

fn two_tranches(w: &World) -> GrantInput {
    GrantInput {
        line_id: w.line.to_string(),
        group_id: w.group.to_string(),
        national_id: String::new(),
        form: GrantFormInput {
            purpose: "سرمایه کار کارگاه خیاطی".into(),
            total: "۳۰۰٬۰۰۰٬۰۰۰".into(),
            tranches: vec![
                tranche(
                    "۱۵۰٬۰۰۰٬۰۰۰",
                    "۱۴۰۵/۰۹/۱۵",
                    &["group_registered", "training_completed", "visited_recently"],
                ),
                tranche(
                    "150,000,000",
                    "1405/12/01",
                    &["previous_tranche_paid", "visited_recently"],
                ),
            ],
        },
    }
}

async fn propose(w: &World) -> (GrantId, TrancheId, TrancheId) {
    let grant = w
        .app
        .propose_grant(&w.county_expert, &two_tranches(w))
        .await
        .unwrap();
    let detail = w
        .app
        .grant_detail(&w.provincial, grant, false)
        .await
        .unwrap();
    (grant, detail.tranches[0].row.id, detail.tranches[1].row.id)
}

async fn committed(w: &World) -> (i64, i64) {
    let detail = w
        .app
        .budget_line(&w.provincial, w.line, None)
        .await
        .unwrap();
    (
        detail.figures.committed_rials,
        detail.figures.outstanding_rials,
    )
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

async fn assert_ledger_consistent(app: &App) {
    let report = app.verify_ledger(&Actor::console()).await.unwrap();
    assert!(report.check.is_consistent(), "{report:?}");
}

fn field_message(error: &AppError, field: &str) -> String {
    match error {
        AppError::Invalid(fields) => Lang::Fa.message(
            &fields
                .iter()
                .find(|f| f.field == field)
                .unwrap_or_else(|| panic!("no {field} in {fields:?}"))
                .message,
        ),
        other => panic!("expected invalid {field}, got {other:?}"),
    }
}

async fn a_county_expert_proposes_two_tranches_and_a_provincial_expert_approves_the_first(
    db: &TestDatabase,
) {
    let w = world(db, "900,000,000").await;
    ready(&w).await;
    let (grant, first, second) = propose(&w).await;
    // The approver sees each condition of the first tranche passed, with why.
    let results = w
        .app
        .check_tranche_conditions(&w.provincial, first)
        .await
        .unwrap();
    assert_eq!(results.len(), 3);
    assert!(results.iter().all(|r| r.passed), "{results:?}");
    assert_eq!(
        Lang::Fa.message(&results[2].message),
        "آخرین بازدید ۱۴۰۵/۰۸/۲۰، ۱۸ روز پیش (حداکثر ۹۰ روز)"
    );
    assert!(Lang::Fa.message(&results[0].message).contains("۱۴۰۵/۰۶/۱۰"));
    let outcome = w
        .app
        .approve_tranche(&w.provincial, first, &ApprovalInput::default())
        .await
        .unwrap();
    assert_eq!(outcome.results, results);
    assert_eq!(committed(&w).await, (150_000_000, 150_000_000));
    let detail = w
        .app
        .grant_detail(&w.county_expert, grant, false)
        .await
        .unwrap();
    assert_eq!(detail.item.status, GrantStatus::Open);
    assert_eq!(detail.item.committed_rials, 150_000_000);
    assert_eq!(detail.tranches[0].status, TrancheStatus::Approved);
    assert_eq!(
        detail.tranches[0].row.commit_transaction_id,
        Some(outcome.commit_transaction_id)
    );
    assert_eq!(
        detail.tranches[0].row.decided_by_name.as_deref(),
        Some("کاربر q.expert")
    );
    assert!(!detail.tranches[0].results_are_live);
    // The second waits for the first to be paid, and says so.
    assert_eq!(detail.tranches[1].row.id, second);
    assert!(detail.tranches[1].results_are_live);
    assert!(!detail.tranches[1].results[0].passed);
    assert!(!detail.may_decide(&w.county_expert));
    assert!(detail.may_decide(&w.provincial));
    let listed = w
        .app
        .grants(&w.county_expert, &GrantListFilter::default())
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].recipient_name.as_deref(), Some("نخل"));
    let of_group = w.app.grants_of_group(&w.provincial, w.group).await.unwrap();
    assert_eq!(of_group[0].grant.id, grant);
    assert_eq!(audit_count(&w.app, "grant.propose").await, 1);
    assert_eq!(audit_count(&w.app, "grant.tranche.approve").await, 1);
    assert_ledger_consistent(&w.app).await;
}

async fn a_failing_condition_blocks_the_approval_and_is_named(db: &TestDatabase) {
    let w = world(db, "900,000,000").await;
    move_to(&w, "trained", "1405/04/01").await;
    visit(&w, "1405/05/01").await;
    let (grant, first, _) = propose(&w).await;
    let error = w
        .app
        .approve_tranche(&w.provincial, first, &ApprovalInput::default())
        .await
        .unwrap_err();
    // One message per failed condition, in the order of the tranche's conditions.
    let messages: Vec<String> = match &error {
        AppError::Invalid(fields) => fields
            .iter()
            .map(|field| {
                assert_eq!(field.field, "conditions");
                Lang::Fa.message(&field.message)
            })
            .collect(),
        other => panic!("expected invalid conditions, got {other:?}"),
    };
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(
        messages[0]
            .starts_with("شرط پرداخت این قسط برقرار نیست: گروه ثبت شده باشد (گروه «نخل» اکنون"),
        "{messages:?}"
    );
    // The trained stage alone no longer counts: completion records of its members do.
    assert_eq!(
        messages[1],
        "شرط پرداخت این قسط برقرار نیست: دست‌کم ۸۰٪ اعضای گروه دورهٔ آموزشی را تمام کرده \
         باشند (گروه «نخل» در این روز هیچ عضوی ندارد)"
    );
    assert!(
        messages[2].starts_with(
            "شرط پرداخت این قسط برقرار نیست: بازدید پایش در ۹۰ روز اخیر (آخرین بازدید ۱۴۰۵/۰۵/۰۱،"
        ),
        "{messages:?}"
    );
    // Nothing was written.
    assert_eq!(committed(&w).await, (0, 0));
    let detail = w
        .app
        .grant_detail(&w.provincial, grant, false)
        .await
        .unwrap();
    assert_eq!(detail.tranches[0].status, TrancheStatus::Proposed);
    assert_eq!(audit_count(&w.app, "grant.tranche.approve").await, 0);
}

async fn the_proposer_may_not_approve_and_a_rejection_needs_a_reason(db: &TestDatabase) {
    let w = world(db, "900,000,000").await;
    ready(&w).await;
    let grant = w
        .app
        .propose_grant(&w.provincial, &two_tranches(&w))
        .await
        .unwrap();
    let first = w
        .app
        .grant_detail(&w.provincial, grant, false)
        .await
        .unwrap()
        .tranches[0]
        .row
        .id;
    let error = w
        .app
        .approve_tranche(&w.provincial, first, &ApprovalInput::default())
        .await
        .unwrap_err();
    assert!(field_message(&error, "approver").contains("پیشنهاددهنده"));
    // A county expert may propose but not decide.
    assert!(matches!(
        w.app
            .approve_tranche(&w.county_expert, first, &ApprovalInput::default())
            .await,
        Err(AppError::Forbidden)
    ));
    let error = w
        .app
        .reject_tranche(&w.second_provincial, first, "  ")
        .await
        .unwrap_err();
    field_message(&error, "reason");
    w.app
        .reject_tranche(&w.second_provincial, first, "مدارک ناقص است")
        .await
        .unwrap();
    let detail = w
        .app
        .grant_detail(&w.provincial, grant, false)
        .await
        .unwrap();
    assert_eq!(detail.tranches[0].status, TrancheStatus::Rejected);
    assert_eq!(
        detail.tranches[0].row.rejection_reason.as_deref(),
        Some("مدارک ناقص است")
    );
    // Rejected is final.
    assert!(
        w.app
            .approve_tranche(&w.second_provincial, first, &ApprovalInput::default())
            .await
            .is_err()
    );
    assert_eq!(committed(&w).await, (0, 0));
}

async fn a_bad_form_changes_nothing_and_a_line_is_never_overdrawn(db: &TestDatabase) {
    let w = world(db, "100,000,000").await;
    ready(&w).await;
    let mut bad = two_tranches(&w);
    bad.form.total = "250000000".into();
    bad.group_id = String::new();
    let error = w
        .app
        .propose_grant(&w.county_expert, &bad)
        .await
        .unwrap_err();
    field_message(&error, "tranches");
    field_message(&error, "recipient");
    assert!(
        w.app
            .grants(&w.provincial, &GrantListFilter::default())
            .await
            .unwrap()
            .is_empty()
    );
    let (_, first, _) = propose(&w).await;
    let error = w
        .app
        .approve_tranche(&w.provincial, first, &ApprovalInput::default())
        .await
        .unwrap_err();
    assert!(field_message(&error, "amount").contains("مانده"));
    assert_eq!(committed(&w).await, (0, 0));
}

async fn paying_then_cancelling_keeps_originals_and_reversals_and_frees_the_line(
    db: &TestDatabase,
) {
    let w = world(db, "900,000,000").await;
    ready(&w).await;
    let (grant, first, _) = propose(&w).await;
    w.app
        .approve_tranche(&w.provincial, first, &ApprovalInput::default())
        .await
        .unwrap();
    let early = w
        .app
        .pay_tranche(
            &w.provincial,
            first,
            &PaymentInput {
                paid_on: "1405/09/01".into(),
            },
        )
        .await
        .unwrap_err();
    field_message(&early, "paid_on");
    let paid = w
        .app
        .pay_tranche(&w.provincial, first, &PaymentInput::default())
        .await
        .unwrap();
    assert_eq!(committed(&w).await, (150_000_000, 0));
    let error = w
        .app
        .cancel_tranche(&w.provincial, first, "")
        .await
        .unwrap_err();
    field_message(&error, "cancel_reason");
    w.app
        .cancel_tranche(&w.provincial, first, "حساب گروه بسته شده بود")
        .await
        .unwrap();
    let detail = w
        .app
        .grant_detail(&w.provincial, grant, false)
        .await
        .unwrap();
    let tranche = &detail.tranches[0];
    assert_eq!(tranche.status, TrancheStatus::Cancelled);
    assert_eq!(tranche.row.pay_transaction_id, Some(paid));
    assert!(tranche.pay_reversed_by.is_some());
    assert!(tranche.commit_reversed_by.is_some());
    assert_eq!(committed(&w).await, (0, 0));
    assert_eq!(detail.line.figures.left_rials(), 900_000_000);
    assert!(
        w.app
            .pay_tranche(&w.provincial, first, &PaymentInput::default())
            .await
            .is_err()
    );
    assert_eq!(audit_count(&w.app, "grant.tranche.cancel").await, 1);
    assert_ledger_consistent(&w.app).await;
}

async fn two_approvers_racing_for_one_tranche_make_exactly_one_approval(db: &TestDatabase) {
    let w = world(db, "900,000,000").await;
    ready(&w).await;
    let (grant, first, _) = propose(&w).await;
    let approve = |actor: Actor| {
        let app = w.app.clone();
        tokio::spawn(async move {
            app.approve_tranche(&actor, first, &ApprovalInput::default())
                .await
        })
    };
    let (a, b) = tokio::join!(
        approve(w.provincial.clone()),
        approve(w.second_provincial.clone())
    );
    let outcomes = [a.unwrap(), b.unwrap()];
    assert_eq!(
        outcomes.iter().filter(|o| o.is_ok()).count(),
        1,
        "{outcomes:?}"
    );
    // The loser is told the tranche is no longer waiting, not a database error.
    let loser = outcomes.iter().find_map(|o| o.as_ref().err()).unwrap();
    assert!(
        field_message(loser, "tranche").contains("تأییدشده"),
        "{loser:?}"
    );
    assert_eq!(committed(&w).await, (150_000_000, 150_000_000));
    assert_eq!(audit_count(&w.app, "grant.tranche.approve").await, 1);
    let detail = w
        .app
        .grant_detail(&w.provincial, grant, false)
        .await
        .unwrap();
    assert_eq!(detail.tranches[0].status, TrancheStatus::Approved);
    assert_ledger_consistent(&w.app).await;
}

async fn a_womans_grant_is_judged_on_her_own_completion_of_a_course(db: &TestDatabase) {
    let w = world(db, "900,000,000").await;
    w.app
        .register_woman(
            &w.worker,
            &w.takestan.to_string(),
            &WomanInput {
                national_id: "0012345679".into(),
                first_name: "مریم".into(),
                last_name: "کریمی".into(),
                birth_date: "1360/01/01".into(),
                settlement: "urban".into(),
                locality: "تاکستان".into(),
                address: "خیابان".into(),
                headship_cause: "widow".into(),
                ..WomanInput::default()
            },
            &[],
        )
        .await
        .unwrap();
    let input = GrantInput {
        line_id: w.line.to_string(),
        group_id: String::new(),
        national_id: "۰۰۱۲۳۴۵۶۷۹".into(),
        form: GrantFormInput {
            purpose: "چرخ خیاطی".into(),
            total: "50000000".into(),
            tranches: vec![tranche("50000000", "1405/09/20", &["training_completed"])],
        },
    };
    let grant = w.app.propose_grant(&w.county_expert, &input).await.unwrap();
    let first = w
        .app
        .grant_detail(&w.provincial, grant, false)
        .await
        .unwrap()
        .tranches[0]
        .row
        .id;
    let alone = w
        .app
        .check_tranche_conditions(&w.provincial, first)
        .await
        .unwrap();
    assert!(!alone[0].passed);
    w.app
        .add_group_member(
            &w.worker,
            w.group,
            &JoinInput {
                national_id: "0012345679".into(),
                role: "member".into(),
                joined_on: "1405/02/01".into(),
            },
        )
        .await
        .unwrap();
    // A group of hers that passed the trained stage does not count for her.
    move_to(&w, "trained", "1405/04/01").await;
    let in_a_group = w
        .app
        .check_tranche_conditions(&w.provincial, first)
        .await
        .unwrap();
    assert!(!in_a_group[0].passed);
    assert_eq!(
        Lang::Fa.message(&in_a_group[0].message),
        "این زن هنوز هیچ دورهٔ آموزشی را تمام نکرده است"
    );
    let course = attend_course(
        &w.app,
        w.group,
        w.takestan,
        "TK-1405-91",
        &["1405/07/01", "1405/07/02"],
    )
    .await;
    complete(&w.app, course.enrolment_of("0012345679"), "1405/07/20").await;
    let results = w
        .app
        .check_tranche_conditions(&w.provincial, first)
        .await
        .unwrap();
    assert!(results[0].passed, "{results:?}");
    assert_eq!(
        Lang::Fa.message(&results[0].message),
        "این زن در ۱۴۰۵/۰۷/۲۰ دورهٔ آموزشی را تمام کرد"
    );
    let listed = w
        .app
        .grants(
            &w.county_expert,
            &GrantListFilter {
                national_id: "0012345679".into(),
                ..GrantListFilter::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(listed[0].recipient_name.as_deref(), Some("مریم کریمی"));
    // Opening a woman's grant is audited like opening her file; a redraw is not.
    w.app
        .grant_detail(&w.provincial, grant, true)
        .await
        .unwrap();
    w.app
        .grant_detail(&w.provincial, grant, false)
        .await
        .unwrap();
    assert_eq!(audit_count(&w.app, "grant.view").await, 1);
}

/// Registers a woman of Takestan and makes her a member of the world's group.
async fn member(w: &World, national_id: &str, first_name: &str) -> WomanId {
    let registered = w
        .app
        .register_woman(
            &w.worker,
            &w.takestan.to_string(),
            &WomanInput {
                national_id: national_id.into(),
                first_name: first_name.into(),
                last_name: "رضایی".into(),
                birth_date: "1362/03/01".into(),
                settlement: "urban".into(),
                locality: "تاکستان".into(),
                address: "خیابان".into(),
                headship_cause: "widow".into(),
                ..WomanInput::default()
            },
            &[],
        )
        .await
        .unwrap();
    w.app
        .add_group_member(
            &w.worker,
            w.group,
            &JoinInput {
                national_id: national_id.into(),
                role: "member".into(),
                joined_on: "1405/02/01".into(),
            },
        )
        .await
        .unwrap();
    registered.id
}

async fn support_of(w: &World, woman: WomanId) -> Vec<(String, i64, bool)> {
    w.app
        .facility_history(&w.provincial, woman)
        .await
        .unwrap()
        .into_iter()
        .map(|entry| {
            (
                entry.body.code().to_owned(),
                entry.amount.value(),
                entry.withdrawn_on.is_some(),
            )
        })
        .collect()
}

async fn other_support_must_be_acknowledged_and_each_share_enters_her_history(db: &TestDatabase) {
    let w = world(db, "900,000,000").await;
    let zahra = member(&w, "0045678901", "زهرا").await;
    let sara = member(&w, "0076543218", "سارا").await;
    ready(&w).await;
    let (_, first, _) = propose(&w).await;
    w.app
        .declare_facility(
            &w.worker,
            zahra,
            &DeclarationInput {
                body: "relief_committee".into(),
                kind: "loan".into(),
                amount: "۸۰٬۰۰۰٬۰۰۰".into(),
                granted_on: "1405/05/01".into(),
                ..DeclarationInput::default()
            },
        )
        .await
        .unwrap();
    let warnings = w
        .app
        .grant_support_warnings(&w.provincial, propose_grant_id(&w, first).await)
        .await
        .unwrap();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].woman_id, zahra);
    let error = w
        .app
        .approve_tranche(&w.provincial, first, &ApprovalInput::default())
        .await
        .unwrap_err();
    let message = field_message(&error, "acknowledge_double_support");
    assert!(message.contains("زهرا رضایی"), "{message}");
    assert_eq!(committed(&w).await, (0, 0));
    w.app
        .approve_tranche(
            &w.provincial,
            first,
            &ApprovalInput {
                acknowledge_double_support: true,
                ..ApprovalInput::default()
            },
        )
        .await
        .unwrap();
    // The 150M tranche is shared between the two members.
    assert_eq!(
        support_of(&w, sara).await,
        vec![("hamyar".to_owned(), 75_000_000, false)]
    );
    let zahras = support_of(&w, zahra).await;
    assert_eq!(zahras.len(), 2);
    assert!(zahras.contains(&("hamyar".to_owned(), 75_000_000, false)));
    // The grant's own earlier tranche is not "other" support for its later tranches.
    let again = w
        .app
        .grant_support_warnings(&w.provincial, propose_grant_id(&w, first).await)
        .await
        .unwrap();
    assert_eq!(
        again.len(),
        1,
        "only the relief committee's loan: {again:?}"
    );
    assert_eq!(again[0].prior.len(), 1);
    // Cancelling the tranche withdraws the shares.
    w.app
        .cancel_tranche(&w.provincial, first, "گروه منحل شد")
        .await
        .unwrap();
    assert_eq!(
        support_of(&w, sara).await,
        vec![("hamyar".to_owned(), 75_000_000, true)]
    );
    assert_ledger_consistent(&w.app).await;
}

async fn money_per_group_and_per_woman_adds_up_and_names_need_the_right(db: &TestDatabase) {
    let w = world(db, "900,000,000").await;
    let zahra = member(&w, "0045678901", "زهرا").await;
    ready(&w).await;
    let (_, first, _) = propose(&w).await;
    w.app
        .approve_tranche(&w.provincial, first, &ApprovalInput::default())
        .await
        .unwrap();
    w.app
        .pay_tranche(&w.provincial, first, &PaymentInput::default())
        .await
        .unwrap();
    let payment = w
        .app
        .propose_payment(
            &w.county_expert,
            &hamyar_app::spending::PaymentInput {
                budget_line_id: w.line,
                payee: "کارگاه مشاوره کسب‌وکار".into(),
                payee_kind: "strengthening_work".into(),
                amount: "۲۰٬۰۰۰٬۰۰۰".into(),
                spent_on: "1405/09/01".into(),
                reference: "ق-۷".into(),
                description: "مشاوره بازاریابی".into(),
                group_codes: "G-0001".into(),
                woman_national_ids: "0045678901".into(),
                idempotency_key: "pay-1".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    w.app
        .approve_payment(&w.provincial, payment, "")
        .await
        .unwrap();
    let qazvin = place(&w.app, "ir.qazvin").await;
    let year = FiscalYear::new(1405).unwrap();
    let groups = w
        .app
        .money_by_recipient(&w.provincial, RecipientKind::Group, qazvin, year)
        .await
        .unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].recipient_id, w.group.get());
    assert_eq!(
        (
            groups[0].payments_committed_rials,
            groups[0].payments_paid_rials,
            groups[0].grants_committed_rials,
            groups[0].grants_paid_rials
        ),
        (20_000_000, 0, 150_000_000, 150_000_000)
    );
    let women = w
        .app
        .money_by_recipient(&w.county_expert, RecipientKind::Woman, qazvin, year)
        .await
        .unwrap();
    assert_eq!(women.len(), 1);
    assert_eq!(women[0].recipient_id, zahra.get());
    assert_eq!(women[0].name, "زهرا رضایی");
    assert_eq!(women[0].payments_committed_rials, 20_000_000);
    assert_eq!(women[0].grants_committed_rials, 0);
    assert_eq!(audit_count(&w.app, "money.view_women").await, 1);
    // Public relations reads figures only: neither list, both name their recipients.
    let relations = user(&w.app, "q.pr", "public_relations", "ir.qazvin").await;
    assert!(matches!(
        w.app
            .money_by_recipient(&relations, RecipientKind::Group, qazvin, year)
            .await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        w.app
            .money_by_recipient(&relations, RecipientKind::Woman, qazvin, year)
            .await,
        Err(AppError::Forbidden)
    ));
    // Another province's expert sees nothing of Qazvin.
    let tehran = user(&w.app, "th.expert", "provincial_expert", "ir.tehran").await;
    assert!(matches!(
        w.app
            .money_by_recipient(&tehran, RecipientKind::Group, qazvin, year)
            .await,
        Err(AppError::NotFound)
    ));
}

async fn propose_grant_id(w: &World, tranche: TrancheId) -> GrantId {
    let listed = w
        .app
        .grants(&w.provincial, &GrantListFilter::default())
        .await
        .unwrap();
    for item in listed {
        let detail = w
            .app
            .grant_detail(&w.provincial, item.grant.id, false)
            .await
            .unwrap();
        if detail.tranches.iter().any(|t| t.row.id == tranche) {
            return item.grant.id;
        }
    }
    panic!("no grant has tranche {tranche}")
}

hamyar_store::on_both_databases!(
    money_per_group_and_per_woman_adds_up_and_names_need_the_right,
    other_support_must_be_acknowledged_and_each_share_enters_her_history,
    a_county_expert_proposes_two_tranches_and_a_provincial_expert_approves_the_first,
    a_failing_condition_blocks_the_approval_and_is_named,
    the_proposer_may_not_approve_and_a_rejection_needs_a_reason,
    a_bad_form_changes_nothing_and_a_line_is_never_overdrawn,
    paying_then_cancelling_keeps_originals_and_reversals_and_frees_the_line,
    two_approvers_racing_for_one_tranche_make_exactly_one_approval,
    a_womans_grant_is_judged_on_her_own_completion_of_a_course,
);
