//! The provincial press summary against a real database, on SQLite and on PostgreSQL, over
//! the press world of `hamyar_testkit::press` (figures worked out by hand there): the figures
//! match, the paragraph says them in Persian with no zero clause, public relations may read
//! it, a county user's summary covers its county, and a province outside the reader's scope
//! is not found.

use hamyar_app::AppError;
use hamyar_domain::FiscalYear;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::fixtures::{app_on, place, user};
use hamyar_testkit::press::press_world;

async fn the_figures_match_the_hand_worked_numbers_and_public_relations_reads_them(
    db: &TestDatabase,
) {
    let app = app_on(db).await;
    let world = press_world(&app).await;
    let pr = user(&app, "q.pr", "public_relations", "ir.qazvin").await;
    let year = FiscalYear::new(1405).unwrap();
    let summary = app.press_summary(&pr, world.qazvin, year).await.unwrap();
    let f = &summary.figures;
    assert_eq!(f.province_name_fa, "قزوین");
    assert!(f.current_year);
    assert_eq!((f.active_groups, f.active_members), (1, 3));
    assert_eq!(f.headline_spent_rials, 743_000_000);
    assert_eq!(
        (f.grants_committed_rials, f.grants_paid_rials),
        (300_000_000, 150_000_000)
    );
    // The group's three members hold shares of its approved tranche (`grants.women`).
    assert_eq!((f.groups_granted, f.women_granted), (1, 3));
    assert_eq!((f.graduated_groups, f.women_independent), (1, 2));
    assert_eq!(summary.province_code, "ir.qazvin");
    assert_eq!(summary.counted_on, "1405-09-08");
    assert_eq!(
        summary.paragraph_fa,
        "در استان قزوین یک گروه همیار زنان سرپرست خانوار با ۳ عضو فعالیت می‌کند. \
         ادارهٔ کل بهزیستی استان قزوین امسال مبلغ ۷۴۳ میلیون ریال برای آموزش، آماده‌سازی شغلی و تقویت \
         گروه‌های همیار هزینه کرده است. همچنین مبلغ ۳۰۰ میلیون ریال کمک بلاعوض به یک گروه \
         تعهد شده که ۱۵۰ میلیون ریال آن پرداخت شده است. ۳ زن سرپرست خانوار از این کمک‌ها \
         بهره‌مند شده‌اند. افزون بر این، امسال یک گروه همیار به \
         استقلال رسیده است و ۲ زن سرپرست خانوار توانمند شده و از چرخهٔ حمایت خارج شده‌اند."
    );
    assert!(
        !summary
            .paragraph_fa
            .chars()
            .any(|c| c.is_ascii_alphanumeric())
    );
    // No name of a woman or a group.
    for name in ["نخل", "سرو", "مریم", "رضایی"] {
        assert!(!summary.paragraph_fa.contains(name), "{name}");
    }
    // The provincial expert reads the same.
    let expert = app
        .press_summary(&world.provincial, world.qazvin, year)
        .await
        .unwrap();
    assert_eq!(expert, summary);
}

async fn a_year_with_nothing_recorded_drops_every_clause(db: &TestDatabase) {
    let app = app_on(db).await;
    let world = press_world(&app).await;
    let national_pr = user(&app, "n.pr", "public_relations", "ir").await;
    let past = app
        .press_summary(&national_pr, world.qazvin, FiscalYear::new(1404).unwrap())
        .await
        .unwrap();
    assert!(!past.figures.current_year);
    assert_eq!(past.counted_on, "1404-12-29");
    assert_eq!(
        past.paragraph_fa,
        "برای استان قزوین در سال ۱۴۰۴ رقمی در سامانهٔ همیار ثبت نشده است."
    );
    let zanjan = place(&app, "ir.zanjan").await;
    let empty = app
        .press_summary(&national_pr, zanjan, FiscalYear::new(1405).unwrap())
        .await
        .unwrap();
    assert_eq!(
        empty.paragraph_fa,
        "برای استان زنجان امسال رقمی در سامانهٔ همیار ثبت نشده است."
    );
    assert!(!empty.paragraph_fa.contains('۰'));
}

async fn another_province_is_not_found_and_a_county_is_no_province(db: &TestDatabase) {
    let app = app_on(db).await;
    let world = press_world(&app).await;
    let year = FiscalYear::new(1405).unwrap();
    let tehran_pr = user(&app, "t.pr", "public_relations", "ir.tehran").await;
    assert!(matches!(
        app.press_summary(&tehran_pr, world.qazvin, year).await,
        Err(AppError::NotFound)
    ));
    let national_pr = user(&app, "n.pr", "public_relations", "ir").await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    assert!(matches!(
        app.press_summary(&national_pr, takestan, year).await,
        Err(AppError::NotFound)
    ));
}

async fn a_county_users_summary_covers_its_county(db: &TestDatabase) {
    let app = app_on(db).await;
    let world = press_world(&app).await;
    let year = FiscalYear::new(1405).unwrap();
    let abyek = user(&app, "a.expert", "county_expert", "ir.qazvin.abyek").await;
    let summary = app.press_summary(&abyek, world.qazvin, year).await.unwrap();
    let f = &summary.figures;
    // Takestan's groups and grant are not Abyek's, and neither is the province office's
    // line: a county's summary counts the county's own lines, as its dashboard does
    // (`money.headline_spent`).
    assert_eq!((f.active_groups, f.active_members), (0, 0));
    assert_eq!((f.grants_committed_rials, f.graduated_groups), (0, 0));
    assert_eq!(f.headline_spent_rials, 0);
    let takestan = user(&app, "t.expert", "county_expert", "ir.qazvin.takestan").await;
    let own = app
        .press_summary(&takestan, world.qazvin, year)
        .await
        .unwrap();
    assert_eq!(
        (own.figures.active_groups, own.figures.graduated_groups),
        (1, 1)
    );
}

hamyar_store::on_both_databases!(
    a_county_users_summary_covers_its_county,
    the_figures_match_the_hand_worked_numbers_and_public_relations_reads_them,
    a_year_with_nothing_recorded_drops_every_clause,
    another_province_is_not_found_and_a_county_is_no_province,
);
