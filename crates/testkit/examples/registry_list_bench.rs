//! How fast registry lists and searches answer over a large registry. Run it on a database
//! filled by `tools/bench-import.sh` (or any import):
//!
//! ```sh
//! cargo run --release -p hamyar-testkit --example registry_list_bench -- sqlite:///path/import.db
//! ```
//!
//! Each query runs 20 times through the real use-case (`App::search_women`, scoped, masked)
//! as a county expert of Abyek and as a national expert; the median and worst times print.

use std::sync::Arc;
use std::time::Instant;

use hamyar_app::ports::registry::WomanSort;
use hamyar_app::registry::search::WomanQuery;
use hamyar_app::{Actor, App, AppSettings, Role, Scope, SystemClock};

const RUNS: usize = 20;

async fn time(app: &App, actor: &Actor, label: &str, query: WomanQuery) {
    let mut samples = Vec::with_capacity(RUNS);
    let mut found = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let page = app.search_women(actor, &query).await.expect("search");
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
        found = page.items.len();
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{label:<58} median {:>7.2} ms   worst {:>7.2} ms   ({found} rows on the page)",
        samples[RUNS / 2],
        samples[RUNS - 1]
    );
}

#[tokio::main]
async fn main() {
    let url = std::env::args()
        .nth(1)
        .expect("usage: registry_list_bench DATABASE_URL");
    let store = hamyar_store::connect(&url, &Default::default())
        .await
        .expect("connect")
        .with_audit_key(hamyar_store::testing::tool_audit_key(&url));
    store.migrate().await.expect("migrate");
    let app = App::new(
        Arc::new(store),
        Arc::new(SystemClock),
        AppSettings::default(),
    );
    let tree = app.place_tree().await.expect("places");
    let abyek = tree.by_code("ir.qazvin.abyek").expect("Abyek");
    let county = Actor {
        user_id: Some(hamyar_app::access::UserId::new(1)),
        username: "bench".into(),
        role: Role::CountyExpert,
        scope: Scope::County {
            province: abyek.parent_id.unwrap_or_default(),
            county: abyek.id,
        },
    };
    let national = Actor {
        user_id: Some(hamyar_app::access::UserId::new(1)),
        username: "bench".into(),
        role: Role::NationalExpert,
        scope: Scope::Country,
    };
    let page = |text: &str, sort| WomanQuery {
        text: text.into(),
        sort,
        page_size: 50,
        ..WomanQuery::default()
    };
    time(
        &app,
        &national,
        "national: first page by name",
        page("", WomanSort::Name),
    )
    .await;
    time(
        &app,
        &national,
        "national: name prefix «احمدی ف»",
        page("احمدی ف", WomanSort::Name),
    )
    .await;
    time(
        &app,
        &national,
        "national: name in Arabic letters «علي» (no match expected)",
        page("علي", WomanSort::Name),
    )
    .await;
    time(
        &app,
        &national,
        "national: national ID",
        page("1000000071", WomanSort::Name),
    )
    .await;
    time(
        &app,
        &national,
        "national: mobile",
        page("09120000010", WomanSort::Name),
    )
    .await;
    time(
        &app,
        &national,
        "national: newest first",
        page("", WomanSort::Newest),
    )
    .await;
    time(
        &app,
        &county,
        "Abyek: first page by name",
        page("", WomanSort::Name),
    )
    .await;
    time(
        &app,
        &county,
        "Abyek: name prefix «فاطمه»",
        page("فاطمه", WomanSort::Name),
    )
    .await;
    time(
        &app,
        &county,
        "Abyek: «گلنار», common elsewhere, absent here",
        page("گلنار", WomanSort::Name),
    )
    .await;
    time(
        &app,
        &county,
        "Abyek: page 100 by name",
        WomanQuery {
            page: 100,
            ..page("", WomanSort::Name)
        },
    )
    .await;
}
