//! In-process HTTP tests of the Hamyar group pages: forming a group through the form, refused
//! forms explained in Persian under their fields with nothing written, the report panel's
//! answers, the province's settings, the woman's file naming her group, and who may see what.

use hamyar_webtest::{Browser, TestApp};

/// Valid national IDs (check digit included).
const NID_ZAHRA: &str = "0013542419";
const NID_LEILA: &str = "0084575948";

async fn county_id(app: &TestApp, code: &str) -> String {
    let tree = app.app.place_tree().await.unwrap();
    tree.by_code(code).unwrap().id.to_string()
}

async fn register(browser: &Browser, national_id: &str, first: &str, county: &str) -> String {
    let page = browser
        .submit(
            "/women/new",
            "/women",
            &[
                ("national_id", national_id),
                ("first_name", first),
                ("last_name", "رحیمی"),
                ("birth_date", "1360/01/01"),
                ("county", county),
                ("settlement", "urban"),
                ("headship_cause", "widow"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    page.location()
        .unwrap()
        .split_once('?')
        .unwrap()
        .0
        .to_owned()
}

/// Forms a group and returns its page's path.
async fn form_group(browser: &Browser, name: &str, county: &str, identified_on: &str) -> String {
    let page = browser
        .submit(
            "/groups/new",
            "/groups",
            &[
                ("name", name),
                ("county", county),
                ("business_field", "tailoring"),
                ("premises", "home"),
                ("identified_on", identified_on),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let location = page.location().unwrap();
    assert!(location.ends_with("?done=groups-created"), "{location}");
    location.split_once('?').unwrap().0.to_owned()
}

#[tokio::test]
async fn a_social_worker_forms_a_group_and_a_bad_form_is_explained_field_by_field() {
    let app = TestApp::spawn().await;
    let takestan = county_id(&app, "ir.qazvin.takestan").await;
    let worker = app
        .logged_in("tk.worker", "social_worker", "ir.qazvin.takestan")
        .await;

    let refused = worker
        .submit(
            "/groups/new",
            "/groups",
            &[
                ("name", ""),
                ("county", &takestan),
                ("business_field", "other"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("نام گروه وارد نشده است"),
        "{}",
        refused.body
    );
    assert!(
        refused
            .body
            .contains("برای رشتهٔ «سایر» بنویسید کسب‌وکار گروه چیست")
    );
    assert!(refused.body.contains("محل کار انتخاب نشده است"));
    assert!(!worker.get("/groups").await.body.contains("/groups/1\""));

    let path = form_group(&worker, "گروه نان محلی", &takestan, "").await;
    let page = worker.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("گروه نان محلی"));
    assert!(
        page.body.contains("G-۰۰۰۱"),
        "the code, numbered automatically"
    );
    assert!(page.body.contains("شناسایی‌شده"));

    // Skipping training: 422, the allowed stages named, the stage unchanged.
    let skip = worker
        .submit(
            &path,
            &format!("{path}/stage"),
            &[("stage", "active"), ("effective_on", "۱۴۰۵/۰۹/۰۸")],
        )
        .await;
    assert_eq!(skip.status, 422);
    assert!(
        skip.body.contains("نمی‌تواند به «فعال» برود"),
        "{}",
        skip.body
    );
    let moved = worker
        .submit(
            &path,
            &format!("{path}/stage"),
            &[("stage", "trained"), ("effective_on", "۱۴۰۵/۰۹/۰۸")],
        )
        .await;
    assert_eq!(moved.status, 303, "{}", moved.body);
    assert!(worker.get(&path).await.body.contains("آموزش‌دیده"));
}

#[tokio::test]
async fn members_join_by_national_id_and_her_file_names_her_group() {
    let app = TestApp::spawn().await;
    let takestan = county_id(&app, "ir.qazvin.takestan").await;
    let worker = app
        .logged_in("tk.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let zahra = register(&worker, NID_ZAHRA, "زهرا", &takestan).await;
    let path = form_group(&worker, "گروه گلیم", &takestan, "۱۴۰۵/۰۹/۰۱").await;
    let join = |nid: &'static str| {
        vec![
            ("national_id", nid),
            ("role", "head"),
            ("joined_on", "۱۴۰۵/۰۹/۰۲"),
        ]
    };
    // Persian digits are accepted for the national ID.
    let added = worker
        .submit(&path, &format!("{path}/members"), &join("۰۰۱۳۵۴۲۴۱۹"))
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let unknown = worker
        .submit(&path, &format!("{path}/members"), &join(NID_LEILA))
        .await;
    assert_eq!(unknown.status, 422);
    assert!(
        unknown.body.contains("نخست او را ثبت کنید"),
        "{}",
        unknown.body
    );

    let page = worker.get(&path).await;
    assert!(page.body.contains("زهرا رحیمی"));
    assert!(page.body.contains("سرگروه"));
    assert!(
        page.body.contains("گروه ۱ عضو دارد") || page.body.contains("کمینهٔ استان"),
        "one member is below the province's minimum: a warning"
    );
    let file = worker.get(&zahra).await;
    assert!(file.body.contains("گروه گلیم"), "her file names her group");
}

#[tokio::test]
async fn the_list_answers_active_on_a_date_and_registered_in_a_year() {
    let app = TestApp::spawn().await;
    let takestan = county_id(&app, "ir.qazvin.takestan").await;
    let worker = app
        .logged_in("tk.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let path = form_group(&worker, "گروه سفال", &takestan, "1404/01/10").await;
    for (stage, on) in [
        ("trained", "1404/02/01"),
        ("registered", "1404/03/01"),
        ("active", "1404/04/01"),
    ] {
        let moved = worker
            .submit(
                &path,
                &format!("{path}/stage"),
                &[("stage", stage), ("effective_on", on)],
            )
            .await;
        assert_eq!(moved.status, 303, "{}", moved.body);
    }
    let count = |body: &str, id: &str| {
        let start = body.find(&format!("id=\"{id}\">")).unwrap() + id.len() + 6;
        body[start..].split('<').next().unwrap().to_owned()
    };
    let before = worker.get("/groups?on=1404/03/31&year=1403").await.body;
    assert_eq!(count(&before, "active-count"), "۰");
    assert_eq!(count(&before, "registered-count"), "۰");
    let after = worker.get("/groups?on=۱۴۰۴/۰۴/۰۱&year=۱۴۰۴").await.body;
    assert_eq!(count(&after, "active-count"), "۱");
    assert_eq!(count(&after, "registered-count"), "۱");
    let bad = worker.get("/groups?on=1404/13/01").await;
    assert_eq!(bad.status, 200);
    assert!(bad.body.contains("field-error"), "a bad date is explained");
}

#[tokio::test]
async fn abyek_cannot_see_takestans_group_and_public_relations_sees_no_groups() {
    let app = TestApp::spawn().await;
    let takestan = county_id(&app, "ir.qazvin.takestan").await;
    let worker = app
        .logged_in("tk.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let path = form_group(&worker, "گروه گلخانه", &takestan, "").await;
    let abyek = app
        .logged_in("ab.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    assert_eq!(abyek.get(&path).await.status, 404);
    assert!(!abyek.get("/groups").await.body.contains("گروه گلخانه"));
    let stage = abyek
        .post_raw(&format!("{path}/stage"), &[("stage", "trained")])
        .await;
    assert!(
        matches!(stage.status, 403 | 404),
        "no change from outside: {}",
        stage.status
    );
    let relations = app
        .logged_in("pr.user", "public_relations", "ir.qazvin")
        .await;
    assert_eq!(relations.get("/groups").await.status, 403);
}

#[tokio::test]
async fn a_provincial_expert_sets_size_limits_and_adds_a_supervising_unit() {
    let app = TestApp::spawn().await;
    let takestan = county_id(&app, "ir.qazvin.takestan").await;
    let qazvin = county_id(&app, "ir.qazvin").await;
    let expert = app
        .logged_in("qz.expert", "provincial_expert", "ir.qazvin")
        .await;
    let bad = expert
        .submit(
            "/groups/settings",
            "/groups/settings",
            &[("province", &qazvin), ("min", "۹"), ("max", "۶")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("بیشینه نمی‌تواند از کمینه کمتر باشد"));
    let saved = expert
        .submit(
            "/groups/settings",
            "/groups/settings",
            &[
                ("province", &qazvin),
                ("min", "۴"),
                ("max", "۹"),
                ("allow_two_groups", "1"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = expert
        .get(&format!("/groups/settings?province={qazvin}"))
        .await;
    assert!(page.body.contains("value=\"4\""), "{}", page.body);
    assert!(
        page.body
            .contains("name=\"allow_two_groups\" value=\"1\" checked")
    );

    let unit = expert
        .submit(
            "/groups/settings",
            "/groups/settings/units",
            &[
                ("county", &takestan),
                ("kind", "ngo_centre"),
                ("name", "مرکز نیکوکاری مهر"),
            ],
        )
        .await;
    assert_eq!(unit.status, 303, "{}", unit.body);
    let again = expert
        .submit(
            "/groups/settings",
            "/groups/settings/units",
            &[
                ("county", &takestan),
                ("kind", "ngo_centre"),
                ("name", "مرکز  نیکوکاری مهر"),
            ],
        )
        .await;
    assert_eq!(again.status, 422, "the same name in the same county");
    let worker = app
        .logged_in("tk.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    assert!(
        worker
            .get("/groups/new")
            .await
            .body
            .contains("مرکز نیکوکاری مهر")
    );
    assert_eq!(worker.get("/groups/settings").await.status, 403);
}
