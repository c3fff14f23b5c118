//! `hamyar report savings-groups` and `hamyar export fund` over two groups' funds in two
//! counties of Qazvin, kept through the use-cases (a cycle each, meetings with shares, the
//! social fund and a loan with its fee): the JSON, CSV and XLSX files carry a row per group,
//! county and the province with the report's totals; an unknown `--format` is refused with
//! the formats named; and the exported journal, folded again by
//! `hamyar_domain::fund::metrics::fold_sums`, gives the report's sums back, and the export is
//! on the audit trail with its count.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

use calamine::{Data, Reader, Xlsx};
use hamyar_app::access::PlaceId;
use hamyar_app::fund::ReportRows;
use hamyar_app::groups::StaffInput;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::{Actor, App, AppSettings, FixedClock};
use hamyar_domain::JalaliDate;
use hamyar_domain::fund::meeting::{LoanRequestInput, MeetingInput, MemberLineInput};
use hamyar_domain::fund::metrics::{GroupTotals, LoanAtEnd, MemberSpan, Period, fold_sums};
use hamyar_domain::fund::{CycleInput, EntryKind, JournalLine};
use hamyar_domain::groups::JoinInput;
use hamyar_store::ConnectSettings;
use hamyar_testkit::builders::{GroupBuilder, WomanBuilder};
use hamyar_testkit::fixtures::{place, user};
use hamyar_testkit::scope::national_id;
use hamyar_testkit::test_start;

