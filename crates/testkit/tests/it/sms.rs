//! The SMS outbox through its use-cases, on SQLite and PostgreSQL (issue 21): three women of
//! a Takestan group — one who agreed to messages, one who never did, one who agreed but has
//! no mobile — meet and save; the meeting queues one receipt and reports the other two as
//! cancelled with the reason, and the same screen sent again queues nothing more. Withdrawing
//! consent cancels what was queued for her; an expert of another county cannot
//! record it. The reminders for the day the fund is next expected to meet are queued once
//! however often they are run, and none for another day. A dispatch through a gateway that
//! fails waits the retry schedule's first pause (the whole run against a failing HTTP
//! gateway is `hamyar-sms`'s test).

use std::sync::Mutex;

use async_trait::async_trait;
use hamyar_app::access::PlaceId;
use hamyar_app::groups::StaffInput;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::sms::{SmsRow, SmsState};
use hamyar_app::sms::consent::ConsentInput;
use hamyar_app::sms::{
    DeliveryStatus, DispatchSettings, GatewayError, GatewayReceipt, OutgoingSms, SmsGateway,
};
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::JalaliDate;
use hamyar_domain::fund::CycleInput;
use hamyar_domain::fund::meeting::{MeetingInput, MemberLineInput};
use hamyar_domain::groups::JoinInput;
use hamyar_domain::sms::SmsKind;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::{GroupBuilder, WomanBuilder};
use hamyar_testkit::fixtures::{app_on, place, user};
use hamyar_testkit::scope::national_id;

struct World {
    app: App,
    facilitator: Actor,
    expert: Actor,
    group: GroupId,
    /// Agreed, with a mobile.
    maryam: WomanId,
    /// Never answered.
    leila: WomanId,
    /// Agreed, no mobile.
    zahra: WomanId,
}

async fn world(db: &TestDatabase) -> World {
    let app = app_on(db).await;
    let takestan: PlaceId = place(&app, "ir.qazvin.takestan").await;
    let expert = user(&app, "t.expert", "county_expert", "ir.qazvin.takestan").await;
    let facilitator = user(&app, "t.facil", "facilitator", "ir.qazvin.takestan").await;
    let group = GroupBuilder::new(&app, &expert, takestan, "گروه خیاطی")
        .identified_on("1404/11/01")
        .create()
        .await;
    app.assign_group_staff(
        &expert,
        group,
        &StaffInput {
            duty: "facilitator".into(),
            user: facilitator.user_id.unwrap().to_string(),
            from_on: "1404/11/01".into(),
        },
    )
    .await
    .unwrap();
    let mut women = Vec::new();
    for (body, first, mobile) in [
        (6201, "مریم", "۰۹۱۲۱۲۳۴۵۶۷"),
        (6202, "لیلا", "09121234568"),
        (6203, "زهرا", ""),
    ] {
        let id = WomanBuilder::new(&app, &expert, takestan, national_id(body))
            .first_name(first)
            .with(|input| input.mobile = mobile.into())
            .register()
            .await;
        app.add_group_member(
            &expert,
            group,
            &JoinInput {
                national_id: national_id(body),
                role: "member".into(),
                joined_on: "1404/12/01".into(),
            },
        )
        .await
        .unwrap();
        women.push(id);
    }
    for agreed in [women[0], women[2]] {
        app.record_sms_consent(&expert, agreed, &consent(true))
            .await
            .unwrap();
    }
    app.open_fund_cycle(&facilitator, group, &rules())
        .await
        .unwrap();
    World {
        app,
        facilitator,
        expert,
        group,
        maryam: women[0],
        leila: women[1],
        zahra: women[2],
    }
}

fn consent(consented: bool) -> ConsentInput {
    ConsentInput {
        consented,
        decided_on: "1405/09/01".into(),
        quiet_hours: String::new(),
    }
}

