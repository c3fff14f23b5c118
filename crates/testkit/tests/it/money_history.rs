//! A province's historical payments and grants (`hamyar_app::imports` money kinds and
//! `hamyar_app::history_batches`) on SQLite and PostgreSQL. Qazvin's provincial expert
//! imports the year's payments and grants as its office kept them: each is proposed on its
//! real day, and what was approved and paid on paper waits in a history batch. The importer
//! may not confirm it; a second provincial expert does, with the scan of the paper vouchers,
//! and each decision then lands on the ledger on its paper day through the same rules as a
//! form (a confirmation that would overdraw the line names the row and confirms nothing).
//! A refused batch rejects its proposals and frees the file to be imported again; a re-run
//! imports nothing twice; rows that contradict themselves are refused by column; only a
//! province's spending proposers may import money.

use hamyar_app::access::PlaceId;
use hamyar_app::audit::AuditQuery;
use hamyar_app::grants::GrantListFilter;
use hamyar_app::history_batches::BatchConfirmation;
use hamyar_app::imports::{HistoryKind, HistoryRow};
use hamyar_app::ports::budget::BudgetLineId;
use hamyar_app::ports::history::HistoryBatchId;
use hamyar_app::registry::import::{ImportOptions, ImportSummary};
use hamyar_app::spending::{EvidenceUpload, PaymentQuery};
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::JalaliDate;
use hamyar_domain::budget::{BudgetCategory, LineFigures};
use hamyar_domain::grants::TrancheStatus;
use hamyar_domain::spending::PaymentStatus;
use hamyar_i18n::Lang;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::{BudgetBuilder, GroupBuilder};
use hamyar_testkit::fixtures::{app_on, place, user};

const SCAN: &[u8] = b"%PDF-1.4\n% the year's payment vouchers\n";

struct World {
    app: App,
    takestan: PlaceId,
    importer: Actor,
    second: Actor,
    training: BudgetLineId,
}

async fn world(db: &TestDatabase) -> World {
    let app = app_on(db).await;
    let qazvin = place(&app, "ir.qazvin").await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let importer = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let second = user(&app, "q.expert2", "provincial_expert", "ir.qazvin").await;
    let budget = BudgetBuilder::new(&app, &importer, qazvin)
        .amount(BudgetCategory::Training, "500000000")
        .amount(BudgetCategory::Grant, "900000000")
        .set()
        .await;
    World {
        training: budget.line(BudgetCategory::Training),
        app,
        takestan,
        importer,
        second,
    }
}

