//! Group fund benchmark (issue 20): with 50,000 groups each holding a year of weekly
//! meetings (about fifteen million journal lines), does a meeting's screen save in under
//! 50 ms, a province's quarterly savings-group metrics answer in under 200 ms and the
//! country's in under 2 s — on SQLite and on PostgreSQL?
//!
//! It makes a fresh database (a SQLite file, or the database `hamyar_fund_bench` on the
//! PostgreSQL server of `HAMYAR_TEST_POSTGRES_URL`), migrates it, seeds Iran's places, fills
//! the dashboard benchmark's country (`dashboard_bench/fill.rs`: 300,000 women, 50,000 groups
//! with their members, budget lines, a small ledger), then the funds (`fund_bench/fill.rs`),
//! and rebuilds the dashboard's tallies. The clock is fixed at 1405-09-08. Timed through the
//! use-cases: `App::record_fund_meeting` of a 15-member group with a year of meetings behind
//! it (its 53rd, committed; one group per run, as the county expert); `App::fund_screen` of
//! such a group (audited, as the page); `App::savings_group_report` of the county, the
//! province and the country for the quarter 1405/04/01–1405/06/31 as the page reads it
//! (`ReportRows::ByPlace`: a county's groups, a province's or the country's counties read
//! whole), each reading checked equal to the first, and the first checked equal, county by
//! county and in total, to the same report added up group by group (`ReportRows::EveryGroup`,
//! timed once); and, beneath the province's and the country's reports, the reads they are
//! made of, by county (`fund_county_kind_sums`, `fund_county_members`, `fund_county_loans`)
//! and by group (`fund_kind_sums`, `fund_member_spans`, `fund_loans_at`). One warm-up, then
//! `--runs` timed runs (20 by default).
//!
//! ```sh
//! cargo run --release -p hamyar-store --example fund_bench -- /tmp/fb/hamyar.db
//! cargo run --release -p hamyar-store --example fund_bench -- /tmp/fb/hamyar.db --reuse
//! HAMYAR_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres \
//!   cargo run --release -p hamyar-store --example fund_bench -- postgres
//! ```
//!
//! `--reuse` keeps a filled database: each run saves the 53rd meeting of groups not used
//! before (the fill makes 105, so five runs of 20); `--groups N`, `--women N` shrink the
//! country for a quick try.

#[allow(dead_code)]
#[path = "dashboard_bench/fill.rs"]
mod fill;
#[path = "fund_bench/fill.rs"]
mod fund_fill;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use hamyar_app::access::PlaceId;
use hamyar_app::fund::ReportRows;
use hamyar_app::places::NewCountyInput;
use hamyar_app::ports::Database;
use hamyar_app::ports::groups::{GroupId, PlaceFilter};
use hamyar_app::{Actor, App, AppSettings, FixedClock, Role, Scope};
use hamyar_domain::JalaliDate;
use hamyar_domain::fund::{LoanRequestInput, MeetingInput, MemberLineInput};
use hamyar_store::{AnyStore, ConnectSettings};
use sqlx::{Connection, Executor};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The PostgreSQL database the benchmark makes (and keeps, for `--reuse`).
const POSTGRES_DATABASE: &str = "hamyar_fund_bench";

struct Options {
    postgres: bool,
    path: Option<PathBuf>,
    reuse: bool,
    runs: usize,
    country: fill::Volume,
}

fn options() -> Result<Options> {
    let mut options = Options {
        postgres: false,
        path: None,
        reuse: false,
        runs: 20,
        country: fill::Volume {
            women: 300_000,
            groups: 50_000,
            transactions: 100_000,
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
            "--runs" => options.runs = number()?.clamp(1, 100),
            "--women" => options.country.women = number()?,
            "--groups" => options.country.groups = number()?,
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
                .join("hamyar-fund-bench")
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

/// The benchmark's today: 1405-09-08 (2026-11-29 in Tehran), as the dashboard's.
fn now() -> jiff::Timestamp {
    "2026-11-29T06:30:00Z".parse().expect("valid timestamp")
}

async fn scalar(store: &AnyStore, sql: &str) -> Result<i64> {
    Ok(
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_owned()))
            .fetch_one(store.pool())
            .await?,
    )
}

/// Iran's provinces and Qazvin's counties from the reference seed, and 8 to 20 counties for
/// every other province, as the dashboard benchmark makes them.
async fn places(app: &App) -> Result<()> {
    app.seed_reference_places().await?;
    let tree = app.place_tree().await?;
    let console = Actor::console();
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
        }
    }
    Ok(())
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

