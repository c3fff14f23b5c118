//! Fills a database that already holds the dashboard benchmark's country (places, women,
//! groups, budget lines, a ledger) with a country's worth of training: a catalogue of course
//! kinds, providers in every province, course runs in every county with their sessions,
//! enrolments with their outcomes, an attendance mark for every enrolment and session held,
//! and paid payments to providers that name the run they paid for.
//!
//! Like the dashboard's fill it writes with raw SQL on a loader connection (literal
//! multi-row INSERTs, ids chosen here, checks of foreign keys off), drawn from a fixed-seed
//! SplitMix64, so two runs make the same database; the marks — twenty times the enrolments —
//! are made inside the engine with one `INSERT … SELECT` per slice of runs. A paid payment
//! names two distinct transactions of the benchmark's ledger as its commitment and payment
//! (the amounts do not match them: the benchmark reads training, it does not verify money).
//!
//! Two runs are made for the timed cases besides the country's: the largest a run may be
//! (500 women, 40 sessions, every mark made) and a sheet of 30 women with 60 sessions held
//! and none marked yet, whose sessions the benchmark marks one by one.

use std::collections::BTreeMap;
use std::time::Instant;

use hamyar_domain::JalaliDate;
use sqlx::{AnyConnection, Executor};

use super::Result;
use super::fill::Random;

/// Rows of literal values per INSERT statement.
const ROWS_PER_INSERT: usize = 1_000;
/// Runs whose marks one `INSERT … SELECT` makes.
const RUNS_PER_MARK_SLICE: i64 = 2_000;
/// The instant every `*_at` column gets.
const STAMP: &str = "2026-11-29T06:00:00Z";
/// Sessions of an ordinary run, three days apart.
const SESSIONS: i64 = 21;
/// Women in an ordinary run (fewer where a county has fewer).
const RUN_SIZE: usize = 25;

/// How much training to make.
#[derive(Clone, Copy, Debug)]
pub struct Volume {
    pub enrolments: usize,
}

/// The runs the timed cases use.
#[derive(Clone, Copy, Debug)]
pub struct Made {
    pub county: i64,
    pub province: i64,
    /// An ordinary run of that county (25 women, 21 sessions, all marked).
    pub ordinary_run: i64,
    /// 500 women, 40 sessions, all marked.
    pub full_run: i64,
    /// 30 women, 60 sessions held, none marked.
    pub sheet_run: i64,
    pub sheet_first_session: i64,
    pub seconds: f64,
}

/// Literal rows sent [`ROWS_PER_INSERT`] at a time.
struct Insert {
    head: String,
    sql: String,
    rows: usize,
}

impl Insert {
    fn new(table: &str, columns: &str) -> Insert {
        Insert {
            head: format!("INSERT INTO {table} ({columns}) VALUES "),
            sql: String::new(),
            rows: 0,
        }
    }

    async fn row(&mut self, conn: &mut AnyConnection, values: String) -> Result<()> {
        self.sql
            .push_str(if self.rows == 0 { &self.head } else { ", " });
        self.sql.push('(');
        self.sql.push_str(&values);
        self.sql.push(')');
        self.rows += 1;
        if self.rows == ROWS_PER_INSERT {
            self.flush(conn).await?;
        }
        Ok(())
    }

    async fn flush(&mut self, conn: &mut AnyConnection) -> Result<()> {
        if self.rows > 0 {
            conn.execute(sqlx::AssertSqlSafe(std::mem::take(&mut self.sql)))
                .await?;
            self.rows = 0;
        }
        Ok(())
    }
}

/// One run as drawn, before its rows are written.
struct Run {
    id: i64,
    province: i64,
    county: i64,
    kind: i64,
    provider: i64,
    line: Option<i64>,
    starts: i64,
    sessions: i64,
    women: Vec<i64>,
}

/// Days from 1404-01-01 (day 0), as the dashboard's fill counts them.
struct Days {
    first: JalaliDate,
    today: i64,
}

impl Days {
    fn iso(&self, day: i64) -> String {
        self.first.add_days(day).to_iso_string()
    }
}

const KINDS: [(&str, &str, &str, i64); 8] = [
    ("bench.sewing", "خیاطی", "vocational", 120),
    ("bench.carpet", "قالی‌بافی", "vocational", 90),
    ("bench.cooking", "آشپزی سنتی", "vocational", 60),
    ("bench.marketing", "بازاریابی", "marketing", 24),
    ("bench.money", "سواد مالی", "financial_literacy", 16),
    ("bench.life", "مهارت‌های زندگی", "life_skills", 20),
    ("bench.social", "سرمایه‌ی اجتماعی", "social_capital", 12),
    ("bench.plan", "طرح کسب‌وکار", "business_planning", 30),
];

