//! In-process HTTP tests of the registry of women heads of household: registering through the
//! form, finding her again however her name or ID is typed, who may see what, duplicates,
//! coverage decisions and edits that collide. Each test reads as a sentence about what a
//! person can or cannot do.

use hamyar_app::Actor;
use hamyar_app::audit::AuditQuery;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::registry::search::WomanQuery;
use hamyar_webtest::{Browser, Page, TestApp};

/// Valid national IDs (check digit included).
const NID_MARYAM: &str = "0013542419";
const NID_SECOND: &str = "0084575948";
const NID_CHILD: &str = "1234567891";
const NID_THIRD: &str = "2720012343";

async fn county_id(app: &TestApp, code: &str) -> String {
    let tree = app.app.place_tree().await.unwrap();
    tree.by_code(code).unwrap().id.to_string()
}

/// A complete registration form for a widow in a county, without household rows.
fn woman(
    national_id: &str,
    first: &str,
    last: &str,
    birth: &str,
    county: &str,
) -> Vec<(String, String)> {
    [
        ("national_id", national_id),
        ("first_name", first),
        ("last_name", last),
        ("father_name", "حسن"),
        ("birth_date", birth),
        ("mobile", ""),
        ("county", county),
        ("settlement", "urban"),
        ("locality", "آبیک"),
        ("address", "خیابان امام، کوچه‌ی ۳"),
        ("headship_cause", "widow"),
        ("education", "diploma"),
        ("income_decile", "2"),
        ("skills", "خیاطی"),
        ("sheba", ""),
        ("notes", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

/// Adds one household row `members[index].*` to a form.
fn member(fields: &mut Vec<(String, String)>, index: usize, values: &[(&str, &str)]) {
    for (name, value) in values {
        fields.push((format!("members[{index}].{name}"), (*value).to_owned()));
    }
}

async fn register(browser: &Browser, fields: &[(String, String)]) -> Page {
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    browser.submit("/women/new", "/women", &borrowed).await
}

/// Registers and returns the new file's path (`/women/7`).
async fn register_ok(browser: &Browser, fields: &[(String, String)]) -> String {
    let page = register(browser, fields).await;
    assert_eq!(page.status, 303, "{}", page.body);
    let location = page.location().unwrap();
    let (path, notice) = location.split_once('?').unwrap();
    assert_eq!(notice, "done=women-registered");
    path.to_owned()
}

fn id_of(path: &str) -> i64 {
    path.rsplit('/').next().unwrap().parse().unwrap()
}

async fn women_in_registry(app: &TestApp) -> usize {
    let query = WomanQuery {
        page_size: 100,
        ..WomanQuery::default()
    };
    app.app
        .search_women(&Actor::console(), &query)
        .await
        .unwrap()
        .items
        .len()
}

fn search_path(text: &str) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("q", text)
        .finish();
    format!("/women?{query}")
}

#[tokio::test]
async fn a_social_worker_registers_a_woman_with_her_household_and_finds_her_however_it_is_typed() {
    let app = TestApp::spawn().await;
    let abyek = county_id(&app, "ir.qazvin.abyek").await;
    let worker = app
        .logged_in("abyek.worker", "social_worker", "ir.qazvin.abyek")
        .await;

    let form = worker.get("/women/new").await;
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains("name=\"members[2].first_name\""),
        "three blank rows"
    );
    assert!(form.body.contains("<optgroup label=\"بدسرپرست\">"));
    assert!(form.body.contains("hx-get=\"/women/member-row?index=3\""));

    let mut fields = woman("۰۰۱۳۵۴۲۴۱۹", "مریم", "علی‌نژاد", "۱۳۶۵/۰۴/۱۲", &abyek);
    member(
        &mut fields,
        0,
        &[
            ("first_name", "رضا"),
            ("relation", "child"),
            ("birth_date", "۱۳۹۰/۰۶/۲۰"),
            ("national_id", NID_CHILD),
            ("activity", "in_school"),
        ],
    );
    member(
        &mut fields,
        1,
        &[("first_name", ""), ("last_name", ""), ("relation", "")],
    );
    member(
        &mut fields,
        2,
        &[
            ("first_name", "فاطمه"),
            ("last_name", "احمدی"),
            ("relation", "parent"),
            ("disability", "1"),
        ],
    );
    let path = register_ok(&worker, &fields).await;

    let file = worker.get(&format!("{path}?done=women-registered")).await;
    assert_eq!(file.status, 200);
    assert!(file.body.contains("پرونده ثبت شد"));
    assert!(
        file.body.contains("id=\"household-size\">۳<"),
        "she and two members"
    );
    assert!(
        file.body.contains("۱۳۶۵/۰۴/۱۲"),
        "Jalali birth date with Persian digits"
    );
    assert!(
        file.body.contains("همسر فوت‌شده (بی‌سرپرست)"),
        "the cause's Persian label and group"
    );
    assert!(file.body.contains("رضا") && file.body.contains("فاطمه احمدی"));
    assert!(file.body.contains("متقاضی"), "she starts as an applicant");

    for typed in [
        "علي",
        "مريم علي",
        "علی‌نژاد مریم",
        "علي نژاد",
        "۰۰۱۳۵۴۲۴۱۹",
        "13542419",
    ] {
        let list = worker.get(&search_path(typed)).await;
        assert_eq!(list.status, 200);
        assert!(
            list.body.contains(&format!("href=\"{path}\"")),
            "searching {typed:?} finds her"
        );
    }
    let other = worker.get(&search_path("زهرا")).await;
    assert!(!other.body.contains(&format!("href=\"{path}\"")));
    assert!(other.body.contains("با این جست‌وجو کسی پیدا نشد"));
}

#[tokio::test]
async fn an_invalid_national_id_is_explained_under_its_field_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let abyek = county_id(&app, "ir.qazvin.abyek").await;
    let worker = app
        .logged_in("abyek.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    let mut fields = woman("0013542418", "مریم", "کریمی", "1365/04/12", &abyek);
    member(
        &mut fields,
        0,
        &[
            ("first_name", "رضا"),
            ("relation", "child"),
            ("national_id", "123"),
        ],
    );
    let refused = register(&worker, &fields).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("<p class=\"field-error\" id=\"national_id-error\">کد ملی: رقم کنترل کد ملی نادرست است</p>"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("id=\"members-error\""));
    assert!(
        refused.body.contains("عضو ۱، کد ملی"),
        "member problems are named by row"
    );
    assert!(
        refused.body.contains("value=\"کریمی\""),
        "what was typed is kept"
    );
    assert!(
        refused.body.contains("value=\"رضا\""),
        "household rows are kept"
    );
    assert_eq!(women_in_registry(&app).await, 0, "nothing is written");
}

#[tokio::test]
async fn a_national_id_that_is_registered_already_is_refused() {
    let app = TestApp::spawn().await;
    let abyek = county_id(&app, "ir.qazvin.abyek").await;
    let worker = app
        .logged_in("abyek.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    register_ok(
        &worker,
        &woman(NID_MARYAM, "مریم", "کریمی", "1365/04/12", &abyek),
    )
    .await;
    let again = register(
        &worker,
        &woman(NID_MARYAM, "سارا", "رحیمی", "1370/01/01", &abyek),
    )
    .await;
    assert_eq!(again.status, 422);
    assert!(again.body.contains("این کد ملی پیش‌تر ثبت شده است"));
    assert_eq!(women_in_registry(&app).await, 1);
}

#[tokio::test]
async fn a_likely_duplicate_is_queued_and_the_county_expert_merges_it() {
    let app = TestApp::spawn().await;
    let abyek = county_id(&app, "ir.qazvin.abyek").await;
    let worker = app
        .logged_in("abyek.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    let first = register_ok(
        &worker,
        &woman(NID_MARYAM, "مریم", "کریمی", "1365/04/12", &abyek),
    )
    .await;
    // The same woman typed again, with an Arabic ي and another (mistyped) national ID.
    let second = register_ok(
        &worker,
        &woman(NID_SECOND, "مريم", "کریمی", "۱۳۶۵/۰۴/۱۲", &abyek),
    )
    .await;
    let file = worker.get(&second).await;
    assert!(file.body.contains("شاید با پرونده‌ی دیگری تکراری باشد"));
    assert!(file.body.contains(&format!("href=\"{first}\"")));

    let worker_queue = worker.get("/duplicates").await;
    assert!(worker_queue.body.contains("نام و تاریخ تولد یکسان"));
    assert!(
        !worker_queue.body.contains("/merge\""),
        "a social worker may look but not merge"
    );

    let expert = app
        .logged_in("abyek.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    let queue = expert.get("/duplicates").await;
    assert_eq!(queue.status, 200);
    assert!(queue.body.contains("۰۰۱۳۵۴۲۴۱۹") && queue.body.contains("۰۰۸۴۵۷۵۹۴۸"));
    let action = queue
        .body
        .split("action=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .find(|action| action.ends_with("/merge"))
        .expect("a merge button")
        .to_owned();
    let keep = id_of(&first).to_string();
    let merged = expert
        .submit("/duplicates", &action, &[("keep", keep.as_str())])
        .await;
    assert_eq!(merged.status, 303, "{}", merged.body);
    assert_eq!(
        merged.location(),
        Some("/duplicates?done=duplicates-merged")
    );
    let after = expert.get("/duplicates?done=duplicates-merged").await;
    assert!(after.body.contains("دو پرونده ادغام شد"));
    assert!(after.body.contains("مورد بررسی‌نشده‌ای نیست"));
    let list = expert.get(&search_path("مریم کریمی")).await;
    assert!(list.body.contains(&format!("href=\"{first}\"")));
    assert!(
        !list.body.contains(&format!("href=\"{second}\"")),
        "the absorbed record leaves the list"
    );
}

#[tokio::test]
async fn a_county_expert_of_abyek_never_sees_a_woman_of_takestan() {
    let app = TestApp::spawn().await;
    let takestan = county_id(&app, "ir.qazvin.takestan").await;
    let worker = app
        .logged_in("takestan.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let path = register_ok(
        &worker,
        &woman(NID_MARYAM, "مریم", "کریمی", "1365/04/12", &takestan),
    )
    .await;

    let expert = app
        .logged_in("abyek.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    assert_eq!(expert.get(&path).await.status, 404);
    assert_eq!(expert.get(&format!("{path}/edit")).await.status, 404);
    let list = expert.get("/women").await;
    assert_eq!(list.status, 200);
    assert!(!list.body.contains("کریمی"));
    assert!(
        list.body
            .contains("هنوز هیچ زنی در محدوده‌ی شما ثبت نشده است")
    );
    let by_id = expert.get(&search_path(NID_MARYAM)).await;
    assert!(!by_id.body.contains(&format!("href=\"{path}\"")));

    let provincial = app
        .logged_in("qazvin.expert", "provincial_expert", "ir.qazvin")
        .await;
    assert_eq!(
        provincial.get(&path).await.status,
        200,
        "the province sees all its counties"
    );
}

#[tokio::test]
async fn public_relations_may_not_open_the_registry() {
    let app = TestApp::spawn().await;
    let press = app
        .logged_in("press", "public_relations", "ir.qazvin")
        .await;
    for path in ["/women", "/women/new", "/duplicates", "/programme"] {
        assert_eq!(press.get(path).await.status, 403, "{path}");
    }
    let home = press.get("/").await;
    assert!(
        !home.body.contains("href=\"/women\""),
        "the menu does not offer it"
    );
}

#[tokio::test]
async fn a_facilitator_sees_national_ids_masked_in_the_list() {
    let app = TestApp::spawn().await;
    let abyek = county_id(&app, "ir.qazvin.abyek").await;
    let worker = app
        .logged_in("abyek.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    let mut fields = woman(NID_MARYAM, "مریم", "کریمی", "1365/04/12", &abyek);
    fields.retain(|(k, _)| k != "mobile");
    fields.push(("mobile".into(), "09123456789".into()));
    register_ok(&worker, &fields).await;

    let unmasked = worker.get("/women").await;
    assert!(unmasked.body.contains("۰۰۱۳۵۴۲۴۱۹"));

    let facilitator = app
        .logged_in("abyek.facilitator", "facilitator", "ir.qazvin.abyek")
        .await;
    let list = facilitator.get("/women").await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("۰۰۱****۴۱۹"), "{}", list.body);
    assert!(list.body.contains("۰۹۱۲*****۸۹"));
    assert!(!list.body.contains("۰۰۱۳۵۴۲۴۱۹"));
    assert!(
        !list.body.contains("href=\"/women/new\""),
        "a facilitator does not register"
    );
    assert!(!list.body.contains("href=\"/women/export\""));
}

#[tokio::test]
async fn opening_a_file_is_recorded_in_the_audit_trail() {
    let app = TestApp::spawn().await;
    let abyek = county_id(&app, "ir.qazvin.abyek").await;
    let worker = app
        .logged_in("abyek.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    let path = register_ok(
        &worker,
        &woman(NID_MARYAM, "مریم", "کریمی", "1365/04/12", &abyek),
    )
    .await;
    let views = |app: &TestApp| {
        let query = AuditQuery {
            action: Some("woman.view".into()),
            entity_kind: Some("woman".into()),
            entity_id: Some(id_of(&path).to_string()),
            actor_user_id: None,
            actor_name: Some("abyek.worker".into()),
            from: None,
            to: None,
            page: 0,
            page_size: 50,
        };
        let app = app.app.clone();
        async move {
            app.browse_audit(&Actor::console(), &query)
                .await
                .unwrap()
                .len()
        }
    };
    assert_eq!(views(&app).await, 0);
    assert_eq!(worker.get(&path).await.status, 200);
    assert_eq!(views(&app).await, 1);
}

/// How many audit rows of `action` name this woman and were written by `by`.
async fn audit_count(app: &TestApp, action: &str, woman: WomanId, by: &str) -> usize {
    let query = AuditQuery {
        action: Some(action.into()),
        entity_kind: Some("woman".into()),
        entity_id: Some(woman.to_string()),
        actor_name: Some(by.into()),
        page_size: 100,
        ..AuditQuery::default()
    };
    app.app
        .browse_audit(&Actor::console(), &query)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_file_is_counted_once_per_opening_and_never_per_redrawn_form() {
    let app = TestApp::spawn().await;
    let abyek = county_id(&app, "ir.qazvin.abyek").await;
    let worker = app
        .logged_in("abyek.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    let path = register_ok(
        &worker,
        &woman(NID_MARYAM, "مریم", "کریمی", "1365/04/12", &abyek),
    )
    .await;
    let id = id_of(&path);
    assert_eq!(
        audit_count(
            &app,
            "woman.view",
            hamyar_app::ports::registry::WomanId::new(id),
            "abyek.worker"
        )
        .await,
        0
    );

    let file = worker.get(&path).await;
    assert_eq!(file.status, 200);
    assert_eq!(
        audit_count(
            &app,
            "woman.view",
            hamyar_app::ports::registry::WomanId::new(id),
            "abyek.worker"
        )
        .await,
        1
    );
    let token = file.csrf_token().unwrap();

    // A refused household row and a refused document draw the file again: no new opening.
    let refused = worker
        .post_raw(
            &format!("{path}/members"),
            &[
                ("csrf", token.as_str()),
                ("first_name", "علی"),
                ("relation", "child"),
                ("national_id", NID_MARYAM),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("کد ملی عضو با کد ملی خود سرپرست یکی است")
    );
    let refused = worker
        .post_raw(
            &format!("{path}/documents"),
            &[
                ("csrf", token.as_str()),
                ("kind", "lease"),
                ("received_on", "1406/01/01"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        audit_count(
            &app,
            "woman.view",
            hamyar_app::ports::registry::WomanId::new(id),
            "abyek.worker"
        )
        .await,
        1
    );

    assert_eq!(worker.get(&path).await.status, 200);
    assert_eq!(
        audit_count(
            &app,
            "woman.view",
            hamyar_app::ports::registry::WomanId::new(id),
            "abyek.worker"
        )
        .await,
        2,
        "opening it again is another opening"
    );

    // The edit form is recorded as a view of its own kind, once per opening; a refused edit
    // is drawn from what was typed and records nothing.
    let edit = format!("{path}/edit");
    let form = worker.get(&edit).await;
    assert_eq!(form.status, 200);
    assert_eq!(
        audit_count(
            &app,
            "woman.view_for_edit",
            hamyar_app::ports::registry::WomanId::new(id),
            "abyek.worker"
        )
        .await,
        1
    );
    let mut fields = woman("0013542418", "مریم", "کریمی", "1365/04/12", &abyek);
    fields.push(("version".into(), "1".into()));
    fields.push(("csrf".into(), token.clone()));
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let refused = worker.post_raw(&edit, &borrowed).await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        audit_count(
            &app,
            "woman.view_for_edit",
            hamyar_app::ports::registry::WomanId::new(id),
            "abyek.worker"
        )
        .await,
        1
    );
    assert_eq!(
        audit_count(
            &app,
            "woman.view",
            hamyar_app::ports::registry::WomanId::new(id),
            "abyek.worker"
        )
        .await,
        2
    );

    // A refused form posted by someone who never opened the file shows it to them: that is
    // recorded.
    let expert = app
        .logged_in("abyek.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    let token = expert.get("/women").await.csrf_token().unwrap();
    let refused = expert
        .post_raw(
            &format!("{path}/coverage"),
            &[
                ("csrf", token.as_str()),
                ("status", "pensioner"),
                ("started_on", "۱۴۰۵/۰۹/۰۸"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        audit_count(
            &app,
            "woman.view",
            hamyar_app::ports::registry::WomanId::new(id),
            "abyek.expert"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn the_duplicate_queue_records_the_women_it_shows_once_per_showing() {
    let app = TestApp::spawn().await;
    let abyek = county_id(&app, "ir.qazvin.abyek").await;
    let worker = app
        .logged_in("abyek.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    let first = id_of(
        &register_ok(
            &worker,
            &woman(NID_MARYAM, "مریم", "کریمی", "1365/04/12", &abyek),
        )
        .await,
    );
    let second = id_of(
        &register_ok(
            &worker,
            &woman(NID_SECOND, "مریم", "کریمی", "1365/04/12", &abyek),
        )
        .await,
    );
    let expert = app
        .logged_in("abyek.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    let queue = expert.get("/duplicates").await;
    assert_eq!(queue.status, 200);
    for woman in [first, second] {
        assert_eq!(
            audit_count(
                &app,
                "woman.view_in_duplicates",
                hamyar_app::ports::registry::WomanId::new(woman),
                "abyek.expert"
            )
            .await,
            1
        );
    }
    // A merge that keeps neither record is refused and the queue drawn again: not recorded.
    let action = queue
        .body
        .split("action=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .find(|action| action.ends_with("/merge"))
        .expect("a merge button")
        .to_owned();
    let token = queue.csrf_token().unwrap();
    let refused = expert
        .post_raw(&action, &[("csrf", token.as_str()), ("keep", "999999")])
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("یکی از دو پرونده را برای ماندن انتخاب کنید")
    );
    for woman in [first, second] {
        assert_eq!(
            audit_count(
                &app,
                "woman.view_in_duplicates",
                hamyar_app::ports::registry::WomanId::new(woman),
                "abyek.expert"
            )
            .await,
            1
        );
    }
    assert_eq!(expert.get("/duplicates").await.status, 200);
    assert_eq!(
        audit_count(
            &app,
            "woman.view_in_duplicates",
            hamyar_app::ports::registry::WomanId::new(first),
            "abyek.expert"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn an_impossible_coverage_decision_is_explained_and_a_possible_one_joins_the_timeline() {
    let app = TestApp::spawn().await;
    let abyek = county_id(&app, "ir.qazvin.abyek").await;
    let worker = app
        .logged_in("abyek.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    let path = register_ok(
        &worker,
        &woman(NID_MARYAM, "مریم", "کریمی", "1365/04/12", &abyek),
    )
    .await;
    assert!(
        !worker.get(&path).await.body.contains("/coverage\""),
        "social workers do not decide"
    );

    let expert = app
        .logged_in("abyek.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    let decide = format!("{path}/coverage");
    let refused = expert
        .submit(
            &path,
            &decide,
            &[
                ("status", "pensioner"),
                ("exit_reason", ""),
                ("started_on", "۱۴۰۵/۰۹/۰۸"),
                ("reason", "کمیسیون"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("تغییر وضعیت پوشش از «متقاضی» به «مستمری‌بگیر» مجاز نیست"),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("<details class=\"form-panel\" open>"),
        "the form stays open"
    );

    let covered = expert
        .submit(
            &path,
            &decide,
            &[
                ("status", "covered"),
                ("exit_reason", ""),
                ("started_on", "۱۴۰۵/۰۹/۰۸"),
                ("reason", "صورت‌جلسه‌ی ۱۲"),
            ],
        )
        .await;
    assert_eq!(covered.status, 303, "{}", covered.body);
    let file = expert.get(&path).await;
    assert!(file.body.contains("صورت‌جلسه‌ی ۱۲"));
    let applicant = file.body.find("متقاضی").unwrap();
    let covered_at = file.body.rfind("تحت پوشش").unwrap();
    assert!(applicant < covered_at, "oldest first");
}

#[tokio::test]
async fn an_edit_based_on_a_stale_version_shows_the_conflict() {
    let app = TestApp::spawn().await;
    let abyek = county_id(&app, "ir.qazvin.abyek").await;
    let worker = app
        .logged_in("abyek.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    let path = register_ok(
        &worker,
        &woman(NID_MARYAM, "مریم", "کریمی", "1365/04/12", &abyek),
    )
    .await;
    let edit = format!("{path}/edit");
    let form = worker.get(&edit).await;
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains("name=\"version\" value=\"1\"")
            || form.body.contains("name=\"version\" value=\"0\"")
    );
    let version = form
        .body
        .split("name=\"version\" value=\"")
        .nth(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .unwrap();
    assert!(
        form.body.contains("value=\"widow\" selected"),
        "the stored cause is chosen"
    );

    let mut fields = woman(NID_MARYAM, "مریم", "کریمی‌پور", "1365/04/12", &abyek);
    fields.push(("version".into(), version.clone()));
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let saved = worker.submit(&edit, &edit, &borrowed).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(
        saved.location(),
        Some(format!("{path}?done=women-updated").as_str())
    );

    let mut stale = woman(NID_MARYAM, "مریم", "رحیمی", "1365/04/12", &abyek);
    stale.push(("version".into(), version));
    let borrowed: Vec<(&str, &str)> = stale
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let conflict = worker.submit(&edit, &edit, &borrowed).await;
    assert_eq!(conflict.status, 422);
    assert!(
        conflict
            .body
            .contains("این پرونده در این فاصله به دست کس دیگری تغییر کرده است")
    );
    assert!(
        worker.get(&path).await.body.contains("کریمی‌پور"),
        "the first edit stands"
    );
}

#[tokio::test]
async fn the_add_a_row_button_brings_one_more_row_and_asks_for_the_next() {
    let app = TestApp::spawn().await;
    let worker = app
        .logged_in("abyek.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    let row = worker.get("/women/member-row?index=3").await;
    assert_eq!(row.status, 200);
    assert!(row.body.contains("name=\"members[3].first_name\""));
    assert!(row.body.contains("عضو ۴"));
    assert!(row.body.contains("hx-swap-oob=\"true\""));
    assert!(row.body.contains("index=4"));
    assert!(!row.body.contains("<html"), "a fragment, not a page");
    let last = worker.get("/women/member-row?index=19").await;
    assert!(last.body.contains("name=\"members[19].first_name\""));
    assert!(!last.body.contains("index=20"), "twenty rows at most");
}

#[tokio::test]
async fn the_household_inquiries_and_documents_are_kept_from_the_file() {
    let app = TestApp::spawn().await;
    let abyek = county_id(&app, "ir.qazvin.abyek").await;
    let worker = app
        .logged_in("abyek.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    let path = register_ok(
        &worker,
        &woman(NID_MARYAM, "مریم", "کریمی", "1365/04/12", &abyek),
    )
    .await;

    let bad = worker
        .submit(
            &path,
            &format!("{path}/members"),
            &[
                ("first_name", "علی"),
                ("relation", "child"),
                ("national_id", NID_MARYAM),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("کد ملی عضو با کد ملی خود سرپرست یکی است"));
    let added = worker
        .submit(
            &path,
            &format!("{path}/members"),
            &[
                ("first_name", "علی"),
                ("relation", "child"),
                ("national_id", NID_THIRD),
                ("birth_date", "1395/01/01"),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    assert_eq!(
        added.location(),
        Some(format!("{path}?done=women-member_added#household").as_str())
    );
    let file = worker.get(&path).await;
    assert!(file.body.contains("id=\"household-size\">۲<"));
    let remove = file
        .body
        .split("action=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .find(|action| action.ends_with("/remove"))
        .expect("a remove button")
        .to_owned();
    assert_eq!(worker.submit(&path, &remove, &[]).await.status, 303);
    assert!(
        worker
            .get(&path)
            .await
            .body
            .contains("id=\"household-size\">۱<")
    );

    let inquiry = worker
        .submit(
            &path,
            &format!("{path}/inquiries"),
            &[
                ("body", "relief_committee"),
                ("inquired_on", "۱۴۰۵/۰۹/۰۱"),
                ("result", "not_covered"),
                ("notes", ""),
            ],
        )
        .await;
    assert_eq!(inquiry.status, 303, "{}", inquiry.body);
    let document = worker
        .submit(
            &path,
            &format!("{path}/documents"),
            &[
                ("kind", "death_certificate"),
                ("received_on", "1405/09/02"),
                ("notes", ""),
            ],
        )
        .await;
    assert_eq!(document.status, 303, "{}", document.body);
    let future = worker
        .submit(
            &path,
            &format!("{path}/documents"),
            &[
                ("kind", "lease"),
                ("received_on", "1406/01/01"),
                ("notes", ""),
            ],
        )
        .await;
    assert_eq!(future.status, 422);
    assert!(future.body.contains("تاریخ نمی‌تواند در آینده باشد"));

    let file = worker.get(&path).await;
    assert!(file.body.contains("کمیته امداد امام خمینی") && file.body.contains("تحت پوشش نیست"));
    assert!(file.body.contains("دریافت در ۱۴۰۵/۰۹/۰۲"));
    assert!(
        file.body.contains("دریافت نشده"),
        "the other documents are still missing"
    );
    assert!(
        file.body.contains("احراز شد"),
        "the answered inquiry passes the coverage rule"
    );
}

#[tokio::test]
async fn the_pension_table_is_set_nationally_and_shown_in_each_users_money_unit() {
    let app = TestApp::spawn().await;
    let abyek = county_id(&app, "ir.qazvin.abyek").await;
    let worker = app
        .logged_in("abyek.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    let path = register_ok(
        &worker,
        &woman(NID_MARYAM, "مریم", "کریمی", "1365/04/12", &abyek),
    )
    .await;
    assert!(
        worker
            .get(&path)
            .await
            .body
            .contains("جدول مستمری امسال هنوز تعیین نشده است")
    );
    let read_only = worker.get("/programme").await;
    assert_eq!(read_only.status, 200);
    assert!(!read_only.body.contains("action=\"/programme/pension\""));

    let national = app.logged_in("national", "national_expert", "ir").await;
    let decreasing = national
        .submit(
            "/programme",
            "/programme/pension",
            &[
                ("fiscal_year", "۱۴۰۵"),
                ("tier1", "20,000,000"),
                ("tier2", "10,000,000"),
                ("tier3", "30,000,000"),
                ("tier4", "40,000,000"),
                ("tier5", "50,000,000"),
            ],
        )
        .await;
    assert_eq!(decreasing.status, 422);
    assert!(
        decreasing
            .body
            .contains("مستمری خانوار بزرگ‌تر نباید از خانوار کوچک‌تر کمتر باشد")
    );
    let saved = national
        .submit(
            "/programme",
            "/programme/pension",
            &[
                ("fiscal_year", "۱۴۰۵"),
                ("tier1", "۲۰٬۰۰۰٬۰۰۰"),
                ("tier2", "25000000"),
                ("tier3", "30000000"),
                ("tier4", "35000000"),
                ("tier5", "40000000"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let programme = national.get("/programme").await;
    let updated_by = programme
        .body
        .lines()
        .find(|l| l.contains("کاربر national"));
    assert!(
        updated_by.is_some(),
        "the table names who set it: {}",
        programme.body
    );

    let file = worker.get(&path).await;
    assert!(file.body.contains("خانوار ۱ نفره"));
    assert!(file.body.contains("۲۰٬۰۰۰٬۰۰۰ ریال"), "{}", file.body);

    let rules = national
        .submit(
            "/programme",
            "/programme/eligibility",
            &[
                ("max_income_decile", "4"),
                ("require_no_other_coverage", "1"),
                ("accepted_causes", "widow"),
                ("min_age_years", "abc"),
                ("singlehood_min_age_years", "50"),
                ("self_headed_girl_min_age_years", "18"),
            ],
        )
        .await;
    assert_eq!(rules.status, 422);
    assert!(rules.body.contains("یک عدد درست بنویسید"));
    let rules = national
        .submit(
            "/programme",
            "/programme/eligibility",
            &[
                ("max_income_decile", "4"),
                ("require_no_other_coverage", "1"),
                ("accepted_causes", "widow"),
                ("accepted_causes", "divorced"),
                ("min_age_years", "۱۸"),
                ("singlehood_min_age_years", "50"),
                ("self_headed_girl_min_age_years", "18"),
            ],
        )
        .await;
    assert_eq!(rules.status, 303, "{}", rules.body);
    let page = worker.get("/programme").await;
    assert!(page.body.contains("همسر فوت‌شده، مطلقه"));
}

#[tokio::test]
async fn a_national_expert_sets_a_provinces_singlehood_age_and_a_bad_value_changes_nothing() {
    let app = TestApp::spawn().await;
    let abyek = county_id(&app, "ir.qazvin.abyek").await;
    let qazvin = county_id(&app, "ir.qazvin").await;
    let changes = |app: &TestApp| {
        let app = app.app.clone();
        async move {
            let query = AuditQuery {
                action: Some("settings.singlehood_age".into()),
                page_size: 50,
                ..AuditQuery::default()
            };
            app.browse_audit(&Actor::console(), &query)
                .await
                .unwrap()
                .len()
        }
    };
    let worker = app
        .logged_in("abyek.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    // 47 on 1405/09/08, never married.
    let mut fields = woman(NID_MARYAM, "مریم", "کریمی", "1358/01/01", &abyek);
    for (name, value) in &mut fields {
        if name == "headship_cause" {
            *value = "definitive_singlehood".into();
        }
    }
    let path = register_ok(&worker, &fields).await;
    assert!(
        worker
            .get(&path)
            .await
            .body
            .contains("سن ۴۷ سال است و به حداقل سن تجرد قطعی کشوری (۴۵ سال) می‌رسد")
    );

    let read_only = worker.get("/programme").await;
    assert!(read_only.body.contains("حداقل سن تجرد قطعی به تفکیک استان"));
    assert!(
        read_only
            .body
            .contains("هیچ استانی حداقل سن جداگانه‌ای تعیین نکرده است")
    );
    assert!(!read_only.body.contains("action=\"/programme/singlehood\""));
    let token = read_only.csrf_token().unwrap();
    let forbidden = worker
        .post_raw(
            "/programme/singlehood",
            &[
                ("csrf", token.as_str()),
                ("province", qazvin.as_str()),
                ("singlehood_age", "50"),
            ],
        )
        .await;
    assert_eq!(forbidden.status, 403);

    let national = app.logged_in("national", "national_expert", "ir").await;
    let form = national.get("/programme").await;
    assert!(form.body.contains("action=\"/programme/singlehood\""));
    assert!(
        form.body
            .contains(&format!("<option value=\"{qazvin}\">قزوین</option>"))
    );
    assert!(form.body.contains("<option value=\"55\">۵۵ سال</option>"));
    let refused = national
        .submit(
            "/programme",
            "/programme/singlehood",
            &[("province", qazvin.as_str()), ("singlehood_age", "۴۸")],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("حداقل سن تجرد قطعی یک استان فقط می‌تواند ۴۵، ۵۰ یا ۵۵ سال باشد"),
        "{}",
        refused.body
    );
    assert!(
        refused
            .body
            .contains(&format!("<option value=\"{qazvin}\" selected>")),
        "the chosen province stays chosen"
    );
    assert_eq!(changes(&app).await, 0, "nothing was written");
    assert!(
        national
            .get("/programme")
            .await
            .body
            .contains("هیچ استانی حداقل سن جداگانه‌ای تعیین نکرده است")
    );
    assert!(
        worker
            .get(&path)
            .await
            .body
            .contains("کشوری (۴۵ سال) می‌رسد")
    );

    let saved = national
        .submit(
            "/programme",
            "/programme/singlehood",
            &[("province", qazvin.as_str()), ("singlehood_age", "50")],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(
        saved.location(),
        Some("/programme?done=programme-singlehood_saved#singlehood")
    );
    let page = national
        .get("/programme?done=programme-singlehood_saved")
        .await;
    assert!(page.body.contains("حداقل سن تجرد قطعی استان ذخیره شد"));
    assert!(
        page.body.contains("<dt>قزوین</dt><dd>۵۰ سال</dd>"),
        "{}",
        page.body
    );
    assert_eq!(changes(&app).await, 1);
    assert!(
        worker
            .get(&path)
            .await
            .body
            .contains("سن ۴۷ سال است و به حداقل سن تجرد قطعی استان قزوین (۵۰ سال) نمی‌رسد")
    );
}

#[tokio::test]
async fn a_list_page_shown_unmasked_is_found_in_the_audit_trail_under_each_woman_on_it() {
    let app = TestApp::spawn().await;
    let abyek = county_id(&app, "ir.qazvin.abyek").await;
    let worker = app
        .logged_in("abyek.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    let maryam = id_of(
        &register_ok(
            &worker,
            &woman(NID_MARYAM, "مریم", "کریمی", "1365/04/12", &abyek),
        )
        .await,
    );
    let zahra = id_of(
        &register_ok(
            &worker,
            &woman(NID_SECOND, "زهرا", "کریمی", "1370/01/01", &abyek),
        )
        .await,
    );
    let list = worker.get(&search_path("کریمی")).await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("۰۰۱۳۵۴۲۴۱۹"), "shown unmasked");
    for woman in [maryam, zahra] {
        assert_eq!(
            audit_count(
                &app,
                "woman.view_in_list",
                hamyar_app::ports::registry::WomanId::new(woman),
                "abyek.worker"
            )
            .await,
            1
        );
    }

    // The county's auditor finds the page with the subject filter of the audit browser.
    let auditor = app
        .logged_in("abyek.auditor", "auditor", "ir.qazvin.abyek")
        .await;
    let trail = auditor
        .get(&format!("/audit?entity_kind=woman&entity_id={zahra}"))
        .await;
    assert_eq!(trail.status, 200);
    assert!(trail.body.contains("woman.view_in_list"), "{}", trail.body);

    // A facilitator's list is masked: no row.
    let facilitator = app
        .logged_in("abyek.facilitator", "facilitator", "ir.qazvin.abyek")
        .await;
    assert_eq!(facilitator.get("/women").await.status, 200);
    let rows = app
        .app
        .browse_audit(
            &Actor::console(),
            &AuditQuery {
                action: Some("woman.view_in_list".into()),
                page_size: 50,
                ..AuditQuery::default()
            },
        )
        .await
        .unwrap();
    assert!(
        rows.iter().all(|row| row.actor_name == "abyek.worker"),
        "a masked list writes nothing"
    );
}