fn report(name: &str, samples: Vec<Duration>) {
    let [min, median, p95, max] = stats(samples);
    println!("{name:<48} min {min:>7.1}  median {median:>7.1}  p95 {p95:>7.1}  max {max:>7.1} ms");
}

/// The benchmark's 15-member groups and their place, found again in a filled database.
async fn made(store: &AnyStore) -> Result<fund_fill::Made> {
    let bench_groups: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM hamyar_groups WHERE code LIKE 'F%' ORDER BY id")
            .fetch_all(store.pool())
            .await?;
    let first = *bench_groups
        .first()
        .ok_or("no benchmark groups: fill first")?;
    Ok(fund_fill::Made {
        county: scalar(
            store,
            &format!("SELECT county_id FROM hamyar_groups WHERE id = {first}"),
        )
        .await?,
        province: scalar(
            store,
            &format!("SELECT province_id FROM hamyar_groups WHERE id = {first}"),
        )
        .await?,
        bench_groups,
        seconds: 0.0,
    })
}

/// The quarter the reports are asked for.
fn quarter() -> (JalaliDate, JalaliDate) {
    (
        JalaliDate::new(1405, 4, 1).expect("a day"),
        JalaliDate::new(1405, 6, 31).expect("a day"),
    )
}

/// A meeting's screen for `group`: every member but two present, two shares each, half of
/// them a social-fund contribution, and a loan of a million rials to a member without one,
/// guaranteed by two others; the cash counted is what the books will say.
async fn screen_for(store: &AnyStore, group: i64) -> Result<MeetingInput> {
    let members: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT woman_id FROM group_members WHERE group_id = {group} ORDER BY id"
    )))
    .fetch_all(store.pool())
    .await?;
    let borrowing: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT woman_id FROM fund_loans WHERE group_id = {group} AND state = 'active'"
    )))
    .fetch_all(store.pool())
    .await?;
    let cash = scalar(
        store,
        &format!(
            "SELECT CAST(COALESCE(SUM(CASE WHEN kind IN ('savings', 'social', 'fine', \
             'repayment', 'cash_difference') THEN amount_rials WHEN kind IN ('disbursement', \
             'to_bank', 'payout') THEN -amount_rials ELSE 0 END), 0) AS BIGINT) \
             FROM fund_entries WHERE group_id = {group}"
        ),
    )
    .await?;
    let mut inflow = 0;
    let lines: Vec<MemberLineInput> = members
        .iter()
        .enumerate()
        .map(|(n, woman)| {
            let present = n % 7 != 6;
            let social = present && n % 2 == 0;
            if present {
                inflow += 2 * fund_fill::SHARE_VALUE + if social { 100_000 } else { 0 };
            }
            MemberLineInput {
                woman_id: *woman,
                present,
                shares: if present { "2".into() } else { String::new() },
                social: if social {
                    "100000".into()
                } else {
                    String::new()
                },
                repayment: String::new(),
                fine: String::new(),
            }
        })
        .collect();
    let borrower = *members
        .iter()
        .find(|w| !borrowing.contains(w))
        .ok_or("every member already borrows")?;
    let guarantors: Vec<i64> = members
        .iter()
        .copied()
        .filter(|w| *w != borrower)
        .take(2)
        .collect();
    Ok(MeetingInput {
        held_on: "1405/09/01".into(),
        lines,
        loans: vec![LoanRequestInput {
            woman_id: borrower,
            amount: "1000000".into(),
            term_months: "3".into(),
            guarantors,
            lottery_id: None,
        }],
        to_bank: String::new(),
        cash_counted: (cash + inflow - 1_000_000).to_string(),
        note: String::new(),
    })
}

