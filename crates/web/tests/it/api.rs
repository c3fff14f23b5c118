//! The JSON API through HTTP (issue 21), with personal tokens made by the app as the account
//! page makes them: a token scoped to one county reads nothing outside it, though its person
//! could; a write sent twice under one key lands once, a key reused for another body is
//! refused, and a read token writes nothing; refusals are problem documents naming the field
//! in Persian and English; a group is replaced only under the `ETag` it was read with; a
//! group's fund is read (no open cycle: `cycle` is null) and its meeting recorded once; and
//! every operation of the generated document is answered by the API, not by the pages.
//! Each runs on SQLite, and on PostgreSQL when it is configured.

use hamyar_app::Actor;
use hamyar_app::access::{PlaceId, Role, Scope, UserId};
use hamyar_app::api_tokens::ApiTokenDraft;
use hamyar_app::ids::GroupId;
use hamyar_app::once::KEYS_KEPT;
use hamyar_testkit::scope::{ScopeWorld, scope_world};
use hamyar_testkit::testing::TestDatabase;
use hamyar_web::WebSettings;
use hamyar_webtest::TestApp;
use reqwest::Method;
use serde_json::{Value, json};

async fn world_on(db: TestDatabase) -> (TestApp, ScopeWorld) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let world = scope_world(&app.app).await;
    (app, world)
}

/// A new user and a token of hers: `access` is `read` or `write`; `place` narrows the token
/// below her own scope.
async fn token(
    app: &TestApp,
    username: &str,
    role: Role,
    scope: Scope,
    access: &str,
    place: Option<PlaceId>,
) -> String {
    let scope_code = {
        let tree = app.app.place_tree().await.unwrap();
        let anchor = match scope {
            Scope::Country => tree.by_code("ir").unwrap().id,
            Scope::Province(id) => id,
            Scope::County { county, .. } => county,
        };
        tree.get(anchor).unwrap().code.clone()
    };
    let id: UserId = app.create_user(username, role.as_str(), &scope_code).await;
    let actor = Actor {
        user_id: Some(id),
        username: username.to_owned(),
        role,
        scope,
    };
    let draft = ApiTokenDraft {
        name: format!("توکن {username}"),
        access: access.to_owned(),
        scope: place.map(|p| p.to_string()).unwrap_or_default(),
        expires_in_days: String::new(),
    };
    app.app
        .create_api_token(&actor, &draft)
        .await
        .expect("token")
        .secret
}

struct Answer {
    status: u16,
    content_type: String,
    headers: reqwest::header::HeaderMap,
    json: Value,
}

async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
    body: Option<&Value>,
) -> Answer {
    let client = reqwest::Client::new();
    let mut request = client.request(method, format!("{}{path}", app.base_url));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let text = response.text().await.unwrap();
    let json = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Answer {
        status,
        content_type,
        headers,
        json,
    }
}

async fn get(app: &TestApp, path: &str, token: &str) -> Answer {
    call(app, Method::GET, path, Some(token), &[], None).await
}

fn names_in(answer: &Answer) -> String {
    answer.json.to_string()
}

async fn a_token_scoped_to_one_county_reads_nothing_outside_it(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let qazvin = Scope::Province(w.qazvin);
    let whole = token(
        &app,
        "qazvin.expert",
        Role::ProvincialExpert,
        qazvin,
        "read",
        None,
    )
    .await;
    let abyek_only = token(
        &app,
        "qazvin.expert2",
        Role::ProvincialExpert,
        qazvin,
        "read",
        Some(w.abyek.county),
    )
    .await;

    // Her own token sees both counties of her province: the narrowing is the token's.
    let groups = get(&app, "/api/v1/groups", &whole).await;
    assert_eq!(groups.status, 200, "{}", groups.json);
    assert!(names_in(&groups).contains(w.abyek.group_name));
    assert!(names_in(&groups).contains(w.takestan.group_name));

    let groups = get(&app, "/api/v1/groups", &abyek_only).await;
    assert_eq!(groups.status, 200, "{}", groups.json);
    assert!(names_in(&groups).contains(w.abyek.group_name));
    for hidden in [w.takestan.group_name, w.shemiranat.group_name] {
        assert!(!names_in(&groups).contains(hidden), "{}", groups.json);
    }
    let women = get(&app, "/api/v1/women", &abyek_only).await;
    assert_eq!(women.status, 200, "{}", women.json);
    assert!(names_in(&women).contains(w.abyek.person.last_name));
    assert!(!names_in(&women).contains(w.takestan.person.last_name));

    for path in [
        format!("/api/v1/groups/{}", w.takestan.group),
        format!("/api/v1/women/{}", w.takestan.woman),
        format!("/api/v1/groups/{}", w.shemiranat.group),
        format!("/api/v1/women?county={}", w.takestan.county),
    ] {
        let answer = get(&app, &path, &abyek_only).await;
        let leaked = names_in(&answer).contains(w.takestan.person.last_name)
            || names_in(&answer).contains(w.takestan.group_name)
            || names_in(&answer).contains(w.shemiranat.group_name);
        assert!(!leaked, "{path}: {}", answer.json);
        if !path.contains('?') {
            assert_eq!(answer.status, 404, "{path}: {}", answer.json);
            assert!(answer.content_type.starts_with("application/problem+json"));
        }
    }
    let own = get(
        &app,
        &format!("/api/v1/groups/{}", w.abyek.group),
        &abyek_only,
    )
    .await;
    assert_eq!(own.status, 200, "{}", own.json);
}

