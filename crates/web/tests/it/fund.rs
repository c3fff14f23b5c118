//! A group's fund through the browser (issue 20), on SQLite and PostgreSQL: Takestan's county
//! expert opens a cycle from the fund's page (typed in Persian digits), sends a meeting screen
//! that is refused whole (too many shares: the screen comes back with the message in Persian
//! and what was typed, and nothing is recorded), then records the meeting — shares, the social
//! fund, a loan with a guarantor and the cash counted, all in Persian digits — twice with the
//! same key, which records it once. The loan's page discloses the fee in rials and percent;
//! the savings-group report names the group, links its fund and shows each ratio's terms.
//! Tehran's expert does not find the fund.

use hamyar_app::Actor;
use hamyar_domain::groups::JoinInput;
use hamyar_domain::registry::WomanInput;
use hamyar_testkit::builders::GroupBuilder;
use hamyar_testkit::scope::national_id;
use hamyar_testkit::testing::TestDatabase;
use hamyar_web::WebSettings;
use hamyar_webtest::TestApp;

async fn actor(app: &TestApp, username: &str) -> Actor {
    app.app
        .user_by_username(username)
        .await
        .unwrap()
        .unwrap()
        .actor()
}

/// A group of Takestan with two members; returns the group's id and the women's ids.
async fn group(app: &TestApp) -> (String, Vec<i64>) {
    let tree = app.app.place_tree().await.unwrap();
    let takestan = tree.by_code("ir.qazvin.takestan").unwrap().id;
    let worker = actor(app, "t.worker").await;
    let group = GroupBuilder::new(&app.app, &worker, takestan, "صندوق نخل")
        .create()
        .await;
    let mut women = Vec::new();
    for (serial, first_name) in [(1, "مریم"), (2, "زهرا")] {
        let id = national_id(730_000 + serial);
        let woman = app
            .app
            .register_woman(
                &worker,
                &takestan.to_string(),
                &WomanInput {
                    national_id: id.clone(),
                    first_name: first_name.into(),
                    last_name: "رحیمی".into(),
                    birth_date: "1365/03/01".into(),
                    settlement: "urban".into(),
                    headship_cause: "widow".into(),
                    ..WomanInput::default()
                },
                &[],
            )
            .await
            .unwrap();
        women.push(woman.id.get());
        app.app
            .add_group_member(
                &worker,
                group,
                &JoinInput {
                    national_id: id,
                    role: "member".into(),
                    joined_on: "1405/02/01".into(),
                },
            )
            .await
            .unwrap();
    }
    (group.to_string(), women)
}

/// The value of the hidden field `name` on a page.
fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker).expect("the field") + marker.len();
    body[start..].split('"').next().unwrap().to_owned()
}

