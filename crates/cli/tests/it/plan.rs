//! `hamyar plan set` and `hamyar plan show` as an operator uses them on a migrated database:
//! Qazvin's plan for 1405 is set with Persian digits and read back as JSON (the year's
//! targets, the empowered target left to the default) and CSV (a row per target and month);
//! a county's plan is its own; a target that is not a number is refused with its Persian
//! and English messages and changes nothing; an unknown place is named.

use std::path::Path;
use std::process::{Command, Output};

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

fn show_json(db: &Path, place: &str) -> serde_json::Value {
    let shown = hamyar(db, &["plan", "show", "--place", place, "--year", "1405"]);
    assert!(shown.status.success(), "{}", text(&shown));
    serde_json::from_slice(&shown.stdout).unwrap()
}

#[test]
fn plan_set_and_show_write_and_read_a_provinces_plan() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let migrated = hamyar(&db, &["migrate"]);
    assert!(migrated.status.success(), "{}", text(&migrated));

    let set = hamyar(
        &db,
        &[
            "plan",
            "set",
            "--place",
            "qazvin",
            "--year",
            "۱۴۰۵",
            "--groups",
            "۱۲",
            "--joining",
            "80",
            "--trained",
            "60",
            "--visits",
            "۱۵۰",
            "--note",
            "مصوب شورا",
        ],
    );
    assert!(set.status.success(), "{}", text(&set));
    assert!(text(&set).contains("ir.qazvin"), "{}", text(&set));

    let json = show_json(&db, "ir.qazvin");
    assert_eq!(json["place_code"], "ir.qazvin");
    assert_eq!(json["fiscal_year"], 1405);
    assert_eq!(json["has_plan"], true);
    assert_eq!(json["note"], "مصوب شورا");
    let lines = json["lines"].as_array().unwrap();
    let first = |target: &str| {
        lines
            .iter()
            .find(|line| line["target"] == target)
            .unwrap_or_else(|| panic!("a line of {target}: {json}"))
    };
    assert_eq!(first("groups_formed")["yearly_target"], 12);
    assert_eq!(first("groups_formed")["figure"], "groups.formed");
    assert_eq!(first("visits_made")["yearly_target"], 150);
    assert_eq!(first("women_empowered")["target_is_default"], true);
    assert_eq!(
        first("women_empowered")["yearly_target"],
        0,
        "no woman covered"
    );

    let county = hamyar(
        &db,
        &[
            "plan",
            "set",
            "--place",
            "ir.qazvin.abyek",
            "--year",
            "1405",
            "--groups",
            "2",
            "--joining",
            "10",
            "--trained",
            "8",
            "--visits",
            "40",
            "--empowered",
            "۳",
        ],
    );
    assert!(county.status.success(), "{}", text(&county));
    let abyek = show_json(&db, "abyek");
    assert_eq!(abyek["place_code"], "ir.qazvin.abyek");
    assert_eq!(
        abyek["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|line| line["target"] == "women_empowered")
            .unwrap()["yearly_target"],
        3
    );

    let refused = hamyar(
        &db,
        &[
            "plan",
            "set",
            "--place",
            "qazvin",
            "--year",
            "1405",
            "--groups",
            "دوازده",
            "--joining",
            "80",
            "--trained",
            "60",
            "--visits",
            "150",
        ],
    );
    assert!(!refused.status.success());
    let said = text(&refused);
    assert!(said.contains("عدد درستی نیست"), "{said}");
    assert!(said.contains("is not a number"), "{said}");
    assert_eq!(
        show_json(&db, "qazvin")["lines"][0]["yearly_target"],
        12,
        "unchanged"
    );

    let csv = hamyar(
        &db,
        &[
            "plan", "show", "--place", "qazvin", "--year", "1405", "--format", "csv",
        ],
    );
    assert!(csv.status.success(), "{}", text(&csv));
    let csv = String::from_utf8(csv.stdout).unwrap();
    let header = csv.lines().next().unwrap().trim_start_matches('\u{feff}');
    assert_eq!(
        header,
        "place_code,fiscal_year,target,figure,month,to,yearly_target,achieved,planned,share_percent"
    );

    let unknown = hamyar(
        &db,
        &["plan", "show", "--place", "atlantis", "--year", "1405"],
    );
    assert!(!unknown.status.success());
    assert!(text(&unknown).contains("atlantis"), "{}", text(&unknown));
}
