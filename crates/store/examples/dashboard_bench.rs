//! Dashboard benchmark (issue 6): does `App::dashboard` answer in under 200 ms with 300,000
//! women, 50,000 groups and 10,000,000 ledger postings?
//!
//! It makes a fresh database (a SQLite file, or a database of its own on the PostgreSQL
//! server of `HAMYAR_TEST_POSTGRES_URL`), migrates it, seeds Iran's places through the app,
//! fills it in bulk (`dashboard_bench/fill.rs`), counts every table it filled, then times the
//! dashboard as a national expert (the country), a provincial expert (the province with the
//! most women) and a county expert (that province's largest county), each for the fiscal
//! year 1405 so far, for the summer 1405-04-01..1405-06-31 (whole months) and for
//! 1405-04-15..1405-08-10 (cutting two months, whose days are read from the events and the
//! postings), with the clock fixed at 1405-09-08. The fill writes rows with raw SQL, so it
//! then rebuilds the dashboards' kept tallies (`AnyStore::rebuild_dashboard_tallies`). One warm-up, then `--runs` timed runs (20 by default) per case. `--queries`
//! also times each `DashboardRepo` query of a case on its own, to find the slow one.
//!
//! ```sh
//! cargo run --release -p hamyar-store --example dashboard_bench                 # SQLite, temp dir
//! cargo run --release -p hamyar-store --example dashboard_bench -- /data/dash.db --reuse
//! HAMYAR_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres \
//!   cargo run --release -p hamyar-store --example dashboard_bench -- postgres --reuse
//! ```
//!
//! `--writes` finally times 100 visits and 100 stage moves through their use-cases on the
//! filled database (the writes that keep the tallies), then checks the dashboard took them
//! in; it changes the database, so a `--reuse` run after it reads slightly different data.
//!
//! `--reuse` keeps a database that is already filled (the SQLite file, or the PostgreSQL
//! database `hamyar_dashboard_bench`) instead of making it again; `--transactions N`,
//! `--women N`, `--groups N` shrink the volume for a quick try.

#[path = "dashboard_bench/fill.rs"]
mod fill;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use hamyar_app::access::PlaceId;
use hamyar_app::dashboard::{DashboardPeriod, DashboardRequest};
use hamyar_app::places::NewCountyInput;
use hamyar_app::ports::Database;
use hamyar_app::ports::dashboard::{AreaLevel, DashboardFilter};
use hamyar_app::{Actor, App, AppSettings, FixedClock, Role, Scope};
use hamyar_domain::group_life::NoVisitMonths;
use hamyar_domain::{FiscalYear, JalaliDate};
use hamyar_store::{AnyStore, ConnectSettings};
use sqlx::{Connection, Executor};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The PostgreSQL database the benchmark makes (and keeps, for `--reuse`).
const POSTGRES_DATABASE: &str = "hamyar_dashboard_bench";

struct Options {
    postgres: bool,
    path: Option<PathBuf>,
    reuse: bool,
    queries: bool,
    writes: bool,
    runs: usize,
    volume: fill::Volume,
}

fn options() -> Result<Options> {
    let mut options = Options {
        postgres: false,
        path: None,
        reuse: false,
        queries: false,
        writes: false,
        runs: 20,
        volume: fill::Volume {
            women: 300_000,
            groups: 50_000,
            transactions: 5_000_000,
        },
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = || -> Result<usize> {
            Ok(args
                .next()
                .ok_or("a number must follow")?
                .replace('_', "")
                .parse()?)
        };
        match arg.as_str() {
            "postgres" => options.postgres = true,
            "--reuse" => options.reuse = true,
            "--queries" => options.queries = true,
            "--writes" => options.writes = true,
            "--runs" => options.runs = number()?.max(1),
            "--women" => options.volume.women = number()?,
            "--groups" => options.volume.groups = number()?,
            "--transactions" => options.volume.transactions = number()?,
            path => options.path = Some(PathBuf::from(path)),
        }
    }
    Ok(options)
}