/// Saves the 53rd meeting of one unused 15-member group per run (the first is the warm-up).
async fn time_meetings(
    app: &App,
    store: &AnyStore,
    actor: &Actor,
    made: &fund_fill::Made,
    runs: usize,
) -> Result<Vec<Duration>> {
    let list = made
        .bench_groups
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let unused: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT group_id FROM fund_meetings WHERE group_id IN ({list}) GROUP BY group_id \
         HAVING COUNT(*) = {} ORDER BY group_id",
        fund_fill::MEETINGS
    )))
    .fetch_all(store.pool())
    .await?;
    if unused.len() < runs + 1 {
        return Err(format!(
            "{} benchmark groups left unused, {} needed: fill again",
            unused.len(),
            runs + 1
        )
        .into());
    }
    let lines = scalar(
        store,
        &format!(
            "SELECT COUNT(*) FROM fund_entries WHERE group_id = {}",
            unused[0]
        ),
    )
    .await?;
    println!(
        "meeting 53 of group {} (15 members, {lines} journal lines before it)",
        unused[0]
    );
    let mut samples = Vec::with_capacity(runs);
    for (n, group) in unused.iter().take(runs + 1).enumerate() {
        let input = screen_for(store, *group).await?;
        let started = Instant::now();
        app.record_fund_meeting(actor, GroupId::new(*group), &input, "bench-timed")
            .await?;
        let took = started.elapsed();
        let difference = scalar(
            store,
            &format!(
                "SELECT difference_rials FROM fund_meetings WHERE group_id = {group} \
                 AND number = 53"
            ),
        )
        .await?;
        assert_eq!(difference, 0, "the cash counted is what the books say");
        if n > 0 {
            samples.push(took);
        }
    }
    Ok(samples)
}

async fn time_screen(app: &App, actor: &Actor, group: i64, runs: usize) -> Result<Vec<Duration>> {
    let warm = app.fund_screen(actor, GroupId::new(group)).await?;
    println!(
        "fund screen of group {group}: {} members, {} meetings, {} loans, cash {} rials",
        warm.members.len(),
        warm.meetings.len(),
        warm.loans.len(),
        warm.position.cash
    );
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let screen = app.fund_screen(actor, GroupId::new(group)).await?;
        samples.push(started.elapsed());
        assert_eq!(screen.members.len(), warm.members.len());
    }
    Ok(samples)
}

/// The quarter's report of `actor`'s place as its page reads it (`ReportRows::ByPlace`: a
/// county's groups, a province's or the country's counties read whole), each reading checked
/// equal to the warm-up's, and the warm-up's counties and total checked equal to the ones
/// added up group by group (`ReportRows::EveryGroup`, what the quarterly file reads).
async fn time_report(app: &App, actor: &Actor, runs: usize) -> Result<Vec<Duration>> {
    let (from, to) = quarter();
    let warm = app
        .savings_group_report(actor, None, from, to, ReportRows::ByPlace)
        .await?;
    let started = Instant::now();
    let every = app
        .savings_group_report(actor, None, from, to, ReportRows::EveryGroup)
        .await?;
    println!(
        "  (group by group: {} ms, {} groups)",
        started.elapsed().as_millis(),
        every.groups.len()
    );
    assert_eq!(
        warm.total, every.total,
        "read whole or group by group, one total"
    );
    assert_eq!(warm.counties, every.counties, "and the same counties");
    let t = &warm.total.totals;
    println!(
        "report of {}: {} groups, {} counties; members {} → {}, saved {} rials, {} loans \
         given, {} owed at the end, {} at risk, {} marks",
        warm.place_en,
        t.groups,
        warm.counties.len(),
        t.members_start,
        t.members_end,
        t.saved_within,
        t.loans_given,
        t.loans_end,
        t.at_risk_end,
        t.marks,
    );
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let report = app
            .savings_group_report(actor, None, from, to, ReportRows::ByPlace)
            .await?;
        samples.push(started.elapsed());
        assert_eq!(report, warm, "a report reads the same every time");
    }
    Ok(samples)
}

