//! Fixtures shared by the use-case tests: an application over a test database at the fixed
//! test instant with the reference places seeded, places by code, and users of a role at a
//! place, so each test file says only what its own story needs.

use std::sync::Arc;

use hamyar_app::access::PlaceId;
use hamyar_app::users::NewUserInput;
use hamyar_app::{Actor, App, AppSettings, FixedClock};
use hamyar_store::testing::TestDatabase;

use crate::{PASSWORD, test_start};

/// An application over `db` at [`test_start`], with the reference places seeded.
pub async fn app_on(db: &TestDatabase) -> App {
    let clock = Arc::new(FixedClock::new(test_start()));
    let app = App::new(db.store.clone(), clock, AppSettings::default());
    app.seed_reference_places().await.expect("seed places");
    app
}

/// The id of the place with this code (`ir.qazvin`, `ir.qazvin.takestan`…).
pub async fn place(app: &App, code: &str) -> PlaceId {
    app.place_tree()
        .await
        .expect("places")
        .by_code(code)
        .unwrap_or_else(|| panic!("no place {code}"))
        .id
}

/// Creates a user of `role` whose scope is the place `code`, and returns them as an actor.
pub async fn user(app: &App, username: &str, role: &str, code: &str) -> Actor {
    let input = NewUserInput {
        username: username.into(),
        display_name: format!("کاربر {username}"),
        role: role.into(),
        scope_place_id: place(app, code).await.to_string(),
        password: PASSWORD.into(),
        password_confirm: PASSWORD.into(),
    };
    app.create_user(&Actor::console(), &input)
        .await
        .expect("create user");
    app.user_by_username(username)
        .await
        .expect("read user")
        .expect("user exists")
        .actor()
}
