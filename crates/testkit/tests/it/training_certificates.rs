//! Hamyar's training certificate on SQLite and PostgreSQL (issue 18): Takestan's county
//! expert runs a two-session course for two women; one attends both and completes, the other
//! is still enrolled. Her code is then checked as the public would type it — lower case,
//! without its hyphen, with Persian digits — and answers her name, the course, the county and
//! the day only; an unknown code answers nothing; a code too long to be one is refused
//! before any transaction is opened, and one that cannot be a code is not looked up. The
//! public check is throttled per address on codes not found, and a found one costs nothing.
//! Printing needs the run in the reader's scope and her personal data permission, a
//! completed enrolment, and is audited with the woman as the subject.

use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;
use hamyar_app::audit::AuditQuery;
use hamyar_app::ports::training::EnrolmentId;
use hamyar_app::ports::{Backend, Database, StoreResult, Tx};
use hamyar_app::rate_limit::ThrottleLimits;
use hamyar_app::training::{CompletionInput, CourseKindInput, MarkInput, ProviderInput, RunInput};
use hamyar_app::{Actor, App, AppError, AppSettings, FixedClock};
use hamyar_domain::JalaliDate;
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::registry::WomanInput;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::BudgetBuilder;
use hamyar_testkit::fixtures::{place, user};
use hamyar_testkit::scope::national_id;
use hamyar_testkit::test_start;

/// The real store, counting the transactions it is asked for.
struct CountingTransactions {
    inner: Arc<dyn Database>,
    opened: AtomicUsize,
}

#[async_trait]
impl Database for CountingTransactions {
    fn backend(&self) -> Backend {
        self.inner.backend()
    }
    async fn read(&self) -> StoreResult<Box<dyn Tx>> {
        self.opened.fetch_add(1, Ordering::SeqCst);
        self.inner.read().await
    }
    async fn write(&self) -> StoreResult<Box<dyn Tx>> {
        self.opened.fetch_add(1, Ordering::SeqCst);
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

struct World {
    app: App,
    store: Arc<CountingTransactions>,
    coordinator: Actor,
    /// فاطمه's enrolment (completed) and مریم's (still enrolled).
    fatemeh: EnrolmentId,
    maryam: EnrolmentId,
    code: String,
}

/// A run of two sessions in Takestan for فاطمه and مریم رضایی; فاطمه attends both and
/// completes on 1405/08/15 with national certificate ۱۲۳۴۵۶. Unknown codes from one
/// address are allowed three an hour.
async fn world(db: &TestDatabase) -> World {
    let store = Arc::new(CountingTransactions {
        inner: db.store.clone(),
        opened: AtomicUsize::new(0),
    });
    let settings = AppSettings {
        login_limits: ThrottleLimits {
            address_failures_per_hour: 3,
            ..ThrottleLimits::default()
        },
        ..AppSettings::default()
    };
    let clock = Arc::new(FixedClock::new(test_start()));
    let app = App::new(store.clone(), clock, settings);
    app.seed_reference_places().await.unwrap();
    let qazvin = place(&app, "ir.qazvin").await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let national = user(&app, "n.expert", "national_expert", "ir").await;
    let provincial = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let coordinator = user(&app, "t.expert", "county_expert", "ir.qazvin.takestan").await;
    let line = BudgetBuilder::new(&app, &provincial, qazvin)
        .amount(BudgetCategory::Training, "743000000")
        .set()
        .await
        .line(BudgetCategory::Training);
    let kind = app
        .add_course_kind(
            &national,
            &CourseKindInput {
                code: "tailoring-basic".into(),
                name: "خیاطی مقدماتی".into(),
                name_en: "Basic tailoring".into(),
                category: "vocational".into(),
                skill_standard_code: "7531-53-001-1".into(),
                hours: "16".into(),
                min_attendance_percent: String::new(),
                final_assessment: false,
            },
        )
        .await
        .unwrap();
    let provider = app
        .add_provider(
            &coordinator,
            &ProviderInput {
                name: "آموزشگاه فنی نور".into(),
                kind: "institute".into(),
                phone: String::new(),
                province_id: None,
            },
        )
        .await
        .unwrap();
    let mut ids = Vec::new();
    for (serial, first_name) in [(11, "فاطمه"), (12, "مریم")] {
        let id = national_id(810_000 + serial);
        app.register_woman(
            &coordinator,
            &takestan.to_string(),
            &WomanInput {
                national_id: id.clone(),
                first_name: first_name.into(),
                last_name: "رضایی".into(),
                birth_date: "1362/03/01".into(),
                settlement: "urban".into(),
                headship_cause: "widow".into(),
                ..WomanInput::default()
            },
            &[],
        )
        .await
        .unwrap();
        ids.push(id);
    }
    let run = app
        .plan_course_run(
            &coordinator,
            &RunInput {
                code: "TK-1405-01".into(),
                course_kind_id: kind.to_string(),
                provider_id: provider.to_string(),
                county: "تاکستان".into(),
                budget_line_id: line.to_string(),
                trainer_name: "خانم کاظمی".into(),
                place: "سالن اداره‌ی بهزیستی تاکستان".into(),
                online: false,
                capacity: "10".into(),
                sessions: "1405/08/01\n1405/08/10".into(),
                session_hours: String::new(),
            },
        )
        .await
        .unwrap();
    app.enrol_women(&coordinator, run, &ids.join("\n"), "1405/07/25")
        .await
        .unwrap();
    let view = app.course_run(&coordinator, run, false).await.unwrap();
    let enrolment = |name: &str| {
        view.women
            .iter()
            .find(|w| w.woman.first_name == name)
            .unwrap()
            .woman
            .enrolment
            .id
    };
    let (fatemeh, maryam) = (enrolment("فاطمه"), enrolment("مریم"));
    for session in &view.sessions {
        let marks =
            [(fatemeh, "present"), (maryam, "absent")].map(|(enrolment_id, mark)| MarkInput {
                enrolment_id,
                mark: mark.into(),
            });
        app.record_attendance(&coordinator, run, session.id, &marks)
            .await
            .unwrap();
    }
    let code = app
        .record_completion(
            &coordinator,
            fatemeh,
            &CompletionInput {
                completed_on: "1405/08/15".into(),
                assessment_passed: None,
                skill_certificate_no: "۱۲۳۴۵۶".into(),
            },
        )
        .await
        .unwrap();
    World {
        app,
        store,
        coordinator,
        fatemeh,
        maryam,
        code,
    }
}

/// The code as someone might type it from the paper: lower case, no hyphen, its digits in
/// Persian.
fn as_typed(code: &str) -> String {
    code.replace('-', "")
        .to_lowercase()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x06F0 + d).unwrap(),
            None => c,
        })
        .collect()
}