fn visit(purpose: &str) -> Value {
    json!({
        "visited_on": "1404/06/10",
        "purpose": purpose,
        "findings": "جلسهٔ منظم، دفتر صندوق به‌روز",
    })
}

async fn a_write_sent_twice_lands_once_and_a_read_token_writes_nothing(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let abyek = Scope::County {
        province: w.qazvin,
        county: w.abyek.county,
    };
    let writer = token(&app, "abyek.sw", Role::SocialWorker, abyek, "write", None).await;
    let reader = token(&app, "abyek.sw2", Role::SocialWorker, abyek, "read", None).await;
    let path = format!("/api/v1/groups/{}/visits", w.abyek.group);
    let key = [("Idempotency-Key", "visit-0f6c2b1e-field")];
    let body = visit("بازدید پایش ماهانه");

    let visits_before = visits_of(&app, w.abyek.group).await;
    let first = call(&app, Method::POST, &path, Some(&writer), &key, Some(&body)).await;
    assert_eq!(first.status, 201, "{}", first.json);
    let again = call(&app, Method::POST, &path, Some(&writer), &key, Some(&body)).await;
    assert_eq!(again.status, 200, "{}", again.json);
    assert_eq!(again.json["id"], first.json["id"]);
    assert_eq!(again.json["repeated"], true);
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(visits_of(&app, w.abyek.group).await, visits_before + 1);

    let other = visit("بازدید دیگری");
    let reused = call(&app, Method::POST, &path, Some(&writer), &key, Some(&other)).await;
    assert_eq!(reused.status, 422, "{}", reused.json);
    assert_eq!(reused.json["errors"][0]["field"], "idempotency_key");

    let read_only = [("Idempotency-Key", "visit-read-token-1")];
    let refused = call(
        &app,
        Method::POST,
        &path,
        Some(&reader),
        &read_only,
        Some(&body),
    )
    .await;
    assert_eq!(refused.status, 403, "{}", refused.json);
    assert_eq!(visits_of(&app, w.abyek.group).await, visits_before + 1);
}

async fn visits_of(app: &TestApp, group: GroupId) -> usize {
    let life = app
        .app
        .group_life(&Actor::console(), group, false)
        .await
        .expect("group life");
    life.visits.len()
}

