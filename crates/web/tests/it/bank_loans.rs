//! Bank self-employment loans through the browser (issue 20), on SQLite and PostgreSQL: the
//! county expert of Takestan finds the bank-loans section on Maryam's file, is shown the
//! referral form's mistakes in Persian (and nothing is written), refers her in Persian digits,
//! records the bank's approval and the payout, and finds the loan in her facility history. A
//! second referral is stopped by the double-support warning — nothing written — until she
//! sends it again confirmed. An instalment typed in Persian digits is recorded and the county's
//! list shows each referral's state. The county expert of Abyek finds none of it.

use hamyar_app::Actor;
use hamyar_app::ports::registry::WomanId;
use hamyar_domain::registry::WomanInput;
use hamyar_testkit::scope::national_id;
use hamyar_testkit::testing::TestDatabase;
use hamyar_web::WebSettings;
use hamyar_webtest::{Browser, Page, TestApp};

async fn actor(app: &TestApp, username: &str) -> Actor {
    app.app
        .user_by_username(username)
        .await
        .unwrap()
        .unwrap()
        .actor()
}

/// A woman of Takestan registered by the county expert.
async fn woman(app: &TestApp, expert: &Actor, first_name: &str) -> WomanId {
    let takestan = app
        .app
        .place_tree()
        .await
        .unwrap()
        .by_code("ir.qazvin.takestan")
        .unwrap()
        .id;
    app.app
        .register_woman(
            expert,
            &takestan.to_string(),
            &WomanInput {
                national_id: national_id(750_001),
                first_name: first_name.into(),
                last_name: "کاظمی".into(),
                birth_date: "1365/04/01".into(),
                settlement: "urban".into(),
                headship_cause: "widow".into(),
                ..WomanInput::default()
            },
            &[],
        )
        .await
        .unwrap()
        .id
}

fn refused_in_persian(page: &Page, message: &str) {
    assert_eq!(page.status, 422, "{}", page.body);
    assert!(page.body.contains("ثبت نشد"), "{}", page.body);
    assert!(page.body.contains(message), "{message}: {}", page.body);
}

const REFERRAL: [(&str, &str); 6] = [
    ("bank", "mehr_iran"),
    ("amount", "۱۲۰٬۰۰۰٬۰۰۰"),
    ("term_months", "۱۲"),
    ("referred_on", "۱۴۰۵/۰۶/۰۱"),
    ("guarantor_1_name", "علی احمدی"),
    ("guarantor_1_national_id", "0067749828"),
];

/// The expert refers Maryam from her file; returns the referral's page.
async fn maryam_is_referred(expert: &Browser, app: &TestApp, maryam: WomanId) -> String {
    let file = expert.get(&format!("/women/{maryam}")).await;
    assert_eq!(file.status, 200);
    assert!(file.body.contains("id=\"bank-loans\""), "{}", file.body);
    let new = format!("/women/{maryam}/bank-loans/new");
    assert!(
        file.body.contains(&new),
        "the file links to the referral form"
    );
    let form = expert.get(&new).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("بانک قرض‌الحسنه مهر ایران"));
    let action = format!("/women/{maryam}/bank-loans");
    let refused = expert
        .submit(
            &new,
            &action,
            &[("bank", "other"), ("amount", "0"), ("term_months", "12")],
        )
        .await;
    refused_in_persian(&refused, "نام بانک را بنویسید.");
    assert!(refused.body.contains("مبلغ باید بیشتر از صفر باشد."));
    let who = actor(app, "t.expert").await;
    let loans = app.app.bank_loans_of_woman(&who, maryam).await.unwrap();
    assert!(loans.loans.is_empty(), "a refused form refers nobody");
    let made = expert.submit(&new, &action, &REFERRAL).await;
    assert_eq!(made.status, 303, "{}", made.body);
    made.location()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned()
}

async fn the_bank_approves_and_pays_out(expert: &Browser, loan: &str) {
    let shown = expert.get(loan).await;
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains("مریم کاظمی"), "{}", shown.body);
    assert!(shown.body.contains("۴٪"), "the fee is disclosed");
    assert!(shown.body.contains("علی احمدی"));
    let decided = expert
        .submit(
            loan,
            &format!("{loan}/decision"),
            &[("decision", "approved"), ("on", "1405/06/10")],
        )
        .await;
    assert_eq!(decided.status, 303, "{}", decided.body);
    let early = expert
        .submit(
            loan,
            &format!("{loan}/disbursement"),
            &[("on", "1405/06/05")],
        )
        .await;
    refused_in_persian(&early, "پیش از گام قبلی");
    let paid = expert
        .submit(
            loan,
            &format!("{loan}/disbursement"),
            &[("on", "۱۴۰۵/۰۶/۱۵")],
        )
        .await;
    assert_eq!(paid.status, 303, "{}", paid.body);
    let shown = expert.get(loan).await;
    assert!(shown.body.contains("id=\"schedule\""), "{}", shown.body);
}