/// A well-formed code that is not `code` (its first letter changed).
fn another_code(code: &str, n: usize) -> String {
    let letters = ["K", "M", "P", "Q", "R", "T"];
    let letter = letters
        .iter()
        .find(|l| !code.starts_with(**l))
        .copied()
        .unwrap();
    format!("{letter}{}{}", &code[1..10], n % 10)
}

async fn a_completed_womans_code_is_checked_however_it_is_typed(db: &TestDatabase) {
    let w = world(db).await;
    let check = w
        .app
        .verify_certificate(&format!("  {}  ", as_typed(&w.code)))
        .await
        .unwrap()
        .expect("the certificate is Hamyar's");
    assert_eq!(
        (check.first_name.as_str(), check.last_name.as_str()),
        ("فاطمه", "رضایی")
    );
    assert_eq!(
        (check.course_name.as_str(), check.course_name_en.as_str()),
        ("خیاطی مقدماتی", "Basic tailoring")
    );
    assert_eq!(check.county_name.as_deref(), Some("تاکستان"));
    assert_eq!(check.completed_on, JalaliDate::new(1405, 8, 15).unwrap());
    let exact = w.app.verify_certificate(&w.code).await.unwrap();
    assert_eq!(exact, Some(check));
    assert_eq!(
        w.app
            .verify_certificate(&another_code(&w.code, 0))
            .await
            .unwrap(),
        None,
        "an unknown code"
    );
}

async fn a_code_too_long_or_malformed_is_answered_without_a_query(db: &TestDatabase) {
    let w = world(db).await;
    let before = w.store.opened.load(Ordering::SeqCst);
    let long = format!("{}-{}", w.code, "ABCDEFGHJ");
    assert_eq!(long.chars().count(), 21);
    assert!(matches!(
        w.app.verify_certificate(&long).await,
        Err(AppError::Invalid(_))
    ));
    assert!(matches!(
        w.app
            .verify_certificate_from(&"۱".repeat(10_000), IpAddr::from([10, 0, 0, 1]))
            .await,
        Err(AppError::Invalid(_))
    ));
    for malformed in ["", "ABC", "'; DROP TABLE x;--", "خیاطی مقدماتی"] {
        assert_eq!(w.app.verify_certificate(malformed).await.unwrap(), None);
    }
    assert_eq!(
        w.store.opened.load(Ordering::SeqCst),
        before,
        "no transaction was opened"
    );
}

