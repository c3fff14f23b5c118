//! The demo seeder behind `hamyar demo` and `hamyar serve --demo`: fills an empty database
//! with a realistic, deterministic Qazvin province for the fiscal year of the application's
//! clock — users of every role, about two hundred invented women with households and
//! coverage decisions, 45 groups across the seeded business fields (exactly 30 active
//! today), the year's meetings, visits and monthly business records, the year's budget,
//! 743,000,000 rials committed on training, job preparation and group strengthening, and
//! grants in tranches. It is a crate of its own, outside `hamyar-app`, because it is a
//! client of the application's use-cases and not one of them: it uses only what any caller
//! of [`App`] may use.
//!
//! Everything is written through the same use-cases people use ([`App::register_woman`],
//! [`App::create_group`], [`App::move_group_stage`], [`App::propose_payment`]…), so every
//! row is validated and audited exactly as if it had been typed, and the ledger stays
//! consistent. Names, dates and amounts come from a seeded generator ([`rng`]) and depend
//! only on the seed and today's date; the users' passwords come from the operating
//! system's generator and are returned once, for the console to print.

pub mod people;
pub mod plan;
pub mod rng;

use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::grants::{GrantFormInput, TrancheFormInput};
use hamyar_domain::group_life::{
    AttendanceInput, BusinessInput, MeetingInput, PermitInput, VisitInput,
};
use hamyar_domain::groups::{GroupInput, JoinInput};
use hamyar_domain::{FiscalYear, JalaliDate};
use rand::Rng;

use hamyar_app::App;
use hamyar_app::access::Actor;
use hamyar_app::budget::YearBudgetInput;
use hamyar_app::error::{AppError, AppResult};
use hamyar_app::grants::{ApprovalInput, GrantInput};
use hamyar_app::groups::{GroupListFilter, StaffInput, StageInput};
use hamyar_app::ports::groups::GroupId;
use hamyar_app::registry::coverage::CoverageInput;
use hamyar_app::registry::search::WomanQuery;
use hamyar_app::spending::{EvidenceUpload, PaymentInput};
use hamyar_app::users::NewUserInput;

use plan::{GroupFate, PAYMENTS, group_plan};
use rng::SplitMix64;

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
}

/// A fresh random password of four blocks of four letters and digits (no look-alikes),
/// drawn again in the unlikely case the policy refuses it.
fn fresh_password(username: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    loop {
        let blocks: Vec<String> = (0..4)
            .map(|_| {
                (0..4)
                    .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
                    .collect()
            })
            .collect();
        let password = blocks.join("-");
        if hamyar_app::password::check_policy("password", &password, username).is_ok() {
            return password;
        }
    }
}

/// A tiny but well-formed PDF standing in for an invoice.
fn evidence(reference: &str) -> EvidenceUpload {
    EvidenceUpload {
        file_name: format!("invoice-{reference}.pdf"),
        content: format!("%PDF-1.4\n% demo invoice {reference}\n%%EOF\n").into_bytes(),
    }
}

fn refused(fa: &str, en: &str) -> AppError {
    AppError::Conflict {
        field: "demo",
        message_fa: fa.to_owned(),
        message_en: en.to_owned(),
    }
}

/// A group's members as (woman id, national ID).
type Members = Vec<(i64, String)>;

/// The staff the demo acts as.
struct Staff {
    provincial: Actor,
    second_provincial: Actor,
    county_expert: Actor,
    /// The facilitator of the provincial capital's county.
    facilitator: Option<i64>,
    /// One social worker per county, in the order of `plan::COUNTIES`.
    workers: Vec<Actor>,
}

/// One group as it was formed, with its members (woman ids) and dates.
struct Formed {
    id: i64,
    code: String,
    fate: GroupFate,
    worker: usize,
    members: Vec<i64>,
    /// Days on which it ran (active or reactivated) this year, as (from, until).
    running: Vec<(JalaliDate, JalaliDate)>,
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

/// Resolves three visits' follow-ups in four, 10 to 24 days after the visit when that
/// day has come; the rest wait for the group's next visit, which answers them, or stay
/// open (overdue, once their date passed, until then). Chosen from the visit's id, not
/// the demo's random stream, so the rest of the demo is drawn as before.
async fn resolve_follow_up(
    app: &App,
    actor: &Actor,
    group_id: GroupId,
    visit_id: i64,
    visited_on: JalaliDate,
    today: JalaliDate,
) -> AppResult<()> {
    let done_on = visited_on.add_days(10 + visit_id % 15);
    if visit_id % 4 == 0 || done_on > today {
        return Ok(());
    }
    app.complete_follow_up(
        actor,
        group_id,
        visit_id,
        &done_on.to_string(),
        plan::FOLLOW_UP_NOTES[(visit_id % 3) as usize],
    )
    .await
}

impl Demo for App {
    /// True when the database has no women and no groups, so the demo may fill it.
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