async fn refusals_are_problem_documents_naming_the_field_in_both_languages(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let abyek = Scope::County {
        province: w.qazvin,
        county: w.abyek.county,
    };
    let writer = token(&app, "abyek.fac", Role::SocialWorker, abyek, "write", None).await;
    let path = format!("/api/v1/groups/{}/meetings", w.abyek.group);
    let meeting = json!({"held_on": "1499/01/01", "topics": "پس‌انداز"});

    let future = call(
        &app,
        Method::POST,
        &path,
        Some(&writer),
        &[("Idempotency-Key", "meeting-future-1")],
        Some(&meeting),
    )
    .await;
    assert_eq!(future.status, 422, "{}", future.json);
    assert!(future.content_type.starts_with("application/problem+json"));
    let field = &future.json["errors"][0];
    assert_eq!(field["field"], "held_on");
    assert!(
        field["message_fa"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
    );
    assert!(field["message_en"].as_str().unwrap().is_ascii());

    let keyless = call(
        &app,
        Method::POST,
        &path,
        Some(&writer),
        &[],
        Some(&meeting),
    )
    .await;
    assert_eq!(keyless.status, 400, "{}", keyless.json);
    assert_eq!(keyless.json["errors"][0]["field"], "Idempotency-Key");

    let garbled = call(
        &app,
        Method::POST,
        &path,
        Some(&writer),
        &[("Idempotency-Key", "meeting-garbled-1")],
        Some(&json!({"held_on": 5})),
    )
    .await;
    assert_eq!(garbled.status, 400, "{}", garbled.json);
    assert_eq!(garbled.json["errors"][0]["field"], "body");

    let anonymous = call(&app, Method::GET, "/api/v1/groups", None, &[], None).await;
    assert_eq!(anonymous.status, 401);
    assert!(anonymous.headers.contains_key("www-authenticate"));
    let forged = call(
        &app,
        Method::GET,
        "/api/v1/groups",
        Some("hmy_not-a-real-token"),
        &[],
        None,
    )
    .await;
    assert_eq!(forged.status, 401);
    let english = call(
        &app,
        Method::GET,
        "/api/v1/groups/abc",
        Some(&writer),
        &[("Accept-Language", "en-GB,en;q=0.8")],
        None,
    )
    .await;
    assert_eq!(english.status, 400);
    assert_eq!(english.json["title"], "Bad request");
}

async fn a_group_is_replaced_only_under_the_etag_it_was_read_with(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let abyek = Scope::County {
        province: w.qazvin,
        county: w.abyek.county,
    };
    let writer = token(
        &app,
        "abyek.county",
        Role::CountyExpert,
        abyek,
        "write",
        None,
    )
    .await;
    let path = format!("/api/v1/groups/{}", w.abyek.group);
    let read = get(&app, &path, &writer).await;
    assert_eq!(read.status, 200, "{}", read.json);
    let etag = read.headers["etag"].to_str().unwrap().to_owned();
    let group = &read.json;
    let fields = json!({
        "code": group["code"],
        "name": "گروه نان محلی آبیک",
        "county_id": group["county_id"],
        "locality": group["locality"],
        "business_field": group["business_field_code"],
        "business_field_other": group["business_field_other"],
        "supervising_unit_id": group["supervising_unit_id"],
        "premises": group["premises"],
        "premises_address": group["premises_address"],
    });

    let bare = call(
        &app,
        Method::PUT,
        &path,
        Some(&writer),
        &[("Idempotency-Key", "group-put-0001")],
        Some(&fields),
    )
    .await;
    assert_eq!(bare.status, 428, "{}", bare.json);

    let headers = [
        ("Idempotency-Key", "group-put-0002"),
        ("If-Match", etag.as_str()),
    ];
    let saved = call(
        &app,
        Method::PUT,
        &path,
        Some(&writer),
        &headers,
        Some(&fields),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.json);
    let new_etag = saved.headers["etag"].to_str().unwrap().to_owned();
    assert_ne!(new_etag, etag);
    let repeated = call(
        &app,
        Method::PUT,
        &path,
        Some(&writer),
        &headers,
        Some(&fields),
    )
    .await;
    assert_eq!(repeated.status, 200, "{}", repeated.json);
    assert_eq!(repeated.headers["etag"].to_str().unwrap(), new_etag);

    let stale = [
        ("Idempotency-Key", "group-put-0003"),
        ("If-Match", etag.as_str()),
    ];
    let refused = call(
        &app,
        Method::PUT,
        &path,
        Some(&writer),
        &stale,
        Some(&fields),
    )
    .await;
    assert_eq!(refused.status, 412, "{}", refused.json);
    let now = get(&app, &path, &writer).await;
    assert_eq!(now.json["name"], "گروه نان محلی آبیک");
}

async fn every_operation_of_the_document_is_answered_by_the_api(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let qazvin = Scope::Province(w.qazvin);
    let reader = token(
        &app,
        "qazvin.reader",
        Role::ProvincialExpert,
        qazvin,
        "read",
        None,
    )
    .await;
    let document = call(&app, Method::GET, "/api/v1/openapi.json", None, &[], None).await;
    assert_eq!(document.status, 200);
    assert!(
        document.json["openapi"]
            .as_str()
            .unwrap()
            .starts_with("3.1")
    );
    let paths = document.json["paths"].as_object().unwrap();
    for (method, path) in hamyar_web::api::route_table() {
        if path == "/api/v1/openapi.json" {
            continue;
        }
        let documented = &paths[&path][method.as_str().to_ascii_lowercase()];
        assert!(
            documented.is_object(),
            "{method} {path} is not in the document"
        );
        let concrete = path.replace("{id}", &w.abyek.group.to_string());
        let answer = call(
            &app,
            method.clone(),
            &concrete,
            Some(&reader),
            &[],
            Some(&json!({})),
        )
        .await;
        assert_ne!(answer.status, 405, "{method} {path}");
        assert!(
            answer.content_type.starts_with("application/json")
                || answer.content_type.starts_with("application/problem+json"),
            "{method} {path} answered {} {}",
            answer.status,
            answer.content_type
        );
        let status = answer.status.to_string();
        assert!(
            documented["responses"].get(&status).is_some(),
            "{method} {path} answered {status}, which its document does not list"
        );
    }
    let page = app.browser().get("/api/v1/docs").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("/api/v1/groups/{id}/meetings"),
        "{}",
        page.body
    );
}

