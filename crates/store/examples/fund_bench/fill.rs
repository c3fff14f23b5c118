//! Fills a database that already holds the dashboard benchmark's country (places, women,
//! groups and their members) with a year of group funds: one open weekly cycle from
//! 1404/09/01 for every group, 52 meetings each with its journal (`fund_entries`) — each
//! member's mark of presence, the shares she bought, her social-fund contribution, fines,
//! repayments of her loan — loans given at the meetings (with guarantors, the first schedule
//! version, the disbursement and fee lines; some repaid late, a few written off by the group),
//! and the cash counted, now and then short (the difference is a line of its own).
//!
//! Like the dashboard's fill it writes with raw SQL on a loader connection (literal
//! multi-row INSERTs, ids chosen here, checks of foreign keys off), drawn from a fixed-seed
//! SplitMix64, so two runs make the same database. The lines are made by a small simulation
//! of each group's box that follows the rules `App::record_fund_meeting` checks (a member
//! holds one loan at a time, at most three times her savings, no more than the cash in the
//! box; repayments no more than she owes) and writes the kinds and signs of
//! `hamyar_domain::fund::journal`, so the use-cases read it as they read their own.
//!
//! The group's book on the ledger (its accounts marked with `fund_group_id`, a balanced
//! transaction per meeting that moved money, one per write-off) is written for the groups of
//! one province only — the benchmark county's — because 2.6 million ledger transactions and
//! their postings for the whole country would take longer to load than the benchmark is
//! worth; the other provinces' meetings and lines carry no ledger transaction.
//!
//! Besides the country's groups, [`BENCH_GROUPS`] groups of 15 members are added in the
//! benchmark county, with the same year of meetings: each timed meeting is the 53rd of one of
//! them (so `--reuse` finds those not yet used).

use std::collections::BTreeMap;
use std::time::Instant;

use hamyar_domain::fund::loan::{schedule, service_fee};
use hamyar_domain::fund::{EntryKind, FundAccount, journal::postings};
use hamyar_domain::{JalaliDate, Rials};
use sqlx::{AnyConnection, Executor};

use super::Result;
use super::fill::Random;

/// Rows of literal values per INSERT statement.
const ROWS_PER_INSERT: usize = 1_000;
/// The instant every `*_at` column gets.
const STAMP: &str = "2026-11-29T06:00:00Z";
/// Meetings of every cycle, a week apart.
pub const MEETINGS: i64 = 52;
/// Groups of 15 members added in the benchmark county for the timed meetings.
pub const BENCH_GROUPS: i64 = 105;
/// Members of those groups.
const BENCH_MEMBERS: usize = 15;
/// A share's value, the most shares a meeting, the social fund's contribution.
pub const SHARE_VALUE: i64 = 500_000;
const MAX_SHARES: i64 = 5;
const SOCIAL: i64 = 100_000;
/// The service fee: 2 %.
const FEE_BASIS_POINTS: u32 = 200;
const LOAN_LIMIT_MULTIPLE: i64 = 3;
/// Cash the box keeps back when lending.
const RESERVE: i64 = 3_000_000;

/// What the timed cases use.
#[derive(Clone, Debug)]
pub struct Made {
    pub county: i64,
    pub province: i64,
    /// The 15-member groups, in id order.
    pub bench_groups: Vec<i64>,
    pub seconds: f64,
}

/// Literal rows sent [`ROWS_PER_INSERT`] at a time.
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
        self.sql
            .push_str(if self.rows == 0 { &self.head } else { ", " });
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

fn opt(value: Option<i64>) -> String {
    value.map_or_else(|| "NULL".to_owned(), |v| v.to_string())
}

/// A group as the fill sees it.
struct Group {
    id: i64,
    province: i64,
    county: i64,
    /// Members: woman, first meeting day index she is a member on, first she is not.
    members: Vec<(i64, i64, i64)>,
}

