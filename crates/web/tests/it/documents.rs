//! The documents an office prints (issue 17), through HTTP: each is a PDF on the province
//! office's letterhead whose text, read back from its pages in reading order
//! (`hamyar_pdf::inspect`), says the expected Persian in the expected order; printing is
//! allowed, scoped and audited as the page it prints from (another county's group or woman
//! is 404, public relations is refused a woman's dossier, a printed dossier is a
//! `woman.view`, a printed certificate a `group.view`); the monthly report's figures are the
//! catalogue's; and the provincial report has no page without its body text.
//!
//! With `HAMYAR_PDF_LOOK=DIR` set, each document's first page is also written to DIR as a
//! PNG, for a person to look at.

use hamyar_app::Actor;
use hamyar_app::audit::AuditQuery;
use hamyar_app::dashboard::DashboardRequest;
use hamyar_demo::Demo;
use hamyar_domain::FiscalYear;
use hamyar_i18n::Lang;
use hamyar_pdf::inspect::{page_count, page_lines, page_png, text, without_zwnj};
use hamyar_testkit::press::press_world;
use hamyar_testkit::scope::scope_world;
use hamyar_webtest::{Browser, TestApp};

/// GETs `path` as bytes: (status, content type, body).
async fn fetch(app: &TestApp, browser: &Browser, path: &str) -> (u16, String, Vec<u8>) {
    let response = browser
        .client()
        .get(format!("{}{path}", app.base_url))
        .send()
        .await
        .expect("GET");
    let status = response.status().as_u16();
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, kind, response.bytes().await.expect("body").to_vec())
}

/// A PDF the server printed: its text, after checking it is a PDF of `pages` pages.
async fn printed(app: &TestApp, browser: &Browser, path: &str, pages: usize, look: &str) -> String {
    let (status, kind, pdf) = fetch(app, browser, path).await;
    assert_eq!(status, 200, "{path}: {}", String::from_utf8_lossy(&pdf));
    assert_eq!(kind, "application/pdf", "{path}");
    assert!(pdf.starts_with(b"%PDF-"), "{path}");
    assert_eq!(page_count(&pdf), pages, "{path}:\n{}", text(&pdf));
    if let Ok(dir) = std::env::var("HAMYAR_PDF_LOOK") {
        std::fs::write(format!("{dir}/{look}.pdf"), &pdf).expect("written");
        for page in 0..pages {
            let png = page_png(&pdf, page, 1.5).expect("a page image");
            std::fs::write(format!("{dir}/{look}-{}.png", page + 1), png).expect("written");
        }
    }
    text(&pdf)
}

/// Every `expected` text is in `text`, each after the one before. Zero-width non-joiners
/// are left out of both: one draws no glyph, and a glyph first drawn after one maps back
/// with it in the PDF's ToUnicode table («مدد‌کار»), so they are no witness of anything.
fn says_in_order(text: &str, expected: &[&str]) {
    let text = without_zwnj(text);
    let text = text.as_str();
    let mut from = 0;
    for said in expected {
        let said = without_zwnj(said);
        match text[from..].find(&said) {
            Some(at) => from += at + said.len(),
            None => panic!("{said:?} is not in the text after byte {from}:\n{text}"),
        }
    }
}

async fn audit_rows(app: &TestApp, action: &str, kind: &str, id: String) -> usize {
    let query = AuditQuery {
        action: Some(action.into()),
        entity_kind: Some(kind.into()),
        entity_id: Some(id),
        page_size: 100,
        ..AuditQuery::default()
    };
    app.app
        .browse_audit(&Actor::console(), &query)
        .await
        .expect("audit")
        .len()
}

