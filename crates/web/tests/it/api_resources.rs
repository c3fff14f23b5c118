//! The API's reads and writes of a group's memberships, meetings and visits, training runs
//! and their attendance, business months, women's households and assessments, and its reads
//! of payments and grants (issue 21), through HTTP with tokens made as the account page makes
//! them: a token narrowed to one county reads none of another county's records (a `404`
//! problem for one record, nothing of it in a list), a write sent twice under one key lands
//! once, a read token writes nothing, and a refused body is a problem document naming the
//! field. Each runs on SQLite, and on PostgreSQL when it is configured.

use hamyar_app::Actor;
use hamyar_app::access::{PlaceId, Role, Scope, UserId};
use hamyar_app::api_tokens::ApiTokenDraft;
use hamyar_app::audit::AuditQuery;
use hamyar_testkit::scope::{ScopeWorld, scope_world};
use hamyar_testkit::testing::TestDatabase;
use hamyar_testkit::training::attend_course;
use hamyar_web::WebSettings;
use hamyar_webtest::TestApp;
use reqwest::Method;
use serde_json::{Value, json};

/// The days of the fixture runs' sessions, all past.
const DAYS: [&str; 2] = ["1405/07/01", "1405/07/03"];

async fn world_on(db: TestDatabase) -> (TestApp, ScopeWorld) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let world = scope_world(&app.app).await;
    (app, world)
}

/// A new user of `role` over `scope`, and a token of hers with `access`, narrowed to `place`.
async fn token(
    app: &TestApp,
    username: &str,
    role: Role,
    scope: Scope,
    access: &str,
    place: Option<PlaceId>,
) -> String {
    let tree = app.app.place_tree().await.unwrap();
    let anchor = match scope {
        Scope::Country => tree.by_code("ir").unwrap().id,
        Scope::Province(id) => id,
        Scope::County { county, .. } => county,
    };
    let code = tree.get(anchor).unwrap().code.clone();
    let id: UserId = app.create_user(username, role.as_str(), &code).await;
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
    json: Value,
}

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    key: Option<&str>,
    body: Option<&Value>,
) -> Answer {
    let mut request = reqwest::Client::new()
        .request(method, format!("{}{path}", app.base_url))
        .bearer_auth(token);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let text = response.text().await.unwrap();
    let json = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Answer {
        status,
        content_type,
        json,
    }
}

async fn get(app: &TestApp, path: &str, token: &str) -> Answer {
    send(app, Method::GET, path, token, None, None).await
}

async fn post(app: &TestApp, path: &str, token: &str, key: &str, body: &Value) -> Answer {
    send(app, Method::POST, path, token, Some(key), Some(body)).await
}

fn assert_problem(answer: &Answer, status: u16, field: &str) {
    assert_eq!(answer.status, status, "{}", answer.json);
    assert!(
        answer.content_type.starts_with("application/problem+json"),
        "{}",
        answer.content_type
    );
    if !field.is_empty() {
        let errors = answer.json["errors"].as_array().expect("errors");
        assert!(
            errors.iter().any(|e| e["field"] == field
                && !e["message_fa"].as_str().unwrap_or("").is_empty()
                && !e["message_en"].as_str().unwrap_or("").is_empty()),
            "no message for {field}: {}",
            answer.json
        );
    }
}

async fn audit_rows(app: &TestApp, action: &str) -> usize {
    let query = AuditQuery {
        action: Some(action.into()),
        page_size: 100,
        ..AuditQuery::default()
    };
    app.app
        .browse_audit(&Actor::console(), &query)
        .await
        .unwrap()
        .len()
}

/// A provincial expert of Qazvin whose token is narrowed to Abyek.
async fn abyek_reader(app: &TestApp, w: &ScopeWorld) -> String {
    let qazvin = Scope::Province(w.qazvin);
    token(
        app,
        "qazvin.narrowed",
        Role::ProvincialExpert,
        qazvin,
        "read",
        Some(w.abyek.county),
    )
    .await
}

