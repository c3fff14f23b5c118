//! The outbox against a local fake provider, on SQLite and PostgreSQL (issue 21's "done
//! when"): an axum server on 127.0.0.1:0 in the provider's API shape that, by a script, fails
//! with a 503 before taking a message, takes it and then hangs past the client's timeout,
//! takes it and then answers 502, or takes it; a resend of a local id it already took is
//! answered again with the same message id and not delivered again, and its status reports
//! name every message twice. Two messages are claimed and sent by a dispatcher that dies
//! before recording the answer. After the rounds it takes, every message is delivered exactly
//! once at the fake provider (counted by local id), none is missing, and the outbox says
//! delivered for each — although the provider was asked to send more often than that.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hamyar_app::clock::FixedClock;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::sms::{NewSmsRow, SmsState};
use hamyar_app::sms::{DispatchSettings, SmsGateway};
use hamyar_app::{App, AppSettings};
use hamyar_domain::sms::{QuietHours, RetrySchedule, SmsKind};
use hamyar_sms::{HttpGateway, HttpGatewaySettings};
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::WomanBuilder;
use hamyar_testkit::fixtures::{place, user};
use hamyar_testkit::scope::national_id;
use hamyar_testkit::test_start;
use serde_json::json;

const KEY: &str = "test-api-key";
const MESSAGES: usize = 12;

/// What the fake does with the next send request.
#[derive(Debug, Clone, Copy)]
enum Behaviour {
    /// 503 before taking the message.
    Fail,
    /// Takes the message, then answers only after the client gave up.
    TakeAndHang,
    /// Takes the message, then answers 502.
    TakeAndFail,
    Take,
}

const SCRIPT: [Behaviour; 6] = [
    Behaviour::Fail,
    Behaviour::TakeAndHang,
    Behaviour::Take,
    Behaviour::TakeAndFail,
    Behaviour::Take,
    Behaviour::Fail,
];

#[derive(Default)]
struct Fake {
    requests: AtomicUsize,
    resends: AtomicUsize,
    next_message_id: AtomicI64,
    script: Mutex<VecDeque<Behaviour>>,
    /// local id → (message id, times delivered to the phone).
    taken: Mutex<BTreeMap<String, (i64, u32)>>,
}

impl Fake {
    /// Takes the message under its local id once; a resend gets the same message id.
    fn take(&self, local_id: &str) -> i64 {
        let mut taken = self.taken.lock().unwrap();
        if let Some((id, _)) = taken.get(local_id) {
            self.resends.fetch_add(1, Ordering::SeqCst);
            return *id;
        }
        let id = 8_000_000 + self.next_message_id.fetch_add(1, Ordering::SeqCst);
        taken.insert(local_id.to_owned(), (id, 1));
        id
    }
}

fn reply(message_id: i64) -> Response {
    Json(json!({
        "return": {"status": 200, "message": "تایید شد"},
        "entries": [{"messageid": message_id, "status": 1, "statustext": "در صف ارسال"}]
    }))
    .into_response()
}

async fn send(
    State(fake): State<Arc<Fake>>,
    Path(key): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    assert_eq!(key, KEY);
    assert!(form["receptor"].starts_with("09") && !form["message"].is_empty());
    let number = fake.requests.fetch_add(1, Ordering::SeqCst);
    let behaviour = fake
        .script
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or(SCRIPT[number % SCRIPT.len()]);
    let local_id = &form["localid"];
    match behaviour {
        Behaviour::Fail => (StatusCode::SERVICE_UNAVAILABLE, "busy").into_response(),
        Behaviour::TakeAndHang => {
            let id = fake.take(local_id);
            tokio::time::sleep(Duration::from_secs(2)).await;
            reply(id)
        }
        Behaviour::TakeAndFail => {
            fake.take(local_id);
            (StatusCode::BAD_GATEWAY, "upstream").into_response()
        }
        Behaviour::Take => reply(fake.take(local_id)),
    }
}

async fn status(
    State(fake): State<Arc<Fake>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let taken = fake.taken.lock().unwrap();
    let known: Vec<i64> = query["messageid"]
        .split(',')
        .filter_map(|id| id.parse().ok())
        .filter(|id| taken.values().any(|(taken_id, _)| taken_id == id))
        .collect();
    // Every report twice: a duplicated answer must not count twice.
    let entries: Vec<_> = known
        .iter()
        .chain(known.iter())
        .map(|id| json!({"messageid": id, "status": 10, "statustext": "رسیده به گیرنده"}))
        .collect();
    Json(json!({"return": {"status": 200, "message": "تایید شد"}, "entries": entries}))
        .into_response()
}

