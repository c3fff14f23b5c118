//! `hamyar sms` as an operator uses it on a SQLite database with two receipts waiting: the
//! outbox counts them; `dispatch` with the file gateway writes each once and marks them sent,
//! and a second run writes nothing more; with the gateway off it refuses and says how to set
//! one; `remind` reports what it queued; an `http` gateway without its key is refused when the
//! configuration is read. Nothing printed names a number or a text.

use std::path::Path;
use std::process::{Command, Output};

use hamyar_app::ports::Database;
use hamyar_app::ports::registry::WomanRecord;
use hamyar_app::ports::sms::{NewSmsRow, SmsState};
use hamyar_domain::search_key;
use hamyar_domain::sms::{QuietHours, SmsKind};

fn hamyar(db: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hamyar"))
        .args(["--database-url", &format!("sqlite://{}", db.display())])
        .args(args)
        .current_dir(db.parent().unwrap())
        .env_remove("HAMYAR_DATABASE_URL")
        .envs(env.iter().copied())
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

/// Two receipts queued to one woman of Takestan, written through the storage port.
async fn two_receipts(db: &Path) {
    let url = format!("sqlite://{}", db.display());
    let store = hamyar_store::connect(&url, &hamyar_store::ConnectSettings::default())
        .await
        .unwrap();
    let mut tx = store.write().await.unwrap();
    let county = tx
        .place_by_code("ir.qazvin.takestan")
        .await
        .unwrap()
        .unwrap();
    let province = county.parent_id.unwrap();
    let record = WomanRecord {
        national_id: "0013542419".into(),
        first_name: "مریم".into(),
        last_name: "رضایی".into(),
        birth_date: "1980-01-01".into(),
        mobile: Some("09121234567".into()),
        province_id: province,
        county_id: county.id,
        locality: "مرکز".into(),
        settlement: "urban".into(),
        address: "خیابان".into(),
        headship_cause: "widow".into(),
        name_key: search_key("مریم رضایی"),
        name_key_reversed: hamyar_domain::persian_order(&search_key("رضایی مریم")),
        ..WomanRecord::default()
    };
    let now = jiff::Timestamp::now();
    let woman = tx.insert_woman(&record, "covered", now).await.unwrap();
    for number in 1..=2 {
        tx.enqueue_sms(&NewSmsRow {
            idempotency_key: format!("saving_receipt.meeting.{number}.woman.{woman}"),
            woman_id: woman,
            province_id: province,
            county_id: county.id,
            mobile: "09121234567".into(),
            body: format!("رسید پس‌انداز {number}\nبهزیستی"),
            kind: SmsKind::SavingReceipt,
            state: SmsState::Queued,
            next_attempt_at: now,
            // No quiet time, so the test passes at any hour.
            quiet: QuietHours::new(0, 0).unwrap(),
            last_error: None,
            created_at: now,
        })
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    store.close().await;
}

#[tokio::test]
async fn sms_dispatch_writes_each_receipt_once_through_the_file_gateway() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let migrated = hamyar(&db, &[], &["migrate"]);
    assert!(migrated.status.success(), "{}", text(&migrated));
    two_receipts(&db).await;

    let counted = hamyar(&db, &[], &["sms", "outbox"]);
    assert!(counted.status.success(), "{}", text(&counted));
    assert_eq!(String::from_utf8_lossy(&counted.stdout), "queued\t2\n");

    let off = hamyar(&db, &[], &["sms", "dispatch"]);
    assert!(!off.status.success());
    assert!(text(&off).contains("sms_gateway"), "{}", text(&off));

    let sink = dir.path().join("outbox.jsonl");
    let file_gateway = [
        ("HAMYAR_SMS_GATEWAY", "file"),
        ("HAMYAR_SMS_FILE", sink.to_str().unwrap()),
    ];
    for _ in 0..2 {
        let sent = hamyar(&db, &file_gateway, &["sms", "dispatch"]);
        assert!(sent.status.success(), "{}", text(&sent));
        assert!(!text(&sent).contains("0912"), "{}", text(&sent));
    }
    let lines = std::fs::read_to_string(&sink).unwrap();
    assert_eq!(lines.lines().count(), 2, "{lines}");
    assert!(lines.contains("رسید پس‌انداز 1"), "{lines}");
    let counted = hamyar(&db, &[], &["sms", "outbox"]);
    assert_eq!(String::from_utf8_lossy(&counted.stdout), "sent\t2\n");

    let reminded = hamyar(&db, &[], &["sms", "remind", "--on", "1405/09/15"]);
    assert!(reminded.status.success(), "{}", text(&reminded));
    assert!(text(&reminded).contains("queued 0"), "{}", text(&reminded));
}

#[test]
fn an_http_gateway_without_its_key_is_refused_when_the_configuration_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let refused = hamyar(
        &db,
        &[
            ("HAMYAR_SMS_GATEWAY", "http"),
            ("HAMYAR_SMS_BASE_URL", "http://sms-relay.office.local"),
            ("HAMYAR_SMS_SENDER", "10004346"),
        ],
        &["sms", "outbox"],
    );
    assert!(!refused.status.success());
    assert!(text(&refused).contains("sms_api_key"), "{}", text(&refused));
}