    /// Fills an empty database with the demo province (see the module's documentation).
    /// Refuses a database that already has women or groups.
    async fn fill_demo(&self) -> AppResult<DemoSummary> {
        self.fill_demo_seeded(DEMO_SEED).await
    }

    /// The demo's plan drawn from another seed: the same 45 groups and their fates, with
    /// other women, households, memberships, meetings, visits and their dates. Tests use it
    /// as a randomly generated province (`testkit/tests/figures.rs`).
    async fn fill_demo_seeded(&self, seed: u64) -> AppResult<DemoSummary> {
        if !self.demo_may_run().await? {
            return Err(refused(
                "این پایگاه داده خالی نیست (زن یا گروهی در آن ثبت شده است)؛ داده‌ی نمایشی فقط در پایگاه داده‌ی خالی ساخته می‌شود",
                "This database is not empty (it has women or groups); the demo only fills an empty database",
            ));
        }
        let today = self.today();
        let year = FiscalYear::of(today);
        let mut rng = SplitMix64::new(seed);
        let tree = self.place_tree().await?;
        let province = tree
            .by_code("ir.qazvin")
            .ok_or_else(|| AppError::Internal("the place ir.qazvin is missing".into()))?
            .id;
        let mut counties = Vec::new();
        for (suffix, name_fa, _) in plan::COUNTIES {
            let code = format!("ir.qazvin.{suffix}");
            let place = tree
                .by_code(&code)
                .ok_or_else(|| AppError::Internal(format!("the place {code} is missing")))?;
            counties.push((place.id, code, name_fa));
        }

        // Users of every role.
        let mut users = Vec::new();
        let mut accounts: Vec<(String, String, &str, String)> = [
            ("demo.admin", "مدیر سامانه (نمایشی)", "system_admin", "ir"),
            (
                "demo.national",
                "کارشناس ملی (نمایشی)",
                "national_expert",
                "ir",
            ),
            (
                "demo.province",
                "کارشناس مسئول استان قزوین",
                "provincial_expert",
                "ir.qazvin",
            ),
            (
                "demo.province2",
                "کارشناس دوم استان قزوین",
                "provincial_expert",
                "ir.qazvin",
            ),
            (
                "demo.county",
                "کارشناس شهرستان قزوین",
                "county_expert",
                "ir.qazvin.qazvin",
            ),
            (
                "demo.facilitator",
                "تسهیلگر شهرستان قزوین",
                "facilitator",
                "ir.qazvin.qazvin",
            ),
            ("demo.auditor", "حسابرس استان قزوین", "auditor", "ir.qazvin"),
            (
                "demo.pr",
                "روابط عمومی بهزیستی قزوین",
                "public_relations",
                "ir.qazvin",
            ),
        ]
        .into_iter()
        .map(|(u, d, r, s)| (u.to_owned(), d.to_owned(), r, s.to_owned()))
        .collect();
        for (suffix, name_fa, _) in plan::COUNTIES {
            accounts.push((
                suffix_worker(suffix).to_owned(),
                format!("مددکار {name_fa}"),
                "social_worker",
                format!("ir.qazvin.{suffix}"),
            ));
        }
        for (username, display_name, role, scope_code) in accounts {
            let scope = tree
                .by_code(&scope_code)
                .ok_or_else(|| AppError::Internal(format!("the place {scope_code} is missing")))?
                .id;
            let password = fresh_password(&username);
            self.create_user(
                &Actor::console(),
                &NewUserInput {
                    username: username.clone(),
                    display_name: display_name.clone(),
                    role: role.into(),
                    scope_place_id: scope.to_string(),
                    password: password.clone(),
                    password_confirm: password.clone(),
                },
            )
            .await?;
            users.push(DemoUser {
                username,
                display_name,
                role: role.into(),
                scope_code,
                password,
            });
        }
        let actor = |name: &str| {
            let name = name.to_owned();
            async move {
                self.user_by_username(&name)
                    .await?
                    .map(|user| user.actor())
                    .ok_or_else(|| AppError::Internal(format!("demo user {name} is missing")))
            }
        };
        let mut workers = Vec::new();
        for (suffix, _, _) in plan::COUNTIES {
            workers.push(actor(suffix_worker(suffix)).await?);
        }
        let staff = Staff {
            provincial: actor("demo.province").await?,
            second_provincial: actor("demo.province2").await?,
            county_expert: actor("demo.county").await?,
            facilitator: actor("demo.facilitator").await?.user_id,
            workers,
        };

        // Groups with their women.
        let mut ids = people::NationalIds::default();
        let mut formed: Vec<Formed> = Vec::new();
        let mut women = 0usize;
        let mut freed: Vec<(usize, Members, JalaliDate)> = Vec::new();
        for spec in &group_plan() {
            let worker = &staff.workers[spec.county];
            let (county_id, _, county_fa) = &counties[spec.county];
            let identified = today.add_days(-spec.age_days);
            let group_id = self
                .create_group(
                    worker,
                    &GroupInput {
                        name: format!("گروه همیار {}", spec.name),
                        county: county_id.to_string(),
                        locality: (*county_fa).to_owned(),
                        business_field: spec.field.into(),
                        premises: (*rng.pick(&["rented", "home", "home", "own"])).into(),
                        identified_on: identified.to_string(),
                        ..GroupInput::default()
                    },
                )
                .await?;
            // Members: women of a dissolved group of the same county may start again;
            // the rest are registered now.
            let mut members: Members = Vec::new();
            if let Some(slot) = freed
                .iter()
                .position(|(county, _, ended)| *county == spec.county && *ended < identified)
            {
                members = freed.remove(slot).1;
            }
            while members.len() < spec.size {
                let drawn = people::woman(&mut rng, &mut ids, county_fa, today);
                let registered = self
                    .register_woman(worker, &county_id.to_string(), &drawn.input, &drawn.members)
                    .await?;
                women += 1;
                self.record_coverage(
                    &staff.provincial,
                    registered.id,
                    &CoverageInput {
                        status: "covered".into(),
                        started_on: today.to_string(),
                        reason: format!("کمیته‌ی پذیرش، صورت‌جلسه‌ی {}", 100 + women),
                        ..CoverageInput::default()
                    },
                )
                .await?;
                if rng.chance(25) {
                    self.record_coverage(
                        &staff.provincial,
                        registered.id,
                        &CoverageInput {
                            status: "pensioner".into(),
                            started_on: today.to_string(),
                            reason: "برقراری مستمری ماهانه".into(),
                            ..CoverageInput::default()
                        },
                    )
                    .await?;
                }
                members.push((registered.id, drawn.input.national_id.clone()));
            }
            for (position, (_, national_id)) in members.iter().enumerate() {
                let role = match position {
                    0 => "head",
                    1 => "treasurer",
                    2 => "secretary",
                    _ => "member",
                };
                self.add_group_member(
                    worker,
                    group_id,
                    &JoinInput {
                        national_id: national_id.clone(),
                        role: role.into(),
                        joined_on: identified.to_string(),
                    },
                )
                .await?;
            }
            let mut running = Vec::new();
            let mut at = identified;
            let mut last_running_from = None;
            for (stage, offset, reason) in spec.fate.moves(spec.age_days) {
                let on = identified.add_days(offset).min(today);
                at = on.max(at);
                self.move_group_stage(
                    worker,
                    group_id,
                    &StageInput {
                        stage: stage.into(),
                        effective_on: at.to_string(),
                        inactive_reason: reason.into(),
                        note: String::new(),
                    },
                )
                .await?;
                match stage {
                    "active" | "reactivated" => last_running_from = Some(at),
                    _ => {
                        if let Some(from) = last_running_from.take() {
                            running.push((from, at));
                        }
                    }
                }
            }
            if let Some(from) = last_running_from {
                running.push((from, today));
            }
            // The capital county's facilitator follows its running groups.
            if let (true, 0, Some(facilitator)) =
                (spec.fate.counts_as_active(), spec.county, staff.facilitator)
            {
                self.assign_group_staff(
                    worker,
                    group_id,
                    &StaffInput {
                        duty: "facilitator".into(),
                        user: facilitator.to_string(),
                        from_on: identified.add_days(90).min(today).to_string(),
                    },
                )
                .await?;
            }
            // Running groups hold a business licence, and those handling food or people a
            // health code; a few expire within the next two months.
            if spec.fate.counts_as_active() {
                let issued = identified.add_days(75);
                let expires = if formed.len() % 7 == 3 {
                    today.add_days(40)
                } else {
                    issued.add_days(3 * 365)
                };
                let mut kinds = vec!["business_licence"];
                if plan::NEEDS_HEALTH_CODE.contains(&spec.field) {
                    kinds.push("health_code");
                }
                for (k, kind) in kinds.into_iter().enumerate() {
                    self.record_permit(
                        worker,
                        group_id,
                        &PermitInput {
                            kind: kind.into(),
                            number: format!("{}{:04}", 28 + k, 1000 + formed.len() * 13),
                            issued_on: issued.to_string(),
                            expires_on: expires.to_string(),
                        },
                    )
                    .await?;
                }
            }
            if spec.fate == GroupFate::Dissolved {
                freed.push((spec.county, members.clone(), at));
            }
            let code = self
                .group_page(worker, group_id, false, false)
                .await?
                .group
                .record
                .code;
            formed.push(Formed {
                id: group_id,
                code,
                fate: spec.fate,
                worker: spec.county,
                members: members.iter().map(|(id, _)| *id).collect(),
                running,
            });
        }
        // The women of the graduated groups have left support, empowered.
        for group in formed.iter().filter(|g| g.fate == GroupFate::Graduated) {
            for woman in &group.members {
                self.record_coverage(
                    &staff.provincial,
                    *woman,
                    &CoverageInput {
                        status: "exited".into(),
                        exit_reason: "empowered".into(),
                        started_on: today.to_string(),
                        reason: "خروج از چرخه‌ی حمایت پس از استقلال گروه".into(),
                    },
                )
                .await?;
            }
        }
        // A few women wait for a place in a group.
        for n in 0..8 {
            let county = n % counties.len();
            let (county_id, _, county_fa) = &counties[county];
            let drawn = people::woman(&mut rng, &mut ids, county_fa, today);
            let registered = self
                .register_woman(
                    &staff.workers[county],
                    &county_id.to_string(),
                    &drawn.input,
                    &drawn.members,
                )
                .await?;
            women += 1;
            self.record_coverage(
                &staff.provincial,
                registered.id,
                &CoverageInput {
                    status: "waiting_list".into(),
                    started_on: today.to_string(),
                    reason: "در انتظار ظرفیت پوشش".into(),
                    ..CoverageInput::default()
                },
            )
            .await?;
        }

        // The year's life of the running groups.
        let first_day = year.first_day();
        let (mut meetings, mut visits, mut business_months) = (0, 0, 0);
        for group in &formed {
            let worker = &staff.workers[group.worker];
            for (from, until) in &group.running {
                let from = (*from).max(first_day);
                if from > *until {
                    continue;
                }
                // Months wholly past, in which the group ran: one business record each;
                // a meeting every other month; a visit every third.
                let mut month = from.first_of_month();
                let mut nth = 0;
                while month.last_of_month() < *until && month.last_of_month() < today {
                    let revenue = rng.between(30, 160) * 1_000_000;
                    let costs = revenue * rng.between(45, 85) / 100;
                    self.record_business_month(
                        worker,
                        group.id,
                        &BusinessInput {
                            year: month.year().to_string(),
                            month: month.month().to_string(),
                            revenue: revenue.to_string(),
                            costs: costs.to_string(),
                            members_working: group.members.len().to_string(),
                            people_hired: rng.between(0, 2).to_string(),
                            channels: vec![
                                (*rng.pick(&["shop", "order", "exhibition"])).into(),
                                (*rng.pick(&["online", "order"])).into(),
                            ],
                            ..BusinessInput::default()
                        },
                    )
                    .await?;
                    business_months += 1;
                    let mid = month.add_days(rng.between(5, 20));
                    if nth % 2 == 0 && mid >= from && mid <= today {
                        self.record_meeting(
                            worker,
                            group.id,
                            &MeetingInput {
                                held_on: mid.to_string(),
                                place: "محل کارگاه گروه".into(),
                                topics: (*rng.pick(&plan::MEETING_TOPICS)).into(),
                                decisions: (*rng.pick(&plan::MEETING_DECISIONS)).into(),
                                attendance: group
                                    .members
                                    .iter()
                                    .map(|woman| AttendanceInput {
                                        woman_id: *woman,
                                        attendance: (*rng.pick(&[
                                            "present", "present", "present", "present", "excused",
                                            "absent",
                                        ]))
                                        .into(),
                                    })
                                    .collect(),
                            },
                        )
                        .await?;
                        meetings += 1;
                    }
                    if nth % 3 == 1 && mid >= from && mid <= today {
                        let follow_up = mid.add_days(30);
                        let visitor = if rng.chance(50) {
                            worker
                        } else {
                            &staff.provincial
                        };
                        let visit_id = self
                            .record_visit(
                                visitor,
                                group.id,
                                &VisitInput {
                                    visited_on: mid.to_string(),
                                    purpose: "پایش دوره‌ای".into(),
                                    findings: (*rng.pick(&plan::VISIT_FINDINGS)).into(),
                                    requests: if rng.chance(40) {
                                        vec![(*rng.pick(&plan::VISIT_REQUESTS)).into()]
                                    } else {
                                        Vec::new()
                                    },
                                    referrals: if rng.chance(30) {
                                        vec![
                                            (*rng.pick(&[
                                                "bank",
                                                "guild",
                                                "technical_vocational",
                                                "health_network",
                                            ]))
                                            .into(),
                                        ]
                                    } else {
                                        Vec::new()
                                    },
                                    follow_up_due: if follow_up <= today.add_days(30) {
                                        follow_up.to_string()
                                    } else {
                                        String::new()
                                    },
                                    ..VisitInput::default()
                                },
                            )
                            .await?;
                        visits += 1;
                        if follow_up <= today.add_days(30) {
                            resolve_follow_up(self, visitor, group.id, visit_id, mid, today)
                                .await?;
                        }
                    }
                    nth += 1;
                    month = month.last_of_month().add_days(1);
                }
            }
        }

        // The year's budget, set on the province office's lines on the year's first day.
        let budget_on = first_day.min(today);
        self.set_year_budget(
            &staff.provincial,
            &YearBudgetInput {
                fiscal_year: year.year(),
                province_id: province,
                county_id: None,
                amounts: vec![
                    (BudgetCategory::Training, "420000000".into()),
                    (BudgetCategory::JobPreparation, "300000000".into()),
                    (BudgetCategory::Strengthening, "180000000".into()),
                    (BudgetCategory::Grant, "3000000000".into()),
                    (BudgetCategory::Other, "50000000".into()),
                ],
                effective_on: budget_on.to_string(),
                description: "اعتبار مصوب سال برای برنامه‌ی گروه‌های همیار".into(),
                idempotency_key: format!("demo.budget.{}", year.year()),
            },
        )
        .await?;
        let lines = self
            .budget_lines(&staff.provincial, year, None, None)
            .await?;
        let line_of = |category: BudgetCategory| {
            lines
                .iter()
                .find(|view| view.category == category)
                .map(|view| view.line.id)
                .ok_or_else(|| AppError::Internal(format!("no {category:?} line")))
        };

        // Payments: 743,000,000 rials committed on the headline lines, most of it paid.
        let elapsed = first_day.days_until(today).max(0);
        let mut payments = 0usize;
        let active: Vec<&Formed> = formed
            .iter()
            .filter(|g| matches!(g.fate, GroupFate::Active | GroupFate::Reactivated))
            .collect();
        let home: Vec<&Formed> = active.iter().copied().filter(|g| g.worker == 0).collect();
        for (n, payment) in PAYMENTS.iter().enumerate() {
            // Spread from Farvardin to a little before today; each contract is approved some
            // days before the work, and paid on the day it was done.
            let steps = i64::try_from(PAYMENTS.len() + 1).unwrap_or(18);
            let spent_on = budget_on
                .add_days(elapsed * i64::try_from(n + 1).unwrap_or(1) / steps)
                .min(today);
            let approved_on = spent_on.add_days(-10).max(budget_on);
            let reference = format!("{}-{:03}", year.year(), n + 1);
            // The county expert names groups of her own county.
            let groups: Vec<&str> = (0..2)
                .map(|k| home[(n * 2 + k) % home.len()].code.as_str())
                .collect();
            let id = self
                .propose_payment(
                    &staff.county_expert,
                    &PaymentInput {
                        budget_line_id: line_of(payment.category)?,
                        payee: payment.payee.into(),
                        payee_kind: payment.payee_kind().into(),
                        amount: payment.amount_rials.to_string(),
                        spent_on: spent_on.to_string(),
                        reference: format!("ق-{reference}"),
                        description: payment.description.into(),
                        group_codes: groups.join(" "),
                        evidence: Some(evidence(&reference)),
                        idempotency_key: format!("demo.payment.{reference}"),
                        ..PaymentInput::default()
                    },
                )
                .await?;
            self.approve_payment(&staff.provincial, id, &approved_on.to_string())
                .await?;
            if payment.paid {
                self.pay_payment(&staff.provincial, id, &spent_on.to_string())
                    .await?;
            }
            payments += 1;
        }

        // Grants: working capital for some active groups, in two tranches.
        let grant_line = line_of(BudgetCategory::Grant)?;
        let mut grants = 0usize;
        for (n, group) in active.iter().enumerate().filter(|(n, _)| n % 4 == 0) {
            let total = if n % 8 == 0 { 300_000_000 } else { 200_000_000 };
            let half = total / 2;
            let first_on = budget_on.add_days(elapsed * 2 / 5).min(today);
            let second_on = today.add_days(60);
            let grant = self
                .propose_grant(
                    &staff.second_provincial,
                    &GrantInput {
                        line_id: grant_line.to_string(),
                        group_id: group.id.to_string(),
                        national_id: String::new(),
                        form: GrantFormInput {
                            purpose: "سرمایه‌ی کار برای خرید مواد اولیه و ابزار".into(),
                            total: total.to_string(),
                            tranches: vec![
                                TrancheFormInput {
                                    amount: half.to_string(),
                                    planned_on: first_on.to_string(),
                                    conditions: vec![
                                        "group_registered".into(),
                                        "training_completed".into(),
                                    ],
                                    visit_days: String::new(),
                                },
                                TrancheFormInput {
                                    amount: half.to_string(),
                                    planned_on: second_on.to_string(),
                                    conditions: vec!["previous_tranche_paid".into()],
                                    visit_days: String::new(),
                                },
                            ],
                        },
                    },
                )
                .await?;
            let detail = self.grant_detail(&staff.provincial, grant, false).await?;
            let first = detail.tranches[0].row.id;
            // Approved once the group runs (registered and trained by then), paid a week on.
            let running_since = group.running.last().map_or(first_on, |(from, _)| *from);
            let approved_on = first_on.max(running_since).min(today);
            self.approve_tranche(
                &staff.provincial,
                first,
                &ApprovalInput {
                    acknowledge_double_support: true,
                    approved_on: approved_on.to_string(),
                },
            )
            .await?;
            self.pay_tranche(
                &staff.provincial,
                first,
                &hamyar_app::grants::PaymentInput {
                    paid_on: approved_on.add_days(7).min(today).to_string(),
                },
            )
            .await?;
            grants += 1;
        }

        let active_groups = self
            .groups_active_on(&staff.provincial, None, today)
            .await?
            .count;
        let headline = self
            .headline_spent(&staff.provincial, Some(province), year, None)
            .await?
            .total_rials;
        Ok(DemoSummary {
            fiscal_year: year.year(),
            users,
            women,
            groups: formed.len(),
            active_groups,
            meetings,
            visits,
            business_months,
            payments,
            grants,
            headline_spent_rials: headline,
        })
    }
}

fn suffix_worker(suffix: &str) -> &'static str {
    match suffix {
        "qazvin" => "demo.worker.qazvin",
        "abyek" => "demo.worker.abyek",
        "avaj" => "demo.worker.avaj",
        "alborz" => "demo.worker.alborz",
        "buin-zahra" => "demo.worker.buinzahra",
        _ => "demo.worker.takestan",
    }
}
