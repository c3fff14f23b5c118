//! Property tests of the money use-cases: random sequences of budget allocations, amendments,
//! divisions among counties and reversals — each through the application, as a user would —
//! keep every invariant of the books after every step:
//!
//! - every transaction sums to zero and every kept balance equals its recomputation
//!   (`ledger verify` finds nothing);
//! - no budget line is ever below zero: left = budget − committed, open commitments and paid
//!   are all ≥ 0;
//! - conservation: the treasury holds exactly what the lines were given minus what was paid.
//!
//! Steps the rules refuse (a cut below what is committed, a second reversal…) are expected and
//! must change nothing; any other error fails the property. Each case runs on a fresh SQLite
//! database (and a handful on PostgreSQL when it is configured).

use hamyar_app::budget::{AllocationInput, DivisionInput, YearBudgetInput};
use hamyar_app::ports::ledger::LedgerTransactionId;
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::FiscalYear;
use hamyar_domain::budget::BudgetCategory;
use hamyar_store::testing::TestDatabase;
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
    Allocate { line: usize, amount: i64 },
    /// Part of a province line handed to a county.
    Divide {
        category: usize,
        county: usize,
        amount: i64,
    },
    /// Reverses the n-th transaction posted so far.
    Reverse { pick: usize },
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
    ]
}

struct World {
    app: App,
    expert: Actor,
    qazvin: i64,
    counties: Vec<i64>,
    posted: Vec<LedgerTransactionId>,
    keys: usize,
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
    }
}

async fn run_sequence(db: TestDatabase, steps: Vec<Step>) {
    let app = app_on(&db).await;
    let expert = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let mut counties = Vec::new();
    for code in COUNTIES {
        counties.push(place(&app, code).await);
    }
    let mut world = World {
        qazvin: place(&app, "ir.qazvin").await,
        app,
        expert,
        counties,
        posted: Vec::new(),
        keys: 0,
    };
    for step in &steps {
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
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_budget_sequences_keep_the_books_whole_on_sqlite(steps in proptest::collection::vec(step(), 1..25)) {
        runtime().block_on(async {
            run_sequence(TestDatabase::sqlite().await, steps).await;
        });
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    #[test]
    fn random_budget_sequences_keep_the_books_whole_on_postgres(steps in proptest::collection::vec(step(), 1..15)) {
        runtime().block_on(async {
            if let Some(db) = TestDatabase::postgres().await {
                run_sequence(db, steps).await;
            }
        });
    }
}