/// Opens (making it first unless reused) the benchmark's database and migrates it.
async fn open(options: &Options) -> Result<(AnyStore, String)> {
    let url = if options.postgres {
        let admin = std::env::var(hamyar_store::testing::POSTGRES_URL_VAR)
            .map_err(|_| "set HAMYAR_TEST_POSTGRES_URL")?;
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&admin).await?;
        let exists: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM pg_database WHERE datname = '{POSTGRES_DATABASE}'"
        )))
        .fetch_one(&mut conn)
        .await?;
        if exists > 0 && !options.reuse {
            conn.execute(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE {POSTGRES_DATABASE} WITH (FORCE)"
            )))
            .await?;
        }
        if exists == 0 || !options.reuse {
            conn.execute(sqlx::AssertSqlSafe(format!(
                "CREATE DATABASE {POSTGRES_DATABASE}"
            )))
            .await?;
        }
        conn.close().await?;
        let mut url = url::Url::parse(&admin)?;
        url.set_path(&format!("/{POSTGRES_DATABASE}"));
        url.to_string()
    } else {
        let path = options.path.clone().unwrap_or_else(|| {
            std::env::temp_dir()
                .join("hamyar-dashboard-bench")
                .join("hamyar.db")
        });
        if let Some(directory) = path.parent() {
            std::fs::create_dir_all(directory)?;
        }
        if !options.reuse {
            for suffix in ["", "-wal", "-shm"] {
                let file = PathBuf::from(format!("{}{suffix}", path.display()));
                if file.exists() {
                    std::fs::remove_file(&file)?;
                }
            }
        }
        format!("sqlite:{}", path.display())
    };
    let store = hamyar_store::connect(&url, &ConnectSettings::default())
        .await?
        .with_audit_key(hamyar_store::testing::tool_audit_key(&url));
    store.migrate().await?;
    Ok((store, url))
}

/// The benchmark's today: 1405-09-08 (2026-11-29 in Tehran).
fn now() -> jiff::Timestamp {
    // The same instant as `hamyar_testkit::test_start` (this crate cannot depend on it).
    "2026-11-29T06:30:00Z".parse().expect("valid timestamp")
}

async fn count(store: &AnyStore, sql: &str) -> Result<i64> {
    Ok(
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_owned()))
            .fetch_one(store.pool())
            .await?,
    )
}

/// Iran's provinces and Qazvin's counties from the reference seed, and for every other
/// province 8 to 20 counties added as an administrator adds them (Iran has about 430).
async fn places(app: &App) -> Result<usize> {
    app.seed_reference_places().await?;
    let tree = app.place_tree().await?;
    let console = Actor::console();
    let mut added = 0;
    for (index, province) in tree.provinces().enumerate() {
        if tree.counties_of(province.id).next().is_some() {
            continue;
        }
        for n in 1..=8 + (index * 7) % 13 {
            app.add_county(
                &console,
                &NewCountyInput {
                    province_id: province.id.to_string(),
                    name_fa: format!("شهرستان {n} {}", province.name_fa),
                    name_en: format!("{} county {n}", province.name_en),
                },
            )
            .await?;
            added += 1;
        }
    }
    Ok(added)
}

/// One timed case.
struct Case {
    scope: String,
    span: &'static str,
    actor: Actor,
    request: DashboardRequest,
}

fn day(year: i32, month: u8, day: u8) -> JalaliDate {
    JalaliDate::new(year, month, day).expect("a valid day")
}

