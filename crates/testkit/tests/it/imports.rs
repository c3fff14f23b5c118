//! Importing a province's group history (`hamyar_app::imports`) on SQLite and PostgreSQL:
//! a social worker of Takestan brings in groups with their stage dates, a later move,
//! memberships (one of them ended), meetings, visits and a business month, each on its real
//! date; importing the same
//! files again imports nothing twice; a bad row is refused by row and column and nothing
//! is written; a dry run writes nothing; and a worker of Abyek cannot import into
//! Takestan.

use hamyar_app::access::PlaceId;
use hamyar_app::audit::AuditQuery;
use hamyar_app::groups::GroupListFilter;
use hamyar_app::imports::{HistoryKind, HistoryRow};
use hamyar_app::ports::groups::GroupId;
use hamyar_app::registry::import::{ImportOptions, ImportSummary, ProblemKind};
use hamyar_app::{Actor, App};
use hamyar_domain::JalaliDate;
use hamyar_domain::groups::GroupStage;
use hamyar_domain::registry::WomanInput;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::fixtures::{app_on, place, user};
use hamyar_testkit::scope::national_id;

fn row(line: u64, cells: &[(&'static str, &str)]) -> HistoryRow {
    HistoryRow {
        line,
        cells: cells
            .iter()
            .map(|(key, value)| (*key, (*value).to_owned()))
            .collect(),
    }
}

async fn import(
    app: &App,
    actor: &Actor,
    kind: HistoryKind,
    rows: Vec<HistoryRow>,
    dry_run: bool,
) -> ImportSummary {
    let options = ImportOptions {
        dry_run,
        ..ImportOptions::default()
    };
    let mut importer = app
        .begin_history_import(actor, kind, "province.xlsx", options)
        .await
        .unwrap();
    for row in rows {
        importer.push(row).await.unwrap();
    }
    importer.finish().await.unwrap()
}

async fn register(app: &App, actor: &Actor, county: PlaceId, serials: &[u32]) -> Vec<String> {
    let mut ids = Vec::new();
    for serial in serials {
        let id = national_id(900_000 + serial);
        let input = WomanInput {
            national_id: id.clone(),
            first_name: "مریم".into(),
            last_name: "کریمی".into(),
            birth_date: "1360/01/01".into(),
            settlement: "urban".into(),
            headship_cause: "widow".into(),
            ..WomanInput::default()
        };
        app.register_woman(actor, &county.to_string(), &input, &[])
            .await
            .unwrap();
        ids.push(id);
    }
    ids
}

fn group_rows() -> Vec<HistoryRow> {
    vec![
        row(
            2,
            &[
                ("group_code", "tk-۰۱"),
                ("name", "گروه خیاطی نور"),
                ("county", "تاکستان"),
                ("business_field", "خیاطی"),
                ("premises", "استیجاری"),
                ("identified_on", "۱۴۰۱/۰۲/۱۰"),
                ("trained_on", "1401/05/01"),
                ("registered_on", "1401/07/15"),
                ("active_on", "1401/09/01"),
            ],
        ),
        row(
            3,
            &[
                ("group_code", "TK-02"),
                ("name", "گروه قالی‌بافی"),
                ("county", "تاکستان"),
                ("business_field", "tailoring"),
                ("premises", "منزل"),
                ("identified_on", "1402/01/20"),
            ],
        ),
    ]
}

async fn group_id(app: &App, actor: &Actor, code: &str) -> Option<GroupId> {
    let page = app
        .list_groups(
            actor,
            &GroupListFilter {
                text: code.into(),
                page: 1,
                ..GroupListFilter::default()
            },
            false,
        )
        .await
        .unwrap();
    page.rows
        .iter()
        .find(|row| row.code == code)
        .map(|row| row.id)
}

async fn audit_count(app: &App, action: &str) -> usize {
    app.browse_audit(
        &Actor::console(),
        &AuditQuery {
            action: Some(action.into()),
            page_size: 100,
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap()
    .len()
}

fn day(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

async fn a_province_history_comes_in_on_its_real_dates_and_a_rerun_imports_nothing_twice(
    db: &TestDatabase,
) {
    let app = app_on(db).await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let worker = user(&app, "tk.worker", "social_worker", "ir.qazvin.takestan").await;
    let women = register(&app, &worker, takestan, &[1, 2, 3]).await;

    let groups = import(&app, &worker, HistoryKind::Groups, group_rows(), false).await;
    assert_eq!((groups.imported, groups.rejected), (2, 0), "{groups:?}");
    assert!(groups.committed);
    let first = group_id(&app, &worker, "TK-01").await.expect("TK-01");
    let page = app.group_page(&worker, first, false, false).await.unwrap();
    let history: Vec<(GroupStage, JalaliDate)> = page
        .stages
        .iter()
        .map(|s| (s.stage, s.effective_on))
        .collect();
    assert_eq!(
        history,
        [
            (GroupStage::Identified, day("1401/02/10")),
            (GroupStage::Trained, day("1401/05/01")),
            (GroupStage::Registered, day("1401/07/15")),
            (GroupStage::Active, day("1401/09/01")),
        ]
    );

    let stages = vec![row(
        2,
        &[
            ("group_code", "TK-01"),
            ("stage", "غیرفعال"),
            ("effective_on", "1403/03/01"),
            ("inactive_reason", "سرمایه"),
        ],
    )];
    let moved = import(&app, &worker, HistoryKind::Stages, stages.clone(), false).await;
    assert_eq!(moved.imported, 1, "{moved:?}");

    let members = vec![
        row(
            2,
            &[
                ("group_code", "TK-01"),
                ("national_id", &women[0]),
                ("role", "سرگروه"),
                ("joined_on", "1401/07/15"),
            ],
        ),
        row(
            3,
            &[
                ("group_code", "TK-01"),
                ("national_id", &women[1]),
                ("role", "عضو"),
                ("joined_on", "1401/07/15"),
                ("left_on", "1402/06/30"),
                ("leave_reason", "other"),
                ("leave_note", "مهاجرت"),
            ],
        ),
    ];
    let joined = import(&app, &worker, HistoryKind::Members, members.clone(), false).await;
    assert_eq!((joined.imported, joined.rejected), (2, 0), "{joined:?}");

    let visits = vec![
        row(
            2,
            &[
                ("group_code", "TK-01"),
                ("visited_on", "1402/02/20"),
                ("visitor_name", "زهرا کریمی"),
                ("purpose", "پایش"),
                ("referrals", "بانک، اداره کار"),
            ],
        ),
        row(
            3,
            &[
                ("group_code", "TK-01"),
                ("visited_on", "1402/05/20"),
                ("purpose", "پایش"),
            ],
        ),
    ];
    let visited = import(&app, &worker, HistoryKind::Visits, visits.clone(), false).await;
    assert_eq!(visited.imported, 2, "{visited:?}");

    let meetings = vec![row(
        2,
        &[
            ("group_code", "TK-01"),
            ("held_on", "1402/03/10"),
            ("topics", "فروش نمایشگاه"),
            ("present", &format!("{}، {}", women[0], women[1])),
        ],
    )];
    let met = import(
        &app,
        &worker,
        HistoryKind::Meetings,
        meetings.clone(),
        false,
    )
    .await;
    assert_eq!((met.imported, met.rejected), (1, 0), "{met:?}");
    let months = vec![row(
        2,
        &[
            ("group_code", "TK-01"),
            ("year", "۱۴۰۲"),
            ("month", "5"),
            ("revenue", "120000000"),
            ("costs", "70000000"),
            ("members_working", "2"),
            ("channels", "فروشگاه، نمایشگاه"),
            (
                "member_payments",
                &format!("{}=15000000؛ {}=۱۲٬۰۰۰٬۰۰۰", women[0], women[1]),
            ),
        ],
    )];
    let booked = import(&app, &worker, HistoryKind::Business, months.clone(), false).await;
    assert_eq!((booked.imported, booked.rejected), (1, 0), "{booked:?}");
    // Attendance of a woman who is not a member is refused on its column.
    let stranger = vec![row(
        2,
        &[
            ("group_code", "TK-01"),
            ("held_on", "1402/04/10"),
            ("topics", "برنامه"),
            ("absent", &women[2]),
        ],
    )];
    let refused = import(&app, &worker, HistoryKind::Meetings, stranger, false).await;
    assert_eq!(refused.rejected, 1, "{refused:?}");
    assert_eq!(refused.problems[0].field, "absent");

    let page = app.group_page(&worker, first, false, false).await.unwrap();
    assert_eq!(page.stage, GroupStage::Inactive);
    assert_eq!(page.members.len(), 2);
    assert_eq!(page.current_members, 1, "the second member left");
    let life = app.group_life(&worker, first, false).await.unwrap();
    let days: Vec<JalaliDate> = life.visits.iter().map(|v| v.visited_on).collect();
    assert_eq!(days, [day("1402/05/20"), day("1402/02/20")]);
    assert_eq!(life.visits[1].visitor_name, "زهرا کریمی");
    assert_eq!(life.meetings.len(), 1);
    assert_eq!(life.meetings[0].attendance.len(), 2);
    assert_eq!(life.months.len(), 1);
    assert_eq!(life.months[0].profit_rials, 50_000_000);
    let paid: i64 = life.months[0]
        .payments
        .iter()
        .map(|(_, amount)| amount)
        .sum();
    assert_eq!(paid, 27_000_000, "what each member earned, by national ID");

    // The same files again: every row is already present, nothing is written twice.
    for (kind, rows, count) in [
        (HistoryKind::Groups, group_rows(), 2),
        (HistoryKind::Stages, stages, 1),
        (HistoryKind::Members, members, 2),
        (HistoryKind::Visits, visits, 2),
        (HistoryKind::Meetings, meetings, 1),
        (HistoryKind::Business, months, 1),
    ] {
        let again = import(&app, &worker, kind, rows, false).await;
        assert_eq!(again.imported, 0, "{kind:?}: {again:?}");
        assert_eq!(again.already_present, count, "{kind:?}");
        assert_eq!(again.rejected, 0, "{kind:?}: {again:?}");
        assert!(
            again
                .problems
                .iter()
                .all(|p| p.kind == ProblemKind::AlreadyPresent)
        );
    }
    let page = app.group_page(&worker, first, false, false).await.unwrap();
    assert_eq!(page.stages.len(), 5);
    assert_eq!(page.members.len(), 2);
    let life = app.group_life(&worker, first, false).await.unwrap();
    assert_eq!(life.visits.len(), 2);
    // Each record is audited as if typed, and each import once more, naming the file.
    assert_eq!(audit_count(&app, "group.create").await, 2);
    assert_eq!(audit_count(&app, "group.visit").await, 2);
    assert_eq!(audit_count(&app, "import.groups").await, 2);
    assert_eq!(audit_count(&app, "import.visits").await, 2);
}

async fn a_bad_row_is_refused_by_row_and_column_and_nothing_is_written(db: &TestDatabase) {
    let app = app_on(db).await;
    let worker = user(&app, "tk.worker", "social_worker", "ir.qazvin.takestan").await;
    let mut rows = group_rows();
    rows.push(row(
        4,
        &[
            ("group_code", "TK-03"),
            ("name", "گروه سوم"),
            ("county", "تاکستان"),
            ("business_field", "خیاطی"),
            ("premises", "کاروانسرا"),
            ("identified_on", "1401/13/40"),
        ],
    ));
    let summary = import(&app, &worker, HistoryKind::Groups, rows, false).await;
    assert_eq!(summary.rejected, 1, "{summary:?}");
    assert_eq!(summary.imported, 0, "all or nothing");
    assert!(!summary.committed);
    let named: Vec<(u64, &str)> = summary
        .problems
        .iter()
        .map(|p| (p.line, p.field.as_str()))
        .collect();
    assert!(named.contains(&(4, "premises")), "{named:?}");
    assert!(named.contains(&(4, "identified_on")), "{named:?}");
    assert_eq!(group_id(&app, &worker, "TK-01").await, None);
    assert_eq!(audit_count(&app, "group.create").await, 0);
    assert_eq!(audit_count(&app, "import.groups").await, 0);

    // A member of a group that is not there is refused on the group's code.
    let summary = import(
        &app,
        &worker,
        HistoryKind::Members,
        vec![row(
            2,
            &[
                ("group_code", "TK-99"),
                ("national_id", "0013542419"),
                ("role", "عضو"),
                ("joined_on", "1401/07/15"),
            ],
        )],
        false,
    )
    .await;
    assert_eq!(summary.rejected, 1);
    assert_eq!(summary.problems[0].field, "group_code");
    assert_eq!(summary.problems[0].line, 2);
}

async fn a_dry_run_reports_what_would_be_imported_and_writes_nothing(db: &TestDatabase) {
    let app = app_on(db).await;
    let worker = user(&app, "tk.worker", "social_worker", "ir.qazvin.takestan").await;
    let summary = import(&app, &worker, HistoryKind::Groups, group_rows(), true).await;
    assert_eq!((summary.imported, summary.rejected), (2, 0));
    assert!(!summary.committed);
    assert_eq!(group_id(&app, &worker, "TK-01").await, None);
    assert_eq!(audit_count(&app, "group.create").await, 0);
}

async fn a_county_worker_cannot_import_into_another_county(db: &TestDatabase) {
    let app = app_on(db).await;
    let takestan_worker = user(&app, "tk.worker", "social_worker", "ir.qazvin.takestan").await;
    let abyek_worker = user(&app, "ab.worker", "social_worker", "ir.qazvin.abyek").await;
    let refused = import(
        &app,
        &abyek_worker,
        HistoryKind::Groups,
        group_rows(),
        false,
    )
    .await;
    assert_eq!(refused.rejected, 2, "{refused:?}");
    assert!(refused.problems.iter().all(|p| p.field == "county"));
    assert_eq!(group_id(&app, &takestan_worker, "TK-01").await, None);

    let groups = import(
        &app,
        &takestan_worker,
        HistoryKind::Groups,
        group_rows(),
        false,
    )
    .await;
    assert!(groups.committed);
    let visit = vec![row(
        2,
        &[
            ("group_code", "TK-01"),
            ("visited_on", "1402/02/20"),
            ("purpose", "پایش"),
        ],
    )];
    let refused = import(&app, &abyek_worker, HistoryKind::Visits, visit, false).await;
    assert_eq!(refused.rejected, 1);
    assert_eq!(refused.problems[0].field, "group_code");
    let id = group_id(&app, &takestan_worker, "TK-01").await.unwrap();
    let life = app.group_life(&takestan_worker, id, false).await.unwrap();
    assert!(life.visits.is_empty());
}

/// For every kind of the history: a row with a bad cell is refused naming its row and column
/// and nothing of the file is written (its good row neither), and a worker of another county
/// cannot reach the group by its code.
async fn every_kind_refuses_a_bad_row_by_column_and_another_countys_worker(db: &TestDatabase) {
    let app = app_on(db).await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let worker = user(&app, "tk.worker", "social_worker", "ir.qazvin.takestan").await;
    let abyek_worker = user(&app, "ab.worker", "social_worker", "ir.qazvin.abyek").await;
    let women = register(&app, &worker, takestan, &[11, 12]).await;
    assert!(
        import(&app, &worker, HistoryKind::Groups, group_rows(), false)
            .await
            .committed
    );
    let member = |line, woman: &str, joined: &str| {
        row(
            line,
            &[
                ("group_code", "TK-01"),
                ("national_id", woman),
                ("role", "عضو"),
                ("joined_on", joined),
            ],
        )
    };
    let cases: Vec<(HistoryKind, HistoryRow, HistoryRow, &str)> = vec![
        (
            HistoryKind::Stages,
            row(
                2,
                &[
                    ("group_code", "TK-02"),
                    ("stage", "trained"),
                    ("effective_on", "1402/02/01"),
                ],
            ),
            row(
                3,
                &[
                    ("group_code", "TK-01"),
                    ("stage", "inactive"),
                    ("effective_on", "1403/01/01"),
                ],
            ),
            "inactive_reason",
        ),
        (
            HistoryKind::Members,
            member(2, &women[0], "1401/07/15"),
            member(3, &women[1], "1499/01/01"),
            "joined_on",
        ),
        (
            HistoryKind::Meetings,
            row(
                2,
                &[
                    ("group_code", "TK-01"),
                    ("held_on", "1402/03/10"),
                    ("topics", "فروش"),
                    ("present", women[0].as_str()),
                ],
            ),
            row(
                3,
                &[
                    ("group_code", "TK-01"),
                    ("held_on", "1402/03/11"),
                    ("topics", ""),
                    ("present", women[0].as_str()),
                ],
            ),
            "topics",
        ),
        (
            HistoryKind::Visits,
            row(
                2,
                &[
                    ("group_code", "TK-01"),
                    ("visited_on", "1402/02/20"),
                    ("purpose", "پایش"),
                ],
            ),
            row(
                3,
                &[
                    ("group_code", "TK-01"),
                    ("visited_on", "1402/02/21"),
                    ("purpose", "پایش"),
                    ("follow_up_due", "1402/01/01"),
                ],
            ),
            "follow_up_due",
        ),
        (
            HistoryKind::Business,
            row(
                2,
                &[
                    ("group_code", "TK-01"),
                    ("year", "1402"),
                    ("month", "7"),
                    ("revenue", "1000"),
                    ("costs", "500"),
                ],
            ),
            row(
                3,
                &[
                    ("group_code", "TK-01"),
                    ("year", "1402"),
                    ("month", "13"),
                    ("revenue", "1000"),
                    ("costs", "500"),
                ],
            ),
            "month",
        ),
    ];
    for (kind, good, bad, column) in cases {
        let summary = import(&app, &worker, kind, vec![good.clone(), bad], false).await;
        assert_eq!(summary.rejected, 1, "{kind:?}: {summary:?}");
        assert!(!summary.committed, "{kind:?}");
        let refused: Vec<(u64, &str)> = summary
            .problems
            .iter()
            .map(|p| (p.line, p.field.as_str()))
            .collect();
        assert!(refused.contains(&(3, column)), "{kind:?}: {refused:?}");
        assert_eq!(
            audit_count(&app, &format!("import.{}", kind.key())).await,
            0
        );
        // The good row alone imports; another county's worker cannot reach its group.
        let other = import(&app, &abyek_worker, kind, vec![good.clone()], false).await;
        assert_eq!(other.rejected, 1, "{kind:?}: {other:?}");
        assert_eq!(other.problems[0].field, "group_code", "{kind:?}");
        let alone = import(&app, &worker, kind, vec![good], false).await;
        assert_eq!(
            (alone.imported, alone.rejected),
            (1, 0),
            "{kind:?}: {alone:?}"
        );
    }
}

hamyar_store::on_both_databases!(
    a_province_history_comes_in_on_its_real_dates_and_a_rerun_imports_nothing_twice,
    a_bad_row_is_refused_by_row_and_column_and_nothing_is_written,
    a_dry_run_reports_what_would_be_imported_and_writes_nothing,
    a_county_worker_cannot_import_into_another_county,
    every_kind_refuses_a_bad_row_by_column_and_another_countys_worker,
);
