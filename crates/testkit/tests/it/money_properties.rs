//! Property tests of the money use-cases: random sequences of budget allocations, amendments,
//! divisions among counties, payments (proposed, approved, paid, cancelled), grants in
//! tranches (proposed, approved, paid, cancelled) and reversals — each through the
//! application, as users would, one proposing and another approving — keep every invariant of
//! the books after every step:
//!
//! - every transaction sums to zero and every kept balance equals its recomputation
//!   (`ledger verify` finds nothing);
//! - no budget line is ever below zero: left = budget − committed, open commitments and paid
//!   are all ≥ 0;
//! - conservation: the treasury holds exactly what the lines were given minus what was paid;
//! - the records agree with the ledger: what the lines show committed and paid is exactly what
//!   the approved and paid payments and tranches add up to.
//!
//! Steps the rules refuse (a cut below what is committed, a second reversal…) are expected and
//! must change nothing; any other error fails the property. Each case runs on a fresh SQLite
//! database (and a handful on PostgreSQL when it is configured).

use hamyar_app::access::PlaceId;
use hamyar_app::budget::{AllocationInput, DivisionInput, YearBudgetInput};
use hamyar_app::grants::{
    ApprovalInput, GrantInput, GrantListFilter, PaymentInput as TranchePayment,
};
use hamyar_app::ports::budget::BudgetLineId;
use hamyar_app::ports::grants::TrancheId;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::ledger::LedgerTransactionId;
use hamyar_app::ports::spending::PaymentId;
use hamyar_app::spending::{EvidenceUpload, PaymentInput, PaymentQuery};
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::FiscalYear;
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::grants::{GrantFormInput, TrancheFormInput};
use hamyar_domain::spending::PaymentStatus;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::GroupBuilder;
use hamyar_testkit::fixtures::{app_on, place, user};
use proptest::prelude::*;

const COUNTIES: [&str; 2] = ["ir.qazvin.takestan", "ir.qazvin.abyek"];
const CATEGORIES: [BudgetCategory; 3] = [
    BudgetCategory::Training,
    BudgetCategory::Grant,
    BudgetCategory::Strengthening,
];

#[derive(Debug, Clone)]
enum Step {
    /// A new total for a category at the province (None) or a county.
    SetBudget {
        category: usize,
        county: Option<usize>,
        total: i64,
    },
    /// An allocation (positive) or amendment (negative) on the n-th line.
    Allocate {
        line: usize,
        amount: i64,
    },
    /// Part of a province line handed to a county.
    Divide {
        category: usize,
        county: usize,
        amount: i64,
    },
    /// Reverses the n-th transaction posted so far.
    Reverse {
        pick: usize,
    },
    /// A payment proposed (with its evidence) against the n-th line.
    Propose {
        line: usize,
        amount: i64,
    },
    /// The second expert approves, pays or cancels the n-th payment.
    Approve {
        pick: usize,
    },
    Pay {
        pick: usize,
    },
    Cancel {
        pick: usize,
    },
    /// A grant to the group in one or two tranches against the n-th line.
    Grant {
        line: usize,
        amount: i64,
        two: bool,
    },
    ApproveTranche {
        pick: usize,
    },
    PayTranche {
        pick: usize,
    },
    CancelTranche {
        pick: usize,
    },
}