async fn cases(store: &AnyStore) -> Result<Vec<Case>> {
    let (province, province_women): (PlaceId, i64) = sqlx::query_as(
        "SELECT province_id, COUNT(*) FROM women GROUP BY province_id ORDER BY 2 DESC, 1 LIMIT 1",
    )
    .fetch_one(store.pool())
    .await?;
    let (county, county_women): (PlaceId, i64) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT county_id, COUNT(*) FROM women WHERE province_id = {province} \
         GROUP BY county_id ORDER BY 2 DESC, 1 LIMIT 1"
    )))
    .fetch_one(store.pool())
    .await?;
    let code = |id: PlaceId| async move {
        sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(format!(
            "SELECT code FROM places WHERE id = {id}"
        )))
        .fetch_one(store.pool())
        .await
    };
    let year = FiscalYear::new(1405)?;
    let scopes = [
        ("country".to_owned(), Role::NationalExpert, Scope::Country),
        (
            format!(
                "province {} ({province_women} women)",
                code(province).await?
            ),
            Role::ProvincialExpert,
            Scope::Province(province),
        ),
        (
            format!("county {} ({county_women} women)", code(county).await?),
            Role::CountyExpert,
            Scope::County { province, county },
        ),
    ];
    let mut cases = Vec::new();
    for (scope, role, place) in scopes {
        for (span, from, to) in [
            ("1405 to today", None, None),
            (
                "1405-04-01..1405-06-31",
                Some(day(1405, 4, 1)),
                Some(day(1405, 6, 31)),
            ),
            // Cuts two months: their days come from the events and the postings.
            (
                "1405-04-15..1405-08-10",
                Some(day(1405, 4, 15)),
                Some(day(1405, 8, 10)),
            ),
        ] {
            cases.push(Case {
                scope: scope.clone(),
                span,
                actor: Actor {
                    user_id: None,
                    username: format!("bench-{}", role.as_str()),
                    role,
                    scope: place,
                },
                request: DashboardRequest {
                    place_id: None,
                    year,
                    from,
                    to,
                },
            });
        }
    }
    Ok(cases)
}

/// min, median, p95 (nearest rank), max in milliseconds.
fn stats(mut samples: Vec<Duration>) -> [f64; 4] {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let rank = |p: f64| ((p * samples.len() as f64).ceil() as usize).clamp(1, samples.len()) - 1;
    [
        ms(samples[0]),
        ms(samples[rank(0.5)]),
        ms(samples[rank(0.95)]),
        ms(samples[samples.len() - 1]),
    ]
}

async fn time_dashboards(app: &App, cases: &[Case], runs: usize) -> Result<Vec<[f64; 4]>> {
    let mut results = Vec::new();
    for case in cases {
        let warm = app.dashboard(&case.actor, &case.request).await?;
        let total = &warm.total;
        println!(
            "{} / {}: {} areas, members {}, exits {} (empowered {}), grants {}, visits done {} \
             owed {} kept {}, business months {}, money rows {}",
            case.scope,
            case.span,
            warm.areas.len(),
            total.members,
            total.exits,
            total.empowered,
            total.grants,
            total.visits_done,
            total.visits_owed,
            total.visits_kept,
            total.business_months,
            warm.money.as_ref().map_or(0, |m| m.areas.len()),
        );
        let mut samples = Vec::with_capacity(runs);
        for _ in 0..runs {
            let started = Instant::now();
            let dashboard = app.dashboard(&case.actor, &case.request).await?;
            samples.push(started.elapsed());
            assert_eq!(dashboard, warm, "a dashboard reads the same every time");
        }
        results.push(stats(samples));
    }
    Ok(results)
}