const PROVIDER_KINDS: [&str; 4] = ["vocational_centre", "institute", "ngo", "behzisti"];

/// Whether an ordinary run was paid for (about a third are).
fn is_paid(run: i64) -> bool {
    run % 3 == 0
}

/// Fills the training of the country at `url` (the dashboard's fill done) and names the runs
/// the timed cases use.
pub async fn fill(url: &str, postgres: bool, volume: Volume, today: JalaliDate) -> Result<Made> {
    use sqlx::Connection;
    let started = Instant::now();
    let mut conn = AnyConnection::connect(url).await?;
    if postgres {
        conn.execute("SET session_replication_role = replica")
            .await?;
    } else {
        conn.execute(
            "PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -1048576",
        )
        .await?;
    }
    let first = JalaliDate::new(1404, 1, 1)?;
    let days = Days {
        first,
        today: first.days_until(today),
    };
    let mut women_of: BTreeMap<i64, (i64, Vec<i64>)> = BTreeMap::new();
    for (id, province, county) in sqlx::query_as::<_, (i64, i64, i64)>(
        "SELECT id, province_id, county_id FROM women ORDER BY county_id, id",
    )
    .fetch_all(&mut conn)
    .await?
    {
        women_of
            .entry(county)
            .or_insert_with(|| (province, Vec::new()))
            .1
            .push(id);
    }
    let total_women: usize = women_of.values().map(|(_, w)| w.len()).sum();
    if total_women < 500 {
        return Err("too few women: run the dashboard's fill first".into());
    }
    let lines: BTreeMap<i64, i64> = sqlx::query_as::<_, (i64, i64)>(
        "SELECT county_id, id FROM budget_lines \
         WHERE category = 'training' AND county_id IS NOT NULL",
    )
    .fetch_all(&mut conn)
    .await?
    .into_iter()
    .collect();
    let transactions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ledger_transactions")
        .fetch_one(&mut conn)
        .await?;
    let mut random = Random::new(0x0054_5241_494e);

    conn.execute("BEGIN").await?;
    let mut kinds = Insert::new(
        "course_kinds",
        "id, code, name, name_en, category, skill_standard_code, hours, min_attendance_percent, \
         final_assessment, active, created_at",
    );
    for (n, (code, name, category, hours)) in KINDS.iter().enumerate() {
        kinds
            .row(
                &mut conn,
                format!(
                    "{}, '{code}', '{name}', '{code}', '{category}', NULL, {hours}, 80, {}, 1, \
                     '{STAMP}'",
                    n + 1,
                    i64::from(n % 3 == 0),
                ),
            )
            .await?;
    }
    kinds.flush(&mut conn).await?;
    let provinces: Vec<i64> = {
        let mut all: Vec<i64> = women_of.values().map(|(p, _)| *p).collect();
        all.sort_unstable();
        all.dedup();
        all
    };
    let mut providers = Insert::new(
        "training_providers",
        "id, province_id, name, name_key, kind, phone, created_by, created_by_name, created_at",
    );
    let mut provider_ids: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    let mut next_provider = 1;
    for province in &provinces {
        for (n, kind) in PROVIDER_KINDS.iter().enumerate() {
            providers
                .row(
                    &mut conn,
                    format!(
                        "{next_provider}, {province}, 'آموزشگاه {n} استان {province}', \
                         'اموزشگاه {n} استان {province}', '{kind}', NULL, NULL, 'سنجش', \
                         '{STAMP}'"
                    ),
                )
                .await?;
            provider_ids
                .entry(*province)
                .or_default()
                .push(next_provider);
            next_provider += 1;
        }
    }
    providers.flush(&mut conn).await?;

    // Runs in every county in proportion to its women: each run is held in the county of a
    // woman drawn from the whole country, and draws consecutive women of that county from a
    // random start (distinct within the run), until the enrolments are made.
    let mut runs = Vec::new();
    let mut enrolled = 0usize;
    let counties: Vec<(i64, i64, &Vec<i64>)> = women_of
        .iter()
        .map(|(county, (province, women))| (*county, *province, women))
        .collect();
    let mut cumulative = Vec::with_capacity(counties.len());
    let mut sum = 0usize;
    for (_, _, women) in &counties {
        sum += women.len();
        cumulative.push(sum);
    }
    while enrolled < volume.enrolments {
        let drawn = random.below(total_women as u64) as usize;
        let (county, province, women) = counties[cumulative.partition_point(|&c| c <= drawn)];
        let size = RUN_SIZE.min(women.len()).min(volume.enrolments - enrolled);
        let start = random.below(women.len() as u64) as usize;
        let chosen = (0..size)
            .map(|k| women[(start + k) % women.len()])
            .collect::<Vec<_>>();
        enrolled += chosen.len();
        runs.push(Run {
            id: runs.len() as i64 + 1,
            province,
            county,
            kind: random.between(1, KINDS.len() as i64),
            provider: *random.pick(&provider_ids[&province]),
            line: lines.get(&county).copied(),
            // A run starts between 1404-01-01 and 70 days before today; its 21 sessions
            // three days apart end before today.
            starts: random.between(0, days.today - 70),
            sessions: SESSIONS,
            women: chosen,
        });
    }
    // The county of the timed cases: the one with the most women.
    let (&county, (province, women)) = women_of
        .iter()
        .max_by_key(|(id, (_, women))| (women.len(), std::cmp::Reverse(**id)))
        .ok_or("no counties")?;
    let (province, women) = (*province, women.clone());
    let ordinary_run = runs
        .iter()
        .find(|run| run.county == county && is_paid(run.id))
        .map(|run| run.id)
        .ok_or("the largest county has no run")?;
    let full_run = runs.len() as i64 + 1;
    let full_women: Vec<i64> = women.iter().copied().take(500).collect();
    runs.push(Run {
        id: full_run,
        province,
        county,
        kind: 1,
        provider: provider_ids[&province][0],
        line: lines.get(&county).copied(),
        starts: days.today - 130,
        sessions: 40,
        women: full_women,
    });
    let sheet_run = runs.len() as i64 + 1;
    let sheet_women: Vec<i64> = women.iter().rev().copied().take(30).collect();
    runs.push(Run {
        id: sheet_run,
        province,
        county,
        kind: 2,
        provider: provider_ids[&province][1],
        line: lines.get(&county).copied(),
        starts: days.today - 2 * 60,
        sessions: 60,
        women: sheet_women,
    });

    let mut run_rows = Insert::new(
        "course_runs",
        "id, province_id, county_id, code, course_kind_id, provider_id, budget_line_id, \
         trainer_name, place, online, capacity, starts_on, ends_on, cancelled_on, created_by, \
         created_by_name, created_at",
    );
    let mut session_rows = Insert::new("course_sessions", "id, run_id, seq, held_on, hours");
    let mut enrolment_rows = Insert::new(
        "enrolments",
        "id, run_id, woman_id, group_id, enrolled_on, status, assessment_passed, completed_on, \
         dropped_on, dropout_reason, skill_certificate_no, certificate_code, enrolled_by, \
         enrolled_by_name, created_at",
    );
    let mut payments = Insert::new(
        "payments",
        "id, budget_line_id, province_id, county_id, payee, payee_kind, amount_rials, spent_on, \
         reference, description, status, idempotency_key, proposed_by, proposed_by_name, \
         proposed_at, decided_by, decided_by_name, decided_at, commit_transaction_id, paid_by, \
         paid_by_name, paid_at, paid_on, pay_transaction_id, course_run_id",
    );
    let (mut next_session, mut next_enrolment, mut next_payment) = (1i64, 1i64, 1i64);
    let mut sheet_first_session = 0;
    for run in &runs {
        // The sheet's sessions are all held by today, two days apart; others three.
        let gap = if run.id == sheet_run { 2 } else { 3 };
        let ends = run.starts + gap * (run.sessions - 1);
        let hours = KINDS[(run.kind - 1) as usize].3;
        let per_session = (hours / run.sessions).clamp(1, 12);
        run_rows
            .row(
                &mut conn,
                format!(
                    "{}, {}, {}, 'B-{}', {}, {}, {}, 'مربی {}', 'سالن آموزش', 0, 500, '{}', \
                     '{}', NULL, NULL, 'سنجش', '{STAMP}'",
                    run.id,
                    run.province,
                    run.county,
                    run.id,
                    run.kind,
                    run.provider,
                    run.line
                        .map_or_else(|| "NULL".to_owned(), |l| l.to_string()),
                    run.id,
                    days.iso(run.starts),
                    days.iso(ends),
                ),
            )
            .await?;
        if run.id == sheet_run {
            sheet_first_session = next_session;
        }
        for seq in 1..=run.sessions {
            session_rows
                .row(
                    &mut conn,
                    format!(
                        "{next_session}, {}, {seq}, '{}', {per_session}",
                        run.id,
                        days.iso(run.starts + gap * (seq - 1)),
                    ),
                )
                .await?;
            next_session += 1;
        }
        let ended = ends < days.today && run.id != sheet_run;
        for woman in &run.women {
            let draw = random.below(100);
            let (status, completed, dropped, reason) = if !ended {
                ("enrolled", "NULL".to_owned(), "NULL".to_owned(), "NULL")
            } else if draw < 75 {
                (
                    "completed",
                    format!("'{}'", days.iso(ends)),
                    "NULL".to_owned(),
                    "NULL",
                )
            } else if draw < 87 {
                (
                    "dropped",
                    "NULL".to_owned(),
                    format!("'{}'", days.iso(run.starts + 9)),
                    "'family'",
                )
            } else {
                ("enrolled", "NULL".to_owned(), "NULL".to_owned(), "NULL")
            };
            enrolment_rows
                .row(
                    &mut conn,
                    format!(
                        "{next_enrolment}, {}, {woman}, NULL, '{}', '{status}', NULL, \
                         {completed}, {dropped}, {reason}, NULL, NULL, NULL, 'سنجش', '{STAMP}'",
                        run.id,
                        days.iso(run.starts - 5),
                    ),
                )
                .await?;
            next_enrolment += 1;
        }
        // About a third of the runs paid for through a payment that names them (two ledger
        // transactions each, while the benchmark's ledger has them to give).
        if let Some(line) = run.line
            && (is_paid(run.id) || run.id >= full_run)
            && 2 * next_payment < transactions
        {
            let amount = 50_000_000 + random.below(200) as i64 * 1_000_000;
            let paid_on = days.iso(ends.min(days.today - 1));
            payments
                .row(
                    &mut conn,
                    format!(
                        "{next_payment}, {line}, {}, {}, 'آموزشگاه', 'course_provider', \
                         {amount}, '{paid_on}', 'B-{next_payment}', 'دوره {}', 'paid', \
                         'bench-pay-{next_payment}', NULL, 'سنجش', '{STAMP}', NULL, 'سنجش', \
                         '{STAMP}', {}, NULL, 'سنجش', '{STAMP}', '{paid_on}', {}, {}",
                        run.province,
                        run.county,
                        run.id,
                        2 * next_payment - 1,
                        2 * next_payment,
                        run.id,
                    ),
                )
                .await?;
            next_payment += 1;
        }
    }
    run_rows.flush(&mut conn).await?;
    session_rows.flush(&mut conn).await?;
    enrolment_rows.flush(&mut conn).await?;
    payments.flush(&mut conn).await?;
    conn.execute("COMMIT").await?;
    println!(
        "{} runs, {} sessions, {} enrolments, {} payments written in {:.1} s",
        runs.len(),
        next_session - 1,
        next_enrolment - 1,
        next_payment - 1,
        started.elapsed().as_secs_f64()
    );

    // Every enrolment marked at every session held by today, but the sheet's: mostly present.
    let marks_started = Instant::now();
    let last_run = runs.len() as i64;
    let today_iso = days.iso(days.today);
    let mut from = 1;
    while from <= last_run {
        let to = (from + RUNS_PER_MARK_SLICE - 1).min(last_run);
        conn.execute("BEGIN").await?;
        conn.execute(sqlx::AssertSqlSafe(format!(
            "INSERT INTO attendance_marks (session_id, enrolment_id, mark, recorded_by, \
             recorded_by_name, recorded_at) \
             SELECT s.id, e.id, CASE WHEN (e.id * 7 + s.seq * 13) % 20 < 17 THEN 'present' \
             WHEN (e.id * 7 + s.seq * 13) % 20 < 19 THEN 'absent' ELSE 'excused' END, \
             NULL, 'سنجش', '{STAMP}' \
             FROM enrolments e JOIN course_sessions s ON s.run_id = e.run_id \
             WHERE e.run_id BETWEEN {from} AND {to} AND e.run_id <> {sheet_run} \
             AND s.held_on <= '{today_iso}'"
        )))
        .await?;
        conn.execute("COMMIT").await?;
        from = to + 1;
    }
    println!(
        "attendance marks written in {:.1} s",
        marks_started.elapsed().as_secs_f64()
    );
    if postgres {
        // Ids were chosen here: the app's next insert must not take one of them.
        for table in [
            "course_kinds",
            "training_providers",
            "course_runs",
            "course_sessions",
            "enrolments",
            "payments",
        ] {
            conn.execute(sqlx::AssertSqlSafe(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT MAX(id) FROM {table}))"
            )))
            .await?;
        }
        conn.execute("VACUUM ANALYZE").await?;
    }
    conn.close().await?;
    Ok(Made {
        county,
        province,
        ordinary_run,
        full_run,
        sheet_run,
        sheet_first_session,
        seconds: started.elapsed().as_secs_f64(),
    })
}
