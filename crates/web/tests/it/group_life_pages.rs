//! The group's life through the browser, as the people of issue 4 would use it: a social
//! worker in Takestan forms a group of six, brings it to active, records three months of
//! business and a meeting on the group's life page; a provincial expert records a visit with
//! a request, sees it due and then overdue in the list of visits; the county expert of Abyek
//! sees neither the group nor its visit. The group page tells the story at a glance.

use hamyar_app::groups::StageInput;
use hamyar_app::ports::groups::GroupId;
use hamyar_domain::groups::{GroupInput, JoinInput};
use hamyar_domain::registry::WomanInput;
use hamyar_testkit::PASSWORD;
use hamyar_webtest::{Browser, TestApp};

/// A valid national ID built from nine digits and its check digit.
fn national_id(seed: u64) -> String {
    let body = format!("{:09}", 200_000_000 + seed * 7_919);
    let sum: u32 = body
        .chars()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap() * (10 - i as u32))
        .sum();
    let r = sum % 11;
    format!("{body}{}", if r < 2 { r } else { 11 - r })
}

/// The Takestan group, active, with six members; returns (group id, member woman ids).
async fn active_group(test: &TestApp) -> (GroupId, Vec<hamyar_app::ports::registry::WomanId>) {
    let app = &test.app;
    let worker = app
        .user_by_username("tk.worker")
        .await
        .unwrap()
        .unwrap()
        .actor();
    let takestan = app
        .place_tree()
        .await
        .unwrap()
        .by_code("ir.qazvin.takestan")
        .unwrap()
        .id;
    let names = ["مریم", "زهرا", "فاطمه", "سکینه", "لیلا", "رقیه"];
    let mut women = Vec::new();
    for (seed, name) in names.iter().enumerate() {
        let input = WomanInput {
            national_id: national_id(seed as u64),
            first_name: (*name).into(),
            last_name: "کریمی".into(),
            birth_date: "1360/01/01".into(),
            settlement: "urban".into(),
            locality: "تاکستان".into(),
            address: "خیابان".into(),
            headship_cause: "widow".into(),
            ..WomanInput::default()
        };
        let woman = app
            .register_woman(&worker, &takestan.to_string(), &input, &[])
            .await
            .unwrap();
        women.push((woman.id, input.national_id));
    }
    let group = app
        .create_group(
            &worker,
            &GroupInput {
                name: "گروه خیاطی نور".into(),
                county: takestan.to_string(),
                business_field: "tailoring".into(),
                premises: "rented".into(),
                identified_on: "1405/01/15".into(),
                ..GroupInput::default()
            },
        )
        .await
        .unwrap();
    for (index, (_, national_id)) in women.iter().enumerate() {
        let input = JoinInput {
            national_id: national_id.clone(),
            role: if index == 0 { "head" } else { "member" }.into(),
            joined_on: "1405/01/20".into(),
        };
        app.add_group_member(&worker, group, &input).await.unwrap();
    }
    for (stage, on) in [
        ("trained", "1405/02/10"),
        ("registered", "1405/03/01"),
        ("funded", "1405/04/01"),
        ("active", "1405/05/01"),
    ] {
        let input = StageInput {
            stage: stage.into(),
            effective_on: on.into(),
            ..StageInput::default()
        };
        app.move_group_stage(&worker, group, &input).await.unwrap();
    }
    (group, women.into_iter().map(|(id, _)| id).collect())
}

