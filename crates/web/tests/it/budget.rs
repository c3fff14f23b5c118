//! In-process HTTP tests of the budget page and the money reports: a provincial expert sets
//! Qazvin's 1405 budget through the form in Persian digits (a double submit posts once), the
//! report shows it, each figure drills down to its allocation, the downloads carry the same
//! figures, a bad amount is explained in Persian with nothing written, and public relations
//! sees the figures but no names and no forms.

use hamyar_webtest::{Browser, Page, TestApp};

async fn qazvin(app: &TestApp) -> String {
    let tree = app.app.place_tree().await.unwrap();
    tree.by_code("ir.qazvin").unwrap().id.to_string()
}

/// The hidden idempotency key of the first form on the page (the year's budget).
fn form_key(page: &Page) -> String {
    let rest = page
        .body
        .split("name=\"key\" value=\"")
        .nth(1)
        .unwrap_or_else(|| panic!("no key on the page: {}", page.body));
    rest.split('"').next().unwrap().to_owned()
}

async fn set_budget(browser: &Browser, province: &str, key: &str, training: &str) -> Page {
    let form = browser
        .get(&format!("/money/budget?year=1405&province={province}"))
        .await;
    let csrf = form.csrf_token().unwrap();
    browser
        .post_raw(
            "/money/budget/year",
            &[
                ("csrf", csrf.as_str()),
                ("key", key),
                ("year", "1405"),
                ("province", province),
                ("county", ""),
                ("training", training),
                ("grant", "۶۰۰۰۰۰۰۰۰"),
                ("effective_on", "۱۴۰۵/۰۱/۱۵"),
            ],
        )
        .await
}

/// The first drill-down link of a figure on a page.
fn drill_link(body: &str, figure: &str) -> String {
    let start = body
        .find("/money/reports/lines/")
        .unwrap_or_else(|| panic!("no drill-down link: {body}"));
    let link = &body[start..];
    let link = link.split('"').next().unwrap();
    let (line, _) = link
        .trim_start_matches("/money/reports/lines/")
        .split_once('/')
        .unwrap();
    format!("/money/reports/lines/{line}/{figure}")
}

#[tokio::test]
async fn a_provincial_expert_sets_the_budget_and_the_report_drills_down_to_it() {
    let app = TestApp::spawn().await;
    let province = qazvin(&app).await;
    let expert = app
        .logged_in("q.expert", "provincial_expert", "ir.qazvin")
        .await;
    let home = expert.get("/").await;
    assert!(home.body.contains("بودجه و گزارش مالی"), "{}", home.body);

    let form = expert
        .get(&format!("/money/budget?year=1405&province={province}"))
        .await;
    assert_eq!(form.status, 200, "{}", form.body);
    let key = form_key(&form);
    let posted = set_budget(&expert, &province, &key, "۱٬۰۰۰٬۰۰۰٬۰۰۰").await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    assert!(posted.location().unwrap().contains("done=budget-saved"));
    // The same form sent twice (a double click) posts nothing more.
    let again = set_budget(&expert, &province, &key, "۱٬۰۰۰٬۰۰۰٬۰۰۰").await;
    assert_eq!(again.status, 303, "{}", again.body);

    let budget = expert
        .get(&format!("/money/budget?year=1405&province={province}"))
        .await;
    assert!(
        budget.body.contains("۱٬۰۰۰٬۰۰۰٬۰۰۰ ریال"),
        "{}",
        budget.body
    );
    assert_ne!(
        form_key(&budget),
        key,
        "each drawing of the form has its own key"
    );

    let report = expert
        .get(&format!(
            "/money/reports/budget?year=1405&province={province}"
        ))
        .await;
    assert_eq!(report.status, 200, "{}", report.body);
    assert!(report.body.contains("ستاد استان"), "{}", report.body);
    assert!(
        report.body.contains("۱٬۶۰۰٬۰۰۰٬۰۰۰ ریال"),
        "{}",
        report.body
    );

    let drill = expert.get(&drill_link(&report.body, "budget")).await;
    assert_eq!(drill.status, 200, "{}", drill.body);
    assert!(drill.body.contains("۱۴۰۵/۰۱/۱۵"), "{}", drill.body);
    assert!(drill.body.contains("کاربر q.expert"), "{}", drill.body);
    assert_eq!(
        drill
            .body
            .matches("<td class=\"nowrap\" data-label=\"تاریخ\">۱۴۰۵/")
            .count(),
        1,
        "{}",
        drill.body
    );

    let before = expert
        .get(&format!(
            "/money/reports/budget?year=1405&province={province}&as_of=۱۴۰۵/۰۱/۱۴"
        ))
        .await;
    assert!(
        before.body.contains("<strong>۰ ریال</strong>"),
        "{}",
        before.body
    );

    let csv = expert
        .get(&format!(
            "/money/reports/budget/download/csv?year=1405&province={province}"
        ))
        .await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.body.contains(",1600000000,0,0,0,1600000000"),
        "{}",
        csv.body
    );
    let json = expert
        .get(&format!(
            "/money/reports/budget/download/json?year=1405&province={province}"
        ))
        .await;
    assert!(
        json.body.contains("\"budget_rials\": 1600000000"),
        "{}",
        json.body
    );
}