async fn unknown_codes_from_one_address_are_throttled_and_found_ones_are_free(db: &TestDatabase) {
    let w = world(db).await;
    let guesser = IpAddr::from([203, 0, 113, 9]);
    let holder = IpAddr::from([198, 51, 100, 7]);
    // Found codes are given back: any number of them costs nothing.
    for _ in 0..5 {
        assert!(
            w.app
                .verify_certificate_from(&w.code, guesser)
                .await
                .unwrap()
                .is_some()
        );
    }
    for n in 0..3 {
        let code = another_code(&w.code, n);
        assert_eq!(
            w.app.verify_certificate_from(&code, guesser).await.unwrap(),
            None
        );
    }
    match w
        .app
        .verify_certificate_from(&another_code(&w.code, 3), guesser)
        .await
    {
        Err(AppError::RateLimited { retry_after_secs }) => assert!(retry_after_secs > 0),
        other => panic!("expected the fourth unknown code refused, got {other:?}"),
    }
    assert!(
        matches!(
            w.app.verify_certificate_from(&w.code, guesser).await,
            Err(AppError::RateLimited { .. })
        ),
        "a spent address waits, whatever it asks"
    );
    assert!(
        w.app
            .verify_certificate_from(&as_typed(&w.code), holder)
            .await
            .unwrap()
            .is_some(),
        "another address is not held back"
    );
    // The throttle is its own: the guesser's logins are not touched.
    assert!(
        w.app
            .login(
                "t.expert",
                hamyar_testkit::PASSWORD,
                &hamyar_app::sessions::LoginClient::at(guesser)
            )
            .await
            .is_ok()
    );
}

async fn printing_needs_the_scope_a_completion_and_is_audited(db: &TestDatabase) {
    let w = world(db).await;
    let facts = w.app.certificate(&w.coordinator, w.fatemeh).await.unwrap();
    assert_eq!(
        (
            facts.first_name.as_str(),
            facts.last_name.as_str(),
            facts.national_id.as_str()
        ),
        ("فاطمه", "رضایی", national_id(810_011).as_str())
    );
    assert_eq!(facts.course_name, "خیاطی مقدماتی");
    assert_eq!((facts.hours, facts.category.as_str()), (16, "vocational"));
    assert_eq!(facts.skill_standard_code.as_deref(), Some("7531-53-001-1"));
    assert_eq!(facts.run_code, "TK-1405-01");
    assert_eq!(facts.provider_name, "آموزشگاه فنی نور");
    assert_eq!(facts.starts_on, JalaliDate::new(1405, 8, 1).unwrap());
    assert_eq!(facts.ends_on, JalaliDate::new(1405, 8, 10).unwrap());
    assert_eq!(facts.completed_on, JalaliDate::new(1405, 8, 15).unwrap());
    assert_eq!(facts.skill_certificate_no.as_deref(), Some("123456"));
    assert_eq!(facts.certificate_code, w.code);

    let rows = w
        .app
        .browse_audit(
            &Actor::console(),
            &AuditQuery {
                action: Some("training.certificate".into()),
                entity_kind: Some("woman".into()),
                entity_id: Some(facts.woman_id.to_string()),
                page_size: 100,
                ..AuditQuery::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), 1, "the print names her as its subject");

    let abyek = user(&w.app, "a.expert", "county_expert", "ir.qazvin.abyek").await;
    assert!(matches!(
        w.app.certificate(&abyek, w.fatemeh).await,
        Err(AppError::NotFound)
    ));
    let press = user(&w.app, "q.press", "public_relations", "ir.qazvin").await;
    assert!(matches!(
        w.app.certificate(&press, w.fatemeh).await,
        Err(AppError::Forbidden)
    ));
    let worker = user(&w.app, "t.worker", "social_worker", "ir.qazvin.takestan").await;
    assert!(w.app.certificate(&worker, w.fatemeh).await.is_ok());
    assert!(matches!(
        w.app.certificate(&w.coordinator, w.maryam).await,
        Err(AppError::Invalid(_))
    ));
}

hamyar_store::on_both_databases!(
    a_completed_womans_code_is_checked_however_it_is_typed,
    a_code_too_long_or_malformed_is_answered_without_a_query,
    unknown_codes_from_one_address_are_throttled_and_found_ones_are_free,
    printing_needs_the_scope_a_completion_and_is_audited,
);
