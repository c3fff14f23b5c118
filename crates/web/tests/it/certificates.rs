//! Hamyar's training certificate through HTTP (issue 18): a logged-out visitor opens
//! `/verify`, types a completed woman's code as she might (lower case, no hyphen, Persian
//! digits) and is told her name, the course, the county and the day — never her national
//! ID; an unknown code is told it is not registered, a code too long is refused at its
//! field, and an address that keeps trying unknown codes is answered 429 with
//! `Retry-After`. The certificate PDF needs a login and the run in the reader's scope, and
//! reads back in order with the code and where to check it.

use hamyar_app::ports::training::EnrolmentId;
use hamyar_app::rate_limit::ThrottleLimits;
use hamyar_app::training::{CompletionInput, CourseKindInput, MarkInput, ProviderInput, RunInput};
use hamyar_app::{Actor, AppSettings};
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::registry::WomanInput;
use hamyar_domain::to_persian_digits;
use hamyar_pdf::inspect::{page_count, text, without_zwnj};
use hamyar_testkit::builders::BudgetBuilder;
use hamyar_testkit::fixtures::{place, user};
use hamyar_testkit::scope::national_id;
use hamyar_testkit::testing::TestDatabase;
use hamyar_web::WebSettings;
use hamyar_webtest::{Browser, TestApp};

/// A server whose public check allows an address two unknown codes an hour.
async fn server() -> TestApp {
    let settings = AppSettings {
        login_limits: ThrottleLimits {
            address_failures_per_hour: 2,
            ..ThrottleLimits::default()
        },
        ..AppSettings::default()
    };
    TestApp::spawn_with(
        TestDatabase::sqlite().await,
        WebSettings::default(),
        settings,
    )
    .await
}

/// Takestan's county expert (logged in) runs a one-session course for فاطمه رضایی, who
/// attends and completes: her enrolment and her certificate code.
async fn completed(app: &TestApp) -> (Browser, EnrolmentId, String) {
    let browser = app
        .logged_in("t.expert", "county_expert", "ir.qazvin.takestan")
        .await;
    let a = &app.app;
    let coordinator = a
        .user_by_username("t.expert")
        .await
        .unwrap()
        .unwrap()
        .actor();
    let national = user(a, "n.expert", "national_expert", "ir").await;
    let provincial = user(a, "q.expert", "provincial_expert", "ir.qazvin").await;
    let qazvin = place(a, "ir.qazvin").await;
    let takestan = place(a, "ir.qazvin.takestan").await;
    let line = BudgetBuilder::new(a, &provincial, qazvin)
        .amount(BudgetCategory::Training, "743000000")
        .set()
        .await
        .line(BudgetCategory::Training);
    let kind = a
        .add_course_kind(
            &national,
            &CourseKindInput {
                code: "tailoring-basic".into(),
                name: "خیاطی مقدماتی".into(),
                name_en: "Basic tailoring".into(),
                category: "vocational".into(),
                skill_standard_code: String::new(),
                hours: "8".into(),
                min_attendance_percent: String::new(),
                final_assessment: false,
            },
        )
        .await
        .unwrap();
    let provider = a
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
    let id = national_id(820_001);
    a.register_woman(
        &coordinator,
        &takestan.to_string(),
        &WomanInput {
            national_id: id.clone(),
            first_name: "فاطمه".into(),
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
    let run = a
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
                sessions: "1405/08/01".into(),
                session_hours: String::new(),
            },
        )
        .await
        .unwrap();
    a.enrol_women(&coordinator, run, &id, "1405/07/25")
        .await
        .unwrap();
    let view = a.course_run(&coordinator, run, false).await.unwrap();
    let enrolment = view.women[0].woman.enrolment.id;
    let mark = MarkInput {
        enrolment_id: enrolment,
        mark: "present".into(),
    };
    a.record_attendance(&coordinator, run, view.sessions[0].id, &[mark])
        .await
        .unwrap();
    let code = a
        .record_completion(
            &coordinator,
            enrolment,
            &CompletionInput {
                completed_on: "1405/08/15".into(),
                ..CompletionInput::default()
            },
        )
        .await
        .unwrap();
    (browser, enrolment, code)
}

fn verify_path(code: &str) -> String {
    let mut url = reqwest::Url::parse("http://x/verify").unwrap();
    url.query_pairs_mut().append_pair("code", code);
    format!("/verify?{}", url.query().unwrap())
}