/// The reads a province's or the country's report is made of, each alone: by county (what
/// the page reads) and, for comparison, group by group.
async fn time_reads(store: &AnyStore, place: PlaceFilter, runs: usize, name: &str) -> Result<()> {
    let (from, to) = quarter();
    let names = [
        "fund_county_kind_sums",
        "fund_county_members",
        "fund_county_loans",
        "fund_kind_sums",
        "fund_member_spans",
        "fund_loans_at",
    ];
    let mut samples: Vec<Vec<Duration>> = vec![Vec::new(); names.len()];
    for n in 0..=runs {
        let mut tx = store.read().await?;
        let mut times = Vec::with_capacity(names.len());
        let started = Instant::now();
        let a = tx.fund_county_kind_sums(place, from, to).await?.len();
        times.push(started.elapsed());
        let started = Instant::now();
        let b = tx.fund_county_members(place, from, to).await?.len();
        times.push(started.elapsed());
        let started = Instant::now();
        let c = tx.fund_county_loans(place, to).await?.len();
        times.push(started.elapsed());
        let started = Instant::now();
        let d = tx.fund_kind_sums(place, from, to).await?.len();
        times.push(started.elapsed());
        let started = Instant::now();
        let e = tx.fund_member_spans(place, to).await?.len();
        times.push(started.elapsed());
        let started = Instant::now();
        let f = tx.fund_loans_at(place, to).await?.len();
        times.push(started.elapsed());
        tx.commit().await?;
        if n == 0 {
            println!(
                "{name}: by county {a} sums, {b} counties' members, {c} counties' loans; \
                 by group {d} sums, {e} spans, {f} loans owed at the end"
            );
        } else {
            for (kept, time) in samples.iter_mut().zip(times) {
                kept.push(time);
            }
        }
    }
    for (read, kept) in names.iter().zip(samples) {
        report(&format!("  {name}: {read}"), kept);
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let options = options()?;
    let (store, url) = open(&options).await?;
    let store = Arc::new(store);
    let clock = Arc::new(FixedClock::new(now()));
    let app = App::new(store.clone(), clock, AppSettings::default());
    let today = app.today();
    let made = if options.reuse {
        made(&store).await?
    } else {
        places(&app).await?;
        let seconds = fill::fill(&url, options.postgres, options.country, today).await?;
        println!("the country filled in {seconds:.1} s");
        let made = fund_fill::fill(&url, options.postgres, today).await?;
        println!("funds filled in {:.1} s", made.seconds);
        let started = Instant::now();
        store.rebuild_dashboard_tallies().await?;
        println!(
            "dashboard tallies rebuilt in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        made
    };
    println!("| table | rows |\n|---|---:|");
    for table in [
        "hamyar_groups",
        "group_members",
        "fund_cycles",
        "fund_meetings",
        "fund_loans",
        "fund_loan_guarantors",
        "fund_instalments",
        "fund_entries",
        "ledger_accounts",
        "ledger_transactions",
        "ledger_postings",
    ] {
        let rows = scalar(&store, &format!("SELECT COUNT(*) FROM {table}")).await?;
        println!("| {table} | {rows} |");
    }
    let code = |id: i64| {
        let store = store.clone();
        async move {
            sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(format!(
                "SELECT code FROM places WHERE id = {id}"
            )))
            .fetch_one(store.pool())
            .await
        }
    };
    // For tools/bench-fund.sh, which serves this database and asks for these pages.
    println!(
        "bench-places: county {} province {} group {} ids {} {}",
        code(made.county).await?,
        code(made.province).await?,
        made.bench_groups[0],
        made.county,
        made.province
    );
    let county = Actor {
        user_id: None,
        username: "bench-county".into(),
        role: Role::CountyExpert,
        scope: Scope::County {
            province: PlaceId::new(made.province),
            county: PlaceId::new(made.county),
        },
    };
    let province = Actor {
        username: "bench-province".into(),
        role: Role::ProvincialExpert,
        scope: Scope::Province(PlaceId::new(made.province)),
        ..county.clone()
    };
    let country = Actor {
        username: "bench-country".into(),
        role: Role::NationalExpert,
        scope: Scope::Country,
        ..county.clone()
    };
    let runs = options.runs;
    report(
        "meeting of 15 saved (App::record_fund_meeting)",
        time_meetings(&app, &store, &county, &made, runs).await?,
    );
    report(
        "fund screen of a group (App::fund_screen)",
        time_screen(&app, &county, made.bench_groups[0], runs).await?,
    );
    report(
        "county quarterly report",
        time_report(&app, &county, runs).await?,
    );
    report(
        "province quarterly report",
        time_report(&app, &province, runs).await?,
    );
    time_reads(
        &store,
        PlaceFilter {
            province_id: Some(PlaceId::new(made.province)),
            county_id: None,
        },
        runs,
        "province",
    )
    .await?;
    report(
        "country quarterly report",
        time_report(&app, &country, runs).await?,
    );
    time_reads(&store, PlaceFilter::default(), runs, "country").await?;
    Ok(())
}
