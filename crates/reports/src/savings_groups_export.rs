//! The savings-group report (`App::savings_group_report`) as a file, and the fund's journal
//! it is recomputed from. The report is CSV or XLSX — one table, a row per group, then per
//! county, then one for the whole place, each with the period's totals and the ratios (a
//! percent with two decimals, truncated toward zero as `Ratio::basis_points` is, beside its
//! numerator and denominator, so a reader can divide again) — or JSON: the same rows with the
//! domain's totals and ratios as they are computed. `hamyar report savings-groups` writes it;
//! it is also the quarterly export in the savings-group MIS format. The journal
//! ([`FundJournalCsv`], `hamyar export fund`) is CSV only, written page by page, every line
//! with its ids, kind, shares, amount and day (Gregorian ISO and Jalali).
//!
//! Column headers are stable Latin keys, as in the other report files (a national office
//! and the MIS upload read them); each column's Persian and English name is in [`COLUMNS`]
//! and in the JSON file's `columns`, rows are named in both languages (`name_fa`,
//! `name_en`). Where the SAVIX MIS (the Savings Groups Information Exchange, VSL
//! Associates) has a group-level data item or a metric for a column, the key is that item's
//! name in snake case and [`Column::savix`] names the item: members at start, current
//! members, members dropped out, attendance, value of savings, social fund, cash in box,
//! cash in bank, number and value of loans outstanding and disbursed, value written off,
//! loans at risk, members with loans outstanding; and the SEEP Network's key ratios as SAVIX
//! reports them (average savings per member, loan fund utilisation, portfolio at risk over
//! 30 days, write-off ratio, annualised returns on savings and on assets, attendance,
//! drop-out and retention rates, average loan size, share of members borrowing). Columns
//! with no SAVIX item (the start-of-period balances, fees, fines, the cash difference, the
//! ratios' terms) keep Hamyar's own keys and an empty `savix`. `docs/FUND.md` lists them.

use std::io::{self, Write};

use hamyar_app::fund::{SavingsGroupReport, SavingsGroupRow};
use hamyar_app::ports::fund::{FundEntryRow, FundLoanAtDay, FundMemberSpan};
use hamyar_domain::fund::metrics::{GroupTotals, Ratio};
use hamyar_exchange::{ExchangeError, FileFormat, ReportTable, TableCell};
use serde_json::{Map, Value, json};

use crate::money_export::ReportFormat;

/// One column of the report: its key (the header), its names, and the SAVIX item it carries
/// (empty when Hamyar's own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub fa: &'static str,
    pub en: &'static str,
    pub savix: &'static str,
}

const fn col(key: &'static str, fa: &'static str, en: &'static str, savix: &'static str) -> Column {
    Column { key, fa, en, savix }
}

