//! Password checks never hold the database's write lock. Proven structurally rather than by
//! timing: a test double of the `Database` port counts the write transactions opened, a
//! hasher double holds every password check until the test lets go, and while eight logins
//! are held inside their checks no write transaction has been opened for them and an
//! unrelated write goes through. (The waits below only bound how long a broken build hangs;
//! nothing is measured.)

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use hamyar_app::password::{Argon2id, PasswordHasher};
use hamyar_app::ports::{Backend, Database, StoreResult, Tx};
use hamyar_app::sessions::LoginClient;
use hamyar_app::users::NewUserInput;
use hamyar_app::{Actor, App, AppError, AppSettings, FixedClock};
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::{PASSWORD, test_start};

/// The real store, counting the write transactions it is asked for.
struct CountingWrites {
    inner: Arc<dyn Database>,
    writes: AtomicUsize,
}

#[async_trait]
impl Database for CountingWrites {
    fn backend(&self) -> Backend {
        self.inner.backend()
    }
    async fn read(&self) -> StoreResult<Box<dyn Tx>> {
        self.inner.read().await
    }
    async fn write(&self) -> StoreResult<Box<dyn Tx>> {
        self.writes.fetch_add(1, Ordering::SeqCst);
        self.inner.write().await
    }
    async fn backup_to(&self, path: &str) -> StoreResult<()> {
        self.inner.backup_to(path).await
    }
    async fn close(&self) {
        self.inner.close().await
    }
    async fn ping(&self) -> StoreResult<()> {
        self.inner.ping().await
    }
    async fn refresh_statistics(&self) -> StoreResult<()> {
        self.inner.refresh_statistics().await
    }
    fn audit_key(&self) -> Option<&hamyar_app::audit::key::AuditKey> {
        self.inner.audit_key()
    }
}

/// argon2id, except that every check waits for the test's signal before it runs.
#[derive(Default)]
struct HeldChecks {
    in_check: AtomicUsize,
    released: Mutex<bool>,
    signal: Condvar,
}

impl HeldChecks {
    fn release(&self) {
        *self.released.lock().unwrap() = true;
        self.signal.notify_all();
    }
}

/// Lets the held checks go when the test ends, passing or failing, so that the runtime,
/// which waits for its blocking threads, can shut down.
struct ReleaseOnDrop(Arc<HeldChecks>);

impl Drop for ReleaseOnDrop {
    fn drop(&mut self) {
        self.0.release();
    }
}

impl PasswordHasher for HeldChecks {
    fn hash(&self, password: &str) -> Result<String, AppError> {
        Argon2id.hash(password)
    }
    fn verify(&self, password: &str, stored_hash: &str) -> bool {
        self.in_check.fetch_add(1, Ordering::SeqCst);
        let released = self.released.lock().unwrap();
        drop(self.signal.wait_while(released, |r| !*r).unwrap());
        Argon2id.verify(password, stored_hash)
    }
}

async fn logins_held_in_their_password_checks_open_no_write_transaction(db: &TestDatabase) {
    let counting = Arc::new(CountingWrites {
        inner: db.store.clone(),
        writes: AtomicUsize::new(0),
    });
    let held = Arc::new(HeldChecks::default());
    let _release_at_the_end = ReleaseOnDrop(held.clone());
    let settings = AppSettings {
        password_checks: 8,
        ..AppSettings::default()
    };
    let clock = Arc::new(FixedClock::new(test_start()));
    let app = App::new(counting.clone(), clock, settings).with_password_hasher(held.clone());
    app.seed_reference_places().await.unwrap();
    let country = app.place_tree().await.unwrap().country().unwrap().id;
    let input = NewUserInput {
        username: "sara".into(),
        display_name: "سارا احمدی".into(),
        role: "auditor".into(),
        scope_place_id: country.to_string(),
        password: PASSWORD.into(),
        password_confirm: PASSWORD.into(),
    };
    app.create_user(&Actor::console(), &input).await.unwrap();
    let sara = app.user_by_username("sara").await.unwrap().unwrap().actor();
    let writes_before = counting.writes.load(Ordering::SeqCst);

    let logins: Vec<_> = (0..8_u8)
        .map(|i| {
            let app = app.clone();
            let password = if i % 2 == 0 {
                PASSWORD
            } else {
                "not-her-password"
            };
            tokio::spawn(async move {
                let client = LoginClient::at([127, 0, 1, i].into());
                app.login("sara", password, &client).await
            })
        })
        .collect();
    for _ in 0..1_000 {
        if held.in_check.load(Ordering::SeqCst) == 8 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(
        held.in_check.load(Ordering::SeqCst),
        8,
        "all eight logins are checking"
    );
    assert_eq!(
        counting.writes.load(Ordering::SeqCst),
        writes_before,
        "no write transaction was opened before or during the password checks"
    );
    let unrelated = tokio::time::timeout(
        Duration::from_secs(10),
        app.set_preferences(&sara, "en", "rial"),
    );
    unrelated
        .await
        .expect("an unrelated write is not blocked by the checks")
        .unwrap();

    held.release();
    let mut outcomes = Vec::new();
    for login in logins {
        outcomes.push(login.await.unwrap().is_ok());
    }
    assert_eq!(outcomes.iter().filter(|ok| **ok).count(), 4);
    assert_eq!(
        counting.writes.load(Ordering::SeqCst),
        writes_before + 1 + 4,
        "one write for the preferences, one per successful login"
    );
}

hamyar_store::on_both_databases!(logins_held_in_their_password_checks_open_no_write_transaction);
