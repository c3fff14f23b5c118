//! Training benchmark (issue 18): with a million enrolments and twenty million attendance
//! marks, does a course run's page answer in under 200 ms, and does marking a session's
//! attendance for 30 women commit in under 50 ms — on SQLite and on PostgreSQL?
//!
//! It makes a fresh database (a SQLite file, or the database `hamyar_training_bench` on the
//! PostgreSQL server of `HAMYAR_TEST_POSTGRES_URL`), migrates it, seeds Iran's places and
//! fills the dashboard benchmark's country (`dashboard_bench/fill.rs`: 300,000 women, 50,000
//! groups, budget lines, a small ledger), then the training (`training_bench/fill.rs`). The
//! clock is fixed at 1405-09-08. Timed, as a county expert of the county with the most
//! women, through the use-cases a page calls: `App::course_run` for an ordinary run (25
//! women, 21 sessions) and for the largest a run may hold (500 women, 40 sessions), opening
//! the page (so each read also writes its audit entry, as the page does); and
//! `App::record_attendance` for a sheet of 30 women, one session after another. One warm-up,
//! then `--runs` timed runs (20 by default; the sheet has 60 sessions, so at most 59).
//!
//! ```sh
//! cargo run --release -p hamyar-store --example training_bench -- /data/training.db
//! cargo run --release -p hamyar-store --example training_bench -- /data/training.db --reuse
//! HAMYAR_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres \
//!   cargo run --release -p hamyar-store --example training_bench -- postgres
//! ```
//!
//! `--reuse` keeps a filled database (marking again replaces the sheet's marks);
//! `--enrolments N`, `--women N`, `--groups N` shrink the volume for a quick try.

#[allow(dead_code)]
#[path = "dashboard_bench/fill.rs"]
mod fill;
#[path = "training_bench/fill.rs"]
mod training_fill;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use hamyar_app::access::PlaceId;
use hamyar_app::places::NewCountyInput;
use hamyar_app::ports::training::{CourseRunId, EnrolmentId, SessionId};
use hamyar_app::training::{MarkInput, TrainingReportRequest};
use hamyar_app::{Actor, App, AppSettings, FixedClock, Role, Scope};
use hamyar_domain::FiscalYear;
use hamyar_store::{AnyStore, ConnectSettings};
use sqlx::{Connection, Executor};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The PostgreSQL database the benchmark makes (and keeps, for `--reuse`).
const POSTGRES_DATABASE: &str = "hamyar_training_bench";