async fn a_county_expert_keeps_a_groups_fund_meeting_by_meeting(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    app.create_user("t.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let expert = app
        .logged_in("t.expert", "county_expert", "ir.qazvin.takestan")
        .await;
    let tehran = app
        .logged_in("th.expert", "provincial_expert", "ir.tehran")
        .await;
    let (group, women) = group(&app).await;
    let (maryam, zahra) = (women[0].to_string(), women[1].to_string());
    let fund = format!("/groups/{group}/fund");

    // The group's page links its fund; the fund has no cycle yet, only the form to open one.
    let group_page = expert.get(&format!("/groups/{group}")).await;
    assert!(group_page.body.contains(&format!("href=\"{fund}\"")));
    let page = expert.get(&fund).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("id=\"fund-cycle-form\""));
    assert_eq!(tehran.get(&fund).await.status, 404);

    let opened = expert
        .submit(
            &fund,
            &format!("{fund}/cycles"),
            &[
                ("starts_on", "۱۴۰۵/۰۸/۰۱"),
                ("ends_on", "۱۴۰۶/۰۷/۳۰"),
                ("share_value", "۱۰۰۰۰۰"),
                ("max_shares", "۵"),
                ("meeting_every", "weekly"),
                ("fee_percent", "۲"),
                ("loan_limit_multiple", "۳"),
                ("max_term_months", "۶"),
                ("social_rials", "۱۰۰۰۰"),
                ("rules", "هر هفته سه‌شنبه در خانهٔ خانم رحیمی"),
            ],
        )
        .await;
    assert_eq!(opened.status, 303, "{}", opened.body);
    let page = expert.get(&fund).await;
    assert!(page.body.contains("دورهٔ ۱: ۱۴۰۵/۰۸/۰۱ تا ۱۴۰۶/۰۷/۳۰"));
    assert!(page.body.contains(&format!("href=\"{fund}/meeting\"")));
    assert!(page.body.contains("id=\"fund-no-meetings\""));

    // The screen: a card per member, the cash before the meeting, a key.
    let screen = format!("{fund}/meeting");
    let form = expert.get(&screen).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains(&format!("name=\"shares.{maryam}\"")));
    assert!(form.body.contains("id=\"fund-cash-before\""));
    let key = hidden(&form.body, "key");
    assert!(!key.is_empty());

    let fields = |shares: &'static str, counted: &'static str| -> Vec<(String, String)> {
        vec![
            ("key".into(), key.clone()),
            ("held_on".into(), "۱۴۰۵/۰۹/۰۱".into()),
            ("member".into(), maryam.clone()),
            (format!("present.{maryam}"), "1".into()),
            (format!("shares.{maryam}"), "۲".into()),
            (format!("social.{maryam}"), "۱۰۰۰۰".into()),
            ("member".into(), zahra.clone()),
            (format!("present.{zahra}"), "1".into()),
            (format!("shares.{zahra}"), shares.into()),
            (format!("social.{zahra}"), "۱۰۰۰۰".into()),
            ("loan.0.woman".into(), zahra.clone()),
            ("loan.0.amount".into(), "۴۰۰۰۰۰".into()),
            ("loan.0.term".into(), "۴".into()),
            ("loan.0.guarantor".into(), maryam.clone()),
            ("to_bank".into(), String::new()),
            ("cash_counted".into(), counted.into()),
            ("note".into(), "جلسهٔ نخست".into()),
        ]
    };
    let send = |fields: Vec<(String, String)>| {
        let expert = &expert;
        let screen = screen.clone();
        async move {
            let pairs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            expert.submit(&screen, &screen, &pairs).await
        }
    };

    // Nine shares is more than the cycle's five: refused whole, typed values kept.
    let refused = send(fields("۹", "۱۲۰۰۰۰")).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("id=\"fund-meeting-errors\""));
    assert!(refused.body.contains("ردیف ۲"), "{}", refused.body);
    assert!(refused.body.contains("value=\"۹\""));
    assert!(refused.body.contains(&format!("value=\"{key}\"")));
    let page = expert.get(&fund).await;
    assert!(page.body.contains("id=\"fund-no-meetings\""));

    // Three shares: recorded; sent again with the same key, recorded once.
    let recorded = send(fields("۳", "۱۲۰۰۰۰")).await;
    assert_eq!(recorded.status, 303, "{}", recorded.body);
    assert!(
        recorded
            .location()
            .is_some_and(|l| l.starts_with(&format!("{fund}?done=")))
    );
    let again = send(fields("۳", "۱۲۰۰۰۰")).await;
    assert_eq!(again.status, 303, "{}", again.body);
    let page = expert.get(&fund).await;
    assert!(page.body.contains("جلسهٔ ۱ · ۱۴۰۵/۰۹/۰۱"), "{}", page.body);
    assert!(!page.body.contains("جلسهٔ ۲ ·"));
    assert!(!page.body.contains("id=\"fund-no-meetings\""));

    // The loan's page: borrower, guarantor, the fee in rials and percent, its schedule.
    let start = page.body.find("href=\"/fund/loans/").expect("a loan link") + 6;
    let loan = page.body[start..].split('"').next().unwrap().to_owned();
    let loan_page = expert.get(&loan).await;
    assert_eq!(loan_page.status, 200, "{}", loan_page.body);
    assert!(loan_page.body.contains("زهرا رحیمی"));
    assert!(loan_page.body.contains("مریم رحیمی"));
    assert!(loan_page.body.contains("۲٫۰۰٪"), "{}", loan_page.body);
    assert!(loan_page.body.contains("id=\"fund-reschedule-form\""));
    assert_eq!(tehran.get(&loan).await.status, 404);

    // The report of the meeting's week: the group linked, each ratio with its terms.
    let report = expert
        .get("/fund/report?from=۱۴۰۵/۰۹/۰۱&to=۱۴۰۵/۰۹/۰۸")
        .await;
    assert_eq!(report.status, 200, "{}", report.body);
    assert!(report.body.contains(&format!("href=\"{fund}\"")));
    assert!(report.body.contains("صندوق نخل"));
    assert!(report.body.contains(" ÷ "));
    // A province's report lists its counties, each linking to its own report, not its groups.
    let provincial = app
        .logged_in("q.fund", "provincial_expert", "ir.qazvin")
        .await;
    let province = provincial
        .get("/fund/report?from=۱۴۰۵/۰۹/۰۱&to=۱۴۰۵/۰۹/۰۸")
        .await;
    assert_eq!(province.status, 200, "{}", province.body);
    assert!(
        province.body.contains("/fund/report?place="),
        "{}",
        province.body
    );
    assert!(!province.body.contains(&format!("href=\"{fund}\"")));
    // By default, the last whole quarter: Tir to Shahrivar 1405.
    let default = expert.get("/fund/report").await;
    assert_eq!(default.status, 200, "{}", default.body);
    assert!(default.body.contains("۱۴۰۵/۰۴/۰۱ تا ۱۴۰۵/۰۶/۳۱"));
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(TestDatabase::sqlite().await).await;
                }
            )*
            use hamyar_testkit::testing::TestDatabase;
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(db) = TestDatabase::postgres().await else {
                        return;
                    };
                    super::$name(db).await;
                }
            )*
            use hamyar_testkit::testing::TestDatabase;
        }
    };
}

on_both!(a_county_expert_keeps_a_groups_fund_meeting_by_meeting);