/// The report's columns, in order.
#[rustfmt::skip]
pub const COLUMNS: [Column; 60] = [
    col("level", "سطح", "Level (group, county, total)", ""),
    col("group_id", "شناسهٔ گروه", "Group id", "Group ID"),
    col("county_id", "شناسهٔ شهرستان", "County id", ""),
    col("name_fa", "نام", "Name (Persian)", "Group name"),
    col("name_en", "نام (انگلیسی)", "Name (English)", ""),
    col("place_id", "شناسهٔ محل گزارش", "Report's place id", ""),
    col("from", "از", "From (Jalali)", "Start of reporting period"),
    col("to", "تا", "To (Jalali)", "Date of information"),
    col("days", "روزها", "Days in the period", ""),
    col("number_of_groups", "تعداد گروه", "Groups", "Number of groups"),
    col("members_at_start", "اعضا در آغاز", "Members at start", "Members at start"),
    col("members_current", "اعضا در پایان", "Members at end", "Number of current members"),
    col("members_dropped_out", "اعضای رفته", "Members who left", "Members dropped out"),
    col("members_retained", "اعضای مانده", "Members who stayed", ""),
    col("attendance_present", "حضورها", "Marks present", "Attendance"),
    col("attendance_possible", "حضورهای ممکن", "Marks", ""),
    col("savings_value_at_start", "پس‌انداز در آغاز (ریال)", "Savings at start (rials)", ""),
    col("savings_value", "پس‌انداز در پایان (ریال)", "Savings at end (rials)", "Value of savings"),
    col("savings_in_period", "پس‌انداز در دوره (ریال)", "Saved within (rials)", ""),
    col("social_fund_value", "صندوق اجتماعی (ریال)", "Social fund (rials)", "Social fund balance"),
    col("cash_in_box_at_start", "نقد صندوق در آغاز (ریال)", "Cash at start (rials)", ""),
    col("cash_in_box", "نقد صندوق در پایان (ریال)", "Cash at end (rials)", "Cash in box"),
    col("cash_in_bank_at_start", "حساب بانکی در آغاز (ریال)", "Bank at start (rials)", ""),
    col("cash_in_bank", "حساب بانکی در پایان (ریال)", "Bank at end (rials)", "Cash in bank"),
    col("loans_outstanding_value_at_start", "وام‌های مانده در آغاز (ریال)", "Loans owed at start (rials)", ""),
    col("loans_outstanding_value", "وام‌های مانده در پایان (ریال)", "Loans owed at end (rials)", "Value of loans outstanding"),
    col("loans_disbursed_number", "تعداد وام‌های داده‌شده", "Loans given", "Number of loans disbursed"),
    col("loans_disbursed_value", "وام‌های داده‌شده (ریال)", "Loans given (rials)", "Value of loans disbursed"),
    col("loans_written_off_value", "وام‌های سوخت‌شده (ریال)", "Written off (rials)", "Value of loans written off"),
    col("fee_income", "کارمزد (ریال)", "Service fees (rials)", ""),
    col("fine_income", "جریمه (ریال)", "Fines (rials)", ""),
    col("cash_difference", "کسری و اضافهٔ صندوق (ریال)", "Cash difference (rials)", ""),
    col("loans_at_risk_30_value", "وام‌های معوق بیش از ۳۰ روز (ریال)", "At risk > 30 days (rials)", "Value of loans at risk"),
    col("members_with_loans_outstanding", "اعضای وام‌گیرنده", "Borrowers at end", "Number of members with loans outstanding"),
    col("average_savings_per_member", "پس‌انداز هر عضو (ریال)", "Savings per member (rials)", "Average savings per member"),
    col("loan_fund_utilisation_percent", "به‌کارگیری صندوق وام (٪)", "Loan fund utilisation (%)", "Loan fund utilization"),
    col("loan_fund_utilisation_numerator", "صورت به‌کارگیری", "Utilisation numerator", ""),
    col("loan_fund_utilisation_denominator", "مخرج به‌کارگیری", "Utilisation denominator", ""),
    col("portfolio_at_risk_30_percent", "سبد در خطر بیش از ۳۰ روز (٪)", "PAR30 (%)", "Portfolio at risk > 30 days"),
    col("portfolio_at_risk_30_numerator", "صورت سبد در خطر", "PAR30 numerator", ""),
    col("portfolio_at_risk_30_denominator", "مخرج سبد در خطر", "PAR30 denominator", ""),
    col("write_off_ratio_percent", "نسبت سوخت (٪)", "Write-off ratio (%)", "Write-off ratio"),
    col("write_off_ratio_numerator", "صورت نسبت سوخت", "Write-off numerator", ""),
    col("write_off_ratio_denominator", "مخرج نسبت سوخت", "Write-off denominator", ""),
    col("annualised_return_on_savings_percent", "بازده سالانهٔ پس‌انداز (٪)", "Annualised return on savings (%)", "Annualized return on savings"),
    col("annualised_return_on_savings_numerator", "صورت بازده پس‌انداز", "Return on savings numerator", ""),
    col("annualised_return_on_savings_denominator", "مخرج بازده پس‌انداز", "Return on savings denominator", ""),
    col("annualised_return_on_assets_percent", "بازده سالانهٔ دارایی (٪)", "Annualised return on assets (%)", "Annualized return on assets"),
    col("annualised_return_on_assets_numerator", "صورت بازده دارایی", "Return on assets numerator", ""),
    col("annualised_return_on_assets_denominator", "مخرج بازده دارایی", "Return on assets denominator", ""),
    col("attendance_rate_percent", "نرخ حضور (٪)", "Attendance (%)", "Attendance rate"),
    col("dropout_rate_percent", "نرخ ریزش (٪)", "Dropout (%)", "Drop-out rate"),
    col("retention_rate_percent", "نرخ ماندگاری (٪)", "Retention (%)", "Retention rate"),
    col("average_loan_size", "میانگین وام (ریال)", "Average loan (rials)", "Average loan size"),
    col("members_borrowing_percent", "سهم اعضای وام‌گیرنده (٪)", "Members borrowing (%)", "Percentage of members with loans outstanding"),
    col("members_borrowing_numerator", "صورت سهم وام‌گیرندگان", "Borrowing numerator", ""),
    col("members_borrowing_denominator", "مخرج سهم وام‌گیرندگان", "Borrowing denominator", ""),
    col("net_income", "درآمد خالص (ریال)", "Net income (rials)", ""),
    col("assets_at_start", "دارایی در آغاز (ریال)", "Assets at start (rials)", ""),
    col("assets", "دارایی در پایان (ریال)", "Assets at end (rials)", "Total assets"),
];