struct Options {
    postgres: bool,
    path: Option<PathBuf>,
    reuse: bool,
    runs: usize,
    country: fill::Volume,
    training: training_fill::Volume,
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
        training: training_fill::Volume {
            enrolments: 1_000_000,
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
            "--runs" => options.runs = number()?.clamp(1, 59),
            "--women" => options.country.women = number()?,
            "--groups" => options.country.groups = number()?,
            "--enrolments" => options.training.enrolments = number()?,
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
                .join("hamyar-training-bench")
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

/// The runs the cases use, found again in a filled database: the last two runs are the full
/// run and the sheet (`training_fill`), and the ordinary run is the first of their county.
async fn made(store: &AnyStore) -> Result<training_fill::Made> {
    let sheet_run = scalar(store, "SELECT MAX(id) FROM course_runs").await?;
    let full_run = sheet_run - 1;
    let county = scalar(
        store,
        &format!("SELECT county_id FROM course_runs WHERE id = {full_run}"),
    )
    .await?;
    Ok(training_fill::Made {
        county,
        province: scalar(
            store,
            &format!("SELECT province_id FROM course_runs WHERE id = {full_run}"),
        )
        .await?,
        ordinary_run: scalar(
            store,
            &format!("SELECT MIN(id) FROM course_runs WHERE county_id = {county}"),
        )
        .await?,
        full_run,
        sheet_run,
        sheet_first_session: scalar(
            store,
            &format!("SELECT MIN(id) FROM course_sessions WHERE run_id = {sheet_run}"),
        )
        .await?,
        seconds: 0.0,
    })
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

async fn time_run_page(app: &App, actor: &Actor, run: i64, runs: usize) -> Result<Vec<Duration>> {
    let id = CourseRunId::new(run);
    let warm = app.course_run(actor, id, true).await?;
    println!(
        "run {run}: {} women, {} sessions ({} held), {} completed, {} rials paid",
        warm.women.len(),
        warm.sessions.len(),
        warm.sessions_held,
        warm.completed,
        warm.costs.paid_rials
    );
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let view = app.course_run(actor, id, true).await?;
        samples.push(started.elapsed());
        assert_eq!(view.women.len(), warm.women.len());
    }
    Ok(samples)
}

/// The training report of `actor`'s place for the fiscal year 1405 so far, each reading
/// checked equal to the warm-up's.
async fn time_report(app: &App, actor: &Actor, runs: usize) -> Result<Vec<Duration>> {
    let request = TrainingReportRequest {
        place_id: None,
        year: FiscalYear::new(1405)?,
        from: None,
        to: None,
    };
    let warm = app.training_report(actor, &request).await?;
    let total = &warm.total.figures;
    println!(
        "report of {}: {} counties, {} kinds, {} providers; {} runs ended, {} enrolled, {} \
         completed, {} hours delivered, {} rials paid",
        warm.place.name_en,
        warm.by_county.len(),
        warm.by_kind.len(),
        warm.by_provider.len(),
        total.runs,
        total.enrolled,
        total.completed,
        total.hours_delivered,
        warm.money.map_or(0, |m| m.paid_rials),
    );
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let report = app.training_report(actor, &request).await?;
        samples.push(started.elapsed());
        assert_eq!(report, warm, "a report reads the same every time");
    }
    Ok(samples)
}

async fn time_marking(
    app: &App,
    store: &AnyStore,
    actor: &Actor,
    made: &training_fill::Made,
    runs: usize,
) -> Result<Vec<Duration>> {
    let run = CourseRunId::new(made.sheet_run);
    let enrolments: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT id FROM enrolments WHERE run_id = {} ORDER BY id",
        made.sheet_run
    )))
    .fetch_all(store.pool())
    .await?;
    assert_eq!(enrolments.len(), 30, "the sheet holds 30 women");
    let marks: Vec<MarkInput> = enrolments
        .iter()
        .enumerate()
        .map(|(n, id)| MarkInput {
            enrolment_id: EnrolmentId::new(*id),
            mark: if n % 9 == 0 { "absent" } else { "present" }.to_owned(),
        })
        .collect();
    // Warm-up on the first session, then one session after another.
    let mut samples = Vec::with_capacity(runs);
    for n in 0..=runs {
        let session = SessionId::new(made.sheet_first_session + n as i64);
        let started = Instant::now();
        let recorded = app.record_attendance(actor, run, session, &marks).await?;
        let took = started.elapsed();
        assert_eq!(recorded, 30);
        if n > 0 {
            samples.push(took);
        }
    }
    Ok(samples)
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
        let started = Instant::now();
        store.rebuild_dashboard_tallies().await?;
        println!(
            "dashboard tallies rebuilt in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        let made = training_fill::fill(&url, options.postgres, options.training, today).await?;
        println!("training filled in {:.1} s", made.seconds);
        made
    };
    println!("| table | rows |\n|---|---:|");
    for table in [
        "women",
        "hamyar_groups",
        "course_kinds",
        "training_providers",
        "course_runs",
        "course_sessions",
        "enrolments",
        "attendance_marks",
        "payments",
    ] {
        let rows = scalar(&store, &format!("SELECT COUNT(*) FROM {table}")).await?;
        println!("| {table} | {rows} |");
    }
    let actor = Actor {
        user_id: None,
        username: "bench-county".into(),
        role: Role::CountyExpert,
        scope: Scope::County {
            province: PlaceId::new(made.province),
            county: PlaceId::new(made.county),
        },
    };
    let women_in_county = scalar(
        &store,
        &format!(
            "SELECT COUNT(*) FROM enrolments e JOIN course_runs r ON r.id = e.run_id \
             WHERE r.county_id = {}",
            made.county
        ),
    )
    .await?;
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
    println!(
        "county {} (province {}): {women_in_county} enrolments",
        made.county, made.province
    );
    // For tools/bench-training.sh, which serves this database and asks for these pages.
    println!(
        "bench-places: county {} province {} runs {} {}",
        code(made.county).await?,
        code(made.province).await?,
        made.ordinary_run,
        made.full_run
    );
    let runs = options.runs;
    report(
        "run page, 25 women (App::course_run, audited)",
        time_run_page(&app, &actor, made.ordinary_run, runs).await?,
    );
    report(
        "run page, 500 women x 40 sessions",
        time_run_page(&app, &actor, made.full_run, runs).await?,
    );
    report(
        "county training report, 1405 so far",
        time_report(&app, &actor, runs).await?,
    );
    let province = Actor {
        username: "bench-province".into(),
        role: Role::ProvincialExpert,
        scope: Scope::Province(PlaceId::new(made.province)),
        ..actor.clone()
    };
    report(
        "province training report, 1405 so far",
        time_report(&app, &province, runs).await?,
    );
    let country = Actor {
        username: "bench-country".into(),
        role: Role::NationalExpert,
        scope: Scope::Country,
        ..actor.clone()
    };
    report(
        "country training report, 1405 so far",
        time_report(&app, &country, runs).await?,
    );
    report(
        "attendance of 30 women (App::record_attendance)",
        time_marking(&app, &store, &actor, &made, runs).await?,
    );
    Ok(())
}
