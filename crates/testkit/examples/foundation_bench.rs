//! Foundation benchmark: how many audited writes per second the store sustains with many
//! concurrent requests (SQLite's single writer queue, or PostgreSQL), and how fast
//! `audit verify` walks the hash chain.
//!
//! ```sh
//! cargo run --release -p hamyar-testkit --example foundation_bench            # SQLite
//! HAMYAR_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres \
//!   cargo run --release -p hamyar-testkit --example foundation_bench -- postgres
//! ```

use std::sync::Arc;
use std::time::Instant;

use hamyar_app::{Actor, App, AppSettings, SystemClock};
use hamyar_store::testing::TestDatabase;

const WRITERS: usize = 16;
const WRITES_PER_WRITER: usize = 1_000;

#[tokio::main]
async fn main() {
    let postgres = std::env::args().any(|a| a == "postgres");
    let db = if postgres {
        TestDatabase::postgres()
            .await
            .expect("set HAMYAR_TEST_POSTGRES_URL")
    } else {
        TestDatabase::sqlite().await
    };
    let app = App::new(
        db.store.clone(),
        Arc::new(SystemClock),
        AppSettings::default(),
    );
    app.seed_reference_places().await.unwrap();
    let tree = app.place_tree().await.unwrap();
    let country = tree.country().unwrap().id.to_string();
    let mut actors = Vec::new();
    for i in 0..WRITERS {
        let input = hamyar_app::users::NewUserInput {
            username: format!("bench{i}"),
            display_name: "بنچ".into(),
            role: "auditor".into(),
            scope_place_id: country.clone(),
            password: "Bench-Passw0rd-1405".into(),
            password_confirm: "Bench-Passw0rd-1405".into(),
        };
        let id = app.create_user(&Actor::console(), &input).await.unwrap();
        actors.push(Actor {
            user_id: Some(id),
            username: format!("bench{i}"),
            role: hamyar_app::Role::Auditor,
            scope: hamyar_app::Scope::Country,
        });
    }
    let started = Instant::now();
    let mut tasks = Vec::new();
    for actor in actors {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            for n in 0..WRITES_PER_WRITER {
                let unit = if n % 2 == 0 { "toman" } else { "rial" };
                app.set_preferences(&actor, "fa", unit).await.unwrap();
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let writes = WRITERS * WRITES_PER_WRITER;
    let elapsed = started.elapsed().as_secs_f64();
    println!("backend: {}", if postgres { "postgres" } else { "sqlite" });
    println!(
        "audited writes: {writes} from {WRITERS} concurrent writers in {elapsed:.2} s = {:.0} writes/s",
        writes as f64 / elapsed
    );
    let started = Instant::now();
    let report = app.verify_audit().await.unwrap();
    let elapsed = started.elapsed().as_secs_f64();
    assert!(report.is_intact());
    println!(
        "audit verify: {} rows in {elapsed:.2} s = {:.0} rows/s",
        report.rows_checked,
        report.rows_checked as f64 / elapsed
    );
}