/// A social worker of Abyek: a write token and a read token.
async fn abyek_worker(app: &TestApp, w: &ScopeWorld) -> (String, String) {
    let abyek = Scope::County {
        province: w.qazvin,
        county: w.abyek.county,
    };
    let writer = token(
        app,
        "abyek.writer",
        Role::SocialWorker,
        abyek,
        "write",
        None,
    )
    .await;
    let reader = token(app, "abyek.reader", Role::SocialWorker, abyek, "read", None).await;
    (writer, reader)
}

async fn a_county_token_reads_no_meeting_or_visit_of_another_county(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let narrowed = abyek_reader(&app, &w).await;
    let (writer, _) = abyek_worker(&app, &w).await;
    let meeting = json!({
        "held_on": "1405/08/01",
        "topics": "پس‌انداز ماه",
        "attendance": [{"woman_id": w.abyek.woman.get(), "attendance": "present"}],
    });
    let path = format!("/api/v1/groups/{}/meetings", w.abyek.group);
    let recorded = post(&app, &path, &writer, "meeting-abyek-0001", &meeting).await;
    assert_eq!(recorded.status, 201, "{}", recorded.json);

    let meetings = get(&app, &path, &narrowed).await;
    assert_eq!(meetings.status, 200, "{}", meetings.json);
    assert_eq!(meetings.json["total"], 1);
    let first = &meetings.json["items"][0];
    assert_eq!(first["held_on"], "1405/08/01");
    assert_eq!(first["attendance"][0]["attendance"], "present");
    assert_eq!(first["attendance"][0]["woman_id"], w.abyek.woman.get());
    let visits = get(
        &app,
        &format!("/api/v1/groups/{}/visits", w.abyek.group),
        &narrowed,
    )
    .await;
    assert_eq!(visits.status, 200, "{}", visits.json);
    assert_eq!(visits.json["items"][0]["id"], w.abyek.visit);
    assert!(
        !visits.json["items"][0]["requests"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Reading a group's life is audited as opening its page.
    assert!(audit_rows(&app, "group.life_view").await >= 2);

    for group in [w.takestan.group, w.shemiranat.group] {
        for what in ["meetings", "visits"] {
            let answer = get(&app, &format!("/api/v1/groups/{group}/{what}"), &narrowed).await;
            assert_problem(&answer, 404, "");
        }
    }
    let malformed = get(&app, &format!("{path}?page=first"), &narrowed).await;
    assert_problem(&malformed, 400, "query");
}

async fn a_county_token_reads_no_run_of_another_county_and_marks_a_sheet_once(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let own = attend_course(&app.app, w.abyek.group, w.abyek.county, "QZ-API-A", &DAYS).await;
    let other = attend_course(
        &app.app,
        w.takestan.group,
        w.takestan.county,
        "QZ-API-T",
        &DAYS,
    )
    .await;
    let narrowed = abyek_reader(&app, &w).await;
    let runs = get(&app, "/api/v1/training/runs", &narrowed).await;
    assert_eq!(runs.status, 200, "{}", runs.json);
    let listed = runs.json.to_string();
    assert!(listed.contains("QZ-API-A"), "{listed}");
    assert!(!listed.contains("QZ-API-T"), "{listed}");
    let hidden = get(
        &app,
        &format!("/api/v1/training/runs/{}", other.run),
        &narrowed,
    )
    .await;
    assert_problem(&hidden, 404, "");
    assert!(
        !hidden
            .json
            .to_string()
            .contains(w.takestan.person.last_name)
    );

    let path = format!("/api/v1/training/runs/{}", own.run);
    let run = get(&app, &path, &narrowed).await;
    assert_eq!(run.status, 200, "{}", run.json);
    assert_eq!(run.json["run"]["code"], "QZ-API-A");
    let women = run.json["women"].as_array().unwrap();
    assert!(!women.is_empty());
    assert!(women.iter().all(|w| w["marks"][0] == "present"));
    let session = run.json["sessions"][0]["id"].as_i64().unwrap();

    let (writer, reader) = abyek_worker(&app, &w).await;
    let sheet = json!({
        "session_id": session,
        "marks": women
            .iter()
            .map(|w| json!({"enrolment_id": w["enrolment_id"], "mark": "excused"}))
            .collect::<Vec<_>>(),
    });
    let attendance = format!("{path}/attendance");
    let sheets_before = audit_rows(&app, "training.attendance").await;
    let first = post(&app, &attendance, &writer, "sheet-abyek-00001", &sheet).await;
    assert_eq!(first.status, 201, "{}", first.json);
    assert_eq!(first.json["marked"], women.len());
    let again = post(&app, &attendance, &writer, "sheet-abyek-00001", &sheet).await;
    assert_eq!(again.status, 200, "{}", again.json);
    assert_eq!(again.json["repeated"], true);
    assert_eq!(
        audit_rows(&app, "training.attendance").await,
        sheets_before + 1
    );
    let marked = get(&app, &path, &narrowed).await;
    assert_eq!(marked.json["women"][0]["marks"][0], "excused");

    let refused = post(&app, &attendance, &reader, "sheet-abyek-00002", &sheet).await;
    assert_problem(&refused, 403, "");
    let elsewhere = format!("/api/v1/training/runs/{}/attendance", other.run);
    let outside = post(&app, &elsewhere, &writer, "sheet-abyek-00003", &sheet).await;
    assert_problem(&outside, 404, "");
    let empty = json!({"session_id": session, "marks": []});
    let nothing = post(&app, &attendance, &writer, "sheet-abyek-00004", &empty).await;
    assert_problem(&nothing, 422, "marks");
    let unknown = json!({"session_id": session, "marks": [{"enrolment_id": women[0]["enrolment_id"], "mark": "late"}]});
    let late = post(&app, &attendance, &writer, "sheet-abyek-00005", &unknown).await;
    assert_problem(&late, 422, "marks");
    let shapeless = json!({"marks": []});
    let malformed = post(&app, &attendance, &writer, "sheet-abyek-00006", &shapeless).await;
    assert_problem(&malformed, 400, "body");
    assert_eq!(
        audit_rows(&app, "training.attendance").await,
        sheets_before + 1
    );
}

fn rosenberg(taken_on: &str) -> Value {
    let answers: serde_json::Map<String, Value> = (1..=10)
        .map(|item| (format!("q{item}"), Value::String("2".into())))
        .collect();
    json!({
        "instrument": "rosenberg",
        "occasion": "baseline",
        "taken_on": taken_on,
        "answers": answers,
    })
}

async fn a_form_lands_once_and_no_county_token_reads_another_countys_forms(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let (writer, reader) = abyek_worker(&app, &w).await;
    let path = format!("/api/v1/women/{}/assessments", w.abyek.woman);
    let form = rosenberg("1405/08/20");
    let first = post(&app, &path, &writer, "form-abyek-000001", &form).await;
    assert_eq!(first.status, 201, "{}", first.json);
    let again = post(&app, &path, &writer, "form-abyek-000001", &form).await;
    assert_eq!(again.status, 200, "{}", again.json);
    assert_eq!(again.json["id"], first.json["id"]);
    assert_eq!(again.json["repeated"], true);

    let narrowed = abyek_reader(&app, &w).await;
    let forms = get(&app, &path, &narrowed).await;
    assert_eq!(forms.status, 200, "{}", forms.json);
    let list = forms.json["forms"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{}", forms.json);
    assert_eq!(list[0]["occasion"], "baseline");
    assert_eq!(list[0]["taken_on"], "1405/08/20");
    assert_eq!(list[0]["answers"]["q1"], "2");
    assert!(!list[0]["scores"].as_array().unwrap().is_empty());

    for woman in [w.takestan.woman, w.shemiranat.woman] {
        let other = format!("/api/v1/women/{woman}/assessments");
        assert_problem(&get(&app, &other, &narrowed).await, 404, "");
        let outside = post(&app, &other, &writer, "form-abyek-000002", &form).await;
        assert_problem(&outside, 404, "");
    }
    let refused = post(&app, &path, &reader, "form-abyek-000003", &form).await;
    assert_problem(&refused, 403, "");
    let future = post(
        &app,
        &path,
        &writer,
        "form-abyek-000004",
        &rosenberg("1499/01/01"),
    )
    .await;
    assert_problem(&future, 422, "taken_on");
    let mut unknown = rosenberg("1405/08/21");
    unknown["instrument"] = json!("no-such-instrument");
    let unknown = post(&app, &path, &writer, "form-abyek-000005", &unknown).await;
    assert_problem(&unknown, 422, "instrument");
    let mut stray = rosenberg("1405/08/21");
    stray["colour"] = json!("blue");
    let stray = post(&app, &path, &writer, "form-abyek-000006", &stray).await;
    assert_problem(&stray, 400, "body");
    let forms = get(&app, &path, &narrowed).await;
    assert_eq!(forms.json["forms"].as_array().unwrap().len(), 1);
}

async fn a_county_token_reads_no_payment_or_grant_of_another_county(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let narrowed = abyek_reader(&app, &w).await;
    let payments = get(&app, "/api/v1/payments", &narrowed).await;
    assert_eq!(payments.status, 200, "{}", payments.json);
    let ids: Vec<i64> = payments.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert!(ids.contains(&w.abyek.payment.get()), "{}", payments.json);
    assert!(
        !ids.contains(&w.takestan.payment.get()),
        "{}",
        payments.json
    );
    assert!(
        !ids.contains(&w.shemiranat.payment.get()),
        "{}",
        payments.json
    );
    assert!(payments.json["items"][0]["amount_rials"].is_i64());

    // Qazvin's undivided line paid for both counties: Abyek's reader sees the payment, her
    // own county's group by name, Takestan's only counted, and none of the staff's text.
    let shared = get(
        &app,
        &format!("/api/v1/payments/{}", w.shared_payment),
        &narrowed,
    )
    .await;
    assert_eq!(shared.status, 200, "{}", shared.json);
    assert_eq!(shared.json["text_withheld"], true);
    assert_eq!(shared.json["description"], "");
    assert!(shared.json["groups_elsewhere"].as_u64().unwrap() >= 1);
    let text = shared.json.to_string();
    assert!(!text.contains(w.takestan.group_name), "{text}");
    assert!(!text.contains(w.takestan.person.last_name), "{text}");

    let grants = get(&app, "/api/v1/grants", &narrowed).await;
    assert_eq!(grants.status, 200, "{}", grants.json);
    let text = grants.json.to_string();
    assert!(
        text.contains(&format!("\"id\":{}", w.abyek.grant)),
        "{text}"
    );
    assert!(!text.contains(w.shared_grant_purpose), "{text}");
    assert!(!text.contains(w.takestan.group_name), "{text}");
    let own = get(
        &app,
        &format!("/api/v1/grants/{}", w.abyek.grant),
        &narrowed,
    )
    .await;
    assert_eq!(own.status, 200, "{}", own.json);
    assert!(own.json["grant"]["total_rials"].is_i64());
    assert!(!own.json["tranches"].as_array().unwrap().is_empty());

    for path in [
        format!("/api/v1/payments/{}", w.takestan.payment),
        format!("/api/v1/payments/{}", w.shemiranat.payment),
        format!("/api/v1/grants/{}", w.takestan.grant),
        format!("/api/v1/grants/{}", w.shared_grant),
        format!("/api/v1/payments?group={}", w.takestan.group),
    ] {
        let answer = get(&app, &path, &narrowed).await;
        assert_problem(&answer, 404, "");
        assert!(
            !answer
                .json
                .to_string()
                .contains(w.takestan.person.last_name)
        );
    }
    let unknown = get(&app, "/api/v1/payments?status=spent", &narrowed).await;
    assert_problem(&unknown, 422, "status");
    let unknown = get(&app, "/api/v1/grants?status=spent", &narrowed).await;
    assert_problem(&unknown, 422, "status");
    // Read only: the API takes no write of money.
    let (writer, _) = abyek_worker(&app, &w).await;
    let refused = post(
        &app,
        "/api/v1/payments",
        &writer,
        "payment-abyek-0001",
        &json!({}),
    )
    .await;
    assert_eq!(refused.status, 405, "{}", refused.json);
}

fn business_month(month: i32) -> Value {
    json!({
        "year": 1405,
        "month": month,
        "revenue_rials": 50_000_000,
        "costs_rials": 20_000_000,
        "members_working": 3,
        "channels": ["shop"],
        "payments": [],
    })
}

async fn a_business_month_lands_once_and_no_county_token_reads_another_countys(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let (writer, reader) = abyek_worker(&app, &w).await;
    let path = format!("/api/v1/groups/{}/business-months", w.abyek.group);
    let mut body = business_month(8);
    body["payments"] = json!([{"woman_id": w.abyek.woman.get(), "amount_rials": 3_000_000}]);
    let recorded_before = audit_rows(&app, "group.business_month").await;
    let first = post(&app, &path, &writer, "month-abyek-000001", &body).await;
    assert_eq!(first.status, 200, "{}", first.json);
    assert_eq!(first.json["repeated"], false);
    let again = post(&app, &path, &writer, "month-abyek-000001", &body).await;
    assert_eq!(again.status, 200, "{}", again.json);
    assert_eq!(again.json["repeated"], true);
    assert_eq!(
        audit_rows(&app, "group.business_month").await,
        recorded_before + 1
    );

    let narrowed = abyek_reader(&app, &w).await;
    let months = get(&app, &path, &narrowed).await;
    assert_eq!(months.status, 200, "{}", months.json);
    assert_eq!(months.json["total"], 1);
    let month = &months.json["items"][0];
    assert_eq!(month["month"], 8);
    assert_eq!(month["profit_rials"], 30_000_000);
    assert_eq!(month["payments"][0]["amount_rials"], 3_000_000);

    for group in [w.takestan.group, w.shemiranat.group] {
        let other = format!("/api/v1/groups/{group}/business-months");
        assert_problem(&get(&app, &other, &narrowed).await, 404, "");
        let outside = post(&app, &other, &writer, "month-abyek-000002", &body).await;
        assert_problem(&outside, 404, "");
    }
    let refused = post(&app, &path, &reader, "month-abyek-000003", &body).await;
    assert_problem(&refused, 403, "");
    let mut stranger = business_month(7);
    stranger["payments"] = json!([{"woman_id": w.takestan.woman.get(), "amount_rials": 1_000}]);
    let stranger = post(&app, &path, &writer, "month-abyek-000004", &stranger).await;
    assert_problem(&stranger, 422, "payments");
    let mut losing = business_month(7);
    losing["revenue_rials"] = json!(-5);
    let losing = post(&app, &path, &writer, "month-abyek-000006", &losing).await;
    assert_problem(&losing, 422, "revenue_rials");
    let mut shapeless = business_month(7);
    shapeless["revenue_rials"] = json!("a lot");
    let shapeless = post(&app, &path, &writer, "month-abyek-000005", &shapeless).await;
    assert_problem(&shapeless, 400, "body");
    let months = get(&app, &path, &narrowed).await;
    assert_eq!(months.json["total"], 1);
}

async fn a_household_is_read_as_her_file_shows_it_and_only_in_the_tokens_county(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let narrowed = abyek_reader(&app, &w).await;
    let path = format!("/api/v1/women/{}/household", w.abyek.woman);
    let opened_before = audit_rows(&app, "woman.view").await;
    let household = get(&app, &path, &narrowed).await;
    assert_eq!(household.status, 200, "{}", household.json);
    let members = household.json["members"].as_array().unwrap();
    let child = members
        .iter()
        .find(|m| m["id"] == w.abyek.household_member)
        .expect("her child");
    assert_eq!(child["first_name"], w.abyek.child.first_name);
    assert!(household.json["size"].as_i64().unwrap() >= 2);
    assert_eq!(audit_rows(&app, "woman.view").await, opened_before + 1);

    // A facilitator's token sees the members' national IDs masked, as her file shows them.
    let abyek = Scope::County {
        province: w.qazvin,
        county: w.abyek.county,
    };
    let facilitator = token(
        &app,
        "abyek.facilitator",
        Role::Facilitator,
        abyek,
        "read",
        None,
    )
    .await;
    let masked = get(&app, &path, &facilitator).await;
    assert_eq!(masked.status, 200, "{}", masked.json);
    assert_eq!(masked.json["identifiers_masked"], true);
    assert!(!masked.json.to_string().contains(&w.abyek.child.national_id));
    assert!(
        masked.json["members"][0]["national_id"]
            .as_str()
            .unwrap()
            .contains('*')
    );

    for woman in [w.takestan.woman, w.shemiranat.woman] {
        let other = get(&app, &format!("/api/v1/women/{woman}/household"), &narrowed).await;
        assert_problem(&other, 404, "");
        assert!(!other.json.to_string().contains(w.takestan.child.first_name));
    }
}

async fn a_woman_joins_and_leaves_once_and_only_in_the_tokens_county(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let (writer, reader) = abyek_worker(&app, &w).await;
    let path = format!("/api/v1/groups/{}/members", w.abyek.group);
    let join = json!({
        "national_id": w.abyek.second_person.national_id,
        "role": "member",
        "joined_on": "1405/08/01",
    });
    let first = post(&app, &path, &writer, "join-abyek-000001", &join).await;
    assert_eq!(first.status, 201, "{}", first.json);
    let again = post(&app, &path, &writer, "join-abyek-000001", &join).await;
    assert_eq!(again.status, 200, "{}", again.json);
    assert_eq!(again.json["membership_id"], first.json["membership_id"]);
    assert_eq!(again.json["repeated"], true);
    let membership = first.json["membership_id"].as_i64().unwrap();

    let group = get(&app, &format!("/api/v1/groups/{}", w.abyek.group), &writer).await;
    let members: Vec<&Value> = group.json["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["woman_id"] == w.abyek.second_woman.get())
        .collect();
    assert_eq!(members.len(), 1, "{}", group.json);

    let leave = json!({"left_on": "1405/09/01", "leave_reason": "moved"});
    let end = format!("{path}/{membership}/end");
    let ended = post(&app, &end, &writer, "leave-abyek-000001", &leave).await;
    assert_eq!(ended.status, 200, "{}", ended.json);
    assert_eq!(ended.json["repeated"], false);
    let again = post(&app, &end, &writer, "leave-abyek-000001", &leave).await;
    assert_eq!(again.status, 200, "{}", again.json);
    assert_eq!(again.json["repeated"], true);
    let twice = post(&app, &end, &writer, "leave-abyek-000002", &leave).await;
    assert_problem(&twice, 422, "left_on");
    let group = get(&app, &format!("/api/v1/groups/{}", w.abyek.group), &writer).await;
    let left = group.json["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["membership_id"] == membership)
        .expect("her membership");
    assert_eq!(left["left_on"], "1405/09/01");

    // Another county's group, and another county's woman into her own group, are refused.
    let other = format!("/api/v1/groups/{}/members", w.takestan.group);
    let outside = post(&app, &other, &writer, "join-abyek-000002", &join).await;
    assert_problem(&outside, 404, "");
    let stranger = json!({
        "national_id": w.takestan.person.national_id,
        "role": "member",
        "joined_on": "1405/08/01",
    });
    let stranger = post(&app, &path, &writer, "join-abyek-000003", &stranger).await;
    assert_problem(&stranger, 422, "national_id");
    assert!(
        !stranger
            .json
            .to_string()
            .contains(w.takestan.person.last_name)
    );
    let elsewhere = format!(
        "/api/v1/groups/{}/members/{}/end",
        w.takestan.group, w.takestan.membership
    );
    let elsewhere = post(&app, &elsewhere, &writer, "leave-abyek-000003", &leave).await;
    assert_problem(&elsewhere, 404, "");
    let refused = post(&app, &path, &reader, "join-abyek-000004", &join).await;
    assert_problem(&refused, 403, "");
    let mut shapeless = join.clone();
    shapeless["since"] = json!("1405");
    let shapeless = post(&app, &path, &writer, "join-abyek-000005", &shapeless).await;
    assert_problem(&shapeless, 400, "body");
    let malformed = format!("{path}/first/end");
    let malformed = post(&app, &malformed, &writer, "leave-abyek-000004", &leave).await;
    assert_problem(&malformed, 400, "path");
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
    a_county_token_reads_no_meeting_or_visit_of_another_county,
    a_county_token_reads_no_run_of_another_county_and_marks_a_sheet_once,
    a_form_lands_once_and_no_county_token_reads_another_countys_forms,
    a_county_token_reads_no_payment_or_grant_of_another_county,
    a_business_month_lands_once_and_no_county_token_reads_another_countys,
    a_household_is_read_as_her_file_shows_it_and_only_in_the_tokens_county,
    a_woman_joins_and_leaves_once_and_only_in_the_tokens_county,
);