/// A cell before it becomes a table's or JSON's.
enum Cell {
    Text(String),
    Integer(i64),
    /// Basis points, written as a percent with two decimals; `None` when there was nothing
    /// to divide by.
    Percent(Option<i64>),
    Empty,
}

/// `1234` basis points as `12.34`, `-5` as `-0.05`.
pub fn percent_text(basis_points: i64) -> String {
    let sign = if basis_points < 0 { "-" } else { "" };
    let magnitude = basis_points.unsigned_abs();
    format!("{sign}{}.{:02}", magnitude / 100, magnitude % 100)
}

fn optional(value: Option<i64>) -> Cell {
    value.map_or(Cell::Empty, Cell::Integer)
}

fn ratio_cells(ratio: Ratio) -> [Cell; 3] {
    [
        Cell::Percent(ratio.basis_points()),
        Cell::Integer(ratio.numerator),
        Cell::Integer(ratio.denominator),
    ]
}

fn level(row: &SavingsGroupRow) -> &'static str {
    match (row.group_id, row.county_id) {
        (Some(_), _) => "group",
        (None, Some(_)) => "county",
        (None, None) => "total",
    }
}

fn cells(report: &SavingsGroupReport, row: &SavingsGroupRow) -> Vec<Cell> {
    let t: &GroupTotals = &row.totals;
    let r = &row.ratios;
    let mut cells = vec![
        Cell::Text(level(row).to_owned()),
        optional(row.group_id.map(|id| id.get())),
        optional(row.county_id.map(|id| id.get())),
        Cell::Text(row.name_fa.clone()),
        Cell::Text(row.name_en.clone()),
        Cell::Integer(report.place_id.get()),
        Cell::Text(report.period.from.to_string()),
        Cell::Text(report.period.to.to_string()),
        Cell::Integer(report.period.days()),
    ];
    cells.extend(
        [
            t.groups,
            t.members_start,
            t.members_end,
            t.members_left,
            t.members_stayed,
            t.marks_present,
            t.marks,
            t.savings_start,
            t.savings_end,
            t.saved_within,
            t.social_end,
            t.cash_start,
            t.cash_end,
            t.bank_start,
            t.bank_end,
            t.loans_start,
            t.loans_end,
            t.loans_given,
            t.loans_given_value,
            t.written_off,
            t.fees,
            t.fines,
            t.cash_difference,
            t.at_risk_end,
            t.borrowers_end,
        ]
        .map(Cell::Integer),
    );
    cells.push(optional(r.savings_per_member));
    for ratio in [
        r.loan_fund_utilisation,
        r.portfolio_at_risk_30,
        r.write_off,
        r.return_on_savings,
        r.return_on_assets,
    ] {
        cells.extend(ratio_cells(ratio));
    }
    cells.push(Cell::Percent(r.attendance.basis_points()));
    cells.push(Cell::Percent(r.dropout.basis_points()));
    cells.push(Cell::Percent(r.retention.basis_points()));
    cells.push(optional(r.average_loan));
    cells.extend(ratio_cells(r.members_borrowing));
    cells.push(Cell::Integer(t.net_income()));
    cells.push(Cell::Integer(t.assets_start()));
    cells.push(Cell::Integer(t.assets_end()));
    debug_assert_eq!(cells.len(), COLUMNS.len());
    cells
}