async fn serve_fake() -> (Arc<Fake>, String) {
    let fake = Arc::new(Fake::default());
    let router = Router::new()
        .route("/v1/{key}/sms/send.json", post(send))
        .route("/v1/{key}/sms/status.json", get(status))
        .with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (fake, format!("http://{address}"))
}

fn gateway(base_url: String) -> HttpGateway {
    HttpGateway::new(HttpGatewaySettings {
        base_url,
        api_key: KEY.into(),
        sender: "10004346".into(),
        connect_timeout: Duration::from_millis(500),
        timeout: Duration::from_millis(400),
    })
    .unwrap()
}

/// An app on its own clock, one woman, and `MESSAGES` receipts queued to her.
async fn outbox(db: &TestDatabase) -> (App, Arc<FixedClock>, Vec<i64>) {
    let clock = Arc::new(FixedClock::new(test_start()));
    let app = App::new(db.store.clone(), clock.clone(), AppSettings::default());
    app.seed_reference_places().await.unwrap();
    let qazvin = place(&app, "ir.qazvin").await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let expert = user(&app, "t.expert", "county_expert", "ir.qazvin.takestan").await;
    let woman: WomanId = WomanBuilder::new(&app, &expert, takestan, national_id(7001))
        .with(|input| input.mobile = "09121234567".into())
        .register()
        .await;
    let mut tx = app.database().write().await.unwrap();
    let mut ids = Vec::new();
    for number in 0..MESSAGES {
        let (row, _) = tx
            .enqueue_sms(&NewSmsRow {
                idempotency_key: format!("saving_receipt.meeting.{number}.woman.{woman}"),
                woman_id: woman,
                province_id: qazvin,
                county_id: takestan,
                mobile: "09121234567".into(),
                body: format!("رسید پس‌انداز شمارهٔ {number}\nبهزیستی"),
                kind: SmsKind::SavingReceipt,
                state: SmsState::Queued,
                next_attempt_at: app.now(),
                quiet: QuietHours::default(),
                last_error: None,
                created_at: app.now(),
            })
            .await
            .unwrap();
        ids.push(row.id);
    }
    tx.commit().await.unwrap();
    (app, clock, ids)
}

/// A dispatcher that claims two messages, sends them, and dies before recording it.
async fn dies_mid_send(app: &App, gateway: &HttpGateway) {
    let mut tx = app.database().write().await.unwrap();
    let now = app.now();
    let lease = now
        .checked_add(jiff::SignedDuration::from_secs(120))
        .unwrap();
    let claimed = tx.claim_due_sms(now, lease, 2).await.unwrap();
    tx.commit().await.unwrap();
    for message in claimed {
        let outgoing = hamyar_app::sms::OutgoingSms {
            local_id: message.id,
            idempotency_key: message.idempotency_key,
            mobile: message.mobile,
            body: message.body,
        };
        // Whatever the provider answered is lost with the dispatcher.
        let _ = gateway.send(&outgoing).await;
    }
}

async fn every_message_reaches_the_phone_once_through_a_failing_provider(db: &TestDatabase) {
    let (fake, base_url) = serve_fake().await;
    let gateway = gateway(base_url);
    let (app, clock, ids) = outbox(db).await;
    fake.script
        .lock()
        .unwrap()
        .extend([Behaviour::Take, Behaviour::TakeAndHang]);
    dies_mid_send(&app, &gateway).await;
    let settings = DispatchSettings {
        batch: 5,
        lease_seconds: 120,
        retry: RetrySchedule::new(vec![60], 30).unwrap(),
    };
    let console = hamyar_app::Actor::console();
    for _ in 0..40 {
        app.dispatch_due_sms(&gateway, &settings).await.unwrap();
        app.record_sms_delivery_reports(&gateway, 100)
            .await
            .unwrap();
        let counts = app.sms_outbox_counts(&console).await.unwrap();
        if counts == [(SmsState::Delivered, MESSAGES as i64)] {
            break;
        }
        clock.advance(jiff::SignedDuration::from_secs(61));
    }
    let counts = app.sms_outbox_counts(&console).await.unwrap();
    assert_eq!(counts, [(SmsState::Delivered, MESSAGES as i64)]);
    let taken = fake.taken.lock().unwrap();
    assert_eq!(taken.len(), MESSAGES, "a message lost or one too many");
    for id in &ids {
        assert_eq!(taken[&id.to_string()].1, 1, "message {id} delivered twice");
    }
    assert!(fake.requests.load(Ordering::SeqCst) > MESSAGES);
    assert!(
        fake.resends.load(Ordering::SeqCst) > 0,
        "no resend was deduplicated"
    );
}

hamyar_store::on_both_databases!(every_message_reaches_the_phone_once_through_a_failing_provider);