fn step() -> impl Strategy<Value = Step> {
    let amount = 1i64..2_000_000_000;
    prop_oneof![
        (
            0..CATEGORIES.len(),
            proptest::option::of(0..COUNTIES.len()),
            0i64..3_000_000_000
        )
            .prop_map(|(category, county, total)| Step::SetBudget {
                category,
                county,
                total
            }),
        (0usize..12, -1_000_000_000i64..1_000_000_000)
            .prop_filter("non-zero", |(_, amount)| *amount != 0)
            .prop_map(|(line, amount)| Step::Allocate { line, amount }),
        (0..CATEGORIES.len(), 0..COUNTIES.len(), amount).prop_map(|(category, county, amount)| {
            Step::Divide {
                category,
                county,
                amount,
            }
        }),
        (0usize..64).prop_map(|pick| Step::Reverse { pick }),
        (0usize..12, 1i64..800_000_000).prop_map(|(line, amount)| Step::Propose { line, amount }),
        (0usize..16).prop_map(|pick| Step::Approve { pick }),
        (0usize..16).prop_map(|pick| Step::Pay { pick }),
        (0usize..16).prop_map(|pick| Step::Cancel { pick }),
        (0usize..12, 2i64..800_000_000, any::<bool>())
            .prop_map(|(line, amount, two)| Step::Grant { line, amount, two }),
        (0usize..16).prop_map(|pick| Step::ApproveTranche { pick }),
        (0usize..16).prop_map(|pick| Step::PayTranche { pick }),
        (0usize..16).prop_map(|pick| Step::CancelTranche { pick }),
    ]
}

struct World {
    app: App,
    expert: Actor,
    /// The second pair of eyes: approves, pays and cancels what `expert` proposed.
    approver: Actor,
    qazvin: PlaceId,
    counties: Vec<PlaceId>,
    group: GroupId,
    posted: Vec<LedgerTransactionId>,
    payments: Vec<PaymentId>,
    tranches: Vec<TrancheId>,
    keys: usize,
}

const PDF: &[u8] = b"%PDF-1.4\n% an invoice\n";

fn pick<T: Copy>(items: &[T], n: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[n % items.len()])
}

impl World {
    fn key(&mut self) -> String {
        self.keys += 1;
        format!("p{}", self.keys)
    }