fn hamyar(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hamyar"))
        .args(["--database-url", &format!("sqlite://{}", db.display())])
        .args(args)
        .current_dir(db.parent().unwrap())
        .env_remove("HAMYAR_DATABASE_URL")
        .output()
        .expect("run hamyar")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

const FROM: &str = "1405/01/01";
const TO: &str = "1405/06/31";

fn rules() -> CycleInput {
    CycleInput {
        starts_on: "1405/01/15".into(),
        ends_on: "1405/12/15".into(),
        share_value: "500000".into(),
        max_shares: "5".into(),
        meeting_every: "monthly".into(),
        fee_percent: "2".into(),
        loan_limit_multiple: "3".into(),
        max_term_months: "6".into(),
        social_rials: "50000".into(),
        rules: "هر عضو در هر جلسه دست‌کم یک سهم می‌خرد.".into(),
    }
}

/// Every woman present, buying `shares` and paying the social fund.
fn meeting(day: &str, women: &[WomanId], shares: &str, counted: &str) -> MeetingInput {
    MeetingInput {
        held_on: day.into(),
        lines: women
            .iter()
            .map(|woman| MemberLineInput {
                woman_id: woman.get(),
                present: true,
                shares: shares.into(),
                social: "50000".into(),
                repayment: String::new(),
                fine: String::new(),
            })
            .collect(),
        loans: Vec::new(),
        to_bank: String::new(),
        cash_counted: counted.into(),
        note: String::new(),
    }
}

/// A group of `count` women in the county `code`, with a facilitator, and its open cycle.
async fn group_with_fund(
    app: &App,
    code: &str,
    name: &str,
    first_body: u32,
    count: u32,
) -> (GroupId, Vec<WomanId>, Actor) {
    let county = place(app, code).await;
    let short = code.rsplit('.').next().unwrap();
    let expert = user(app, &format!("{short}.expert"), "county_expert", code).await;
    let facilitator = user(app, &format!("{short}.facil"), "facilitator", code).await;
    let group = GroupBuilder::new(app, &expert, county, name)
        .identified_on("1404/11/01")
        .create()
        .await;
    app.assign_group_staff(
        &expert,
        group,
        &StaffInput {
            duty: "facilitator".into(),
            user: facilitator.user_id.unwrap().to_string(),
            from_on: "1404/11/01".into(),
        },
    )
    .await
    .unwrap();
    let mut women = Vec::new();
    for body in first_body..first_body + count {
        let id = WomanBuilder::new(app, &expert, county, national_id(body))
            .register()
            .await;
        app.add_group_member(
            &expert,
            group,
            &JoinInput {
                national_id: national_id(body),
                role: "member".into(),
                joined_on: "1404/12/01".into(),
            },
        )
        .await
        .unwrap();
        women.push(id);
    }
    app.open_fund_cycle(&facilitator, group, &rules())
        .await
        .unwrap();
    (group, women, facilitator)
}

/// The file database with two groups' funds; the app that kept them and Qazvin's id.
async fn funds(db: &Path) -> (App, PlaceId) {
    let url = format!("sqlite://{}", db.display());
    let store = hamyar_store::connect(&url, &ConnectSettings::default())
        .await
        .unwrap()
        .with_audit_key(hamyar_store::testing::tool_audit_key(&url));
    let app = App::new(
        Arc::new(store),
        Arc::new(FixedClock::new(test_start())),
        AppSettings::default(),
    );
    app.seed_reference_places().await.unwrap();
    user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;

    // Takestan: three women, two shares and the social fund each month; a loan in the second.
    let (takestan, women, f) =
        group_with_fund(&app, "ir.qazvin.takestan", "گروه خیاطی", 7101, 3).await;
    app.record_fund_meeting(
        &f,
        takestan,
        &meeting("1405/02/01", &women, "2", "3150000"),
        "t1",
    )
    .await
    .unwrap();
    let mut second = meeting("1405/03/01", &women, "2", "4300000");
    second.loans.push(LoanRequestInput {
        woman_id: women[0].get(),
        amount: "2000000".into(),
        term_months: "2".into(),
        guarantors: vec![women[1].get()],
        lottery_id: None,
    });
    app.record_fund_meeting(&f, takestan, &second, "t2")
        .await
        .unwrap();

    // Abyek: two women, one share each, the box counted 10,000 short.
    let (abyek, women, f) = group_with_fund(&app, "ir.qazvin.abyek", "گروه فرش", 7201, 2).await;
    app.record_fund_meeting(
        &f,
        abyek,
        &meeting("1405/02/10", &women, "1", "1090000"),
        "a1",
    )
    .await
    .unwrap();
    let qazvin = place(&app, "ir.qazvin").await;
    (app, qazvin)
}

fn csv_rows(body: &str) -> Vec<Vec<String>> {
    body.trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|line| !line.is_empty())
        .map(|line| line.split(',').map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn the_savings_group_report_and_the_fund_journal_agree() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let migrated = hamyar(&db, &["migrate"]);
    assert!(migrated.status.success(), "{}", text(&migrated));
    let (app, qazvin) = funds(&db).await;
    let expert = app.user_by_username("q.expert").await.unwrap().unwrap();
    let (from, to) = (
        JalaliDate::parse(FROM).unwrap(),
        JalaliDate::parse(TO).unwrap(),
    );
    let expected = app
        .savings_group_report(
            &expert.actor(),
            Some(qazvin),
            from,
            to,
            ReportRows::EveryGroup,
        )
        .await
        .unwrap();
    let total = expected.total.totals;
    assert_eq!(total.groups, 2);
    assert_eq!(total.savings_end, 6_000_000 + 1_000_000);
    assert_eq!(total.fees, 40_000);
    assert_eq!(total.cash_difference, -10_000);
    let base = [
        "report",
        "savings-groups",
        "--province",
        "qazvin",
        "--from",
        FROM,
        "--to",
        TO,
        "--as",
        "q.expert",
    ];

    // JSON: the report's rows, by the columns' keys and with the domain's totals.
    let json = hamyar(&db, &[&base[..], &["--format", "json"]].concat());
    assert!(json.status.success(), "{}", text(&json));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["groups"].as_array().unwrap().len(), 2);
    assert_eq!(value["counties"].as_array().unwrap().len(), 2);
    assert_eq!(value["total"]["level"], "total");
    assert_eq!(value["total"]["savings_value"], total.savings_end);
    assert_eq!(value["total"]["totals"]["fees"], total.fees);
    assert_eq!(
        value["total"]["attendance_rate_percent"],
        serde_json::json!(100.0)
    );
    assert!(
        value["columns"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["key"] == "savings_value" && c["savix"] == "Value of savings")
    );

    // CSV on standard output: a row per group, county and the total, in that order.
    let csv = hamyar(&db, &[&base[..], &["--format", "csv"]].concat());
    assert!(csv.status.success(), "{}", text(&csv));
    let rows = csv_rows(&String::from_utf8(csv.stdout).unwrap());
    let header = &rows[0];
    let column = |key: &str| header.iter().position(|h| h == key).unwrap();
    let levels: Vec<&str> = rows[1..]
        .iter()
        .map(|row| row[column("level")].as_str())
        .collect();
    assert_eq!(levels, ["group", "group", "county", "county", "total"]);
    let last = rows.last().unwrap();
    assert_eq!(last[column("savings_value")], total.savings_end.to_string());
    assert_eq!(
        last[column("loans_disbursed_value")],
        total.loans_given_value.to_string()
    );
    assert_eq!(last[column("members_current")], "5");

    // XLSX: the same table.
    let out = dir.path().join("savings.xlsx");
    let xlsx = hamyar(
        &db,
        &[
            &base[..],
            &["--format", "xlsx", "--output", out.to_str().unwrap()],
        ]
        .concat(),
    );
    assert!(xlsx.status.success(), "{}", text(&xlsx));
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(sheet.height(), 6);
    assert_eq!(
        sheet.get((0, column("savings_value"))),
        Some(&Data::String("savings_value".into()))
    );
    assert_eq!(
        sheet.get((5, column("savings_value"))),
        Some(&Data::Float(total.savings_end as f64))
    );

    // An unknown format, and xlsx without a file, are refused with what to do.
    let odd = hamyar(&db, &[&base[..], &["--format", "pdf"]].concat());
    assert!(!odd.status.success());
    assert!(
        text(&odd).contains("unknown format \"pdf\": use json, csv or xlsx"),
        "{}",
        text(&odd)
    );
    let no_file = hamyar(&db, &[&base[..], &["--format", "xlsx"]].concat());
    assert!(!no_file.status.success());
    assert!(
        text(&no_file).contains("needs --output"),
        "{}",
        text(&no_file)
    );

    // The journal: every line once, and folded again it gives the report's sums.
    let journal = dir.path().join("fund.csv");
    let export = hamyar(
        &db,
        &[
            "export",
            "fund",
            "--format",
            "csv",
            "--output",
            journal.to_str().unwrap(),
            "--as",
            "q.expert",
        ],
    );
    assert!(export.status.success(), "{}", text(&export));
    let rows = csv_rows(&std::fs::read_to_string(&journal).unwrap());
    let header = &rows[0];
    let column = |key: &str| header.iter().position(|h| h == key).unwrap();
    assert_eq!(header[0], "line_id");
    let lines: Vec<JournalLine> = rows[1..]
        .iter()
        .map(|row| {
            let id = |key: &str| {
                let cell = &row[column(key)];
                (!cell.is_empty()).then(|| cell.parse::<i64>().unwrap())
            };
            let on = JalaliDate::parse(&row[column("happened_on_jalali")]).unwrap();
            assert_eq!(
                JalaliDate::from_iso_str(&row[column("happened_on")]).unwrap(),
                on
            );
            JournalLine {
                cycle_id: id("cycle_id").unwrap(),
                kind: EntryKind::parse(&row[column("kind")]).unwrap(),
                woman_id: id("woman_id"),
                loan_id: id("loan_id"),
                shares: id("shares").unwrap(),
                amount: id("amount_rials").unwrap(),
                on,
            }
        })
        .collect();
    let ids: std::collections::BTreeSet<&String> = rows[1..].iter().map(|r| &r[0]).collect();
    assert_eq!(ids.len(), lines.len(), "each line once");
    let groups: Vec<i64> = rows[1..]
        .iter()
        .map(|r| r[column("group_id")].parse().unwrap())
        .collect();

    // The members and the loans owed at the period's end: with the journal, every total.
    let part = |name: &str| {
        let file = dir.path().join(format!("{name}.csv"));
        let done = hamyar(
            &db,
            &[
                "export",
                "fund",
                "--part",
                name,
                "--as-of",
                &to.to_string(),
                "--output",
                file.to_str().unwrap(),
                "--as",
                "q.expert",
            ],
        );
        assert!(done.status.success(), "{}", text(&done));
        csv_rows(&std::fs::read_to_string(&file).unwrap())
    };
    let members = part("members");
    let loans = part("loans");
    let mut recomputed = GroupTotals::default();
    let period = Period { from, to };
    for group in groups
        .iter()
        .copied()
        .collect::<std::collections::BTreeSet<i64>>()
    {
        let own: Vec<JournalLine> = lines
            .iter()
            .zip(&groups)
            .filter(|(_, g)| **g == group)
            .map(|(line, _)| line.clone())
            .collect();
        let spans: Vec<MemberSpan> = members[1..]
            .iter()
            .filter(|r| r[0].parse::<i64>().unwrap() == group)
            .map(|r| MemberSpan {
                joined_on: JalaliDate::from_iso_str(&r[2]).unwrap(),
                left_on: (!r[4].is_empty()).then(|| JalaliDate::from_iso_str(&r[4]).unwrap()),
            })
            .collect();
        let mut owed: std::collections::BTreeMap<i64, LoanAtEnd> = Default::default();
        for r in loans[1..]
            .iter()
            .filter(|r| r[1].parse::<i64>().unwrap() == group)
        {
            let loan = owed
                .entry(r[0].parse().unwrap())
                .or_insert_with(|| LoanAtEnd {
                    woman_id: r[2].parse().unwrap(),
                    owed: r[3].parse().unwrap(),
                    settled: r[4].parse().unwrap(),
                    instalments: Vec::new(),
                });
            loan.instalments.push(hamyar_domain::fund::Instalment {
                number: r[5].parse().unwrap(),
                due_on: JalaliDate::from_iso_str(&r[6]).unwrap(),
                amount: hamyar_domain::Rials::new(r[7].parse().unwrap()),
            });
        }
        let loans: Vec<LoanAtEnd> = owed.into_values().collect();
        recomputed = recomputed.add(&GroupTotals::gather(
            period,
            &fold_sums(&own, period),
            &spans,
            &loans,
        ));
    }
    assert_eq!(
        recomputed, total,
        "every total recomputed from the three files"
    );
    let period = Period { from, to };
    let again = GroupTotals::gather(period, &fold_sums(&lines, period), &[], &[]);
    assert_eq!(again.savings_end, total.savings_end);
    assert_eq!(again.saved_within, total.saved_within);
    assert_eq!(again.fees, total.fees);
    assert_eq!(again.loans_given, total.loans_given);
    assert_eq!(again.loans_given_value, total.loans_given_value);
    assert_eq!(again.loans_end, total.loans_end);
    assert_eq!(again.cash_end, total.cash_end);
    assert_eq!(again.social_end, total.social_end);
    assert_eq!(again.cash_difference, total.cash_difference);
    assert_eq!(again.marks, total.marks);

    // The export is on the audit trail with its count; a format other than csv is refused.
    use sqlx::Connection;
    let url = format!("sqlite://{}", db.display());
    let mut connection = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let after: String = sqlx::query_scalar(
        "SELECT after_json FROM audit_log WHERE action = 'fund.export' ORDER BY seq LIMIT 1",
    )
    .fetch_one(&mut connection)
    .await
    .unwrap();
    let after: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(after["part"], "journal");
    assert_eq!(after["rows"], lines.len());
    // The console operator is sent to a user; nothing is written.
    let console = hamyar(&db, &["export", "fund"]);
    assert!(!console.status.success());
    assert!(console.stdout.is_empty());
    assert!(
        text(&console).contains("--as USERNAME"),
        "{}",
        text(&console)
    );
    let refused = hamyar(&db, &["export", "fund", "--format", "xlsx"]);
    assert!(!refused.status.success());
    assert!(text(&refused).contains("csv only"), "{}", text(&refused));
}