fn rules() -> CycleInput {
    CycleInput {
        starts_on: "1405/01/15".into(),
        ends_on: "1405/12/15".into(),
        share_value: "500000".into(),
        max_shares: "5".into(),
        meeting_every: "monthly".into(),
        fee_percent: "2".into(),
        loan_limit_multiple: "3".into(),
        max_term_months: "6".into(),
        social_rials: "0".into(),
        rules: "هر عضو در هر جلسه دست‌کم یک سهم می‌خرد.".into(),
    }
}

fn meeting(w: &World, day: &str) -> MeetingInput {
    MeetingInput {
        held_on: day.into(),
        lines: [w.maryam, w.leila, w.zahra]
            .iter()
            .map(|woman| MemberLineInput {
                woman_id: woman.get(),
                present: true,
                shares: "2".into(),
                social: String::new(),
                repayment: String::new(),
                fine: String::new(),
            })
            .collect(),
        loans: Vec::new(),
        to_bank: String::new(),
        cash_counted: "3000000".into(),
        note: String::new(),
    }
}

async fn messages_to(w: &World, woman: WomanId) -> Vec<SmsRow> {
    w.app.sms_to_woman(&w.expert, woman, 50).await.unwrap()
}

async fn a_meeting_queues_her_receipt_and_reports_the_women_it_cannot_reach(db: &TestDatabase) {
    let w = world(db).await;
    let screen = meeting(&w, "1405/08/15");
    for _ in 0..2 {
        w.app
            .record_fund_meeting(&w.facilitator, w.group, &screen, "m1")
            .await
            .unwrap();
    }
    let maryam = messages_to(&w, w.maryam).await;
    assert_eq!(maryam.len(), 1);
    assert_eq!(maryam[0].kind, SmsKind::SavingReceipt);
    assert_eq!(maryam[0].state, SmsState::Queued);
    assert_eq!(maryam[0].mobile, "09121234567");
    assert!(
        maryam[0].body.contains("۱٬۰۰۰٬۰۰۰ ریال"),
        "{}",
        maryam[0].body
    );
    assert!(
        maryam[0].body.contains("۱۵ آبان ۱۴۰۵"),
        "{}",
        maryam[0].body
    );
    let leila = messages_to(&w, w.leila).await;
    assert_eq!(leila.len(), 1);
    assert_eq!(
        (
            leila[0].state,
            leila[0].last_error.as_deref(),
            leila[0].body.as_str()
        ),
        (SmsState::Cancelled, Some("no_consent"), "")
    );
    let zahra = messages_to(&w, w.zahra).await;
    assert_eq!(zahra[0].last_error.as_deref(), Some("no_mobile"));
    let counts = w.app.sms_outbox_counts(&w.expert).await.unwrap();
    assert_eq!(counts, [(SmsState::Queued, 1), (SmsState::Cancelled, 2)]);
}

async fn withdrawing_consent_cancels_her_queued_messages_within_scope(db: &TestDatabase) {
    let w = world(db).await;
    w.app
        .record_fund_meeting(&w.facilitator, w.group, &meeting(&w, "1405/08/15"), "m1")
        .await
        .unwrap();
    let stranger = user(&w.app, "a.expert", "county_expert", "ir.qazvin.abyek").await;
    assert!(matches!(
        w.app
            .record_sms_consent(&stranger, w.maryam, &consent(false))
            .await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        w.app
            .record_sms_consent(&w.facilitator, w.maryam, &consent(false))
            .await,
        Err(AppError::Forbidden)
    ));
    w.app
        .record_sms_consent(&w.expert, w.maryam, &consent(false))
        .await
        .unwrap();
    let maryam = messages_to(&w, w.maryam).await;
    assert_eq!(maryam[0].state, SmsState::Cancelled);
    assert_eq!(maryam[0].last_error.as_deref(), Some("consent_withdrawn"));
    let in_force = w.app.sms_consent(&w.expert, w.maryam).await.unwrap();
    assert!(!in_force.unwrap().consented);
    let mut bad = consent(true);
    bad.quiet_hours = "22-7".into();
    assert!(matches!(
        w.app.record_sms_consent(&w.expert, w.maryam, &bad).await,
        Err(AppError::Invalid(_))
    ));
}