    async fn run(&mut self, step: &Step) -> Result<(), AppError> {
        let key = self.key();
        match *step {
            Step::SetBudget {
                category,
                county,
                total,
            } => {
                let input = YearBudgetInput {
                    fiscal_year: 1405,
                    province_id: self.qazvin,
                    county_id: county.map(|c| self.counties[c]),
                    amounts: vec![(CATEGORIES[category], total.to_string())],
                    effective_on: String::new(),
                    description: "بودجه".into(),
                    idempotency_key: key,
                };
                let posted = self.app.set_year_budget(&self.expert, &input).await?;
                self.posted.extend(posted.iter().map(|p| p.id));
            }
            Step::Allocate { line, amount } => {
                let lines = self.lines().await;
                if lines.is_empty() {
                    return Ok(());
                }
                let input = AllocationInput {
                    line_id: lines[line % lines.len()].line.id,
                    amount: amount.to_string(),
                    effective_on: String::new(),
                    description: "اصلاحیه".into(),
                    idempotency_key: key,
                };
                let posted = self.app.allocate_budget(&self.expert, &input).await?;
                self.posted.push(posted.id);
            }
            Step::Divide {
                category,
                county,
                amount,
            } => {
                let lines = self.lines().await;
                let Some(province_line) = lines.iter().find(|view| {
                    view.category == CATEGORIES[category] && view.line.county_id.is_none()
                }) else {
                    return Ok(());
                };
                let input = DivisionInput {
                    province_line_id: province_line.line.id,
                    county_id: self.counties[county],
                    amount: amount.to_string(),
                    effective_on: String::new(),
                    description: "سهم شهرستان".into(),
                    idempotency_key: key,
                };
                let (_, posted) = self.app.divide_budget(&self.expert, &input).await?;
                self.posted.push(posted.id);
            }
            Step::Reverse { pick } => {
                if self.posted.is_empty() {
                    return Ok(());
                }
                let original = self.posted[pick % self.posted.len()];
                let posted = self
                    .app
                    .reverse_ledger_transaction(&self.expert, original, "اصلاح", &key)
                    .await?;
                self.posted.push(posted.id);
            }
            Step::Propose { line, amount } => {
                let lines = self.lines().await;
                let Some(line) = pick(&lines.iter().map(|v| v.line.id).collect::<Vec<_>>(), line)
                else {
                    return Ok(());
                };
                let input = PaymentInput {
                    budget_line_id: line,
                    payee: "آموزشگاه".into(),
                    payee_kind: "course_provider".into(),
                    amount: amount.to_string(),
                    spent_on: String::new(),
                    reference: "ق-۱".into(),
                    description: "دوره".into(),
                    evidence: Some(EvidenceUpload {
                        file_name: "invoice.pdf".into(),
                        content: PDF.to_vec(),
                    }),
                    idempotency_key: key,
                    ..PaymentInput::default()
                };
                let id = self.app.propose_payment(&self.expert, &input).await?;
                self.payments.push(id);
            }
            Step::Approve { pick: n } => {
                if let Some(id) = pick(&self.payments, n) {
                    let posted = self.app.approve_payment(&self.approver, id, "").await?;
                    self.posted.push(posted);
                }
            }
            Step::Pay { pick: n } => {
                if let Some(id) = pick(&self.payments, n) {
                    let posted = self.app.pay_payment(&self.approver, id, "").await?;
                    self.posted.push(posted);
                }
            }
            Step::Cancel { pick: n } => {
                if let Some(id) = pick(&self.payments, n) {
                    let posted = self
                        .app
                        .cancel_payment(&self.approver, id, "اشتباه")
                        .await?;
                    self.posted.extend(posted);
                }
            }
            Step::Grant { line, amount, two } => {
                let lines = self.lines().await;
                let grant_lines: Vec<BudgetLineId> = lines
                    .iter()
                    .filter(|v| v.category == BudgetCategory::Grant)
                    .map(|v| v.line.id)
                    .collect();
                let Some(line) = pick(&grant_lines, line) else {
                    return Ok(());
                };
                let tranche = |amount: i64| TrancheFormInput {
                    amount: amount.to_string(),
                    planned_on: "1405/10/01".into(),
                    conditions: Vec::new(),
                    visit_days: String::new(),
                    training_share: String::new(),
                };
                let tranches = if two {
                    vec![tranche(amount / 2), tranche(amount - amount / 2)]
                } else {
                    vec![tranche(amount)]
                };
                let input = GrantInput {
                    line_id: line.to_string(),
                    group_id: self.group.to_string(),
                    national_id: String::new(),
                    form: GrantFormInput {
                        purpose: "سرمایه کار".into(),
                        total: amount.to_string(),
                        tranches,
                    },
                };
                let grant = self.app.propose_grant(&self.expert, &input).await?;
                let detail = self.app.grant_detail(&self.approver, grant, false).await?;
                self.tranches
                    .extend(detail.tranches.iter().map(|t| t.row.id));
            }
            Step::ApproveTranche { pick: n } => {
                if let Some(id) = pick(&self.tranches, n) {
                    let outcome = self
                        .app
                        .approve_tranche(&self.approver, id, &ApprovalInput::default())
                        .await?;
                    self.posted.push(outcome.commit_transaction_id);
                }
            }
            Step::PayTranche { pick: n } => {
                if let Some(id) = pick(&self.tranches, n) {
                    let posted = self
                        .app
                        .pay_tranche(&self.approver, id, &TranchePayment::default())
                        .await?;
                    self.posted.push(posted);
                }
            }
            Step::CancelTranche { pick: n } => {
                if let Some(id) = pick(&self.tranches, n) {
                    self.app
                        .cancel_tranche(&self.approver, id, "اشتباه")
                        .await?;
                }
            }
        }
        Ok(())
    }

    async fn lines(&self) -> Vec<hamyar_app::budget::BudgetLineView> {
        self.app
            .budget_lines(&self.expert, FiscalYear::new(1405).unwrap(), None, None)
            .await
            .unwrap()
    }