/// A loan of the simulation.
struct Loan {
    id: i64,
    woman: i64,
    owed: i64,
    paid: i64,
    /// (day index of the due day, cumulative amount due by then).
    due: Vec<(i64, i64)>,
    /// 0 pays on time, 1 pays late, 2 never pays (written off).
    habit: u8,
    /// The row's values up to its state, and its state and day closed once known.
    row: String,
    closed: Option<(&'static str, String)>,
}

/// Every table the fill writes to.
struct Writers {
    cycles: Insert,
    meetings: Insert,
    loans: Insert,
    guarantors: Insert,
    instalments: Insert,
    entries: Insert,
    accounts: Insert,
    transactions: Insert,
    postings: Insert,
}

/// Ids handed out.
struct Ids {
    meeting: i64,
    loan: i64,
    entry: i64,
    account: i64,
    transaction: i64,
}

/// One journal line before it is written: kind, woman, loan, shares, amount.
type Line = (EntryKind, Option<i64>, Option<i64>, i64, i64);

/// Fills the funds of the country at `url` (the dashboard's fill done).
pub async fn fill(url: &str, postgres: bool, today: JalaliDate) -> Result<Made> {
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
    let start = JalaliDate::new(1404, 9, 1)?;
    let ends = JalaliDate::new(1405, 9, 30)?;
    let days: Vec<JalaliDate> = (0..MEETINGS).map(|k| start.add_days(7 * k)).collect();
    let iso: Vec<String> = days.iter().map(JalaliDate::to_iso_string).collect();
    if days[days.len() - 1] >= today {
        return Err("the benchmark's today must fall after the year of meetings".into());
    }
    // The county with the most groups is the benchmark's.
    let (county, province): (i64, i64) = sqlx::query_as(
        "SELECT county_id, province_id FROM hamyar_groups GROUP BY county_id, province_id \
         ORDER BY COUNT(*) DESC, county_id LIMIT 1",
    )
    .fetch_one(&mut conn)
    .await?;
    let women_here: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT id FROM women WHERE county_id = {county} ORDER BY id"
    )))
    .fetch_all(&mut conn)
    .await?;
    if women_here.len() < BENCH_MEMBERS {
        return Err("too few women in the benchmark county".into());
    }
    let day_index = |text: &str| -> Result<i64> {
        let day = JalaliDate::from_iso_str(text)?;
        // Members are counted on the meeting's day: joined on or before it, left after it.
        Ok(((start.days_until(day) + 6).div_euclid(7)).clamp(-1, MEETINGS + 1))
    };
    let mut groups: BTreeMap<i64, Group> = BTreeMap::new();
    for (id, province, county) in sqlx::query_as::<_, (i64, i64, i64)>(
        "SELECT id, province_id, county_id FROM hamyar_groups ORDER BY id",
    )
    .fetch_all(&mut conn)
    .await?
    {
        groups.insert(
            id,
            Group {
                id,
                province,
                county,
                members: Vec::new(),
            },
        );
    }
    for (group, woman, joined, left) in sqlx::query_as::<_, (i64, i64, String, Option<String>)>(
        "SELECT group_id, woman_id, joined_on, left_on FROM group_members ORDER BY group_id, \
         joined_on, id",
    )
    .fetch_all(&mut conn)
    .await?
    {
        let first = day_index(&joined)?.max(0);
        // Left on day L: a member on the meetings before L only (left_on > day).
        let until = match left {
            Some(left) => {
                let day = JalaliDate::from_iso_str(&left)?;
                (start.days_until(day) + 6).div_euclid(7).clamp(0, MEETINGS)
            }
            None => MEETINGS,
        };
        if let Some(g) = groups.get_mut(&group)
            && !g.members.iter().any(|(w, _, _)| *w == woman)
        {
            g.members.push((woman, first, until));
        }
    }
    let first_group = groups.keys().last().copied().unwrap_or(0) + 1;

    conn.execute("BEGIN").await?;
    // The benchmark's 15-member groups, copied from the county's first group.
    let template: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT MIN(id) FROM hamyar_groups WHERE county_id = {county}"
    )))
    .fetch_one(&mut conn)
    .await?;
    let joined = start.add_days(-30).to_iso_string();
    let mut members = Insert::new(
        "group_members",
        "group_id, woman_id, role, joined_on, left_on, leave_reason, leave_note, created_at, \
         updated_at",
    );
    let mut bench_groups = Vec::new();
    for n in 0..BENCH_GROUPS {
        let id = first_group + n;
        conn.execute(sqlx::AssertSqlSafe(format!(
            "INSERT INTO hamyar_groups (id, code, name, name_key, province_id, county_id, \
             locality, supervising_unit_id, business_field, business_field_other, premises, \
             premises_address, stage, social_worker_id, facilitator_id, notes, version, \
             created_at, updated_at, registered_on, ended_on) \
             SELECT {id}, 'F{id:06}', 'صندوق {id}', 'sanduq {id}', province_id, county_id, \
             locality, supervising_unit_id, business_field, business_field_other, premises, \
             premises_address, 'active', NULL, NULL, '', 1, created_at, updated_at, \
             '{joined}', NULL FROM hamyar_groups WHERE id = {template}"
        )))
        .await?;
        let mut group = Group {
            id,
            province,
            county,
            members: Vec::new(),
        };
        for seat in 0..BENCH_MEMBERS {
            let woman = women_here[(n as usize * BENCH_MEMBERS + seat) % women_here.len()];
            let role = ["head", "treasurer", "secretary"]
                .get(seat)
                .unwrap_or(&"member");
            members
                .row(
                    &mut conn,
                    format!(
                        "{id}, {woman}, '{role}', '{joined}', NULL, NULL, '', '{STAMP}', \
                         '{STAMP}'"
                    ),
                )
                .await?;
            group.members.push((woman, 0, MEETINGS));
        }
        groups.insert(id, group);
        bench_groups.push(id);
    }
    members.flush(&mut conn).await?;

    let mut ids = Ids {
        meeting: 1,
        loan: 1,
        entry: 1,
        account: sqlx::query_scalar::<_, i64>("SELECT COALESCE(MAX(id), 0) FROM ledger_accounts")
            .fetch_one(&mut conn)
            .await?
            + 1,
        transaction: sqlx::query_scalar::<_, i64>(
            "SELECT COALESCE(MAX(id), 0) FROM ledger_transactions",
        )
        .fetch_one(&mut conn)
        .await?
            + 1,
    };
    let first_account = ids.account;
    let mut w = Writers {
        cycles: Insert::new(
            "fund_cycles",
            "id, group_id, province_id, county_id, number, starts_on, ends_on, \
             share_value_rials, max_shares, meeting_every, fee_basis_points, \
             loan_limit_multiple, max_term_months, social_rials, rules, state, shared_out_on, \
             created_by, created_by_name, created_at",
        ),
        meetings: Insert::new(
            "fund_meetings",
            "id, cycle_id, group_id, province_id, county_id, number, held_on, \
             cash_before_rials, cash_expected_rials, cash_counted_rials, difference_rials, \
             ledger_transaction_id, idempotency_key, note, recorded_by, recorded_by_name, \
             recorded_at",
        ),
        loans: Insert::new(
            "fund_loans",
            "id, cycle_id, group_id, woman_id, province_id, county_id, meeting_id, \
             disbursed_on, principal_rials, fee_rials, term_months, allocation, lottery_id, \
             state, closed_on, write_off_reason",
        ),
        guarantors: Insert::new("fund_loan_guarantors", "loan_id, woman_id"),
        instalments: Insert::new(
            "fund_instalments",
            "loan_id, version, effective_on, number, due_on, amount_rials, reason",
        ),
        entries: Insert::new(
            "fund_entries",
            "id, group_id, cycle_id, province_id, county_id, meeting_id, loan_id, woman_id, \
             kind, shares, amount_rials, happened_on, ledger_transaction_id",
        ),
        accounts: Insert::new(
            "ledger_accounts",
            "id, code, name_fa, name_en, kind, province_id, county_id, created_at, \
             fund_group_id",
        ),
        transactions: Insert::new(
            "ledger_transactions",
            "id, idempotency_key, effective_on, description, reverses_id, recorded_by, \
             recorded_by_name, recorded_at, province_id, county_id",
        ),
        postings: Insert::new(
            "ledger_postings",
            "transaction_id, account_id, amount_rials, effective_on",
        ),
    };
    let mut random = Random::new(0x4655_4e44_5321);
    let ends_iso = ends.to_iso_string();
    let mut done = 0usize;
    for group in groups.values() {
        let cycle = group.id;
        w.cycles
            .row(
                &mut conn,
                format!(
                    "{cycle}, {}, {}, {}, 1, '{}', '{ends_iso}', {SHARE_VALUE}, {MAX_SHARES}, \
                     'weekly', {FEE_BASIS_POINTS}, {LOAN_LIMIT_MULTIPLE}, 6, {SOCIAL}, \
                     'قواعد آزمون', 'open', NULL, NULL, 'بنچمارک', '{STAMP}'",
                    group.id, group.province, group.county, iso[0]
                ),
            )
            .await?;
        let ledger = group.province == province;
        simulate(
            &mut conn,
            &mut w,
            &mut ids,
            &mut random,
            group,
            &days,
            &iso,
            ledger,
        )
        .await?;
        done += 1;
        if done.is_multiple_of(10_000) {
            println!(
                "  funds: {done} groups, {} lines in {:.1} s",
                w.entries.total,
                started.elapsed().as_secs_f64()
            );
        }
    }
    for insert in [
        &mut w.cycles,
        &mut w.meetings,
        &mut w.loans,
        &mut w.guarantors,
        &mut w.instalments,
        &mut w.entries,
        &mut w.accounts,
        &mut w.transactions,
        &mut w.postings,
    ] {
        insert.flush(&mut conn).await?;
    }
    conn.execute(sqlx::AssertSqlSafe(format!(
        "INSERT INTO ledger_balances (account_id, balance_rials, posting_count) \
         SELECT account_id, SUM(amount_rials), COUNT(*) FROM ledger_postings \
         WHERE account_id >= {first_account} GROUP BY account_id"
    )))
    .await?;
    conn.execute("COMMIT").await?;
    println!(
        "  funds written: {} lines, {} meetings, {} loans, {} ledger transactions in {:.1} s",
        w.entries.total,
        w.meetings.total,
        w.loans.total,
        w.transactions.total,
        started.elapsed().as_secs_f64()
    );
    if postgres {
        for table in [
            "hamyar_groups",
            "group_members",
            "fund_cycles",
            "fund_meetings",
            "fund_loans",
            "fund_entries",
            "ledger_accounts",
            "ledger_transactions",
            "ledger_postings",
        ] {
            conn.execute(sqlx::AssertSqlSafe(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT MAX(id) FROM {table}))"
            )))
            .await?;
        }
        conn.execute("VACUUM ANALYZE").await?;
    } else {
        conn.execute("ANALYZE").await?;
    }
    conn.close().await?;
    Ok(Made {
        county,
        province,
        bench_groups,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// A year of one group's meetings.
#[allow(clippy::too_many_arguments)]
async fn simulate(
    conn: &mut AnyConnection,
    w: &mut Writers,
    ids: &mut Ids,
    random: &mut Random,
    group: &Group,
    days: &[JalaliDate],
    iso: &[String],
    ledger: bool,
) -> Result<()> {
    let cycle = group.id;
    let place = format!("{}, {}", group.province, group.county);
    let mut cash: i64 = 0;
    let mut savings: BTreeMap<i64, i64> = BTreeMap::new();
    let mut loans: Vec<Loan> = Vec::new();
    let mut accounts: BTreeMap<FundAccount, i64> = BTreeMap::new();
    for k in 0..MEETINGS {
        let day = &iso[k as usize];
        let meeting = ids.meeting;
        ids.meeting += 1;
        let cash_before = cash;
        let mut lines: Vec<Line> = Vec::new();
        let here: Vec<i64> = group
            .members
            .iter()
            .filter(|(_, from, until)| *from <= k && k < *until)
            .map(|(w, _, _)| *w)
            .collect();
        let mut present = Vec::new();
        for &woman in &here {
            let came = random.chance(88);
            lines.push((
                if came {
                    EntryKind::Present
                } else {
                    EntryKind::Absent
                },
                Some(woman),
                None,
                0,
                0,
            ));
            if !came {
                continue;
            }
            present.push(woman);
            if random.chance(90) {
                let shares = random.between(1, MAX_SHARES);
                let value = shares * SHARE_VALUE;
                cash += value;
                *savings.entry(woman).or_default() += value;
                lines.push((EntryKind::Savings, Some(woman), None, shares, value));
            }
            if random.chance(25) {
                cash += SOCIAL;
                lines.push((EntryKind::Social, Some(woman), None, 0, SOCIAL));
            }
            if random.chance(2) {
                cash += 50_000;
                lines.push((EntryKind::Fine, Some(woman), None, 0, 50_000));
            }
            if let Some(loan) = loans
                .iter_mut()
                .find(|l| l.woman == woman && l.paid < l.owed)
            {
                let due = loan
                    .due
                    .iter()
                    .take_while(|(d, _)| *d <= k * 7)
                    .last()
                    .map_or(0, |(_, sum)| *sum);
                let pays = match loan.habit {
                    0 => true,
                    1 => random.chance(35),
                    _ => false,
                };
                if pays && due > loan.paid {
                    let amount = (due - loan.paid).min(loan.owed - loan.paid);
                    loan.paid += amount;
                    cash += amount;
                    lines.push((EntryKind::Repayment, Some(woman), Some(loan.id), 0, amount));
                }
            }
        }
        // The cash counted: now and then short.
        let expected_before_loans = cash;
        let mut new_loans = Vec::new();
        // About one loan a month, to a member present without one, within the rules.
        if k % 4 == 2 && !present.is_empty() && random.chance(75) {
            let woman = *random.pick(&present);
            let saved = savings.get(&woman).copied().unwrap_or(0);
            let limit = (saved * LOAN_LIMIT_MULTIPLE).min(cash - RESERVE);
            let has_one = loans.iter().any(|l| l.woman == woman && l.paid < l.owed);
            if !has_one && limit >= 2_000_000 {
                let principal = (random.between(2_000_000, limit) / 100_000) * 100_000;
                let term = *random.pick(&[3u8, 4, 6]);
                let fee = service_fee(Rials::new(principal), FEE_BASIS_POINTS).value();
                let id = ids.loan;
                ids.loan += 1;
                let when = days[k as usize];
                let instalments = schedule(Rials::new(principal + fee), term, when);
                let mut due = Vec::new();
                let mut sum = 0;
                for instalment in &instalments {
                    sum += instalment.amount.value();
                    due.push((days[0].days_until(instalment.due_on), sum));
                    w.instalments
                        .row(
                            conn,
                            format!(
                                "{id}, 1, '{day}', {}, '{}', {}, ''",
                                instalment.number,
                                instalment.due_on.to_iso_string(),
                                instalment.amount.value()
                            ),
                        )
                        .await?;
                }
                let others: Vec<i64> = here.iter().copied().filter(|w| *w != woman).collect();
                let mut guarantors: Vec<i64> = Vec::new();
                for _ in 0..others.len().min(2) {
                    let g = *random.pick(&others);
                    if !guarantors.contains(&g) {
                        guarantors.push(g);
                    }
                }
                for g in &guarantors {
                    w.guarantors.row(conn, format!("{id}, {g}")).await?;
                }
                let roll = random.below(100);
                let habit = if roll < 3 {
                    2
                } else if roll < 20 {
                    1
                } else {
                    0
                };
                cash -= principal;
                new_loans.push((id, woman, principal, fee));
                loans.push(Loan {
                    id,
                    woman,
                    owed: principal + fee,
                    paid: 0,
                    due,
                    habit,
                    row: format!(
                        "{id}, {cycle}, {}, {woman}, {place}, {meeting}, '{day}', {principal}, \
                         {fee}, {term}, 'turn', NULL",
                        group.id
                    ),
                    closed: None,
                });
            }
        }
        let mut counted = cash;
        if random.chance(2) {
            counted = (cash - random.between(1, 5) * 10_000).max(0);
        }
        let difference = counted - cash;
        if difference != 0 {
            lines.push((EntryKind::CashDifference, None, None, 0, difference));
            cash = counted;
        }
        for &(id, woman, principal, fee) in &new_loans {
            lines.push((EntryKind::Disbursement, Some(woman), Some(id), 0, principal));
            if fee > 0 {
                lines.push((EntryKind::Fee, Some(woman), Some(id), 0, fee));
            }
        }
        let key = format!("fund.meeting.{}.bench-{}", group.id, k + 1);
        let transaction = if ledger {
            post(
                conn,
                w,
                ids,
                group,
                &mut accounts,
                &key,
                day,
                &format!("جلسهٔ {} صندوق گروه {}", k + 1, group.id),
                &lines,
            )
            .await?
        } else {
            None
        };
        w.meetings
            .row(
                conn,
                format!(
                    "{meeting}, {cycle}, {}, {place}, {}, '{day}', {cash_before}, \
                     {expected}, {counted}, {difference}, {}, '{key}', '', NULL, 'بنچمارک', \
                     '{STAMP}'",
                    group.id,
                    k + 1,
                    opt(transaction),
                    expected = expected_before_loans - new_loans.iter().map(|l| l.2).sum::<i64>(),
                ),
            )
            .await?;
        for (kind, woman, loan, shares, amount) in &lines {
            entry(
                conn,
                w,
                ids,
                group,
                Some(meeting),
                (*kind, *woman, *loan, *shares, *amount),
                day,
                transaction,
            )
            .await?;
        }
        // Loans that never pay are written off by the group once three months late.
        for loan in loans.iter_mut().filter(|l| l.habit == 2 && l.paid < l.owed) {
            if loan.due.first().is_some_and(|(d, _)| *d + 90 <= k * 7) {
                let left = loan.owed - loan.paid;
                loan.paid = loan.owed;
                let key = format!("fund.write_off.{}", loan.id);
                let line = (
                    EntryKind::WriteOff,
                    Some(loan.woman),
                    Some(loan.id),
                    0,
                    left,
                );
                let transaction = if ledger {
                    post(
                        conn,
                        w,
                        ids,
                        group,
                        &mut accounts,
                        &key,
                        day,
                        &format!("سوخت وام {} صندوق گروه {}", loan.id, group.id),
                        &[line],
                    )
                    .await?
                } else {
                    None
                };
                entry(conn, w, ids, group, None, line, day, transaction).await?;
                loan.closed = Some(("written_off", day.clone()));
            }
        }
        // Loans paid off at this meeting are closed as repaid.
        for loan in loans.iter_mut().filter(|l| l.closed.is_none()) {
            let repaid_now = lines
                .iter()
                .any(|(kind, _, id, _, _)| *kind == EntryKind::Repayment && *id == Some(loan.id));
            if repaid_now && loan.paid == loan.owed {
                loan.closed = Some(("repaid", day.clone()));
            }
        }
        if cash < 0 {
            return Err(format!("group {} went below zero cash", group.id).into());
        }
    }
    for loan in &loans {
        let end = match &loan.closed {
            Some(("written_off", on)) => {
                format!("'written_off', '{on}', 'تصمیم گروه: وصول‌نشدنی'")
            }
            Some((state, on)) => format!("'{state}', '{on}', NULL"),
            None => "'active', NULL, NULL".to_owned(),
        };
        w.loans.row(conn, format!("{}, {end}", loan.row)).await?;
    }
    Ok(())
}

/// Writes one journal line.
#[allow(clippy::too_many_arguments)]
async fn entry(
    conn: &mut AnyConnection,
    w: &mut Writers,
    ids: &mut Ids,
    group: &Group,
    meeting: Option<i64>,
    (kind, woman, loan, shares, amount): Line,
    day: &str,
    transaction: Option<i64>,
) -> Result<()> {
    let id = ids.entry;
    ids.entry += 1;
    w.entries
        .row(
            conn,
            format!(
                "{id}, {}, {}, {}, {}, {}, {}, {}, '{}', {shares}, {amount}, '{day}', {}",
                group.id,
                group.id,
                group.province,
                group.county,
                opt(meeting),
                opt(loan),
                opt(woman),
                kind.code(),
                opt(transaction)
            ),
        )
        .await
}

/// Posts lines as one balanced transaction on the group's book, making accounts as needed.
#[allow(clippy::too_many_arguments)]
async fn post(
    conn: &mut AnyConnection,
    w: &mut Writers,
    ids: &mut Ids,
    group: &Group,
    accounts: &mut BTreeMap<FundAccount, i64>,
    key: &str,
    day: &str,
    description: &str,
    lines: &[Line],
) -> Result<Option<i64>> {
    let book: Vec<(EntryKind, i64, i64)> = lines
        .iter()
        .map(|(kind, woman, _, _, amount)| (*kind, woman.unwrap_or_default(), *amount))
        .collect();
    let sums = postings(&book);
    if sums.is_empty() {
        return Ok(None);
    }
    let id = ids.transaction;
    ids.transaction += 1;
    w.transactions
        .row(
            conn,
            format!(
                "{id}, '{key}', '{day}', '{description}', NULL, NULL, 'بنچمارک', '{STAMP}', \
                 {}, {}",
                group.province, group.county
            ),
        )
        .await?;
    for (account, amount) in sums {
        let account_id = match accounts.get(&account) {
            Some(id) => *id,
            None => {
                let account_id = ids.account;
                ids.account += 1;
                let (fa, en) = account.names();
                // "Member's savings": a quote in a literal is doubled.
                let en = en.replace('\'', "''");
                let suffix = match account {
                    FundAccount::Savings(woman) => format!("{woman}"),
                    _ => format!("گروه {}", group.id),
                };
                w.accounts
                    .row(
                        conn,
                        format!(
                            "{account_id}, 'fund.{}.{}', '{fa} — {suffix}', '{en} — {suffix}', \
                             '{}', {}, {}, '{STAMP}', {}",
                            group.id,
                            account.code(),
                            account.kind(),
                            group.province,
                            group.county,
                            group.id
                        ),
                    )
                    .await?;
                accounts.insert(account, account_id);
                account_id
            }
        };
        w.postings
            .row(conn, format!("{id}, {account_id}, {amount}, '{day}'"))
            .await?;
    }
    Ok(Some(id))
}