/// Every row in the file's order: the groups, the counties, the total.
fn rows(report: &SavingsGroupReport) -> impl Iterator<Item = &SavingsGroupRow> {
    report
        .groups
        .iter()
        .chain(&report.counties)
        .chain(std::iter::once(&report.total))
}

fn table_cell(cell: Cell) -> TableCell {
    match cell {
        Cell::Text(text) => TableCell::Text(text),
        Cell::Integer(value) => TableCell::Integer(value),
        Cell::Percent(Some(points)) => TableCell::Text(percent_text(points)),
        Cell::Percent(None) | Cell::Empty => TableCell::Text(String::new()),
    }
}

fn json_value(cell: Cell) -> Value {
    match cell {
        Cell::Text(text) => Value::String(text),
        Cell::Integer(value) => json!(value),
        // Two decimals read back as the same number: the text is parsed, not divided.
        Cell::Percent(Some(points)) => percent_text(points)
            .parse::<serde_json::Number>()
            .map_or(Value::Null, Value::Number),
        Cell::Percent(None) | Cell::Empty => Value::Null,
    }
}

/// The report as one table: groups, counties, then the total.
pub fn savings_groups_table(report: &SavingsGroupReport) -> ReportTable {
    ReportTable {
        sheet_name: "صندوق گروه‌ها".to_owned(),
        headers: COLUMNS.iter().map(|column| column.key.to_owned()).collect(),
        rows: rows(report)
            .map(|row| cells(report, row).into_iter().map(table_cell).collect())
            .collect(),
    }
}

fn json_row(report: &SavingsGroupReport, row: &SavingsGroupRow) -> Value {
    let mut object: Map<String, Value> = COLUMNS
        .iter()
        .zip(cells(report, row))
        .map(|(column, cell)| (column.key.to_owned(), json_value(cell)))
        .collect();
    object.insert("totals".into(), json!(row.totals));
    object.insert("ratios".into(), json!(row.ratios));
    Value::Object(object)
}

/// The report as JSON: its place and period, the columns with their names, and each row by
/// the columns' keys with the domain's `totals` and `ratios` beside them.
pub fn savings_groups_json(report: &SavingsGroupReport) -> Value {
    json!({
        "place_id": report.place_id.get(),
        "place_fa": report.place_fa,
        "place_en": report.place_en,
        "from": report.period.from.to_string(),
        "to": report.period.to.to_string(),
        "days": report.period.days(),
        "columns": COLUMNS
            .iter()
            .map(|c| json!({ "key": c.key, "fa": c.fa, "en": c.en, "savix": c.savix }))
            .collect::<Vec<_>>(),
        "groups": report.groups.iter().map(|row| json_row(report, row)).collect::<Vec<_>>(),
        "counties": report.counties.iter().map(|row| json_row(report, row)).collect::<Vec<_>>(),
        "total": json_row(report, &report.total),
    })
}

/// The report as the bytes of a file in `format`.
pub fn savings_groups_bytes(
    report: &SavingsGroupReport,
    format: ReportFormat,
) -> Result<Vec<u8>, ExchangeError> {
    match format {
        ReportFormat::Csv => savings_groups_table(report).to_bytes(FileFormat::Csv),
        ReportFormat::Xlsx => savings_groups_table(report).to_bytes(FileFormat::Xlsx),
        ReportFormat::Json => {
            // Numbers, text and nulls: it always serialises.
            let mut bytes = serde_json::to_vec_pretty(&savings_groups_json(report))
                .expect("a savings-group report serialises");
            bytes.push(b'\n');
            Ok(bytes)
        }
    }
}