    /// Every invariant of the books, named in the failure.
    async fn check(&self, after: &Step) {
        let report = self.app.verify_ledger(&Actor::console()).await.unwrap();
        assert!(report.is_consistent(), "after {after:?}: {report:?}");
        let lines = self.lines().await;
        let mut budgets = 0i64;
        let mut paid = 0i64;
        for view in &lines {
            let f = view.figures;
            assert!(
                f.budget_rials >= 0
                    && f.left_rials() >= 0
                    && f.outstanding_rials >= 0
                    && f.paid_rials() >= 0,
                "after {after:?}: line {} went below zero: {f:?}",
                view.line.id
            );
            budgets += f.budget_rials;
            paid += f.paid_rials();
        }
        let accounts = self.app.ledger_accounts(&Actor::console()).await.unwrap();
        let treasury = match accounts.iter().find(|a| a.code == "bank.treasury") {
            Some(account) => {
                self.app
                    .ledger_balance(&Actor::console(), account.id, None)
                    .await
                    .unwrap()
                    .kept
                    .balance_rials
            }
            None => 0,
        };
        assert_eq!(
            treasury,
            budgets - paid,
            "after {after:?}: the treasury does not add up"
        );

        // The payment and grant records say the same as the ledger.
        let committed: i64 = lines.iter().map(|v| v.figures.committed_rials).sum();
        let payments = self
            .app
            .payments(&self.approver, &PaymentQuery::default())
            .await
            .unwrap();
        let grants = self
            .app
            .grants(&self.approver, &GrantListFilter::default())
            .await
            .unwrap();
        let records_committed: i64 = payments
            .iter()
            .filter(|p| matches!(p.status, PaymentStatus::Approved | PaymentStatus::Paid))
            .map(|p| p.row.amount_rials)
            .sum::<i64>()
            + grants.iter().map(|g| g.committed_rials).sum::<i64>();
        let records_paid: i64 = payments
            .iter()
            .filter(|p| p.status == PaymentStatus::Paid)
            .map(|p| p.row.amount_rials)
            .sum::<i64>()
            + grants.iter().map(|g| g.paid_rials).sum::<i64>();
        assert_eq!(committed, records_committed, "after {after:?}: committed");
        assert_eq!(paid, records_paid, "after {after:?}: paid");
    }
}

async fn run_sequence(db: TestDatabase, steps: Vec<Step>) {
    let app = app_on(&db).await;
    let expert = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let approver = user(&app, "q.approver", "provincial_expert", "ir.qazvin").await;
    let group = GroupBuilder::new(&app, &expert, place(&app, COUNTIES[0]).await, "نخل")
        .create()
        .await;
    let mut counties = Vec::new();
    for code in COUNTIES {
        counties.push(place(&app, code).await);
    }
    let mut world = World {
        qazvin: place(&app, "ir.qazvin").await,
        app,
        expert,
        approver,
        counties,
        group,
        posted: Vec::new(),
        payments: Vec::new(),
        tranches: Vec::new(),
        keys: 0,
    };
    // Every sequence starts from a funded province, so the spending steps have lines to use.
    let opening: Vec<Step> = (0..CATEGORIES.len())
        .map(|category| Step::SetBudget {
            category,
            county: None,
            total: 2_000_000_000,
        })
        .collect();
    for step in opening.iter().chain(&steps) {
        match world.run(step).await {
            Ok(()) | Err(AppError::Invalid(_)) | Err(AppError::Conflict { .. }) => {}
            Err(error) => panic!("{step:?} failed unexpectedly: {error:?}"),
        }
        world.check(step).await;
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn random_money_sequences_keep_the_books_whole_on_sqlite(steps in proptest::collection::vec(step(), 1..40)) {
        runtime().block_on(async {
            run_sequence(TestDatabase::sqlite().await, steps).await;
        });
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    #[test]
    fn random_money_sequences_keep_the_books_whole_on_postgres(steps in proptest::collection::vec(step(), 1..15)) {
        runtime().block_on(async {
            if let Some(db) = TestDatabase::postgres().await {
                run_sequence(db, steps).await;
            }
        });
    }
}
