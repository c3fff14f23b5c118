//! The demo seeder behind `hamyar demo` and `hamyar serve --demo`: fills an empty database
//! with a realistic, deterministic Qazvin province for the fiscal year of the application's
//! clock — users of every role, about two hundred invented women with households and
//! coverage decisions, 45 groups across the seeded business fields (exactly 30 active
//! today), the year's meetings, visits and monthly business records, the year's budget,
//! 743,000,000 rials committed on training, job preparation and group strengthening (the
//! training part paid for course runs the groups attended), and grants in tranches. It is a crate of its own, outside `hamyar-app`, because it is a
//! client of the application's use-cases and not one of them: it uses only what any caller
//! of [`App`] may use.
//!
//! Everything is written through the same use-cases people use ([`App::register_woman`],
//! [`App::create_group`], [`App::move_group_stage`], [`App::propose_payment`]…), so every
//! row is validated and audited exactly as if it had been typed, and the ledger stays
//! consistent. Names, dates and amounts come from a seeded generator ([`rng`]) and depend
//! only on the seed and today's date; the users' passwords come from the operating
//! system's generator and are returned once, for the console to print.
//!
//! The fill is a sequence of steps, one module per area, sharing a `run::DemoRun` (the
//! seeded stream, today, the year, the places): `users` (every role's account, and the staff
//! the rest acts as), `groups` (the groups, their members, facilitator and stage moves),
//! `women` (the women and households, and the coverage decisions on them), `life`
//! (meetings, attendance, visits and their follow-ups, business months, permits),
//! `training` (the course run each training payment paid for: its provider, sessions,
//! the two groups enrolled, attendance and completions) and `money` (the budget, the
//! payments with their invoices and approvals, each training payment naming its run,
//! grants in tranches), and last `job_preparation` (the follow-ups after the runs that are
//! due, mostly answered, and three women's plans toward a job), then `outcomes` (the year's
//! pension table, baseline and follow-up forms of the women of the groups that ran, and the
//! two graduated groups' women leaving support as empowered by proposal and approval, then
//! their groups graduating the same way), and `yearly_plan` (the province's and its capital
//! county's targets for the year), and `bank_loans` (two women referred to agent banks for
//! self-employment loans, one paid out and repaying, one waiting for the bank). The plan they
//! follow is in [`plan`], the invented
//! people in [`people`].

pub mod people;
pub mod plan;
pub mod rng;

mod bank_loans;
mod fund;
mod groups;
mod job_preparation;
mod life;
mod money;
mod outcomes;
mod payment_days;
mod run;
mod training;
mod users;
mod women;
mod yearly_plan;

use hamyar_app::App;
use hamyar_app::access::Actor;
use hamyar_app::error::{AppError, AppResult};
use hamyar_app::groups::GroupListFilter;
use hamyar_app::registry::search::WomanQuery;
use hamyar_domain::Message;

use run::DemoRun;

/// The seed of the demo province; change it and every name changes.
pub const DEMO_SEED: u64 = 0x4841_4D59_4152_1405;

/// What the press release says was spent this year on training, job preparation and
/// strengthening (rials).
pub const HEADLINE_SPENT_RIALS: i64 = 743_000_000;

/// One demo account, with the password that is shown once.
#[derive(Clone)]
pub struct DemoUser {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub scope_code: String,
    pub password: String,
}

impl std::fmt::Debug for DemoUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoUser")
            .field("username", &self.username)
            .field("role", &self.role)
            .field("scope_code", &self.scope_code)
            .finish_non_exhaustive()
    }
}

/// What the demo wrote.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    pub fiscal_year: i32,
    pub users: Vec<DemoUser>,
    pub women: usize,
    pub groups: usize,
    pub active_groups: usize,
    pub meetings: usize,
    pub visits: usize,
    pub business_months: usize,
    pub payments: usize,
    pub grants: usize,
    pub headline_spent_rials: i64,
    /// Assessment forms recorded, and women who left support as empowered.
    pub assessment_forms: usize,
    pub empowered_exits: usize,
}

/// The demo as methods of [`App`], so a caller that has an `App` writes `app.fill_demo()`
/// after `use hamyar_demo::Demo;`, as it did when the seeder lived in the application crate.
/// A trait rather than free functions because the callers (the `hamyar` command and the
/// tests) already call these as methods; `App` is its only implementation.
pub trait Demo {
    /// True when the database has no women and no groups, so the demo may fill it.
    fn demo_may_run(&self) -> impl Future<Output = AppResult<bool>> + Send;

    /// Fills an empty database with the demo province (see the crate's documentation).
    /// Refuses a database that already has women or groups.
    fn fill_demo(&self) -> impl Future<Output = AppResult<DemoSummary>> + Send;

    /// The demo's plan drawn from another seed: the same 45 groups and their fates, with
    /// other women, households, memberships, meetings, visits and their dates. Tests use it
    /// as a randomly generated province (`testkit/tests/figures.rs`).
    fn fill_demo_seeded(&self, seed: u64) -> impl Future<Output = AppResult<DemoSummary>> + Send;
}

impl Demo for App {
    async fn demo_may_run(&self) -> AppResult<bool> {
        let console = Actor::console();
        let groups = self
            .list_groups(&console, &GroupListFilter::default(), false)
            .await?;
        if groups.total > 0 {
            return Ok(false);
        }
        let women = self
            .search_women(
                &console,
                &WomanQuery {
                    page_size: 1,
                    ..WomanQuery::default()
                },
            )
            .await?;
        Ok(women.items.is_empty())
    }

    async fn fill_demo(&self) -> AppResult<DemoSummary> {
        self.fill_demo_seeded(DEMO_SEED).await
    }

    async fn fill_demo_seeded(&self, seed: u64) -> AppResult<DemoSummary> {
        if !self.demo_may_run().await? {
            return Err(AppError::Conflict {
                field: "demo",
                message: Message::new("demo-database_not_empty"),
            });
        }
        // The steps in the order they draw from the seeded stream: changing the order
        // changes every name and date after the change.
        let mut run = DemoRun::start(self, seed).await?;
        let users = users::create_users(&run).await?;
        let staff = users::staff(self).await?;
        let formed = groups::form_groups(&mut run, &staff).await?;
        women::waiting_list(&mut run, &staff).await?;
        let life = life::live_the_year(&mut run, &staff, &formed).await?;
        let budget = money::set_budget(&run, &staff).await?;
        let runs = training::train(&run, &staff, &budget, &formed).await?;
        let payments = money::pay(&run, &staff, &budget, &formed, &runs).await?;
        let grants = money::grant(&run, &staff, &budget, &formed).await?;
        job_preparation::prepare_for_jobs(&run, &staff).await?;
        let assessed = outcomes::assess_and_graduate(&mut run, &staff, &formed).await?;
        yearly_plan::set_the_years_plan(&run, &staff).await?;
        bank_loans::refer_to_banks(&run, &staff, &formed).await?;
        fund::keep_funds(&run, &staff, &formed).await?;

        let active_groups = self
            .groups_active_on(&staff.provincial, None, run.today)
            .await?
            .count;
        let headline = self
            .headline_spent(&staff.provincial, Some(run.province), run.year, None)
            .await?
            .total_rials;
        Ok(DemoSummary {
            fiscal_year: run.year.year(),
            users,
            women: run.women,
            groups: formed.len(),
            active_groups,
            meetings: life.meetings,
            visits: life.visits,
            business_months: life.business_months,
            payments,
            grants,
            headline_spent_rials: headline,
            assessment_forms: assessed.forms,
            empowered_exits: assessed.exits,
        })
    }
}