/// The journal file's columns, in order.
pub const JOURNAL_HEADERS: [&str; 14] = [
    "line_id",
    "group_id",
    "province_id",
    "county_id",
    "cycle_id",
    "meeting_id",
    "loan_id",
    "woman_id",
    "kind",
    "shares",
    "amount_rials",
    "happened_on",
    "happened_on_jalali",
    "ledger_transaction_id",
];

/// The fund's journal as CSV, written as its pages come so memory stays flat: a UTF-8
/// byte-order mark and CRLF as every CSV Hamyar writes. Every cell is an id, a kind's code,
/// a whole number or a date, so nothing is quoted or guarded.
pub struct FundJournalCsv<W: Write> {
    out: W,
    lines: u64,
}

fn id_text(id: Option<i64>) -> String {
    id.map(|id| id.to_string()).unwrap_or_default()
}

/// One journal line as the file's cells, in [`JOURNAL_HEADERS`] order.
pub fn journal_cells(row: &FundEntryRow) -> [String; 14] {
    let line = &row.line;
    [
        row.id.to_string(),
        row.group_id.to_string(),
        row.province_id.to_string(),
        row.county_id.to_string(),
        line.cycle_id.to_string(),
        id_text(row.meeting_id.map(|id| id.get())),
        id_text(line.loan_id),
        id_text(line.woman_id),
        line.kind.code().to_owned(),
        line.shares.to_string(),
        line.amount.to_string(),
        line.on.to_iso_string(),
        line.on.to_string(),
        id_text(row.ledger_transaction_id.map(|id| id.get())),
    ]
}

