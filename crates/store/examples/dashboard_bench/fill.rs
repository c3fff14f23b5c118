//! Fills a freshly migrated database with a country's worth of programme data for the
//! dashboard benchmark, as fast as the engine takes it: women, their coverage episodes,
//! groups with a consistent stage history, memberships, visits, business months, a year's
//! budget lines with their ledger accounts, millions of balanced ledger postings and grants.
//!
//! It owns nothing the application reads back except through the schema: every row goes in
//! with raw SQL on a connection of its own (literal multi-row INSERTs in large transactions),
//! because going through the use-cases would take hours at this volume and the dashboard
//! only reads. The entities are drawn in Rust from a fixed-seed SplitMix64, so two runs make
//! the same database; the ledger is generated inside the engine (a recursive series on
//! SQLite, `generate_series` on PostgreSQL) with integer hashes of the transaction number,
//! and the kept balances are summed from the postings afterwards, so the ledger verifies.

use std::time::Instant;

use hamyar_domain::JalaliDate;
use sqlx::{AnyConnection, Executor};

use super::Result;

/// How much to make.
#[derive(Clone, Copy, Debug)]
pub struct Volume {
    pub women: usize,
    pub groups: usize,
    pub transactions: usize,
}

/// Rows of literal values per INSERT statement.
const ROWS_PER_INSERT: usize = 1_000;
/// Ledger transactions generated per statement (and per write transaction).
const LEDGER_CHUNK: usize = 250_000;
/// The instant every `*_at` column gets.
const STAMP: &str = "2026-11-29T06:00:00Z";

/// SplitMix64: small, fast and the same on every machine.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..bound`.
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low + 1) as u64) as i64
    }

    /// True with `percent` chance in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// A text literal (the texts here are our own, but a quote must still be doubled).
