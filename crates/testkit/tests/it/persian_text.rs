//! Persian as people write it: names typed on an Arabic keyboard are stored with the Persian
//! letters, and found whichever letters the searcher types.

use std::sync::Arc;

use hamyar_app::ports::registry::WomanSort;
use hamyar_app::registry::search::WomanQuery;
use hamyar_app::{App, AppSettings, FixedClock};
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::WomanBuilder;
use hamyar_testkit::fixtures::{place, user};
use hamyar_testkit::test_start;

async fn app(db: &TestDatabase) -> App {
    let clock = Arc::new(FixedClock::new(test_start()));
    let app = App::new(db.store.clone(), clock, AppSettings::default());
    app.seed_reference_places().await.unwrap();
    app
}

fn query(text: &str) -> WomanQuery {
    WomanQuery {
        text: text.into(),
        province_id: None,
        county_id: None,
        headship_cause: None,
        coverage_status: None,
        group_id: None,
        sort: WomanSort::Name,
        page: 0,
        page_size: 20,
    }
}

async fn a_name_typed_with_arabic_letters_is_stored_and_shown_with_persian_ones(db: &TestDatabase) {
    let app = app(db).await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let worker = user(&app, "t.worker", "social_worker", "ir.qazvin.takestan").await;
    let id = WomanBuilder::new(&app, &worker, takestan, "0013542419")
        .first_name("فاطمه")
        .last_name("كريمي")
        .with(|input| input.address = "كوچه ياس، پلاك ۳".into())
        .register()
        .await;
    for typed in ["كريمي", "کریمی"] {
        let page = app.search_women(&worker, &query(typed)).await.unwrap();
        let found: Vec<_> = page
            .items
            .iter()
            .map(|item| (item.id, item.last_name.as_str(), item.address.as_str()))
            .collect();
        assert_eq!(found, [(id, "کریمی", "کوچه یاس، پلاک ۳")], "typed {typed}");
    }
}

hamyar_store::on_both_databases!(
    a_name_typed_with_arabic_letters_is_stored_and_shown_with_persian_ones,
);