async fn a_fund_is_read_and_its_meeting_recorded_once(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let abyek = Scope::County {
        province: w.qazvin,
        county: w.abyek.county,
    };
    let writer = token(&app, "abyek.fund", Role::SocialWorker, abyek, "write", None).await;
    let group = w.abyek.group;
    let path = format!("/api/v1/groups/{group}/fund");
    let empty = get(&app, &path, &writer).await;
    assert_eq!(empty.status, 200, "{}", empty.json);
    assert_eq!(empty.json["cycle"], Value::Null);
    assert_eq!(empty.json["cash_in_box"], 0);

    let meetings = format!("/api/v1/groups/{group}/fund/meetings");
    let her = w.abyek.woman.get();
    let body = json!({
        "held_on": "1405/08/01",
        "lines": [{"woman_id": her, "present": true, "shares": "۳", "social": "50000"}],
        "cash_counted": "1,550,000",
        "note": "",
    });
    let key = [("Idempotency-Key", "fund-meeting-0801-a")];
    let no_cycle = call(
        &app,
        Method::POST,
        &meetings,
        Some(&writer),
        &key,
        Some(&body),
    )
    .await;
    assert_eq!(no_cycle.status, 422, "{}", no_cycle.json);
    assert_eq!(no_cycle.json["errors"][0]["field"], "held_on");

    let expert =
        hamyar_testkit::fixtures::user(&app.app, "abyek.ce", "county_expert", "ir.qazvin.abyek")
            .await;
    let rules = hamyar_domain::fund::CycleInput {
        starts_on: "1405/01/15".into(),
        ends_on: "1405/12/15".into(),
        share_value: "500000".into(),
        max_shares: "5".into(),
        meeting_every: "monthly".into(),
        fee_percent: "2".into(),
        loan_limit_multiple: "3".into(),
        max_term_months: "6".into(),
        social_rials: "50000".into(),
        rules: String::new(),
    };
    app.app
        .open_fund_cycle(&expert, group, &rules)
        .await
        .expect("cycle");
    let key = [("Idempotency-Key", "fund-meeting-0801-b")];
    let first = call(
        &app,
        Method::POST,
        &meetings,
        Some(&writer),
        &key,
        Some(&body),
    )
    .await;
    assert_eq!(first.status, 201, "{}", first.json);
    let again = call(
        &app,
        Method::POST,
        &meetings,
        Some(&writer),
        &key,
        Some(&body),
    )
    .await;
    assert_eq!(again.status, 200, "{}", again.json);
    assert_eq!(again.json["id"], first.json["id"]);
    assert_eq!(again.json["repeated"], true);

    let fund = get(&app, &path, &writer).await;
    assert_eq!(fund.status, 200, "{}", fund.json);
    assert_eq!(fund.json["cycle"]["share_price"], 500_000, "{}", fund.json);
    assert_eq!(fund.json["cycle"]["max_shares"], 5);
    assert_eq!(fund.json["last_meeting_on"], "1405/08/01");
    assert_eq!(fund.json["cash_in_box"], 1_550_000);
    assert_eq!(fund.json["cash_at_bank"], 0);
    let line = fund.json["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["woman_id"] == her)
        .cloned()
        .expect("her line");
    assert_eq!(line["shares"], 3);
    assert_eq!(line["savings"], 1_500_000);
    assert_eq!(line["loan_left"], 0);
    assert!(
        line["name"]
            .as_str()
            .unwrap()
            .contains(w.abyek.person.last_name)
    );

    // The same day again under another key: the screen's own refusal.
    let key = [("Idempotency-Key", "fund-meeting-0801-c")];
    let twice = call(
        &app,
        Method::POST,
        &meetings,
        Some(&writer),
        &key,
        Some(&body),
    )
    .await;
    assert_eq!(twice.status, 422, "{}", twice.json);
    assert_eq!(twice.json["errors"][0]["field"], "held_on");
    // No loans over the API yet.
    let mut with_loan = body.clone();
    with_loan["held_on"] = json!("1405/08/20");
    with_loan["loans"] = json!([]);
    let key = [("Idempotency-Key", "fund-meeting-0820-a")];
    let loan = call(
        &app,
        Method::POST,
        &meetings,
        Some(&writer),
        &key,
        Some(&with_loan),
    )
    .await;
    assert_eq!(loan.status, 400, "{}", loan.json);
    // Another county's group is not found.
    let elsewhere = format!("/api/v1/groups/{}/fund", w.takestan.group);
    assert_eq!(get(&app, &elsewhere, &writer).await.status, 404);
}

/// A path under `/api/v1/` that is no operation, and a method a path does not take, are
/// answered as problem documents in the caller's language (404; 405 keeping `Allow`), never
/// as the pages' HTML or the router's plain text.
async fn what_no_operation_takes_is_a_problem_document(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let abyek = Scope::County {
        province: w.qazvin,
        county: w.abyek.county,
    };
    let reader = token(
        &app,
        "abyek.reader",
        Role::SocialWorker,
        abyek,
        "read",
        None,
    )
    .await;
    let unknown = get(&app, "/api/v1/households/7", &reader).await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.content_type, "application/problem+json");
    assert!(
        unknown.json["detail_en"]
            .as_str()
            .unwrap()
            .contains("openapi.json"),
        "{}",
        unknown.json
    );
    let english = call(
        &app,
        Method::GET,
        "/api/v1/nothing",
        None,
        &[("Accept-Language", "en")],
        None,
    )
    .await;
    assert_eq!(english.status, 404);
    assert_eq!(english.json["title"], "Not found");

    // A read token is refused every write before routing (403); a write token meets the 405.
    let writer = token(
        &app,
        "abyek.writer",
        Role::SocialWorker,
        abyek,
        "write",
        None,
    )
    .await;
    let refused = call(
        &app,
        Method::DELETE,
        "/api/v1/groups",
        Some(&writer),
        &[],
        None,
    )
    .await;
    assert_eq!(refused.status, 405);
    assert_eq!(refused.content_type, "application/problem+json");
    assert_eq!(
        refused.headers.get("allow").and_then(|v| v.to_str().ok()),
        Some("GET,HEAD"),
    );
    assert!(
        refused.json["detail_fa"]
            .as_str()
            .unwrap()
            .contains("Allow"),
        "{}",
        refused.json
    );
}