async fn a_county_expert_refers_a_woman_to_a_bank_and_follows_the_loan(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let expert = app
        .logged_in("t.expert", "county_expert", "ir.qazvin.takestan")
        .await;
    let stranger = app
        .logged_in("a.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    let who = actor(&app, "t.expert").await;
    let maryam = woman(&app, &who, "مریم").await;

    let loan = maryam_is_referred(&expert, &app, maryam).await;
    the_bank_approves_and_pays_out(&expert, &loan).await;
    let file = expert.get(&format!("/women/{maryam}")).await;
    assert!(
        file.body.contains("وام بانکی با معرفی برنامه"),
        "in her facility history"
    );

    // A second referral is warned about the first loan and written only when confirmed.
    let new = format!("/women/{maryam}/bank-loans/new");
    let action = format!("/women/{maryam}/bank-loans");
    let mut again = REFERRAL.to_vec();
    again[3] = ("referred_on", "");
    let warned = expert.submit(&new, &action, &again).await;
    assert_eq!(warned.status, 200, "{}", warned.body);
    assert!(warned.body.contains("هشدار حمایت مضاعف"), "{}", warned.body);
    assert!(warned.body.contains("name=\"confirm\" value=\"1\""));
    assert_eq!(
        app.app
            .bank_loans_of_woman(&who, maryam)
            .await
            .unwrap()
            .loans
            .len(),
        1
    );
    again.push(("confirm", "1"));
    let confirmed = expert.submit(&new, &action, &again).await;
    assert_eq!(confirmed.status, 303, "{}", confirmed.body);
    assert_eq!(
        app.app
            .bank_loans_of_woman(&who, maryam)
            .await
            .unwrap()
            .loans
            .len(),
        2
    );

    let paid = expert
        .submit(
            &loan,
            &format!("{loan}/instalments"),
            &[("on", "۱۴۰۵/۰۷/۱۵"), ("amount", "۱۰٬۴۰۰٬۰۰۰")],
        )
        .await;
    assert_eq!(paid.status, 303, "{}", paid.body);
    let list = expert.get("/bank-loans").await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("در حال بازپرداخت"), "{}", list.body);
    assert!(list.body.contains("معرفی به بانک"));
    assert!(list.body.contains(&loan));

    assert_eq!(stranger.get(&loan).await.status, 404);
    let csrf = stranger.get("/account").await.csrf_token().unwrap();
    let fields = [("csrf", csrf.as_str()), ("amount", "1000")];
    assert_eq!(
        stranger
            .post_raw(&format!("{loan}/instalments"), &fields)
            .await
            .status,
        404
    );
    assert!(!stranger.get("/bank-loans").await.body.contains("مریم"));
    let view = app
        .app
        .bank_loan(
            &who,
            loan.trim_start_matches("/bank-loans/").parse().unwrap(),
            false,
        )
        .await
        .unwrap();
    assert_eq!(
        view.instalments.len(),
        1,
        "the other county changed nothing"
    );

    // A group is referred as its members from its page: Maryam's earlier loans warn first.
    let takestan = app
        .app
        .place_tree()
        .await
        .unwrap()
        .by_code("ir.qazvin.takestan")
        .unwrap()
        .id;
    let group = hamyar_testkit::builders::GroupBuilder::new(&app.app, &who, takestan, "گروه نان")
        .identified_on("1405/01/10")
        .create()
        .await;
    app.app
        .add_group_member(
            &who,
            group,
            &hamyar_domain::groups::JoinInput {
                national_id: national_id(750_001),
                role: "member".into(),
                joined_on: "1405/01/20".into(),
            },
        )
        .await
        .unwrap();
    let group_page = expert.get(&format!("/groups/{group}")).await;
    assert!(
        group_page
            .body
            .contains(&format!("/groups/{group}/bank-loans/new"))
    );
    let new = format!("/groups/{group}/bank-loans/new");
    let action = format!("/groups/{group}/bank-loans");
    let mut referral = REFERRAL.to_vec();
    referral[3] = ("referred_on", "");
    let warned = expert.submit(&new, &action, &referral).await;
    assert_eq!(warned.status, 200, "{}", warned.body);
    assert!(warned.body.contains("هشدار حمایت مضاعف"), "{}", warned.body);
    assert!(warned.body.contains("گروه نان"));
    referral.push(("confirm", "1"));
    let confirmed = expert.submit(&new, &action, &referral).await;
    assert_eq!(confirmed.status, 303, "{}", confirmed.body);
    let hers = app
        .app
        .bank_loans_of_woman(&who, maryam)
        .await
        .unwrap()
        .loans;
    assert_eq!(hers.len(), 3, "the group's member is referred on her own");
    assert_eq!(stranger.get(&new).await.status, 404);
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(super::TestDatabase::sqlite().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(db) = super::TestDatabase::postgres().await {
                        super::$name(db).await;
                    }
                }
            )*
        }
    };
}

on_both!(a_county_expert_refers_a_woman_to_a_bank_and_follows_the_loan);