/// Times each port query of a case on its own (the median of `runs`), as the use-case asks it.
async fn time_queries(store: &AnyStore, case: &Case, today: JalaliDate, runs: usize) -> Result<()> {
    let period =
        DashboardPeriod::resolve(case.request.year, case.request.from, case.request.to, today)?;
    let filter = DashboardFilter {
        province_id: case.actor.scope.province(),
        county_id: case.actor.scope.county(),
        level: match case.actor.scope {
            Scope::Country => AreaLevel::Province,
            _ => AreaLevel::County,
        },
    };
    let (from, until) = (period.from_iso(), period.until_iso());
    let state_on = period.state_on.to_iso_string();
    let (first, last) = period.month_keys();
    let windows = period.visit_windows(NoVisitMonths::default().months());
    let whole_year = period.from == period.year.first_day() && period.state_on == today;
    let span = (!whole_year).then_some((from.as_str(), until.as_str()));
    let year = period.year.year();
    println!(
        "queries of {} / {} (median of {runs}):",
        case.scope, case.span
    );
    for query in 0..10 {
        let mut samples = Vec::new();
        let mut name = "";
        for _ in 0..=runs {
            let mut tx = store.read().await?;
            let started = Instant::now();
            name = match query {
                0 if period.state_on == today => {
                    tx.dashboard_groups_by_stage(filter).await?;
                    "groups_by_stage"
                }
                0 => {
                    tx.dashboard_groups_by_stage_on(filter, &state_on).await?;
                    "groups_by_stage_on"
                }
                1 => {
                    tx.dashboard_stage_moves(filter, &from, &until).await?;
                    "stage_moves"
                }
                2 => {
                    tx.dashboard_members_on(filter, &state_on).await?;
                    "members_on"
                }
                3 => {
                    tx.dashboard_women_by_status(filter).await?;
                    "women_by_status"
                }
                4 => {
                    tx.dashboard_coverage_exits(filter, &from, &until).await?;
                    "coverage_exits"
                }
                5 => {
                    tx.dashboard_grants(filter, year, &until).await?;
                    "grants"
                }
                6 => {
                    tx.dashboard_visits_done(filter, &from, &until).await?;
                    "visits_done"
                }
                7 => {
                    tx.dashboard_business(filter, first, last).await?;
                    "business"
                }
                8 => {
                    tx.dashboard_visit_duty(filter, &windows).await?;
                    "visit_duty"
                }
                _ => {
                    tx.dashboard_line_balances(filter, year, span).await?;
                    "line_balances"
                }
            };
            samples.push(started.elapsed());
            tx.commit().await?;
        }
        samples.remove(0);
        let [min, median, _, max] = stats(samples);
        println!("  {name:<20} median {median:8.1} ms (min {min:.1}, max {max:.1})");
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let options = options()?;
    let engine = if options.postgres {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let (store, url) = open(&options).await?;
    let store = Arc::new(store);
    let clock = Arc::new(FixedClock::new(now()));
    let app = App::new(store.clone(), clock, AppSettings::default());
    let today = app.today();
    println!("{engine} database {url}, today {today:?}");
    let filled = count(&store, "SELECT COUNT(*) FROM women").await? > 0;
    if options.reuse && filled {
        println!("reusing the filled database");
    } else {
        let started = Instant::now();
        let counties = places(&app).await?;
        println!(
            "places: {counties} counties added through App::add_county in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        let seconds = fill::fill(&url, options.postgres, options.volume, today).await?;
        println!("generation took {seconds:.1} s");
        // The rows went in with raw SQL, past the writes that keep the dashboards' tallies:
        // build them the way an upgraded database is built when it is first opened.
        let started = Instant::now();
        store.rebuild_dashboard_tallies().await?;
        if options.postgres {
            for table in [
                "dashboard_events",
                "dashboard_tallies",
                "ledger_account_months",
                "ledger_account_days",
            ] {
                sqlx::query(sqlx::AssertSqlSafe(format!("VACUUM ANALYZE {table}")))
                    .execute(store.pool())
                    .await?;
            }
        }
        println!(
            "dashboard tallies rebuilt in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        let started = Instant::now();
        let report = app.verify_ledger(&Actor::console()).await?;
        assert!(report.is_consistent(), "{:?}", report.check);
        println!(
            "verify_ledger: consistent, {} transactions, {} postings, {:.1} s",
            report.check.transactions_checked,
            report.check.postings_checked,
            started.elapsed().as_secs_f64()
        );
    }
    println!();
    println!("| table | rows |");
    println!("|---|---:|");
    for table in fill::TABLES {
        let rows = count(&store, &format!("SELECT COUNT(*) FROM {table}")).await?;
        println!("| {table} | {rows} |");
    }
    println!();

    let cases = cases(&store).await?;
    if options.queries {
        for case in &cases {
            time_queries(&store, case, today, options.runs).await?;
        }
    }
    let results = time_dashboards(&app, &cases, options.runs).await?;
    println!();
    println!(
        "{engine}, {} runs after one warm-up, App::dashboard in ms:",
        options.runs
    );
    println!();
    println!("| place | span | min | median | p95 | max |");
    println!("|---|---|---:|---:|---:|---:|");
    for (case, [min, median, p95, max]) in cases.iter().zip(results) {
        println!(
            "| {} | {} | {min:.1} | {median:.1} | {p95:.1} | {max:.1} |",
            case.scope, case.span
        );
    }
    if options.writes {
        time_writes(&app, &store, today).await?;
    }
    store.close().await;
    Ok(())
}

/// How long the writes that keep the tallies take at this volume: 100 visits and then 100
/// moves of active groups to inactive in the largest province, each through its use-case
/// (its own write transaction, audit row and tally refresh), then the province's dashboard
/// is checked to have taken them in. It changes the database (run it last).
async fn time_writes(app: &App, store: &AnyStore, today: JalaliDate) -> Result<()> {
    let province: PlaceId = sqlx::query_scalar(
        "SELECT province_id FROM women GROUP BY province_id ORDER BY COUNT(*) DESC, 1 LIMIT 1",
    )
    .fetch_one(store.pool())
    .await?;
    let groups: Vec<hamyar_app::ports::groups::GroupId> =
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT id FROM hamyar_groups WHERE province_id = {province} AND stage = 'active' \
         ORDER BY id LIMIT 100"
        )))
        .fetch_all(store.pool())
        .await?;
    let actor = Actor {
        user_id: None,
        username: "bench-writer".into(),
        role: Role::ProvincialExpert,
        scope: Scope::Province(province),
    };
    let request = DashboardRequest {
        place_id: None,
        year: FiscalYear::new(1405)?,
        from: None,
        to: None,
    };
    let before = app.dashboard(&actor, &request).await?.total;
    let on = format!("{}/{:02}/{:02}", today.year(), today.month(), today.day());
    let mut visits = Vec::with_capacity(groups.len());
    for group in &groups {
        let input = hamyar_domain::group_life::VisitInput {
            visited_on: on.clone(),
            visitor_name: "کارشناس پایش".into(),
            purpose: "پایش دوره‌ای".into(),
            findings: "کار گروه برقرار است".into(),
            ..Default::default()
        };
        let started = Instant::now();
        app.record_visit(&actor, *group, &input).await?;
        visits.push(started.elapsed());
    }
    let mut moves = Vec::with_capacity(groups.len());
    for group in &groups {
        let input = hamyar_app::groups::StageInput {
            stage: "inactive".into(),
            effective_on: on.clone(),
            inactive_reason: "market".into(),
            note: String::new(),
        };
        let started = Instant::now();
        app.move_group_stage(&actor, *group, &input).await?;
        moves.push(started.elapsed());
    }
    let after = app.dashboard(&actor, &request).await?.total;
    let n = groups.len() as i64;
    assert_eq!(after.visits_done, before.visits_done + n, "visits taken in");
    let mut expected = before.groups;
    expected.add_code("active", -n);
    expected.add_code("inactive", n);
    assert_eq!(after.groups, expected, "moves taken in");
    println!();
    println!("writes in province {province}, each its own use-case transaction, ms:");
    println!();
    println!("| write | count | min | median | p95 | max |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, samples) in [
        ("App::record_visit", visits),
        ("App::move_group_stage", moves),
    ] {
        let count = samples.len();
        let [min, median, p95, max] = stats(samples);
        println!("| {name} | {count} | {min:.1} | {median:.1} | {p95:.1} | {max:.1} |");
    }
    Ok(())
}
