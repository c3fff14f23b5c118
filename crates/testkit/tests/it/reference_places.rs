//! The reference places on a real database, SQLite and PostgreSQL: a new database gets every
//! county of the vendored list, an existing one (as it was when only Qazvin's six counties
//! shipped) gains the rest without losing what an administrator did, a second start adds
//! nothing, and a dated change in the data becomes a dated name or a new county once.

use std::sync::Arc;

use hamyar_app::access::ScopeKind;
use hamyar_app::places::{NewCountyInput, RenameInput};
use hamyar_app::reference::{PROVINCES, REFERENCE_NAMES_VALID_FROM, ReferenceData};
use hamyar_app::{Actor, App, AppSettings, FixedClock};
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::fixtures::app_on;
use hamyar_testkit::test_start;

/// An application over `db` with nothing seeded.
fn bare_app(db: &TestDatabase) -> App {
    let clock = Arc::new(FixedClock::new(test_start()));
    App::new(db.store.clone(), clock, AppSettings::default())
}

fn embedded() -> ReferenceData {
    ReferenceData::embedded().unwrap()
}

/// The embedded list with these dated changes instead of its own.
fn with_changes(changes: &str) -> ReferenceData {
    let header = "valid_from,change,province,county,official_code,name_fa,name_en,source\n";
    ReferenceData::parse(
        hamyar_app::reference::COUNTIES_CSV,
        &format!("{header}{changes}"),
    )
    .unwrap()
}

async fn a_new_database_gets_every_county_of_the_list_once(db: &TestDatabase) {
    let app = app_on(db).await;
    assert_eq!(
        app.seed_reference_places().await.unwrap(),
        0,
        "a second start adds nothing"
    );
    let data = embedded();
    let tree = app.place_tree().await.unwrap();
    assert_eq!(tree.provinces().count(), 31);
    let counties: Vec<_> = tree
        .all()
        .iter()
        .filter(|p| p.kind == ScopeKind::County)
        .collect();
    assert_eq!(counties.len(), 484);
    for (suffix, _, _) in PROVINCES {
        let province = tree.by_code(&format!("ir.{suffix}")).unwrap();
        let stored: Vec<_> = tree
            .counties_of(province.id)
            .map(|c| (c.code.clone(), c.name_fa.clone(), c.name_en.clone()))
            .collect();
        let listed: Vec<_> = data
            .counties_of(suffix)
            .map(|c| (c.code(), c.name_fa.clone(), c.name_en.clone()))
            .collect();
        assert_eq!(
            stored, listed,
            "{suffix}: the list's counties, in its order"
        );
    }
    for county in counties {
        assert_eq!(county.names.len(), 1, "{}", county.code);
        assert_eq!(county.names[0].valid_from, REFERENCE_NAMES_VALID_FROM);
    }
}

async fn an_existing_database_gains_the_missing_counties_and_keeps_an_administrators_work(
    db: &TestDatabase,
) {
    // The database as the releases before this list left it: Qazvin's six counties only.
    let app = bare_app(db);
    let mut old = embedded();
    old.counties.retain(|c| c.province == "qazvin");
    assert_eq!(app.apply_reference_places(&old).await.unwrap(), 1 + 31 + 6);
    let console = Actor::console();
    let tree = app.place_tree().await.unwrap();
    let avaj = tree.by_code("ir.qazvin.avaj").unwrap().id;
    let rename = RenameInput {
        name_fa: "آوج نو".into(),
        name_en: "New Avaj".into(),
        valid_from: "۱۴۰۵/۰۱/۰۱".into(),
    };
    app.rename_place(&console, avaj, &rename).await.unwrap();
    // An administrator added Tabriz by hand, spelled in Arabic letters, under another code.
    let east_azerbaijan = tree.by_code("ir.east-azerbaijan").unwrap().id;
    let tabriz = app
        .add_county(
            &console,
            &NewCountyInput {
                province_id: east_azerbaijan.to_string(),
                name_fa: "تبريز".into(),
                name_en: "Tabriz City".into(),
            },
        )
        .await
        .unwrap();

    let added = app.seed_reference_places().await.unwrap();
    assert_eq!(added, 484 - 6 - 1, "every missing county, one name each");
    assert_eq!(app.seed_reference_places().await.unwrap(), 0);
    let tree = app.place_tree().await.unwrap();
    let counties = tree
        .all()
        .iter()
        .filter(|p| p.kind == ScopeKind::County)
        .count();
    assert_eq!(counties, 484, "Tabriz is not listed twice");
    assert!(tree.by_code("ir.east-azerbaijan.tabriz").is_none());
    assert_eq!(tree.get(tabriz).unwrap().name_en, "Tabriz City");
    let avaj = tree.get(avaj).unwrap();
    assert_eq!(avaj.name_fa, "آوج نو", "the administrator's rename stands");
    assert_eq!(avaj.names.len(), 2);
    assert_eq!(tree.by_code("ir.tehran.tehran").unwrap().name_en, "Tehran");
}