/// The hidden key of the form posting to `action`.
fn key_of(page: &Page, action: &str) -> String {
    let form = page
        .body
        .split(&format!("action=\"{action}\""))
        .nth(1)
        .unwrap_or_else(|| panic!("no form {action}: {}", page.body));
    form.split("name=\"key\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_line_is_divided_to_a_county_and_amended_down_through_the_forms() {
    let app = TestApp::spawn().await;
    let province = qazvin(&app).await;
    let tree = app.app.place_tree().await.unwrap();
    let takestan = tree.by_code("ir.qazvin.takestan").unwrap().id.to_string();
    let expert = app
        .logged_in("q.expert", "provincial_expert", "ir.qazvin")
        .await;
    let form = expert
        .get(&format!("/money/budget?year=1405&province={province}"))
        .await;
    let posted = set_budget(&expert, &province, &form_key(&form), "1000000000").await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    let lines = app
        .app
        .budget_lines(
            &hamyar_app::Actor::console(),
            hamyar_domain::FiscalYear::new(1405).unwrap(),
            None,
            None,
        )
        .await
        .unwrap();
    let training = lines
        .iter()
        .find(|view| view.category == hamyar_domain::budget::BudgetCategory::Training)
        .unwrap()
        .line
        .id
        .to_string();
    let page = expert
        .get(&format!("/money/budget?year=1405&province={province}"))
        .await;
    let csrf = page.csrf_token().unwrap();
    let common = |key: &str, amount: &str| {
        vec![
            ("csrf".to_owned(), csrf.clone()),
            ("key".to_owned(), key.to_owned()),
            ("year".to_owned(), "1405".to_owned()),
            ("province".to_owned(), province.clone()),
            ("line".to_owned(), training.clone()),
            ("amount".to_owned(), amount.to_owned()),
            ("effective_on".to_owned(), "1405/03/01".to_owned()),
        ]
    };
    let mut divide = common(&key_of(&page, "/money/budget/divide"), "۴۰۰٬۰۰۰٬۰۰۰");
    divide.push(("county".to_owned(), takestan.clone()));
    let refs: Vec<(&str, &str)> = divide
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let divided = expert.post_raw("/money/budget/divide", &refs).await;
    assert_eq!(divided.status, 303, "{}", divided.body);
    // A cut below what is left would be refused; this one takes 200M of the remaining 600M,
    // and sending it twice posts it once.
    let amend = common(&key_of(&page, "/money/budget/amend"), "-۲۰۰٬۰۰۰٬۰۰۰");
    let refs: Vec<(&str, &str)> = amend
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    for _ in 0..2 {
        let amended = expert.post_raw("/money/budget/amend", &refs).await;
        assert_eq!(amended.status, 303, "{}", amended.body);
    }
    let report = expert
        .get(&format!(
            "/money/reports/budget?year=1405&province={province}"
        ))
        .await;
    assert!(report.body.contains("تاکستان"), "{}", report.body);
    // Province office: 1,000M − 400M − 200M; Takestan 400M; total 800M + 600M grant.
    assert!(report.body.contains("۴۰۰٬۰۰۰٬۰۰۰ ریال"), "{}", report.body);
    assert!(
        report.body.contains("۱٬۴۰۰٬۰۰۰٬۰۰۰ ریال"),
        "{}",
        report.body
    );
    let drill = expert
        .get(&format!("/money/reports/lines/{training}/budget"))
        .await;
    assert_eq!(
        drill
            .body
            .matches("<td class=\"nowrap\" data-label=\"تاریخ\">۱۴۰۵/")
            .count(),
        3,
        "{}",
        drill.body
    );
    // The minus sign stays on the number's left, isolated from the right-to-left text.
    assert!(
        drill.body.contains("\u{2066}-۲۰۰٬۰۰۰٬۰۰۰\u{2069} ریال"),
        "{}",
        drill.body
    );
}

#[tokio::test]
async fn a_bad_amount_is_explained_in_persian_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let province = qazvin(&app).await;
    let expert = app
        .logged_in("q.expert", "provincial_expert", "ir.qazvin")
        .await;
    let form = expert
        .get(&format!("/money/budget?year=1405&province={province}"))
        .await;
    let refused = set_budget(&expert, &province, &form_key(&form), "۵۰۰x").await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("مبلغ فقط می‌تواند شامل رقم، جداکنندهٔ هزارگان و علامت منفی در ابتدا باشد"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("value=\"۵۰۰x\""), "{}", refused.body);
    let lines = app
        .app
        .budget_lines(
            &hamyar_app::Actor::console(),
            hamyar_domain::FiscalYear::new(1405).unwrap(),
            None,
            None,
        )
        .await
        .unwrap();
    assert!(lines.is_empty(), "{lines:?}");
}