/// A remembered write is kept for [`KEYS_KEPT`] (30 days): a repeat within it is answered
/// from the first; once the server's sweep has forgotten it, the key is taken as new.
async fn a_key_is_remembered_for_thirty_days_then_forgotten(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let abyek = Scope::County {
        province: w.qazvin,
        county: w.abyek.county,
    };
    let writer = token(&app, "abyek.kept", Role::SocialWorker, abyek, "write", None).await;
    let path = format!("/api/v1/groups/{}/visits", w.abyek.group);
    let key = [("Idempotency-Key", "visit-kept-30-days")];
    let body = visit("بازدید پایش");
    let first = call(&app, Method::POST, &path, Some(&writer), &key, Some(&body)).await;
    assert_eq!(first.status, 201, "{}", first.json);

    app.clock
        .advance(KEYS_KEPT - jiff::SignedDuration::from_hours(1));
    assert_eq!(app.app.forget_old_api_requests().await.unwrap(), 0);
    let within = call(&app, Method::POST, &path, Some(&writer), &key, Some(&body)).await;
    assert_eq!(within.status, 200, "{}", within.json);
    assert_eq!(within.json["id"], first.json["id"]);

    app.clock.advance(jiff::SignedDuration::from_hours(2));
    assert_eq!(app.app.forget_old_api_requests().await.unwrap(), 1);
    let after = call(&app, Method::POST, &path, Some(&writer), &key, Some(&body)).await;
    assert_eq!(after.status, 201, "{}", after.json);
    assert_ne!(after.json["id"], first.json["id"]);
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

on_both!(
    a_token_scoped_to_one_county_reads_nothing_outside_it,
    a_write_sent_twice_lands_once_and_a_read_token_writes_nothing,
    refusals_are_problem_documents_naming_the_field_in_both_languages,
    a_group_is_replaced_only_under_the_etag_it_was_read_with,
    every_operation_of_the_document_is_answered_by_the_api,
    a_fund_is_read_and_its_meeting_recorded_once,
    what_no_operation_takes_is_a_problem_document,
    a_key_is_remembered_for_thirty_days_then_forgotten,
);
