//! `hamyar demo` as a use-case, on SQLite and on PostgreSQL: the demo province fills an empty
//! database with the press release's figures — 30 groups active today and 743,000,000 rials
//! committed on training, job preparation and strengthening — about 45 groups and two
//! hundred women whose national IDs are all valid, a consistent ledger and an intact audit
//! trail; the follow-ups after its runs are mostly answered; it draws the same people on
//! every run; and it refuses a database that is not empty.

use hamyar_app::groups::GroupListFilter;
use hamyar_app::ports::Backend;
use hamyar_app::ports::groups::PlaceFilter;
use hamyar_app::registry::search::WomanQuery;
use hamyar_app::training::{FollowUpPeriod, tally_totals};
use hamyar_app::{Actor, App};
use hamyar_demo::Demo;
use hamyar_domain::{FiscalYear, NationalId};
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::fixtures::{app_on, place};

/// Every registered woman's national ID, sorted, as the provincial expert sees them
/// (unmasked).
async fn national_ids(app: &App) -> Vec<String> {
    let console = app
        .user_by_username("demo.province")
        .await
        .unwrap()
        .unwrap()
        .actor();
    let mut ids = Vec::new();
    let mut page = 0;
    loop {
        let found = app
            .search_women(
                &console,
                &WomanQuery {
                    page,
                    page_size: 200,
                    ..WomanQuery::default()
                },
            )
            .await
            .unwrap();
        ids.extend(found.items.iter().map(|w| w.national_id.clone()));
        if !found.has_next {
            break;
        }
        page += 1;
    }
    ids.sort();
    ids
}