#[tokio::test]
async fn public_relations_sees_the_figures_but_no_names_and_no_forms() {
    let app = TestApp::spawn().await;
    let province = qazvin(&app).await;
    let expert = app
        .logged_in("q.expert", "provincial_expert", "ir.qazvin")
        .await;
    let form = expert
        .get(&format!("/money/budget?year=1405&province={province}"))
        .await;
    let posted = set_budget(&expert, &province, &form_key(&form), "1000000000").await;
    assert_eq!(posted.status, 303, "{}", posted.body);

    let press = app
        .logged_in("q.press", "public_relations", "ir.qazvin")
        .await;
    let budget = press.get("/money/budget?year=1405").await;
    assert_eq!(budget.status, 200, "{}", budget.body);
    assert!(
        budget.body.contains("۱٬۰۰۰٬۰۰۰٬۰۰۰ ریال"),
        "{}",
        budget.body
    );
    assert!(
        !budget.body.contains("/money/budget/year"),
        "{}",
        budget.body
    );
    let report = press.get("/money/reports/budget?year=1405").await;
    let drill = press.get(&drill_link(&report.body, "budget")).await;
    assert_eq!(drill.status, 200, "{}", drill.body);
    assert!(drill.body.contains("۱٬۰۰۰٬۰۰۰٬۰۰۰ ریال"), "{}", drill.body);
    assert!(!drill.body.contains("q.expert"), "{}", drill.body);
    assert!(drill.body.contains("پنهان"), "{}", drill.body);

    let worker = app
        .logged_in("t.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    assert_eq!(
        worker.get("/money/reports/budget?year=1405").await.status,
        403
    );
}

#[tokio::test]
async fn spending_per_group_lists_the_group_and_public_relations_is_refused_both_lists() {
    use hamyar_app::budget::YearBudgetInput;
    use hamyar_app::spending::PaymentInput;
    use hamyar_domain::budget::BudgetCategory;
    use hamyar_domain::groups::GroupInput;

    let app = TestApp::spawn().await;
    let province = qazvin(&app).await;
    let expert = app
        .logged_in("q.expert", "provincial_expert", "ir.qazvin")
        .await;
    let county = app
        .logged_in("t.expert", "county_expert", "ir.qazvin.takestan")
        .await;
    let relations = app.logged_in("q.pr", "public_relations", "ir.qazvin").await;
    let actor = |name: &'static str| {
        let app = app.app.clone();
        async move { app.user_by_username(name).await.unwrap().unwrap().actor() }
    };
    let (provincial, county_actor) = (actor("q.expert").await, actor("t.expert").await);
    let tree = app.app.place_tree().await.unwrap();
    let takestan = tree.by_code("ir.qazvin.takestan").unwrap().id;
    app.app
        .set_year_budget(
            &provincial,
            &YearBudgetInput {
                fiscal_year: 1405,
                province_id: province.parse().unwrap(),
                county_id: None,
                amounts: vec![(BudgetCategory::Strengthening, "500000000".into())],
                effective_on: "1405/01/15".into(),
                description: String::new(),
                idempotency_key: "b".into(),
            },
        )
        .await
        .unwrap();
    let line = app
        .app
        .budget_lines(
            &provincial,
            hamyar_domain::FiscalYear::new(1405).unwrap(),
            None,
            None,
        )
        .await
        .unwrap()[0]
        .line
        .id;
    app.app
        .create_group(
            &county_actor,
            &GroupInput {
                name: "گلدوزی مهر".into(),
                county: takestan.to_string(),
                business_field: "tailoring".into(),
                premises: "rented".into(),
                identified_on: "1405/03/01".into(),
                ..GroupInput::default()
            },
        )
        .await
        .unwrap();
    let payment = app
        .app
        .propose_payment(
            &county_actor,
            &PaymentInput {
                budget_line_id: line,
                payee: "مشاور بازاریابی".into(),
                payee_kind: "strengthening_work".into(),
                amount: "۳۵٬۰۰۰٬۰۰۰".into(),
                spent_on: "1405/09/01".into(),
                reference: "ق-۹".into(),
                description: "کارگاه بازاریابی".into(),
                group_codes: "G-0001".into(),
                idempotency_key: "p".into(),
                ..PaymentInput::default()
            },
        )
        .await
        .unwrap();
    app.app
        .approve_payment(&provincial, payment, "")
        .await
        .unwrap();

    let page = expert
        .get(&format!(
            "/money/reports/recipients?kind=groups&year=1405&province={province}"
        ))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("گلدوزی مهر"), "{}", page.body);
    assert!(page.body.contains("۳۵٬۰۰۰٬۰۰۰"), "{}", page.body);
    // The county expert sees its county's group too.
    let seen = county
        .get(&format!(
            "/money/reports/recipients?kind=groups&year=1405&province={province}"
        ))
        .await;
    assert!(seen.body.contains("گلدوزی مهر"), "{}", seen.body);
    // Public relations reads figures only: both lists name their recipients.
    let groups = relations
        .get(&format!(
            "/money/reports/recipients?kind=groups&year=1405&province={province}"
        ))
        .await;
    assert_eq!(groups.status, 403, "{}", groups.body);
    let women = relations
        .get(&format!(
            "/money/reports/recipients?kind=women&year=1405&province={province}"
        ))
        .await;
    assert_eq!(women.status, 403, "{}", women.body);
}