async fn a_dated_rename_in_the_data_becomes_a_name_from_its_day_once(db: &TestDatabase) {
    let app = app_on(db).await;
    let data = with_changes(
        "1405/01/15,rename,qazvin,takestan,,تاکستان نو,New Takestan,decree 1\n\
         1405/02/01,new,qazvin,mohammadiyeh,2607,محمدیه,Mohammadiyeh,decree 2\n",
    );
    assert_eq!(app.apply_reference_places(&data).await.unwrap(), 2);
    assert_eq!(app.apply_reference_places(&data).await.unwrap(), 0);
    let tree = app.place_tree().await.unwrap();
    let takestan = tree.by_code("ir.qazvin.takestan").unwrap();
    assert_eq!(takestan.name_fa, "تاکستان نو", "today is 1405/09/08");
    let history: Vec<_> = takestan
        .names
        .iter()
        .map(|n| (n.name_fa.as_str(), n.valid_from.as_str()))
        .collect();
    assert_eq!(
        history,
        [
            ("تاکستان", REFERENCE_NAMES_VALID_FROM),
            ("تاکستان نو", "2026-04-04")
        ],
        "the old name holds before the day"
    );
    let new = tree.by_code("ir.qazvin.mohammadiyeh").unwrap();
    assert_eq!(new.parent_id, tree.by_code("ir.qazvin").map(|p| p.id));
    assert_eq!(new.names[0].valid_from, "2026-04-21");
}

async fn a_reference_rename_an_administrator_recorded_first_is_not_added_again(db: &TestDatabase) {
    let app = app_on(db).await;
    let tree = app.place_tree().await.unwrap();
    let abyek = tree.by_code("ir.qazvin.abyek").unwrap().id;
    let rename = RenameInput {
        name_fa: "آبيک نو".into(),
        name_en: "Abyek (new)".into(),
        valid_from: "۱۴۰۵/۰۳/۰۱".into(),
    };
    app.rename_place(&Actor::console(), abyek, &rename)
        .await
        .unwrap();
    let data = with_changes("1405/02/20,rename,qazvin,abyek,,آبیک نو,New Abyek,decree 3\n");
    assert_eq!(app.apply_reference_places(&data).await.unwrap(), 0);
    let tree = app.place_tree().await.unwrap();
    let abyek = tree.get(abyek).unwrap();
    assert_eq!(abyek.names.len(), 2);
    assert_eq!(
        abyek.name_en, "Abyek (new)",
        "the administrator's names are kept"
    );
}

hamyar_store::on_both_databases!(
    a_new_database_gets_every_county_of_the_list_once,
    an_existing_database_gains_the_missing_counties_and_keeps_an_administrators_work,
    a_dated_rename_in_the_data_becomes_a_name_from_its_day_once,
    a_reference_rename_an_administrator_recorded_first_is_not_added_again,
);