impl<W: Write> FundJournalCsv<W> {
    /// Starts the file: the byte-order mark and the header row.
    pub fn start(mut out: W) -> io::Result<FundJournalCsv<W>> {
        out.write_all(b"\xEF\xBB\xBF")?;
        out.write_all(JOURNAL_HEADERS.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
        Ok(FundJournalCsv { out, lines: 0 })
    }

    /// Writes one page of lines.
    pub fn write_page(&mut self, page: &[FundEntryRow]) -> io::Result<()> {
        for row in page {
            self.out
                .write_all(journal_cells(row).join(",").as_bytes())?;
            self.out.write_all(b"\r\n")?;
            self.lines += 1;
        }
        Ok(())
    }

    /// Lines written so far.
    pub fn lines(&self) -> u64 {
        self.lines
    }

    /// Flushes and gives the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The members' file's columns: one row per membership of a fund's group.
pub const MEMBER_HEADERS: [&str; 6] = [
    "group_id",
    "woman_id",
    "joined_on",
    "joined_on_jalali",
    "left_on",
    "left_on_jalali",
];

/// Writes the members' spans as CSV (byte-order mark, header, a row each); the rows written.
pub fn write_members_csv<W: Write>(rows: &[FundMemberSpan], mut out: W) -> io::Result<u64> {
    out.write_all(b"\xEF\xBB\xBF")?;
    out.write_all(MEMBER_HEADERS.join(",").as_bytes())?;
    out.write_all(b"\r\n")?;
    for row in rows {
        let cells = [
            row.group_id.to_string(),
            row.woman_id.to_string(),
            row.joined_on.to_iso_string(),
            row.joined_on.to_string(),
            row.left_on.map(|d| d.to_iso_string()).unwrap_or_default(),
            row.left_on.map(|d| d.to_string()).unwrap_or_default(),
        ];
        out.write_all(cells.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    out.flush()?;
    Ok(rows.len() as u64)
}

/// The loans' file's columns: one row per instalment of the schedule in force on the day of
/// the file, each carrying its loan's owed and settled amounts.
pub const LOAN_HEADERS: [&str; 8] = [
    "loan_id",
    "group_id",
    "woman_id",
    "owed_rials",
    "settled_rials",
    "instalment",
    "due_on",
    "amount_rials",
];

/// Writes the loans owed on a day as CSV, a row per instalment; the rows written.
pub fn write_loans_csv<W: Write>(rows: &[FundLoanAtDay], mut out: W) -> io::Result<u64> {
    out.write_all(b"\xEF\xBB\xBF")?;
    out.write_all(LOAN_HEADERS.join(",").as_bytes())?;
    out.write_all(b"\r\n")?;
    let mut written = 0;
    for loan in rows {
        for instalment in &loan.instalments {
            let cells = [
                loan.loan_id.to_string(),
                loan.group_id.to_string(),
                loan.woman_id.to_string(),
                loan.owed.to_string(),
                loan.settled.to_string(),
                instalment.number.to_string(),
                instalment.due_on.to_iso_string(),
                instalment.amount.value().to_string(),
            ];
            out.write_all(cells.join(",").as_bytes())?;
            out.write_all(b"\r\n")?;
            written += 1;
        }
    }
    out.flush()?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use hamyar_app::access::PlaceId;
    use hamyar_app::ports::groups::GroupId;
    use hamyar_domain::JalaliDate;
    use hamyar_domain::fund::EntryKind;
    use hamyar_domain::fund::JournalLine;
    use hamyar_domain::fund::metrics::{Period, Ratios};

    use super::*;

    fn day(text: &str) -> JalaliDate {
        JalaliDate::parse(text).unwrap()
    }

    fn report() -> SavingsGroupReport {
        let period = Period {
            from: day("1405/04/01"),
            to: day("1405/06/31"),
        };
        let totals = GroupTotals {
            groups: 1,
            members_start: 12,
            members_end: 11,
            members_left: 2,
            members_stayed: 10,
            marks_present: 100,
            marks: 120,
            savings_start: 4_000_000,
            savings_end: 6_000_000,
            saved_within: 2_000_000,
            social_end: 300_000,
            cash_end: 1_000_000,
            loans_end: 5_300_000,
            loans_given: 3,
            loans_given_value: 4_500_000,
            fees: 90_000,
            at_risk_end: 1_060_000,
            borrowers_end: 3,
            ..GroupTotals::default()
        };
        let row = SavingsGroupRow {
            group_id: Some(GroupId::new(7)),
            county_id: Some(PlaceId::new(40)),
            name_fa: "گروه مهر".into(),
            name_en: "گروه مهر".into(),
            ratios: Ratios::of(&totals, period),
            totals,
        };
        SavingsGroupReport {
            place_id: PlaceId::new(4),
            place_fa: "قزوین".into(),
            place_en: "Qazvin".into(),
            period,
            groups: vec![row.clone()],
            counties: vec![SavingsGroupRow {
                group_id: None,
                name_fa: "آبیک".into(),
                name_en: "Abyek".into(),
                ..row.clone()
            }],
            total: SavingsGroupRow {
                group_id: None,
                county_id: None,
                name_fa: "قزوین".into(),
                name_en: "Qazvin".into(),
                ..row
            },
        }
    }

    fn csv_text(report: &SavingsGroupReport) -> String {
        let bytes = savings_groups_bytes(report, ReportFormat::Csv).unwrap();
        String::from_utf8(bytes)
            .unwrap()
            .trim_start_matches('\u{feff}')
            .to_owned()
    }

    #[test]
    fn the_csv_has_the_keys_as_header_and_a_row_per_group_county_and_total() {
        let text = csv_text(&report());
        let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 4, "header, group, county, total");
        let header: Vec<&str> = lines[0].split(',').collect();
        assert_eq!(header.len(), COLUMNS.len());
        assert_eq!(&header[..4], ["level", "group_id", "county_id", "name_fa"]);
        assert!(header.contains(&"savings_value"));
        assert!(header.contains(&"portfolio_at_risk_30_percent"));
        let group: Vec<&str> = lines[1].split(',').collect();
        let at = |key: &str| group[header.iter().position(|h| *h == key).unwrap()];
        assert_eq!(at("level"), "group");
        assert_eq!(at("group_id"), "7");
        assert_eq!(at("name_fa"), "گروه مهر");
        assert_eq!(at("from"), "1405/04/01");
        assert_eq!(at("days"), "93");
        assert_eq!(at("members_at_start"), "12");
        assert_eq!(at("savings_value"), "6000000");
        assert_eq!(at("loans_disbursed_value"), "4500000");
        assert_eq!(at("fee_income"), "90000");
        // 1,060,000 of 5,300,000 late: 20 %.
        assert_eq!(at("portfolio_at_risk_30_percent"), "20.00");
        assert_eq!(at("portfolio_at_risk_30_numerator"), "1060000");
        assert_eq!(at("portfolio_at_risk_30_denominator"), "5300000");
        // 100 of 120 marks, truncated: 83.33.
        assert_eq!(at("attendance_rate_percent"), "83.33");
        assert_eq!(at("average_savings_per_member"), "545454");
        assert_eq!(at("average_loan_size"), "1500000");
        // Nothing written off, of loans owed: zero, not empty.
        assert_eq!(at("write_off_ratio_percent"), "0.00");
        assert_eq!(lines[2].split(',').next(), Some("county"));
        assert_eq!(lines[3].split(',').next(), Some("total"));
    }

    #[test]
    fn a_ratio_without_a_denominator_is_left_empty_and_json_gives_null() {
        let mut report = report();
        report.total.totals = GroupTotals::default();
        report.total.ratios = Ratios::of(&report.total.totals, report.period);
        let text = csv_text(&report);
        let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
        let header: Vec<&str> = lines[0].split(',').collect();
        let total: Vec<&str> = lines[3].split(',').collect();
        let at = |key: &str| total[header.iter().position(|h| *h == key).unwrap()];
        assert_eq!(at("attendance_rate_percent"), "");
        assert_eq!(at("average_savings_per_member"), "");
        let json = savings_groups_json(&report);
        assert_eq!(json["total"]["attendance_rate_percent"], Value::Null);
        assert_eq!(json["groups"][0]["attendance_rate_percent"], json!(83.33));
        assert_eq!(json["groups"][0]["totals"]["savings_end"], json!(6_000_000));
        assert_eq!(json["columns"].as_array().unwrap().len(), COLUMNS.len());
    }

    #[test]
    fn percents_keep_two_decimals_and_their_sign() {
        assert_eq!(percent_text(1_234), "12.34");
        assert_eq!(percent_text(5), "0.05");
        assert_eq!(percent_text(-5), "-0.05");
        assert_eq!(percent_text(10_000), "100.00");
    }

    #[test]
    fn the_xlsx_is_written() {
        let bytes = savings_groups_bytes(&report(), ReportFormat::Xlsx).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }

    #[test]
    fn the_journal_writes_a_header_and_one_line_per_entry() {
        let row = FundEntryRow {
            id: 31,
            group_id: GroupId::new(7),
            province_id: PlaceId::new(4),
            county_id: PlaceId::new(40),
            meeting_id: None,
            ledger_transaction_id: None,
            line: JournalLine {
                cycle_id: 2,
                kind: EntryKind::Savings,
                woman_id: Some(9),
                loan_id: None,
                shares: 3,
                amount: 300_000,
                on: day("1405/04/05"),
            },
        };
        let mut csv = FundJournalCsv::start(Vec::new()).unwrap();
        csv.write_page(std::slice::from_ref(&row)).unwrap();
        assert_eq!(csv.lines(), 1);
        let text = String::from_utf8(csv.finish().unwrap()).unwrap();
        let expected = format!(
            "\u{feff}{}\r\n31,7,4,40,2,,,9,savings,3,300000,{},1405/04/05,\r\n",
            JOURNAL_HEADERS.join(","),
            day("1405/04/05").to_iso_string()
        );
        assert_eq!(text, expected);
    }
}