async fn reminders_for_the_expected_meeting_day_are_queued_once(db: &TestDatabase) {
    let w = world(db).await;
    w.app
        .record_fund_meeting(&w.facilitator, w.group, &meeting(&w, "1405/08/15"), "m1")
        .await
        .unwrap();
    let expected = JalaliDate::parse("1405/09/15").unwrap();
    let first = w
        .app
        .enqueue_meeting_reminders(&w.expert, expected)
        .await
        .unwrap();
    assert_eq!((first.queued, first.no_consent, first.no_mobile), (1, 1, 1));
    let again = w
        .app
        .enqueue_meeting_reminders(&w.expert, expected)
        .await
        .unwrap();
    assert_eq!((again.queued, again.already_there), (0, 3));
    let other_day = w
        .app
        .enqueue_meeting_reminders(&w.expert, expected.add_days(1))
        .await
        .unwrap();
    assert_eq!(other_day.queued + other_day.already_there, 0);
    let reminder = messages_to(&w, w.maryam)
        .await
        .into_iter()
        .find(|m| m.kind == SmsKind::MeetingReminder)
        .unwrap();
    assert!(
        reminder.body.contains("شنبه ۱۵ آذر ۱۴۰۵"),
        "{}",
        reminder.body
    );
}

/// Fails the first send of each message and takes it the second time.
#[derive(Default)]
struct Flaky {
    seen: Mutex<Vec<i64>>,
}

#[async_trait]
impl SmsGateway for Flaky {
    async fn send(&self, outgoing: &OutgoingSms) -> Result<GatewayReceipt, GatewayError> {
        let mut seen = self.seen.lock().unwrap();
        let before = seen.iter().filter(|id| **id == outgoing.local_id).count();
        seen.push(outgoing.local_id);
        match before {
            0 => Err(GatewayError::Transient("http_503".into())),
            _ => Ok(GatewayReceipt {
                provider_message_id: format!("p-{}", outgoing.local_id),
            }),
        }
    }

    async fn delivery_status(
        &self,
        ids: &[String],
    ) -> Result<Vec<(String, DeliveryStatus)>, GatewayError> {
        Ok(ids
            .iter()
            .map(|id| (id.clone(), DeliveryStatus::Delivered))
            .collect())
    }
}

async fn a_failed_send_waits_its_backoff_before_it_is_tried_again(db: &TestDatabase) {
    let w = world(db).await;
    w.app
        .record_fund_meeting(&w.facilitator, w.group, &meeting(&w, "1405/08/15"), "m1")
        .await
        .unwrap();
    let gateway = Flaky::default();
    let settings = DispatchSettings::default();
    let first = w.app.dispatch_due_sms(&gateway, &settings).await.unwrap();
    assert_eq!((first.claimed, first.retrying), (1, 1));
    // The retry is a minute away: nothing is due yet.
    let early = w.app.dispatch_due_sms(&gateway, &settings).await.unwrap();
    assert_eq!(early.claimed, 0);
    let queued = messages_to(&w, w.maryam).await;
    assert_eq!(queued[0].last_error.as_deref(), Some("http_503"));
    assert_eq!(
        queued[0].next_attempt_at.as_second() - w.app.now().as_second(),
        60
    );
}

hamyar_store::on_both_databases!(
    a_meeting_queues_her_receipt_and_reports_the_women_it_cannot_reach,
    withdrawing_consent_cancels_her_queued_messages_within_scope,
    reminders_for_the_expected_meeting_day_are_queued_once,
    a_failed_send_waits_its_backoff_before_it_is_tried_again,
);
