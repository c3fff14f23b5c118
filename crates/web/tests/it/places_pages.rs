//! Pages that list places, now that Iran's 484 counties ship: a national user's places page
//! is a summary of the 31 provinces that opens one province at a time; the county selects of
//! the woman, group and account forms are grouped by province and marked for `places.js`,
//! which asks for the province first; a provincial user's selects hold only their province.

use hamyar_webtest::{Page, TestApp};

/// How many times `needle` occurs in the page.
fn count(page: &Page, needle: &str) -> usize {
    page.body.matches(needle).count()
}

/// The select with this id, from its opening tag to its end.
fn select<'a>(page: &'a Page, id: &str) -> &'a str {
    let start = page
        .body
        .find(&format!("<select id=\"{id}\""))
        .unwrap_or_else(|| panic!("no select {id}"));
    let length = page.body[start..].find("</select>").unwrap();
    &page.body[start..start + length]
}

#[tokio::test]
async fn a_national_user_sees_the_provinces_and_opens_one_at_a_time() {
    let app = TestApp::spawn().await;
    let admin = app.logged_in("admin", "system_admin", "ir").await;
    let summary = admin.get("/places").await;
    assert_eq!(summary.status, 200);
    assert_eq!(count(&summary, "href=\"/places?province="), 31);
    assert!(
        summary.body.contains("شهرستان‌ها: ۳۷"),
        "Fars has 37 counties"
    );
    assert!(
        !summary.body.contains("تاکستان"),
        "no county on the summary"
    );

    let tree = app.app.place_tree().await.unwrap();
    let tehran = tree.by_code("ir.tehran").unwrap().id;
    let opened = admin.get(&format!("/places?province={tehran}")).await;
    assert_eq!(opened.status, 200);
    assert_eq!(
        count(&opened, "<tr>"),
        1 + 1 + 16,
        "header, Tehran and its 16 counties"
    );
    assert!(opened.body.contains("ورامین") && opened.body.contains("Robat Karim"));
    assert!(!opened.body.contains("تاکستان"));
    assert!(
        opened.body.contains("href=\"/places\""),
        "a way back to every province"
    );
    let nonsense = admin.get("/places?province=abc").await;
    assert_eq!(count(&nonsense, "href=\"/places?province="), 31);
}

#[tokio::test]
async fn a_provincial_user_sees_only_the_province_and_its_counties() {
    let app = TestApp::spawn().await;
    let expert = app
        .logged_in("qazvin.expert", "provincial_expert", "ir.qazvin")
        .await;
    let places = expert.get("/places").await;
    assert_eq!(count(&places, "<tr>"), 1 + 1 + 6);
    assert!(!places.body.contains("?province="));
    let tehran = app
        .app
        .place_tree()
        .await
        .unwrap()
        .by_code("ir.tehran")
        .unwrap()
        .id;
    let elsewhere = expert.get(&format!("/places?province={tehran}")).await;
    assert!(
        !elsewhere.body.contains("ورامین"),
        "the filter never widens a scope"
    );

    for form in ["/groups/new", "/women/new"] {
        let page = expert.get(form).await;
        assert_eq!(page.status, 200, "{form}");
        let county = select(&page, "county");
        assert_eq!(
            county.matches("<optgroup").count(),
            1,
            "{form}: Qazvin alone"
        );
        assert_eq!(county.matches("<option value=\"").count(), 1 + 6, "{form}");
        assert!(county.contains("data-narrow-label"), "{form}");
    }
}

#[tokio::test]
async fn a_national_users_county_selects_are_grouped_by_province_for_places_js() {
    let app = TestApp::spawn().await;
    let expert = app.logged_in("national", "national_expert", "ir").await;
    for form in ["/groups/new", "/women/new"] {
        let page = expert.get(form).await;
        assert_eq!(page.status, 200, "{form}");
        let county = select(&page, "county");
        assert_eq!(county.matches("<optgroup").count(), 31, "{form}");
        assert_eq!(
            county.matches("<option value=\"").count(),
            1 + 484,
            "{form}"
        );
        assert!(
            county.contains("data-narrow-label=\"استان\""),
            "{form}: places.js asks for the province first"
        );
        assert!(page.body.contains("/assets/js/places"), "{form}");
    }
    let admin = app.logged_in("admin", "system_admin", "ir").await;
    let new_user = admin.get("/users/new").await;
    let scope = select(&new_user, "scope_place_id");
    assert_eq!(scope.matches("<optgroup").count(), 31);
    assert_eq!(scope.matches("<option value=\"").count(), 1 + 31 + 484);
    assert!(scope.contains("data-narrow-label"));
    assert!(new_user.body.contains("آبیک (قزوین)"));
}

#[tokio::test]
async fn places_js_is_served() {
    let app = TestApp::spawn().await;
    let script = app.browser().get("/assets/js/places.js").await;
    assert_eq!(script.status, 200);
    assert!(script.body.contains("data-narrow-label"));
}