async fn record_month(
    browser: &Browser,
    group: GroupId,
    month: &str,
    revenue: &str,
    paid: &[(String, &str)],
) -> u16 {
    let page = format!("/groups/{group}/life");
    let mut fields: Vec<(&str, &str)> = vec![
        ("year", "۱۴۰۵"),
        ("month", month),
        ("revenue", revenue),
        ("costs", "15,000,000"),
        ("members_working", "6"),
        ("people_hired", "0"),
        ("channels", "shop"),
        ("channels", "online"),
    ];
    for (name, amount) in paid {
        fields.push((name.as_str(), amount));
    }
    browser
        .submit(&page, &format!("/groups/{group}/business"), &fields)
        .await
        .status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_takestan_group_records_its_business_meetings_and_visits_and_abyek_sees_none_of_it() {
    let test = TestApp::spawn().await;
    let worker = test
        .logged_in("tk.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let expert = test
        .logged_in("qz.expert", "provincial_expert", "ir.qazvin")
        .await;
    test.create_user("ab.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    let (group, women) = active_group(&test).await;
    let life = format!("/groups/{group}/life");

    // Three months of business; Azar (the current month) is not recorded yet.
    let pay = format!("pay.{}", women[0]);
    for (month, revenue) in [("6", "20000000"), ("7", "۲۵٬۰۰۰٬۰۰۰"), ("8", "12000000")] {
        assert_eq!(
            record_month(&worker, group, month, revenue, &[(pay.clone(), "1000000")]).await,
            303
        );
    }
    let page = worker.get(&life).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("<svg class=\"chart\""),
        "the chart is drawn on the server"
    );
    assert_eq!(
        page.body.matches("class=\"gap\"").count(),
        1,
        "Azar shows as a gap"
    );
    assert!(
        page.body.contains("\u{2066}-۳٬۰۰۰٬۰۰۰\u{2069}"),
        "Aban's loss, in Persian digits"
    );
    assert!(page.body.contains("آبان ۱۴۰۵"));

    // Correcting Aban opens the form filled with what was recorded, payment included.
    let correcting = worker.get(&format!("{life}?edit=1405-8")).await;
    assert!(correcting.body.contains(r#"value="۱۲۰۰۰۰۰۰""#));
    assert!(correcting.body.contains(&format!(
        r#"name="pay.{}" type="text" inputmode="numeric" dir="ltr" class="ltr" value="۱۰۰۰۰۰۰""#,
        women[0]
    )));
    assert!(correcting.body.contains(r#"value="online" checked"#));

    // A month still to come is refused with a Persian message, and nothing changes.
    assert_eq!(record_month(&worker, group, "10", "1", &[]).await, 422);
    let refused = worker
        .submit(
            &life,
            &format!("/groups/{group}/business"),
            &[
                ("year", "1405"),
                ("month", "10"),
                ("revenue", "1"),
                ("costs", "1"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("دی ۱۴۰۵ هنوز نرسیده است"),
        "{}",
        refused.body
    );
    assert_eq!(
        worker
            .get(&life)
            .await
            .body
            .matches("class=\"bar\"")
            .count(),
        3
    );

    // A meeting with each member's attendance.
    let mut fields: Vec<(String, String)> = vec![
        ("held_on".into(), "۱۴۰۵/۰۹/۰۱".into()),
        ("place".into(), "کارگاه گروه".into()),
        ("topics".into(), "قیمت‌گذاری محصولات".into()),
        ("decisions".into(), "شرکت در نمایشگاه دی".into()),
    ];
    for (index, woman) in women.iter().enumerate() {
        let mark = if index == 5 { "excused" } else { "present" };
        fields.push((format!("att.{woman}"), mark.into()));
    }
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let saved = worker
        .submit(&life, &format!("/groups/{group}/meetings"), &fields)
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = worker.get(&life).await;
    assert!(page.body.contains("شرکت در نمایشگاه دی"));
    assert!(page.body.contains("۵ از ۶"));

    // The provincial expert visits, with a request and a follow-up due in a week.
    let visit = expert
        .submit(
            &life,
            &format!("/groups/{group}/visits"),
            &[
                ("visited_on", "1405/09/08"),
                ("purpose", "پایش فصلی"),
                ("findings", "نیاز به سرمایه در گردش"),
                ("requests", "معرفی به بانک برای وام\nغرفه در نمایشگاه"),
                ("referrals", "bank"),
                ("follow_up_due", "1405/09/15"),
            ],
        )
        .await;
    assert_eq!(visit.status, 303, "{}", visit.body);
    let due = expert.get("/visits/due").await;
    assert!(due.body.contains("گروه خیاطی نور"));
    assert!(due.body.contains("id=\"due-count\">۱<"), "{}", due.body);
    let group_page = expert.get(&format!("/groups/{group}")).await;
    assert!(group_page.body.contains("id=\"life\""));
    assert!(
        group_page.body.contains("معرفی به بانک برای وام"),
        "open requests on the group page"
    );
    assert!(group_page.body.contains("<svg class=\"chart\""));

    // A week and a day later the follow-up is overdue.
    // (Sessions do not survive the week, so everyone logs in again.)
    test.clock.advance(jiff::SignedDuration::from_hours(24 * 8));
    let expert = test.browser();
    assert_eq!(expert.login("qz.expert", PASSWORD).await.status, 303);
    let abyek = test.browser();
    assert_eq!(abyek.login("ab.expert", PASSWORD).await.status, 303);
    let due = expert.get("/visits/due").await;
    assert!(due.body.contains("id=\"overdue-count\">۱<"), "{}", due.body);
    assert!(due.body.contains("۱ روز گذشته"));

    // Abyek's county expert sees neither the group nor its visit, and cannot add to it.
    assert_eq!(abyek.get(&life).await.status, 404);
    assert_eq!(abyek.get(&format!("/groups/{group}")).await.status, 404);
    let their_due = abyek.get("/visits/due").await;
    assert_eq!(their_due.status, 200);
    assert!(!their_due.body.contains("گروه خیاطی نور"));
    let token = their_due.csrf_token().unwrap();
    let forced = abyek
        .post_raw(
            &format!("/groups/{group}/visits"),
            &[
                ("csrf", token.as_str()),
                ("visited_on", "1405/09/10"),
                ("purpose", "x"),
            ],
        )
        .await;
    assert_eq!(forced.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn permits_and_the_no_visit_threshold_show_on_the_group_page() {
    let test = TestApp::spawn().await;
    let worker = test
        .logged_in("tk.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let expert = test
        .logged_in("qz.expert", "provincial_expert", "ir.qazvin")
        .await;
    let (group, _) = active_group(&test).await;
    let life = format!("/groups/{group}/life");
    let permits = format!("/groups/{group}/permits");

    let refused = worker
        .submit(
            &life,
            &permits,
            &[
                ("permit_kind", "health_code"),
                ("permit_number", "۱۲۳۴"),
                ("issued_on", "1405/03/01"),
                ("expires_on", "1405/02/01"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("تاریخ انقضای مجوز نمی‌تواند پیش از تاریخ صدور آن باشد")
    );
    let saved = worker
        .submit(
            &life,
            &permits,
            &[
                ("permit_kind", "health_code"),
                ("permit_number", "۱۲۳۴"),
                ("issued_on", "1405/03/01"),
                ("expires_on", "1405/10/01"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303);
    let page = worker.get(&format!("/groups/{group}")).await;
    assert!(
        page.body.contains("id=\"permits-attention\""),
        "expires within 60 days"
    );
    assert!(page.body.contains("رو به انقضا"));
    assert!(
        page.body
            .contains("این گروه بیش از ۳ ماه است که بازدید نشده است."),
        "identified in Farvardin and never visited: flagged after the default 3 months"
    );
    let visit = expert
        .submit(
            &life,
            &format!("/groups/{group}/visits"),
            &[("visited_on", "1405/07/01"), ("purpose", "پایش")],
        )
        .await;
    assert_eq!(visit.status, 303, "{}", visit.body);
    let page = worker.get(&format!("/groups/{group}")).await;
    assert!(
        !page.body.contains("id=\"no-visit-flag\""),
        "visited two months ago"
    );

    let saved = expert
        .submit(
            "/visits/due",
            "/visits/due/settings",
            &[
                (
                    "province",
                    &test
                        .app
                        .place_tree()
                        .await
                        .unwrap()
                        .by_code("ir.qazvin")
                        .unwrap()
                        .id
                        .to_string(),
                ),
                ("no_visit_months", "۱"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = worker.get(&format!("/groups/{group}")).await;
    assert!(page.body.contains("id=\"no-visit-flag\""));
    assert!(
        page.body
            .contains("این گروه بیش از ۱ ماه است که بازدید نشده است.")
    );
    let refused = worker
        .submit(
            "/visits/due",
            "/visits/due/settings",
            &[("province", "1"), ("no_visit_months", "2")],
        )
        .await;
    assert_eq!(
        refused.status, 403,
        "a social worker does not set provincial settings"
    );
}
