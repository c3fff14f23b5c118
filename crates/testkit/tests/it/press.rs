//! The provincial press summary against a real database, on SQLite and on PostgreSQL, over
//! the press world of `hamyar_testkit::press` (figures worked out by hand there): the figures
//! match, the paragraph says them in Persian and English with no zero clause — the period,
//! the groups' sales and jobs, the attribution, amounts in the reader's unit — public
//! relations may read it, a county user's summary covers its county, and a province outside
//! the reader's scope is not found.

use hamyar_app::AppError;
use hamyar_domain::press::{CONNECTIVES_EN, CONNECTIVES_FA};
use hamyar_domain::{FiscalYear, MoneyUnit};
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
    // Both groups' months count to the sales; only the active «نخل»'s latest month (Aban:
    // three working, one hired) to the jobs.
    assert_eq!((f.sales_rials, f.jobs), (250_000_000, 4));
    assert_eq!(summary.province_code, "ir.qazvin");
    assert_eq!(summary.counted_on, "1405-09-08");
    assert_eq!(summary.unit, MoneyUnit::Rial);
    assert_eq!(
        summary.paragraph_fa,
        "در استان قزوین یک گروه همیار زنان سرپرست خانوار با سه عضو فعالیت می‌کند. \
         ادارهٔ کل بهزیستی استان قزوین از ابتدای فروردین تا ۸ آذر ۱۴۰۵ مبلغ ۷۴۳ میلیون ریال برای \
         آموزش، آماده‌سازی شغلی و تقویت گروه‌های همیار هزینه کرده است. همچنین در این مدت مبلغ \
         ۳۰۰ میلیون ریال کمک بلاعوض به یک گروه تعهد شده که ۱۵۰ میلیون ریال آن پرداخت شده است. \
         سه زن سرپرست خانوار از این کمک‌ها بهره‌مند شده‌اند. افزون بر این، فروش گروه‌های همیار \
         در این مدت به ۲۵۰ میلیون ریال رسیده و کسب‌وکار این گروه‌ها برای چهار نفر شغل فراهم \
         کرده است. هم‌زمان، در این مدت یک گروه همیار به استقلال رسیده است و دو زن سرپرست \
         خانوار توانمند شده و از چرخهٔ حمایت خارج شده‌اند."
    );
    assert_eq!(
        summary.attribution_fa,
        "روابط عمومی ادارهٔ کل بهزیستی استان قزوین، ۸ آذر ۱۴۰۵"
    );
    assert_eq!(
        summary.attribution_en,
        "Public relations, State Welfare Organization of Qazvin Province, 8 Azar 1405"
    );
    let english = &summary.paragraph_en;
    for said in [
        "from the start of Farvardin to 8 Azar 1405",
        "sales reached 250 million rials",
        "gave work to four people",
    ] {
        assert!(english.contains(said), "{said}: {english}");
    }
    // No two sentences in a row open with the same connective (each is used once).
    for (text, connectives) in [
        (&summary.paragraph_fa, &CONNECTIVES_FA),
        (&summary.paragraph_en, &CONNECTIVES_EN),
    ] {
        let openings: Vec<&str> = text
            .split(". ")
            .filter_map(|sentence| {
                connectives
                    .iter()
                    .copied()
                    .find(|c| sentence.starts_with(c))
            })
            .collect();
        assert_eq!(openings.len(), 3, "{text}");
        let mut distinct = openings.clone();
        distinct.dedup();
        assert_eq!(distinct, openings, "{text}");
    }
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
    // A reader who chose tomans reads the amounts in tomans, the figures unchanged.
    let tomans = app
        .press_summary_in(&pr, world.qazvin, year, MoneyUnit::Toman)
        .await
        .unwrap();
    assert_eq!(tomans.figures, summary.figures);
    for amount in [
        "۷۴ میلیون و ۳۰۰ هزار تومان",
        "۲۵ میلیون تومان",
        "۱۵ میلیون تومان",
    ] {
        assert!(
            tomans.paragraph_fa.contains(amount),
            "{}",
            tomans.paragraph_fa
        );
    }
    assert!(
        !tomans.paragraph_fa.contains("ریال"),
        "{}",
        tomans.paragraph_fa
    );
    assert!(
        tomans.paragraph_en.contains("74.3 million tomans"),
        "{}",
        tomans.paragraph_en
    );
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
        "برای استان قزوین از ابتدای فروردین تا پایان اسفند ۱۴۰۴ رقمی در سامانهٔ همیار ثبت نشده است."
    );
    let zanjan = place(&app, "ir.zanjan").await;
    let empty = app
        .press_summary(&national_pr, zanjan, FiscalYear::new(1405).unwrap())
        .await
        .unwrap();
    assert_eq!(
        empty.paragraph_fa,
        "برای استان زنجان از ابتدای فروردین تا ۸ آذر ۱۴۰۵ رقمی در سامانهٔ همیار ثبت نشده است."
    );
    assert_eq!(
        empty.paragraph_en,
        "No figure is recorded in Hamyar for Zanjan Province from the start of Farvardin to 8 \
         Azar 1405."
    );
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