async fn the_demo_province_carries_the_press_release_figures(db: &TestDatabase) {
    let app = app_on(db).await;
    let started = std::time::Instant::now();
    let summary = app.fill_demo().await.unwrap();
    eprintln!("demo filled in {:?}: {summary:?}", started.elapsed());
    let console = Actor::console();
    let qazvin = place(&app, "ir.qazvin").await;
    let today = app.today();
    let year = FiscalYear::of(today);
    assert_eq!(summary.fiscal_year, year.year());

    let spent = app
        .headline_spent(&console, Some(qazvin), year, None)
        .await
        .unwrap();
    assert_eq!(spent.total_rials, 743_000_000);
    assert_eq!(summary.headline_spent_rials, 743_000_000);

    let active = app.groups_active_on(&console, None, today).await.unwrap();
    assert_eq!(active.count, 30);
    let groups = app
        .list_groups(&console, &GroupListFilter::default(), false)
        .await
        .unwrap();
    assert_eq!(groups.total, 45);

    let ids = national_ids(&app).await;
    assert_eq!(ids.len(), summary.women);
    assert!((180..=240).contains(&ids.len()), "{} women", ids.len());
    for id in &ids {
        NationalId::parse(id).unwrap_or_else(|e| panic!("{id}: {e:?}"));
    }
    assert!(summary.meetings > 0 && summary.visits > 0 && summary.business_months > 0);
    assert_eq!(summary.users.len(), 14);
    // Every woman who left support as empowered did so by an approved proposal with its
    // evidence, and the figure the press summary reads counts exactly those.
    assert!(summary.empowered_exits >= 8, "{summary:?}");
    assert!(summary.assessment_forms > 2 * summary.empowered_exits);
    let sheet = app
        .figure_sheet(
            &console,
            &hamyar_app::dashboard::DashboardRequest {
                place_id: Some(qazvin),
                year,
                from: None,
                to: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        sheet.value(hamyar_app::figures::FigureKey::WomenEmpowered),
        summary.empowered_exits as i64
    );
    let approved = app
        .browse_audit(
            &console,
            &hamyar_app::audit::AuditQuery {
                action: Some("outcomes.exit_approve".into()),
                page_size: 500,
                ..hamyar_app::audit::AuditQuery::default()
            },
        )
        .await
        .unwrap();
    // The women's approvals and their two groups'.
    assert_eq!(approved.len(), summary.empowered_exits + 2);
    // One woman is ready to be proposed, on her social worker's list.
    let mut ready = Vec::new();
    for worker in summary
        .users
        .iter()
        .filter(|u| u.username.starts_with("demo.worker."))
    {
        let actor = app
            .user_by_username(&worker.username)
            .await
            .unwrap()
            .unwrap()
            .actor();
        ready.extend(app.ready_to_exit(&actor, None).await.unwrap());
    }
    assert_eq!(ready.len(), 1, "{ready:?}");
    // The printed passwords open the accounts.
    for user in [&summary.users[2], &summary.users[13]] {
        let client = hamyar_app::sessions::LoginClient::at([127, 0, 0, 1].into());
        app.login(&user.username, &user.password, &client)
            .await
            .unwrap_or_else(|e| panic!("{} cannot log in: {e:?}", user.username));
    }

    // The press summary public relations would publish says what the press release said.
    let relations = summary
        .users
        .iter()
        .find(|user| user.role == "public_relations")
        .expect("a public-relations user");
    let relations = app
        .user_by_username(&relations.username)
        .await
        .unwrap()
        .unwrap()
        .actor();
    let press = app.press_summary(&relations, qazvin, year).await.unwrap();
    assert!(
        press.paragraph_fa.contains("۳۰ گروه همیار"),
        "{}",
        press.paragraph_fa
    );
    assert!(
        press.paragraph_fa.contains("۷۴۳ میلیون ریال"),
        "{}",
        press.paragraph_fa
    );

    // The runs that ended three months ago are followed up: most answered, some left to do.
    let province = app
        .user_by_username("demo.province")
        .await
        .unwrap()
        .unwrap()
        .actor();
    let period = FollowUpPeriod {
        place: PlaceFilter {
            province_id: Some(qazvin),
            county_id: None,
        },
        from: year.first_day(),
        to: today,
    };
    let employment = app
        .employment_at_follow_up(&province, &period)
        .await
        .unwrap();
    let (due, done, working, _) = tally_totals(&employment.three);
    assert!(
        0 < done && done < due,
        "{done} of {due} three-month follow-ups asked"
    );
    assert!(0 < working && working < done, "{working} of {done} work");
    let left = app
        .follow_ups_due(&province, false, 10, false)
        .await
        .unwrap();
    assert!(left.total > 0, "some follow-ups are left on the lists");

    let ledger = app.verify_ledger(&console).await.unwrap();
    assert!(ledger.check.is_consistent(), "{ledger:?}");
    let audit = app.verify_audit().await.unwrap();
    assert!(audit.is_intact(), "{audit:?}");

    // Not twice: the database is no longer empty.
    let refused = app.fill_demo().await.unwrap_err();
    assert!(
        matches!(
            refused,
            hamyar_app::AppError::Conflict { field: "demo", .. }
        ),
        "{refused:?}"
    );
}

async fn the_demo_draws_the_same_people_every_time(db: &TestDatabase) {
    let first = app_on(db).await;
    first.fill_demo().await.unwrap();
    let again_db = match db.backend() {
        Backend::Sqlite => TestDatabase::sqlite().await,
        Backend::Postgres => TestDatabase::postgres().await.unwrap(),
    };
    let again = app_on(&again_db).await;
    again.fill_demo().await.unwrap();
    assert_eq!(national_ids(&first).await, national_ids(&again).await);
}

/// The demo's money happened through the year: its transactions carry the days they
/// happened (never after today, most of them long before), so the budget report as of every
/// month end that has passed shows the money spent by then — and at no month end of any line
/// is more paid than committed or more committed than budgeted.
async fn the_demo_money_is_dated_through_the_year_and_whole_at_every_month_end(db: &TestDatabase) {
    use hamyar_app::ports::Database;
    use hamyar_app::ports::ledger::DrillQuery;

    let app = app_on(db).await;
    app.fill_demo().await.unwrap();
    let console = Actor::console();
    let qazvin = place(&app, "ir.qazvin").await;
    let today = app.today();
    let year = FiscalYear::of(today);

    let lines = app.budget_lines(&console, year, None, None).await.unwrap();
    let accounts: Vec<hamyar_app::ports::ledger::AccountId> = lines
        .iter()
        .flat_map(|view| {
            [
                view.line.budget_account_id,
                view.line.expense_account_id,
                view.line.commitment_account_id,
            ]
        })
        .collect();
    let mut tx = db.store.read().await.unwrap();
    let posted = tx
        .ledger_drill(&DrillQuery {
            account_ids: accounts,
            limit: 1_000,
            ..DrillQuery::default()
        })
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let today_iso = today.to_iso_string();
    let dated_today = posted
        .transactions
        .iter()
        .filter(|t| t.transaction.effective_on == today_iso)
        .count();
    assert!(
        posted.transactions.len() > 40,
        "{}",
        posted.transactions.len()
    );
    assert!(
        posted
            .transactions
            .iter()
            .all(|t| t.transaction.effective_on <= today_iso)
    );
    assert!(
        dated_today * 4 < posted.transactions.len(),
        "{dated_today} of {} dated today",
        posted.transactions.len()
    );

    let mut month_ends: Vec<hamyar_domain::JalaliDate> = (1..=12)
        .map(|month| {
            hamyar_domain::JalaliDate::new(year.year(), month, 1)
                .unwrap()
                .last_of_month()
        })
        .filter(|end| *end < today)
        .collect();
    month_ends.push(today);
    let mut committed_before = 0;
    for end in &month_ends {
        let report = app
            .budget_report(&console, qazvin, year, Some(*end))
            .await
            .unwrap();
        for row in &report.rows {
            for cell in &row.cells {
                let f = cell.figures;
                assert!(
                    0 <= f.paid_rials
                        && f.paid_rials <= f.committed_rials
                        && f.committed_rials <= f.budget_rials
                        && f.open_commitments_rials >= 0
                        && f.left_rials >= 0,
                    "{:?} as of {end}: {f:?}",
                    cell.category
                );
            }
        }
        assert!(report.total.committed_rials >= committed_before);
        committed_before = report.total.committed_rials;
    }
    // Money was spent before the year's last month end that has passed, not all at once today.
    if let Some(earlier) = month_ends.iter().rev().nth(2) {
        let spent = app
            .headline_spent(&console, Some(qazvin), year, Some(*earlier))
            .await
            .unwrap()
            .total_rials;
        assert!(0 < spent && spent < 743_000_000, "{spent} as of {earlier}");
    }
}

hamyar_store::on_both_databases!(
    the_demo_province_carries_the_press_release_figures,
    the_demo_draws_the_same_people_every_time,
    the_demo_money_is_dated_through_the_year_and_whole_at_every_month_end,
);

/// On the first day of a fiscal year nothing of the year has happened yet: the demo still
/// holds the headline figures, with every date on or before today.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_holds_on_the_first_day_of_a_fiscal_year() {
    let db = TestDatabase::sqlite().await;
    let nowruz = hamyar_domain::JalaliDate::new(1406, 1, 1)
        .unwrap()
        .to_gregorian();
    let instant = nowruz
        .at(10, 0, 0, 0)
        .in_tz("Asia/Tehran")
        .unwrap()
        .timestamp();
    let app = App::new(
        db.store.clone(),
        std::sync::Arc::new(hamyar_app::FixedClock::new(instant)),
        hamyar_app::AppSettings::default(),
    );
    app.seed_reference_places().await.unwrap();
    let summary = app.fill_demo().await.unwrap();
    assert_eq!(summary.fiscal_year, 1406);
    assert_eq!(summary.active_groups, 30);
    assert_eq!(summary.headline_spent_rials, 743_000_000);
    assert_eq!(summary.business_months, 0, "no month of 1406 has ended");
}