#[tokio::test]
async fn anyone_checks_a_certificate_code_on_the_public_page_and_sees_only_name_course_and_day() {
    let app = server().await;
    let (_, _, code) = completed(&app).await;
    let visitor = app.browser();

    let form = visitor.get("/verify").await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("بررسی گواهی آموزش همیار"));
    assert!(form.body.contains(r#"name="code""#));
    assert!(form.body.contains("width=device-width"), "fits a phone");

    let typed = to_persian_digits(&code.replace('-', "").to_lowercase());
    let found = visitor.get(&verify_path(&typed)).await;
    assert_eq!(found.status, 200, "{}", found.body);
    for said in [
        "این گواهی را همیار صادر کرده است",
        "فاطمه رضایی",
        "خیاطی مقدماتی",
        "تاکستان",
        "۱۴۰۵/۰۸/۱۵",
    ] {
        assert!(found.body.contains(said), "{said} in:\n{}", found.body);
    }
    let id = national_id(820_001);
    assert!(!found.body.contains(&id) && !found.body.contains(&to_persian_digits(&id)));
    assert_eq!(found.header("cache-control"), Some("no-store"));

    let unknown = visitor.get(&verify_path("KKKKK-KKKKK")).await;
    assert_eq!(unknown.status, 200);
    assert!(
        unknown.body.contains("این کد گواهی در همیار ثبت نشده است"),
        "{}",
        unknown.body
    );
    assert!(!unknown.body.contains("فاطمه"));

    let long = visitor.get(&verify_path(&"A".repeat(40))).await;
    assert_eq!(long.status, 422, "{}", long.body);
    assert!(long.body.contains("کد گواهی بیش از ۲۰ نویسه ندارد"));

    // The second unknown code spends the address's budget; the third waits.
    assert_eq!(visitor.get(&verify_path("MMMMM-MMMMM")).await.status, 200);
    let refused = visitor.get(&verify_path("PPPPP-PPPPP")).await;
    assert_eq!(refused.status, 429, "{}", refused.body);
    assert!(refused.header("retry-after").is_some());
    assert!(refused.body.contains("دوباره تلاش کنید"));
}

#[tokio::test]
async fn the_certificate_pdf_needs_a_login_and_the_scope_and_reads_back_in_order() {
    let app = server().await;
    let (coordinator, enrolment, code) = completed(&app).await;
    let path = format!("/training/enrolments/{enrolment}/certificate.pdf");

    let anonymous = app.browser().get(&path).await;
    assert_eq!(anonymous.status, 303);
    assert!(
        anonymous
            .location()
            .is_some_and(|l| l.starts_with("/login"))
    );

    let abyek = app
        .logged_in("a.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    assert_eq!(abyek.get(&path).await.status, 404);
    let press = app
        .logged_in("q.press", "public_relations", "ir.qazvin")
        .await;
    assert_eq!(press.get(&path).await.status, 403);

    let response = coordinator
        .client()
        .get(format!("{}{path}", app.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/pdf")
    );
    let pdf = response.bytes().await.unwrap().to_vec();
    assert_eq!(page_count(&pdf), 1);
    let text = without_zwnj(&text(&pdf)).replace(['\u{2066}', '\u{2069}'], "");
    let (left, right) = code.split_once('-').unwrap();
    // The text reader gives a Latin run split at its hyphen or slash right to left.
    let reversed = format!("{right}-{left}");
    let mut from = 0;
    for said in [
        "ادارهٔ کل بهزیستی استان قزوین",
        reversed.as_str(),
        "گواهی پایان دورهی آموزشی",
        "خانم فاطمه رضایی به کد ملی",
        "«خیاطی مقدماتی»",
        "آموزشگاه فنی نور",
        "۱۴۰۵/۰۸/۱۵",
        "verify/",
        reversed.as_str(),
    ] {
        let said = without_zwnj(said);
        let at = text[from..]
            .find(&said)
            .unwrap_or_else(|| panic!("{said:?} not in order in:\n{text}"));
        from += at + said.len();
    }
    let rows = app
        .app
        .browse_audit(
            &Actor::console(),
            &hamyar_app::audit::AuditQuery {
                action: Some("training.certificate".into()),
                page_size: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), 1, "the print is audited");
}