#[tokio::test]
async fn a_groups_papers_print_on_the_letterhead_and_count_as_views() {
    let app = TestApp::spawn().await;
    let world = scope_world(&app.app).await;
    let abyek = &world.abyek;
    let worker = app
        .logged_in("print.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    let member = format!("{} {}", abyek.person.first_name, abyek.person.last_name);
    let group = abyek.group;

    let views = audit_rows(&app, "group.view", "group", group.to_string()).await;
    let certificate = printed(
        &app,
        &worker,
        &format!("/groups/{group}/print/certificate.pdf"),
        1,
        "certificate",
    )
    .await;
    says_in_order(
        &certificate,
        &[
            "ادارهٔ کل بهزیستی استان قزوین",
            "گواهی ثبت گروه همیار",
            &format!("بدین‌وسیله گواهی می‌شود گروه همیار «{}»", abyek.group_name),
            &format!("نام گروه: {}", abyek.group_name),
            "اعضای کنونی گروه",
            &member,
            "مددکار اجتماعی",
        ],
    );
    assert_eq!(
        audit_rows(&app, "group.view", "group", group.to_string()).await,
        views + 1,
        "printing the certificate is a view of the group's members"
    );

    let agreement = printed(
        &app,
        &worker,
        &format!("/groups/{group}/print/agreement.pdf"),
        1,
        "agreement",
    )
    .await;
    says_in_order(
        &agreement,
        &[
            "توافق‌نامهٔ اعضای گروه همیار",
            &format!("۱. {}", Lang::Fa.t("documents-agreement-article-1")),
            &format!("۷. {}", Lang::Fa.t("documents-agreement-article-7")),
            &member,
        ],
    );

    let letter = printed(
        &app,
        &worker,
        &format!("/groups/{group}/print/letter/bank"),
        1,
        "group-letter",
    )
    .await;
    says_in_order(
        &letter,
        &[
            "معرفی‌نامه",
            "به: بانک",
            &format!("بدین‌وسیله گروه همیار «{}»", abyek.group_name),
            "گشایش حساب و دریافت تسهیلات",
            "خواهشمند است همکاری لازم را مبذول فرمایید.",
        ],
    );

    let blank = printed(
        &app,
        &worker,
        &format!("/groups/{group}/print/visit-form.pdf"),
        1,
        "visit-blank",
    )
    .await;
    says_in_order(
        &blank,
        &[
            "فرم بازدید نظارتی گروه همیار",
            "تاریخ بازدید:",
            "ارجاع‌ها",
            "اداره کار اتحادیه صنفی بانک",
        ],
    );
    let filled = printed(
        &app,
        &worker,
        &format!("/groups/{group}/visits/{}/print.pdf", abyek.visit),
        1,
        "visit-filled",
    )
    .await;
    says_in_order(&filled, &["فرم بازدید نظارتی گروه همیار", "گزارش بازدید"]);

    // Another county's group, and a visit of another group, are not there.
    for path in [
        format!("/groups/{}/print/certificate.pdf", world.takestan.group),
        format!("/groups/{}/print/letter/bank", world.shemiranat.group),
        format!("/groups/{group}/visits/{}/print.pdf", world.takestan.visit),
        format!("/groups/{group}/print/letter/embassy"),
    ] {
        assert_eq!(fetch(&app, &worker, &path).await.0, 404, "{path}");
    }
}

#[tokio::test]
async fn a_dossier_prints_only_for_those_who_may_open_her_file_and_is_audited() {
    let app = TestApp::spawn().await;
    let world = scope_world(&app.app).await;
    let abyek = &world.abyek;
    let worker = app
        .logged_in("dossier.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    let woman = abyek.woman;
    let name = format!("{} {}", abyek.person.first_name, abyek.person.last_name);

    let views = audit_rows(&app, "woman.view", "woman", woman.to_string()).await;
    let dossier = printed(
        &app,
        &worker,
        &format!("/women/{woman}/print/dossier.pdf"),
        1,
        "dossier",
    )
    .await;
    says_in_order(
        &dossier,
        &[
            "ادارهٔ کل بهزیستی استان قزوین",
            "پروندهٔ زن سرپرست خانوار",
            &format!("نام و نام خانوادگی: {name}"),
            &format!(
                "کد ملی: {}",
                hamyar_domain::to_persian_digits(&abyek.person.national_id)
            ),
            "اعضای خانوار",
            abyek.child.first_name,
            "سابقهٔ پوشش",
            "این سند محرمانه است",
        ],
    );
    assert_eq!(
        audit_rows(&app, "woman.view", "woman", woman.to_string()).await,
        views + 1,
        "a printed dossier is an opened file"
    );

    let letter = printed(
        &app,
        &worker,
        &format!("/women/{woman}/print/letter/health"),
        1,
        "woman-letter",
    )
    .await;
    says_in_order(
        &letter,
        &[
            "به: شبکهٔ بهداشت و درمان",
            &format!("بدین‌وسیله خانم {name}"),
            "دریافت خدمات بهداشتی و کارت بهداشت",
        ],
    );

    // Outside her scope: not there; public relations: refused, and nothing recorded.
    let other = world.takestan.woman;
    assert_eq!(
        fetch(&app, &worker, &format!("/women/{other}/print/dossier.pdf"))
            .await
            .0,
        404
    );
    let press = app
        .logged_in("dossier.press", "public_relations", "ir.qazvin")
        .await;
    let before = audit_rows(&app, "woman.view", "woman", woman.to_string()).await;
    assert_eq!(
        fetch(&app, &press, &format!("/women/{woman}/print/dossier.pdf"))
            .await
            .0,
        403
    );
    assert_eq!(
        audit_rows(&app, "woman.view", "woman", woman.to_string()).await,
        before
    );
}

#[tokio::test]
async fn a_payment_order_prints_the_payment_as_its_page_shows_it() {
    let app = TestApp::spawn().await;
    let world = scope_world(&app.app).await;
    let expert = app
        .logged_in("order.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    let payment = world.abyek.payment;
    let order = printed(
        &app,
        &expert,
        &format!("/money/payments/{payment}/print.pdf"),
        1,
        "payment-order",
    )
    .await;
    says_in_order(
        &order,
        &[
            "ادارهٔ کل بهزیستی استان قزوین",
            "دستور پرداخت",
            "وضعیت:",
            "ردیف بودجه:",
            "مبلغ:",
            "پیشنهاددهنده",
            "امور مالی",
        ],
    );
    let other = world.shemiranat.payment;
    assert_eq!(
        fetch(&app, &expert, &format!("/money/payments/{other}/print.pdf"))
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn the_monthly_report_says_the_catalogues_figures_for_the_month_and_the_year() {
    let app = TestApp::spawn().await;
    let world = press_world(&app.app).await;
    let expert = app
        .logged_in("monthly.expert", "provincial_expert", "ir.qazvin")
        .await;
    let year = FiscalYear::new(1405).unwrap();
    let aban = |from| DashboardRequest {
        place_id: Some(world.qazvin),
        year,
        from,
        to: Some(hamyar_domain::JalaliDate::new(1405, 8, 30).unwrap()),
    };
    let month = app
        .app
        .figure_sheet(
            &world.provincial,
            &aban(Some(hamyar_domain::JalaliDate::new(1405, 8, 1).unwrap())),
        )
        .await
        .unwrap();
    let to_date = app
        .app
        .figure_sheet(&world.provincial, &aban(None))
        .await
        .unwrap();

    let report = printed(
        &app,
        &expert,
        "/reports/monthly/pdf?month=۱۴۰۵/۰۸",
        // Every catalogue figure, the training figures included, then the counties.
        3,
        "monthly",
    )
    .await;
    says_in_order(
        &report,
        &[
            "ادارهٔ کل بهزیستی استان قزوین",
            "گزارش ماهانهٔ عملکرد گروه‌های همیار — قزوین",
            "آبان ۱۴۰۵",
            "از ۱۴۰۵/۰۸/۰۱ تا ۱۴۰۵/۰۸/۳۰",
        ],
    );
    // Every catalogue figure, on its own line: its name, the month's value, the year's.
    let unit = hamyar_domain::MoneyUnit::Rial;
    for (figure, year_figure) in month.figures.iter().zip(&to_date.figures) {
        let value = |v| hamyar_reports::figure_view::value_text(v, figure.def.unit, Lang::Fa, unit);
        let line = format!(
            "{} {} {}",
            Lang::Fa.t(figure.def.name_id),
            value(figure.value),
            value(year_figure.value)
        );
        says_in_order(&report, &[&line]);
    }
    says_in_order(
        &report,
        &["ارقام ماه به تفکیک شهرستان", "تاکستان", "تعریف ارقام"],
    );

    let (status, kind, xlsx) = fetch(&app, &expert, "/reports/monthly/xlsx?month=1405-08").await;
    assert_eq!(status, 200);
    assert_eq!(
        kind,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(xlsx.starts_with(b"PK"));
    let (status, _, csv) = fetch(&app, &expert, "/reports/monthly/csv?month=1405-08").await;
    assert_eq!(status, 200);
    let csv = String::from_utf8(csv).unwrap();
    let active = month
        .get(hamyar_app::figures::FigureKey::ActiveGroups)
        .unwrap();
    assert!(
        csv.lines()
            .any(|line| line.starts_with("groups.active,ir.qazvin,1405-08,")
                && line.contains(&format!(",{},", active.value))),
        "{csv}"
    );

    // A month not begun is refused; a month that is not one is a bad request.
    for (month, status) in [("1405-12", 400), ("1405-13", 400), ("x", 400)] {
        let path = format!("/reports/monthly/pdf?month={month}");
        assert_eq!(fetch(&app, &expert, &path).await.0, status, "{month}");
    }
}

#[tokio::test]
async fn the_provincial_report_has_no_page_without_its_text() {
    let app = TestApp::spawn().await;
    app.app.fill_demo().await.unwrap();
    let press = app
        .logged_in("report.press", "public_relations", "ir.qazvin")
        .await;
    let (status, _, pdf) = fetch(&app, &press, "/reports/summary/report.pdf").await;
    assert_eq!(status, 200);
    let pages = page_lines(&pdf);
    assert_eq!(pages.len(), page_count(&pdf));
    if let Ok(dir) = std::env::var("HAMYAR_PDF_LOOK") {
        std::fs::write(format!("{dir}/provincial.pdf"), &pdf).expect("written");
        for page in 0..pages.len() {
            let png = page_png(&pdf, page, 1.2).expect("a page image");
            std::fs::write(format!("{dir}/provincial-{}.png", page + 1), png).expect("written");
        }
    }
    for (number, lines) in pages.iter().enumerate() {
        // The footer is one line; a page that holds nothing else is blank.
        assert!(lines.len() > 3, "page {} is blank: {lines:?}", number + 1);
    }
    says_in_order(
        &text(&pdf),
        &[
            "ادارهٔ کل بهزیستی استان قزوین",
            "گزارش گروه‌های همیار زنان سرپرست خانوار — قزوین",
            "خلاصهٔ خبری",
        ],
    );
}

#[tokio::test]
async fn the_press_release_is_one_page_with_the_pages_paragraph_and_attribution() {
    let app = TestApp::spawn().await;
    press_world(&app.app).await;
    let press = app
        .logged_in("q.release", "public_relations", "ir.qazvin")
        .await;
    let text = printed(
        &app,
        &press,
        "/reports/summary/press.pdf?year=۱۴۰۵",
        1,
        "press-release",
    )
    .await;
    says_in_order(
        &text,
        &[
            "ادارهٔ کل بهزیستی استان قزوین",
            "خلاصهٔ خبری استان — قزوین",
            "در استان قزوین یک گروه همیار",
            "روابط عمومی ادارهٔ کل بهزیستی استان قزوین، ۸ آذر ۱۴۰۵",
            "گروه‌های فعال: ۱",
        ],
    );
    // The page links to it; names of groups or women never reach it.
    let page = press.get("/reports/summary?year=1405").await;
    assert!(
        page.body.contains("/reports/summary/press.pdf?year=1405"),
        "{}",
        page.body
    );
    for name in ["نخل", "سرو", "مریم"] {
        assert!(!text.contains(name), "{name}: {text}");
    }
}