fn text(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

fn opt_text(value: Option<&str>) -> String {
    value.map_or_else(|| "NULL".to_owned(), text)
}

/// Gathers literal rows and sends them [`ROWS_PER_INSERT`] at a time.
struct Insert {
    head: String,
    sql: String,
    rows: usize,
    total: usize,
}

impl Insert {
    fn new(table: &str, columns: &str) -> Insert {
        Insert {
            head: format!("INSERT INTO {table} ({columns}) VALUES "),
            sql: String::new(),
            rows: 0,
            total: 0,
        }
    }

    async fn row(&mut self, conn: &mut AnyConnection, values: String) -> Result<()> {
        if self.rows == 0 {
            self.sql.push_str(&self.head);
        } else {
            self.sql.push_str(", ");
        }
        self.sql.push('(');
        self.sql.push_str(&values);
        self.sql.push(')');
        self.rows += 1;
        self.total += 1;
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

/// A county and its province.
#[derive(Clone, Copy)]
struct County {
    id: i64,
    province: i64,
}

/// The days of the story: day 0 is 1404-01-01, `today` the benchmark's fixed today.
struct Days {
    first: JalaliDate,
    year_start: i64,
    today: i64,
}

impl Days {
    fn new(today: JalaliDate) -> Result<Days> {
        let first = JalaliDate::new(1404, 1, 1)?;
        let start = JalaliDate::new(1405, 1, 1)?;
        Ok(Days {
            first,
            year_start: first.days_until(start),
            today: first.days_until(today),
        })
    }

    fn iso(&self, day: i64) -> String {
        self.first.add_days(day).to_iso_string()
    }
}

/// The tables the fill writes, in the order they are counted for the report.
pub const TABLES: [&str; 19] = [
    "women",
    "coverage_episodes",
    "hamyar_groups",
    "group_stage_history",
    "group_members",
    "group_visits",
    "group_business_months",
    "budget_lines",
    "ledger_accounts",
    "ledger_transactions",
    "ledger_postings",
    "ledger_balances",
    "grants",
    "grant_tranches",
    "places",
    "dashboard_events",
    "dashboard_tallies",
    "ledger_account_months",
    "ledger_account_days",
];

/// Fills the database at `url` (migrated, places seeded) and returns the time it took.
pub async fn fill(url: &str, postgres: bool, volume: Volume, today: JalaliDate) -> Result<f64> {
    use sqlx::Connection;
    let started = Instant::now();
    let mut conn = AnyConnection::connect(url).await?;
    // A loader's connection: no sync (SQLite), no foreign-key checks, a large page cache. The
    // rows are made to be consistent (and a child's batch may be sent before its parents');
    // the app's own connections keep their settings. No table has an INSERT trigger.
    if postgres {
        conn.execute("SET session_replication_role = replica")
            .await?;
    } else {
        conn.execute(
            "PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -1048576",
        )
        .await?;
    }
    let days = Days::new(today)?;
    let counties: Vec<County> = sqlx::query_as::<_, (i64, i64)>(
        "SELECT id, parent_id FROM places WHERE kind = 'county' ORDER BY id",
    )
    .fetch_all(&mut conn)
    .await?
    .into_iter()
    .map(|(id, province)| County { id, province })
    .collect();
    let provinces: Vec<i64> =
        sqlx::query_scalar::<_, i64>("SELECT id FROM places WHERE kind = 'province' ORDER BY id")
            .fetch_all(&mut conn)
            .await?;
    if counties.is_empty() {
        return Err("no counties: seed the reference places first".into());
    }
    let mut random = Random::new(0x4841_4d59_4152);

    conn.execute("BEGIN").await?;
    let women_places = women(&mut conn, &mut random, &counties, &days, volume).await?;
    let groups = groups(&mut conn, &mut random, &counties, &days, volume).await?;
    group_life(&mut conn, &mut random, &groups, &days, volume).await?;
    let lines = budget(&mut conn, &counties, &provinces).await?;
    grants(
        &mut conn,
        &mut random,
        &groups,
        &women_places,
        &lines,
        &days,
    )
    .await?;
    conn.execute("COMMIT").await?;
    println!(
        "registry, groups and budget lines written in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    ledger(&mut conn, postgres, &lines, &days, volume).await?;
    if postgres {
        // What autovacuum does on its own after a load this size (statistics, and the
        // visibility map without which no index-only scan is taken), done now rather than
        // whenever it wakes.
        conn.execute("VACUUM ANALYZE").await?;
    }
    conn.close().await?;
    Ok(started.elapsed().as_secs_f64())
}

async fn women(
    conn: &mut AnyConnection,
    random: &mut Random,
    counties: &[County],
    days: &Days,
    volume: Volume,
) -> Result<Vec<County>> {
    let mut women = Insert::new(
        "women",
        "id, national_id, first_name, last_name, father_name, name_key, name_key_reversed, \
         birth_date, mobile, province_id, county_id, locality, settlement, address, education, \
         skills, sheba, headship_cause, income_decile, notes, social_worker_id, \
         coverage_status, household_size, merged_into, version, created_at, updated_at",
    );
    let mut episodes = Insert::new(
        "coverage_episodes",
        "woman_id, status, exit_reason, started_on, decided_by, decided_by_name, reason, \
         recorded_at",
    );
    // Counties are not equal: a few large ones carry much of the load.
    let weights: Vec<u64> = counties
        .iter()
        .map(|_| 1 + random.below(4) * random.below(4))
        .collect();
    let weight_sum: u64 = weights.iter().sum();
    let mut places = Vec::with_capacity(volume.women);
    const STATUSES: [(&str, u64); 5] = [
        ("applicant", 10),
        ("waiting_list", 20),
        ("covered", 35),
        ("pensioner", 25),
        ("exited", 10),
    ];
    const EXITS: [&str; 5] = ["empowered", "empowered", "moved", "remarried", "other"];
    for n in 1..=volume.women {
        let mut pick = random.below(weight_sum);
        let mut county = counties[0];
        for (index, weight) in weights.iter().enumerate() {
            if pick < *weight {
                county = counties[index];
                break;
            }
            pick -= weight;
        }
        places.push(county);
        let mut roll = random.below(100);
        let mut status = "covered";
        for (code, share) in STATUSES {
            if roll < share {
                status = code;
                break;
            }
            roll -= share;
        }
        let name = format!("آزمون {n}");
        women
            .row(
                conn,
                format!(
                    "{n}, '{:010}', 'زن', {}, NULL, {}, {}, '{}', NULL, {}, {}, 'مرکز', 'urban', \
                     'نشانی', NULL, '', NULL, 'widow', NULL, '', NULL, '{status}', {}, NULL, 1, \
                     '{STAMP}', '{STAMP}'",
                    1_000_000_000 + n * 7,
                    text(&name),
                    text(&format!("zan azmun {n}")),
                    text(&format!("azmun {n} zan")),
                    days.first
                        .add_days(-random.between(7_000, 20_000))
                        .to_iso_string(),
                    county.province,
                    county.id,
                    random.between(1, 6),
                ),
            )
            .await?;
        // The episode that gave her today's status; an exit follows a coverage.
        let started = random.between(0, days.today);
        if status == "exited" {
            let covered = random.between(0, started);
            episodes
                .row(conn, episode(n, "covered", None, &days.iso(covered)))
                .await?;
            let reason = *random.pick(&EXITS);
            episodes
                .row(conn, episode(n, "exited", Some(reason), &days.iso(started)))
                .await?;
        } else {
            episodes
                .row(conn, episode(n, status, None, &days.iso(started)))
                .await?;
        }
    }
    women.flush(conn).await?;
    episodes.flush(conn).await?;
    Ok(places)
}

fn episode(woman: usize, status: &str, exit: Option<&str>, on: &str) -> String {
    format!(
        "{woman}, '{status}', {}, '{on}', NULL, 'بنچمارک', '', '{STAMP}'",
        opt_text(exit)
    )
}

/// What the rest of the fill needs of a group.
struct Group {
    id: i64,
    county: County,
    registered_on: Option<i64>,
    ended_on: Option<i64>,
    first_day: i64,
}

/// Stage paths of 3 to 6 moves; together they reach every stage.
const PATHS: [&[&str]; 8] = [
    &["identified", "trained", "registered"],
    &["identified", "trained", "registered", "funded"],
    &["identified", "trained", "registered", "funded", "active"],
    &[
        "identified",
        "trained",
        "registered",
        "funded",
        "active",
        "inactive",
    ],
    &[
        "identified",
        "trained",
        "registered",
        "active",
        "inactive",
        "reactivated",
    ],
    &[
        "identified",
        "trained",
        "registered",
        "funded",
        "active",
        "graduated",
    ],
    &["identified", "trained", "registered", "active", "dissolved"],
    &["identified", "trained", "dissolved"],
];

const FOLLOWED: [&str; 5] = ["registered", "funded", "active", "inactive", "reactivated"];
const ENDS: [&str; 2] = ["dissolved", "graduated"];

async fn groups(
    conn: &mut AnyConnection,
    random: &mut Random,
    counties: &[County],
    days: &Days,
    volume: Volume,
) -> Result<Vec<Group>> {
    let mut groups = Insert::new(
        "hamyar_groups",
        "id, code, name, name_key, province_id, county_id, locality, supervising_unit_id, \
         business_field, business_field_other, premises, premises_address, stage, \
         social_worker_id, facilitator_id, notes, version, created_at, updated_at, \
         registered_on, ended_on",
    );
    let mut history = Insert::new(
        "group_stage_history",
        "group_id, stage, inactive_reason, note, effective_on, decided_by, decided_by_name, \
         recorded_at",
    );
    const FIELDS: [&str; 6] = [
        "tailoring",
        "carpet_kilim",
        "handicrafts",
        "bread_pastry",
        "greenhouse",
        "livestock",
    ];
    let mut made = Vec::with_capacity(volume.groups);
    for n in 1..=volume.groups as i64 {
        let county = *random.pick(counties);
        let path = *random.pick(&PATHS);
        // Moves 10 to 60 days apart, the last no later than today.
        let gaps: Vec<i64> = (1..path.len()).map(|_| random.between(10, 60)).collect();
        let span: i64 = gaps.iter().sum();
        let mut day = random.between(0, days.today - span);
        let (mut registered_on, mut ended_on) = (None, None);
        let first_day = day;
        for (index, stage) in path.iter().enumerate() {
            if index > 0 {
                day += gaps[index - 1];
            }
            if registered_on.is_none() && ended_on.is_none() && FOLLOWED.contains(stage) {
                registered_on = Some(day);
            }
            if ended_on.is_none() && ENDS.contains(stage) {
                ended_on = Some(day);
            }
            let reason = (*stage == "inactive").then_some("market");
            history
                .row(
                    conn,
                    format!(
                        "{n}, '{stage}', {}, '', '{}', NULL, 'بنچمارک', '{STAMP}'",
                        opt_text(reason),
                        days.iso(day)
                    ),
                )
                .await?;
        }
        let stage = path[path.len() - 1];
        let iso = |day: Option<i64>| opt_text(day.map(|d| days.iso(d)).as_deref());
        groups
            .row(
                conn,
                format!(
                    "{n}, 'B{n:06}', {}, {}, {}, {}, 'مرکز', NULL, '{}', '', 'home', '', \
                     '{stage}', NULL, NULL, '', 1, '{STAMP}', '{STAMP}', {}, {}",
                    text(&format!("گروه {n}")),
                    text(&format!("guruh {n}")),
                    county.province,
                    county.id,
                    random.pick(&FIELDS),
                    iso(registered_on),
                    iso(ended_on),
                ),
            )
            .await?;
        made.push(Group {
            id: n,
            county,
            registered_on,
            ended_on,
            first_day,
        });
    }
    groups.flush(conn).await?;
    history.flush(conn).await?;
    Ok(made)
}

/// Members, visits and business months.
async fn group_life(
    conn: &mut AnyConnection,
    random: &mut Random,
    groups: &[Group],
    days: &Days,
    volume: Volume,
) -> Result<()> {
    let mut members = Insert::new(
        "group_members",
        "group_id, woman_id, role, joined_on, left_on, leave_reason, leave_note, created_at, \
         updated_at",
    );
    let mut visits = Insert::new(
        "group_visits",
        "group_id, visited_on, visitor_id, visitor_name, purpose, findings, referrals, \
         referral_other, follow_up_due, follow_up_done_on, follow_up_note, recorded_by, \
         recorded_by_name, recorded_at",
    );
    let mut business = Insert::new(
        "group_business_months",
        "group_id, year, month, revenue_rials, costs_rials, profit_rials, members_working, \
         people_hired, channels, channel_other, recorded_by, recorded_by_name, recorded_at",
    );
    const ROLES: [&str; 4] = ["head", "treasurer", "secretary", "member"];
    for group in groups {
        let last = group.ended_on.unwrap_or(days.today);
        for seat in 0..random.between(4, 8) {
            let joined = random.between(group.first_day, last);
            let left = random
                .chance(15)
                .then(|| random.between(joined, days.today));
            members
                .row(
                    conn,
                    format!(
                        "{}, {}, '{}', '{}', {}, {}, '', '{STAMP}', '{STAMP}'",
                        group.id,
                        random.between(1, volume.women as i64),
                        ROLES[(seat as usize).min(3)],
                        days.iso(joined),
                        opt_text(left.map(|d| days.iso(d)).as_deref()),
                        opt_text(left.map(|_| "moved")),
                    ),
                )
                .await?;
        }
        let Some(registered) = group.registered_on else {
            continue;
        };
        // About four visits a year while the group is followed.
        let followed = (last - registered).max(1);
        let count = (followed * 4 + random.between(0, 364)) / 365;
        for _ in 0..count {
            visits
                .row(
                    conn,
                    format!(
                        "{}, '{}', NULL, 'کارشناس', 'routine', '', '', '', NULL, NULL, '', \
                         NULL, 'بنچمارک', '{STAMP}'",
                        group.id,
                        days.iso(random.between(registered, last))
                    ),
                )
                .await?;
        }
        // Business months from 1404/07 to this month, most of them reported.
        let first_month = month_of(days, registered).max(140407);
        let last_month = month_of(days, last);
        let mut key = first_month;
        while key <= last_month {
            if random.chance(85) {
                let revenue = random.between(10, 900) * 1_000_000;
                let costs = random.between(5, 800) * 1_000_000;
                business
                    .row(
                        conn,
                        format!(
                            "{}, {}, {}, {revenue}, {costs}, {}, {}, {}, 'local', '', NULL, \
                             'بنچمارک', '{STAMP}'",
                            group.id,
                            key / 100,
                            key % 100,
                            revenue - costs,
                            random.between(2, 8),
                            random.between(0, 2),
                        ),
                    )
                    .await?;
            }
            key = if key % 100 == 12 { key + 89 } else { key + 1 };
        }
    }
    members.flush(conn).await?;
    visits.flush(conn).await?;
    business.flush(conn).await?;
    Ok(())
}

fn month_of(days: &Days, day: i64) -> i64 {
    let date = days.first.add_days(day);
    i64::from(date.year()) * 100 + i64::from(date.month())
}

/// A budget line and its three accounts.
pub struct Line {
    pub county: Option<i64>,
    pub category: &'static str,
    pub id: i64,
    pub budget: i64,
    pub expense: i64,
    pub commitment: i64,
}

const CATEGORIES: [&str; 5] = [
    "training",
    "job_preparation",
    "grant",
    "strengthening",
    "other",
];

/// Lines of 1405 for every county and every province's own staff, five categories each, and
/// the two accounts the money comes from and goes to.
async fn budget(
    conn: &mut AnyConnection,
    counties: &[County],
    provinces: &[i64],
) -> Result<Vec<Line>> {
    let mut accounts = Insert::new(
        "ledger_accounts",
        "id, code, name_fa, name_en, kind, province_id, county_id, created_at",
    );
    let mut rows = Insert::new(
        "budget_lines",
        "id, fiscal_year, province_id, county_id, place_id, category, budget_account_id, \
         expense_account_id, commitment_account_id, created_by, created_at",
    );
    let mut places: Vec<(i64, Option<i64>)> = provinces.iter().map(|p| (*p, None)).collect();
    places.extend(counties.iter().map(|c| (c.province, Some(c.id))));
    // Account ids above any the chart of accounts may hold.
    let base: i64 = 1_000_000;
    accounts
        .row(
            conn,
            format!(
                "{base}, 'bench.source', 'منبع آزمون', 'bench source', 'equity', NULL, NULL, \
                 '{STAMP}'"
            ),
        )
        .await?;
    accounts
        .row(
            conn,
            format!(
                "{}, 'bench.bank', 'بانک آزمون', 'bench bank', 'asset', NULL, NULL, '{STAMP}'",
                base + 1
            ),
        )
        .await?;
    let mut lines = Vec::new();
    for (province, county) in places {
        for category in CATEGORIES {
            let id = lines.len() as i64 + 1;
            let first = base + 2 + (id - 1) * 3;
            for (offset, (role, kind)) in [
                ("budget", "liability"),
                ("expense", "expense"),
                ("commitment", "liability"),
            ]
            .iter()
            .enumerate()
            {
                accounts
                    .row(
                        conn,
                        format!(
                            "{}, 'bench.line.{id}.{role}', 'حساب ردیف {id}', 'line {id} {role}', \
                             '{kind}', {province}, {}, '{STAMP}'",
                            first + offset as i64,
                            opt_int(county),
                        ),
                    )
                    .await?;
            }
            rows.row(
                conn,
                format!(
                    "{id}, 1405, {province}, {}, {}, '{category}', {first}, {}, {}, NULL, \
                     '{STAMP}'",
                    opt_int(county),
                    county.unwrap_or(province),
                    first + 1,
                    first + 2,
                ),
            )
            .await?;
            lines.push(Line {
                county,
                category,
                id,
                budget: first,
                expense: first + 1,
                commitment: first + 2,
            });
        }
    }
    accounts.flush(conn).await?;
    rows.flush(conn).await?;
    Ok(lines)
}

fn opt_int(value: Option<i64>) -> String {
    value.map_or_else(|| "NULL".to_owned(), |v| v.to_string())
}

/// Grants of 1405 to about a tenth of the groups (and a few women), one to three tranches.
async fn grants(
    conn: &mut AnyConnection,
    random: &mut Random,
    groups: &[Group],
    women: &[County],
    lines: &[Line],
    days: &Days,
) -> Result<()> {
    let mut grants = Insert::new(
        "grants",
        "id, budget_line_id, fiscal_year, province_id, county_id, group_id, woman_id, purpose, \
         total_rials, status, proposed_by, proposed_by_name, proposed_at, updated_at",
    );
    let mut tranches = Insert::new(
        "grant_tranches",
        "grant_id, seq, amount_rials, planned_on, conditions, status, approved_on, paid_on",
    );
    let grant_line = |county: i64| {
        lines
            .iter()
            .find(|l| l.county == Some(county) && l.category == "grant")
            .map(|l| l.id)
            .ok_or("a county without a grant line")
    };
    let mut id = 0;
    for group in groups {
        if !random.chance(10) {
            continue;
        }
        id += 1;
        let to_woman = random.chance(15);
        let (owner, county) = if to_woman {
            let woman = random.below(women.len() as u64) as usize;
            (format!("NULL, {}", woman + 1), women[woman])
        } else {
            (format!("{}, NULL", group.id), group.county)
        };
        let parts = random.between(1, 3);
        let part = random.between(50, 500) * 1_000_000;
        let status = *random.pick(&["open", "open", "closed", "proposed"]);
        grants
            .row(
                conn,
                format!(
                    "{id}, {}, 1405, {}, {}, {owner}, 'سرمایه در گردش', {}, '{status}', NULL, \
                     'بنچمارک', '{STAMP}', '{STAMP}'",
                    grant_line(county.id)?,
                    county.province,
                    county.id,
                    part * parts,
                ),
            )
            .await?;
        for seq in 1..=parts {
            let tranche = match status {
                "proposed" => "proposed",
                "closed" => "paid",
                _ => random.pick(&["approved", "paid", "proposed"]),
            };
            // Approved on its planned day, paid up to a month later (never after today).
            let planned = random.between(days.year_start, days.today);
            let paid = (planned + random.between(0, 30)).min(days.today);
            let approved_on = match tranche {
                "proposed" => "NULL".to_owned(),
                _ => format!("'{}'", days.iso(planned)),
            };
            let paid_on = match tranche {
                "paid" => format!("'{}'", days.iso(paid)),
                _ => "NULL".to_owned(),
            };
            tranches
                .row(
                    conn,
                    format!(
                        "{id}, {seq}, {part}, '{}', '', '{tranche}', {approved_on}, {paid_on}",
                        days.iso(planned)
                    ),
                )
                .await?;
        }
    }
    grants.flush(conn).await?;
    tranches.flush(conn).await?;
    Ok(())
}

/// `volume.transactions` balanced two-posting transactions over the lines' accounts, dated in
/// order from 1405-01-01 to today, then the kept balances summed from them.
async fn ledger(
    conn: &mut AnyConnection,
    postgres: bool,
    lines: &[Line],
    days: &Days,
    volume: Volume,
) -> Result<()> {
    let started = Instant::now();
    conn.execute(
        "CREATE TEMP TABLE bench_lines (idx INTEGER PRIMARY KEY, budget_account BIGINT, \
         expense_account BIGINT, commitment_account BIGINT)",
    )
    .await?;
    conn.execute("CREATE TEMP TABLE bench_days (d INTEGER PRIMARY KEY, iso TEXT NOT NULL)")
        .await?;
    let mut temp = Insert::new(
        "bench_lines",
        "idx, budget_account, expense_account, commitment_account",
    );
    for (idx, line) in lines.iter().enumerate() {
        temp.row(
            conn,
            format!(
                "{idx}, {}, {}, {}",
                line.budget, line.expense, line.commitment
            ),
        )
        .await?;
    }
    temp.flush(conn).await?;
    let span = days.today - days.year_start + 1;
    let mut temp = Insert::new("bench_days", "d, iso");
    for d in 0..span {
        temp.row(conn, format!("{d}, '{}'", days.iso(days.year_start + d)))
            .await?;
    }
    temp.flush(conn).await?;

    let total = volume.transactions as i64;
    let count = lines.len() as i64;
    let (source, bank) = (1_000_000, 1_000_001);
    // Transaction n: a line chosen by a multiplicative hash, a kind by n mod 10 (two in ten
    // allocate budget, four commit, four pay half of an amount), an amount by another hash.
    let parts = format!(
        "n, l.budget_account, l.expense_account, l.commitment_account, d.iso, n % 10 AS kind, \
         1000000 + (n * 48271) % 49000000 AS amount \
         FROM s JOIN bench_lines l ON l.idx = ((n * 2654435761) % 4294967291) % {count} \
         JOIN bench_days d ON d.d = ((n - 1) * {span}) / {total}"
    );
    let mut low = 1;
    while low <= total {
        let high = (low + LEDGER_CHUNK as i64 - 1).min(total);
        let series = if postgres {
            format!("WITH s(n) AS (SELECT generate_series(CAST({low} AS BIGINT), {high}))")
        } else {
            format!(
                "WITH RECURSIVE s(n) AS (SELECT {low} UNION ALL SELECT n + 1 FROM s \
                 WHERE n < {high})"
            )
        };
        conn.execute("BEGIN").await?;
        conn.execute(sqlx::AssertSqlSafe(format!(
            "{series}, t AS (SELECT {parts}) \
             INSERT INTO ledger_transactions (id, idempotency_key, effective_on, description, \
             reverses_id, recorded_by, recorded_by_name, recorded_at, province_id, county_id) \
             SELECT n, 'bench-' || n, iso, 'تراکنش آزمون', NULL, NULL, 'بنچمارک', '{STAMP}', \
             NULL, NULL FROM t"
        )))
        .await?;
        // Each transaction's debit and credit: (debit account, credit account, amount).
        let sides = format!(
            "CASE WHEN kind < 2 THEN {source} WHEN kind < 6 THEN expense_account \
             ELSE commitment_account END, \
             CASE WHEN kind < 2 THEN budget_account WHEN kind < 6 THEN commitment_account \
             ELSE {bank} END, \
             CASE WHEN kind < 6 THEN amount ELSE amount / 2 END"
        );
        conn.execute(sqlx::AssertSqlSafe(format!(
            "{series}, t AS (SELECT {parts}), \
             p (n, debit, credit, amount, iso) AS (SELECT n, {sides}, iso FROM t) \
             INSERT INTO ledger_postings (transaction_id, account_id, amount_rials, effective_on) \
             SELECT n, debit, amount, iso FROM p UNION ALL SELECT n, credit, -amount, iso FROM p"
        )))
        .await?;
        conn.execute("COMMIT").await?;
        low = high + 1;
        if (low - 1) % 1_000_000 == 0 || low > total {
            println!(
                "  ledger: {} transactions in {:.1} s",
                low - 1,
                started.elapsed().as_secs_f64()
            );
        }
    }
    conn.execute("BEGIN").await?;
    conn.execute(
        "INSERT INTO ledger_balances (account_id, balance_rials, posting_count) \
         SELECT account_id, SUM(amount_rials), COUNT(*) FROM ledger_postings GROUP BY account_id",
    )
    .await?;
    conn.execute("COMMIT").await?;
    conn.execute("DROP TABLE bench_lines").await?;
    conn.execute("DROP TABLE bench_days").await?;
    println!(
        "  ledger and balances written in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