fn row(line: u64, cells: &[(&'static str, &str)]) -> HistoryRow {
    HistoryRow {
        line,
        cells: cells
            .iter()
            .map(|(key, value)| (*key, (*value).to_owned()))
            .collect(),
    }
}

async fn import(
    app: &App,
    actor: &Actor,
    kind: HistoryKind,
    rows: Vec<HistoryRow>,
    dry_run: bool,
) -> ImportSummary {
    let options = ImportOptions {
        dry_run,
        ..ImportOptions::default()
    };
    let mut importer = app
        .begin_history_import(actor, kind, "payments-1405.xlsx", options)
        .await
        .unwrap();
    for row in rows {
        importer.push(row).await.unwrap();
    }
    importer.finish().await.unwrap()
}

/// A course paid on paper (approved 02/15, paid 03/01) and a proposal not yet decided.
fn payment_rows(amount: &str) -> Vec<HistoryRow> {
    vec![
        row(
            2,
            &[
                ("category", "آموزش"),
                ("payee", "آموزشگاه فنی نگين"),
                ("payee_kind", "مجری دوره آموزشی"),
                ("amount", amount),
                ("spent_on", "۱۴۰۵/۰۲/۱۰"),
                ("reference", "ق-۱۲"),
                ("approved_on", "1405/02/15"),
                ("paid_on", "1405/03/01"),
                ("approver", "مریم احمدی"),
            ],
        ),
        row(
            3,
            &[
                ("category", "training"),
                ("payee", "مؤسسه مهارت"),
                ("payee_kind", "course_provider"),
                ("amount", "50000000"),
                ("spent_on", "1405/04/01"),
            ],
        ),
    ]
}

fn scan() -> BatchConfirmation {
    BatchConfirmation {
        evidence: Some(EvidenceUpload {
            file_name: "اسناد-۱۴۰۵.pdf".into(),
            content: SCAN.to_vec(),
        }),
        acknowledge_double_support: false,
    }
}

async fn figures(w: &World) -> LineFigures {
    w.app
        .budget_line(&w.importer, w.training, None)
        .await
        .unwrap()
        .figures
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

fn messages_fa(error: &AppError) -> Vec<String> {
    match error {
        AppError::Invalid(errors) => errors
            .iter()
            .map(|e| Lang::Fa.message(&e.message))
            .collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn fields(error: &AppError) -> Vec<&'static str> {
    match error {
        AppError::Invalid(errors) => errors.iter().map(|e| e.field).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn day(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

async fn assert_ledger_consistent(app: &App) {
    let report = app.verify_ledger(&Actor::console()).await.unwrap();
    assert!(report.check.is_consistent(), "{report:?}");
}

async fn payments_by_status(w: &World) -> Vec<(String, PaymentStatus)> {
    let mut rows: Vec<(String, PaymentStatus)> = w
        .app
        .payments(&w.second, &PaymentQuery::default())
        .await
        .unwrap()
        .into_iter()
        .map(|summary| (summary.row.payee, summary.status))
        .collect();
    rows.sort();
    rows
}

async fn paper_payments_wait_for_a_second_person_and_land_on_their_paper_days(db: &TestDatabase) {
    let w = world(db).await;
    let dry = import(
        &w.app,
        &w.importer,
        HistoryKind::Payments,
        payment_rows("۱۲۰٬۰۰۰٬۰۰۰"),
        true,
    )
    .await;
    assert_eq!(
        (dry.imported, dry.rejected, dry.committed),
        (2, 0, false),
        "{dry:?}"
    );
    assert!(payments_by_status(&w).await.is_empty());
    assert!(
        w.app
            .history_batches(&w.second, false)
            .await
            .unwrap()
            .is_empty()
    );

    let done = import(
        &w.app,
        &w.importer,
        HistoryKind::Payments,
        payment_rows("۱۲۰٬۰۰۰٬۰۰۰"),
        false,
    )
    .await;
    assert_eq!((done.imported, done.committed), (2, true), "{done:?}");
    let batch: HistoryBatchId = done.history_batch.expect("a batch of paper decisions");
    // Proposed on their real days, with Persian letters; nothing committed yet.
    assert_eq!(
        payments_by_status(&w).await,
        vec![
            ("آموزشگاه فنی نگین".to_owned(), PaymentStatus::Proposed),
            ("مؤسسه مهارت".to_owned(), PaymentStatus::Proposed),
        ]
    );
    assert_eq!(figures(&w).await.committed_rials, 0);
    let view = w.app.history_batch(&w.second, batch).await.unwrap();
    assert_eq!(view.rows.len(), 1);
    assert_eq!(view.total_rials, 120_000_000);
    assert!(view.needs_scan && view.can_decide && !view.own_import);
    assert_eq!(view.rows[0].decision.approver_name, "مریم احمدی");
    assert_eq!(view.rows[0].decision.row_number, 2);
    assert_eq!(w.app.history_batches_to_decide(&w.second).await.unwrap(), 1);
    assert_eq!(
        w.app.history_batches_to_decide(&w.importer).await.unwrap(),
        0
    );

    // A re-run imports nothing twice and makes no batch.
    let again = import(
        &w.app,
        &w.importer,
        HistoryKind::Payments,
        payment_rows("120000000"),
        false,
    )
    .await;
    assert_eq!((again.imported, again.already_present), (0, 2), "{again:?}");
    assert_eq!(again.history_batch, None);

    // The importer may not confirm her own file; the second person needs the scan.
    let own = w
        .app
        .confirm_history_batch(&w.importer, batch, &scan())
        .await
        .unwrap_err();
    assert_eq!(fields(&own), vec!["batch"]);
    let bare = w
        .app
        .confirm_history_batch(&w.second, batch, &BatchConfirmation::default())
        .await
        .unwrap_err();
    assert_eq!(fields(&bare), vec!["evidence"]);
    assert_eq!(figures(&w).await.committed_rials, 0);

    w.app
        .confirm_history_batch(&w.second, batch, &scan())
        .await
        .unwrap();
    let paid = w
        .app
        .payments(&w.second, &PaymentQuery::default())
        .await
        .unwrap()
        .into_iter()
        .find(|summary| summary.status == PaymentStatus::Paid)
        .expect("the paper's payment is paid");
    assert_eq!(paid.row.spent_on, day("1405/02/10"));
    assert_eq!(paid.row.approved_on, Some(day("1405/02/15")));
    assert_eq!(paid.row.paid_on, Some(day("1405/03/01")));
    assert_eq!(paid.row.decided_by, w.second.user_id);
    let figures = figures(&w).await;
    assert_eq!(
        (figures.committed_rials, figures.paid_rials()),
        (120_000_000, 120_000_000)
    );
    // Its page says where the decision came from.
    let page = w.app.payment(&w.second, paid.row.id).await.unwrap();
    let note = page.paper.expect("a paper note");
    assert_eq!(
        (note.batch_id, note.batch_status.as_str()),
        (batch, "confirmed")
    );
    assert_eq!(note.approver_name, "مریم احمدی");
    // The undecided proposal is left for the usual four eyes.
    assert!(
        payments_by_status(&w)
            .await
            .contains(&("مؤسسه مهارت".to_owned(), PaymentStatus::Proposed))
    );
    let twice = w
        .app
        .confirm_history_batch(&w.second, batch, &scan())
        .await
        .unwrap_err();
    assert_eq!(fields(&twice), vec!["batch"]);
    let file = w
        .app
        .history_batch_evidence(&w.importer, batch)
        .await
        .unwrap();
    assert_eq!(file.content, SCAN);
    // The re-run was committed too (it wrote nothing but is on the trail).
    assert_eq!(audit_count(&w.app, "import.payments").await, 2);
    assert_eq!(audit_count(&w.app, "history.confirm").await, 1);
    assert_eq!(audit_count(&w.app, "history.evidence_view").await, 1);
    assert_eq!(audit_count(&w.app, "payment.approve").await, 1);
    assert_ledger_consistent(&w.app).await;
}

async fn a_confirmation_that_breaks_a_rule_names_its_row_and_confirms_nothing(db: &TestDatabase) {
    let w = world(db).await;
    // Two approvals of 300,000,000 on a line of 500,000,000: the second cannot be committed.
    let mut rows = payment_rows("300000000");
    rows[1] = row(
        3,
        &[
            ("category", "آموزش"),
            ("payee", "مؤسسه مهارت"),
            ("payee_kind", "course_provider"),
            ("amount", "300000000"),
            ("spent_on", "1405/04/01"),
            ("approved_on", "1405/04/02"),
            ("approver", "مریم احمدی"),
        ],
    );
    let done = import(&w.app, &w.importer, HistoryKind::Payments, rows, false).await;
    let batch = done.history_batch.unwrap();
    let error = w
        .app
        .confirm_history_batch(&w.second, batch, &scan())
        .await
        .unwrap_err();
    let said = messages_fa(&error);
    assert!(said.iter().all(|m| m.starts_with("ردیف ۳:")), "{said:?}");
    assert_eq!(figures(&w).await.committed_rials, 0);
    assert!(
        payments_by_status(&w)
            .await
            .iter()
            .all(|(_, s)| *s == PaymentStatus::Proposed)
    );
    assert!(
        w.app
            .history_batch(&w.second, batch)
            .await
            .unwrap()
            .can_decide
    );
    assert_ledger_consistent(&w.app).await;
}

async fn a_refused_batch_rejects_its_proposals_and_the_corrected_file_comes_in_again(
    db: &TestDatabase,
) {
    let w = world(db).await;
    let first = import(
        &w.app,
        &w.importer,
        HistoryKind::Payments,
        payment_rows("120000000"),
        false,
    )
    .await;
    let batch = first.history_batch.unwrap();
    let no_reason = w
        .app
        .refuse_history_batch(&w.second, batch, "  ")
        .await
        .unwrap_err();
    assert_eq!(fields(&no_reason), vec!["reason"]);
    w.app
        .refuse_history_batch(&w.second, batch, "مبلغ با سند کاغذی نمی‌خواند")
        .await
        .unwrap();
    assert!(
        payments_by_status(&w)
            .await
            .contains(&("آموزشگاه فنی نگین".to_owned(), PaymentStatus::Rejected))
    );
    let refused = w.app.history_batch(&w.second, batch).await.unwrap();
    assert_eq!(refused.batch.status, "refused");
    assert!(!refused.can_decide);
    // The corrected file proposes the refused payment again; the undecided one is present.
    let second = import(
        &w.app,
        &w.importer,
        HistoryKind::Payments,
        payment_rows("120000000"),
        false,
    )
    .await;
    assert_eq!(
        (second.imported, second.already_present),
        (1, 1),
        "{second:?}"
    );
    assert_ne!(second.history_batch, Some(batch));
    assert!(second.history_batch.is_some());
    assert_eq!(audit_count(&w.app, "history.refuse").await, 1);
    assert_ledger_consistent(&w.app).await;
}

async fn grants_come_in_with_their_tranches_and_are_paid_on_their_paper_days(db: &TestDatabase) {
    let w = world(db).await;
    let worker = user(&w.app, "t.worker", "social_worker", "ir.qazvin.takestan").await;
    let group = GroupBuilder::new(&w.app, &worker, w.takestan, "نخل")
        .with(|input| input.code = "TK-09".into())
        .create()
        .await;
    let rows = vec![row(
        2,
        &[
            ("group_code", "tk-09"),
            ("purpose", "خرید چرخ خیاطی"),
            ("tranche_1_amount", "200000000"),
            ("tranche_1_planned_on", "1405/03/01"),
            ("tranche_1_approved_on", "1405/03/05"),
            ("tranche_1_paid_on", "1405/03/20"),
            ("tranche_2_amount", "100000000"),
            ("tranche_2_planned_on", "1405/10/01"),
            ("approver", "مریم احمدی"),
        ],
    )];
    let done = import(
        &w.app,
        &w.importer,
        HistoryKind::Grants,
        rows.clone(),
        false,
    )
    .await;
    assert_eq!((done.imported, done.committed), (1, true), "{done:?}");
    let batch = done.history_batch.unwrap();
    let view = w.app.history_batch(&w.second, batch).await.unwrap();
    assert!(!view.needs_scan, "a tranche needs no scan");
    w.app
        .confirm_history_batch(&w.second, batch, &BatchConfirmation::default())
        .await
        .unwrap();
    let grants = w
        .app
        .grants(
            &w.second,
            &GrantListFilter {
                group_id: Some(group),
                ..GrantListFilter::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(grants.len(), 1);
    assert_eq!(grants[0].grant.total_rials, 300_000_000);
    let detail = w
        .app
        .grant_detail(&w.second, grants[0].grant.id, false)
        .await
        .unwrap();
    let states: Vec<(TrancheStatus, Option<JalaliDate>, Option<JalaliDate>)> = detail
        .tranches
        .iter()
        .map(|t| (t.status, t.row.approved_on, t.row.paid_on))
        .collect();
    assert_eq!(
        states,
        vec![
            (
                TrancheStatus::Paid,
                Some(day("1405/03/05")),
                Some(day("1405/03/20"))
            ),
            (TrancheStatus::Proposed, None, None),
        ]
    );
    assert_eq!(
        detail.tranches[0].paper.as_ref().unwrap().approver_name,
        "مریم احمدی"
    );
    assert!(detail.tranches[1].paper.is_none());
    let again = import(&w.app, &w.importer, HistoryKind::Grants, rows, false).await;
    assert_eq!((again.imported, again.already_present), (0, 1), "{again:?}");
    assert_ledger_consistent(&w.app).await;
}

async fn rows_that_contradict_themselves_are_refused_by_column_and_nothing_is_written(
    db: &TestDatabase,
) {
    let w = world(db).await;
    let base = [
        ("category", "آموزش"),
        ("payee", "آموزشگاه"),
        ("payee_kind", "course_provider"),
        ("amount", "1000000"),
        ("spent_on", "1405/02/10"),
    ];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut cells: Vec<(&'static str, &'static str)> = base
            .iter()
            .filter(|(key, _)| !extra.iter().any(|(other, _)| other == key))
            .copied()
            .collect();
        cells.extend_from_slice(extra);
        row(2, &cells)
    };
    let cases: Vec<(HistoryRow, &str)> = vec![
        (
            with(&[("paid_on", "1405/03/01"), ("approver", "م")]),
            "approved_on",
        ),
        (with(&[("approved_on", "1405/03/01")]), "approver"),
        (
            with(&[
                ("approved_on", "1405/03/01"),
                ("paid_on", "1405/02/20"),
                ("approver", "م"),
            ]),
            "paid_on",
        ),
        (
            with(&[("approved_on", "1405/02/01"), ("approver", "م")]),
            "approved_on",
        ),
        (with(&[("category", "خرید خودرو")]), "category"),
        (
            with(&[
                ("county", "آبیک"),
                ("approved_on", "1405/03/01"),
                ("approver", "م"),
            ]),
            "category",
        ),
    ];
    for (bad, column) in cases {
        let summary = import(
            &w.app,
            &w.importer,
            HistoryKind::Payments,
            vec![bad.clone()],
            false,
        )
        .await;
        assert_eq!(summary.rejected, 1, "{column}: {summary:?}");
        assert!(!summary.committed);
        assert!(
            summary
                .problems
                .iter()
                .any(|p| p.line == 2 && p.field == column),
            "{column}: {:?}",
            summary.problems
        );
    }
    assert!(payments_by_status(&w).await.is_empty());
    assert!(
        w.app
            .history_batches(&w.second, false)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn only_a_provinces_spending_proposers_import_its_money(db: &TestDatabase) {
    let w = world(db).await;
    let worker = user(&w.app, "t.worker", "social_worker", "ir.qazvin.takestan").await;
    let national = user(&w.app, "n.expert", "national_expert", "ir").await;
    let options = ImportOptions::default();
    let forbidden = w
        .app
        .begin_history_import(&worker, HistoryKind::Payments, "p.xlsx", options)
        .await
        .err()
        .expect("a social worker cannot import money");
    assert!(matches!(forbidden, AppError::Forbidden), "{forbidden:?}");
    let nationwide = w
        .app
        .begin_history_import(&national, HistoryKind::Grants, "g.xlsx", options)
        .await
        .err()
        .expect("money is imported by a province");
    assert_eq!(fields(&nationwide), vec!["kind"]);
}

hamyar_store::on_both_databases!(
    paper_payments_wait_for_a_second_person_and_land_on_their_paper_days,
    a_confirmation_that_breaks_a_rule_names_its_row_and_confirms_nothing,
    a_refused_batch_rejects_its_proposals_and_the_corrected_file_comes_in_again,
    grants_come_in_with_their_tranches_and_are_paid_on_their_paper_days,
    rows_that_contradict_themselves_are_refused_by_column_and_nothing_is_written,
    only_a_provinces_spending_proposers_import_its_money,
);
