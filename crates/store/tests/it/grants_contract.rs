//! The storage contract of grants (`GrantsRepo`), on both backends: a grant to a group and
//! one to a woman are read back with their tranches in order; a second tranche with the same
//! number is refused as a unique violation; a grant with two recipients (or none) is refused
//! by the database; a tranche's status changes only from the status the caller read, so a
//! second writer that read the same status changes nothing; and lists filter by place,
//! recipient, status and year with the recipient's name and the tranches' sums.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::budget::BudgetLineId;
use hamyar_app::ports::budget::NewBudgetLine;
use hamyar_app::ports::grants::GrantId;
use hamyar_app::ports::grants::{GrantFilter, NewGrant, TrancheRow};
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::groups::{GroupRecord, StageRow};
use hamyar_app::ports::ledger::NewLedgerAccount;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::{Database, NewPlaceRow, StoreError, Tx};
use hamyar_domain::JalaliDate;
use hamyar_domain::grants::{GrantStatus, TrancheStatus};
use hamyar_domain::groups::GroupStage;
use hamyar_store::testing::TestDatabase;
use jiff::Timestamp;

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + seconds).expect("valid instant")
}

struct Fixture {
    qazvin: PlaceId,
    takestan: PlaceId,
    abyek: PlaceId,
    line: BudgetLineId,
    group: GroupId,
    woman: WomanId,
}

async fn fixture(db: &TestDatabase) -> Fixture {
    let mut tx = db.store.write().await.unwrap();
    let mut insert = async |kind: &str, parent_id: Option<PlaceId>, code: &str| {
        tx.insert_place(&NewPlaceRow {
            kind: kind.into(),
            parent_id,
            code: code.into(),
            created_at: at(0),
        })
        .await
        .unwrap()
    };
    let country = insert("country", None, "ir").await;
    let qazvin = insert("province", Some(country), "ir.qazvin").await;
    let abyek = insert("county", Some(qazvin), "ir.qazvin.abyek").await;
    let takestan = insert("county", Some(qazvin), "ir.qazvin.takestan").await;
    let line = line(tx.as_mut(), qazvin).await;
    let group = tx
        .insert_group(
            &GroupRecord {
                code: "TK-1".into(),
                name: "گروه نخل".into(),
                name_key: "گروه نخل".into(),
                province_id: qazvin,
                county_id: takestan,
                locality: "تاکستان".into(),
                business_field: "tailoring".into(),
                premises: "home".into(),
                ..GroupRecord::default()
            },
            &StageRow {
                id: 0,
                group_id: hamyar_app::ports::groups::GroupId::new(0),
                stage: GroupStage::Identified,
                inactive_reason: None,
                note: String::new(),
                effective_on: JalaliDate::from_iso_str("2026-04-04").unwrap(),
                decided_by: None,
                decided_by_name: "آزمون".into(),
                recorded_at: at(1),
            },
            at(1),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let woman = sqlx::query_scalar(
        "INSERT INTO women (national_id, first_name, last_name, name_key, name_key_reversed, \
         birth_date, province_id, county_id, locality, settlement, address, skills, \
         headship_cause, notes, coverage_status, created_at, updated_at) VALUES \
         ('0012345679', 'مریم', 'کریمی', 'مریم کریمی', 'کریمی مریم', '1980-01-01', $1, $2, \
         'آبیک', 'urban', '', '', 'widow', '', 'covered', $3, $3) RETURNING id",
    )
    .bind(qazvin)
    .bind(abyek)
    .bind("2026-01-01T00:00:00.000Z")
    .fetch_one(db.store.pool())
    .await
    .unwrap();
    Fixture {
        qazvin,
        takestan,
        abyek,
        line,
        group,
        woman,
    }
}

async fn line(tx: &mut dyn Tx, qazvin: PlaceId) -> BudgetLineId {
    let mut accounts = Vec::new();
    for (prefix, kind) in [
        ("budget", "equity"),
        ("expense", "expense"),
        ("commitments", "liability"),
    ] {
        let code = format!("{prefix}.grant.1405.ir.qazvin");
        accounts.push(
            tx.insert_ledger_account(&NewLedgerAccount {
                code: code.clone(),
                name_fa: code.clone(),
                name_en: code,
                kind: kind.into(),
                province_id: Some(qazvin),
                county_id: None,
                created_at: at(0),
            })
            .await
            .unwrap(),
        );
    }
    tx.insert_budget_line(&NewBudgetLine {
        fiscal_year: 1405,
        province_id: qazvin,
        county_id: None,
        category: "grant".into(),
        budget_account_id: accounts[0],
        expense_account_id: accounts[1],
        commitment_account_id: accounts[2],
        created_by: None,
        created_at: at(0),
    })
    .await
    .unwrap()
}

fn grant(
    f: &Fixture,
    county: PlaceId,
    group: Option<GroupId>,
    woman: Option<WomanId>,
    total: i64,
) -> NewGrant {
    NewGrant {
        budget_line_id: f.line,
        fiscal_year: 1405,
        province_id: f.qazvin,
        county_id: county,
        group_id: group,
        woman_id: woman,
        purpose: "سرمایه کار".into(),
        total_rials: total,
        status: GrantStatus::Proposed,
        proposed_by: Some(hamyar_app::access::UserId::new(7)),
        proposed_by_name: "کارشناس".into(),
        proposed_at: at(10),
    }
}

fn tranche(grant_id: GrantId, seq: i64, amount: i64) -> TrancheRow {
    TrancheRow::proposed(
        grant_id,
        seq,
        amount,
        JalaliDate::from_iso_str("2026-12-01").unwrap(),
        r#"[{"code":"group_registered"}]"#.into(),
    )
}

async fn a_grant_and_its_tranches_are_read_back_in_order(db: &TestDatabase) {
    let f = fixture(db).await;
    let mut tx = db.store.write().await.unwrap();
    let id = tx
        .insert_grant(&grant(&f, f.takestan, Some(f.group), None, 300))
        .await
        .unwrap();
    let second = tx.insert_tranche(&tranche(id, 2, 150)).await.unwrap();
    let first = tx.insert_tranche(&tranche(id, 1, 150)).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.store.write().await.unwrap();
    let twin = tx.insert_tranche(&tranche(id, 1, 10)).await.unwrap_err();
    assert!(
        matches!(&twin, StoreError::Unique(name) if name == "grant_tranches.seq"),
        "{twin:?}"
    );
    drop(tx);

    let mut tx = db.store.read().await.unwrap();
    let row = tx.grant_by_id(id).await.unwrap().unwrap();
    assert_eq!(
        (
            row.group_id,
            row.woman_id,
            row.total_rials,
            row.status.code()
        ),
        (Some(f.group), None, 300, "proposed")
    );
    assert_eq!(row.proposed_at, at(10));
    let tranches = tx.tranches_of(id).await.unwrap();
    assert_eq!(
        tranches.iter().map(|t| t.id).collect::<Vec<_>>(),
        vec![first, second]
    );
    assert_eq!(tranches[0].conditions, r#"[{"code":"group_registered"}]"#);
    assert_eq!(tx.tranche_by_id(first).await.unwrap().unwrap(), tranches[0]);
    assert!(
        tx.grant_by_id(hamyar_app::ports::grants::GrantId::new(id.get() + 100))
            .await
            .unwrap()
            .is_none()
    );
}

async fn a_grant_has_exactly_one_recipient(db: &TestDatabase) {
    let f = fixture(db).await;
    let mut tx = db.store.write().await.unwrap();
    let both = tx
        .insert_grant(&grant(&f, f.takestan, Some(f.group), Some(f.woman), 300))
        .await;
    assert!(both.is_err(), "{both:?}");
    drop(tx);
    let mut tx = db.store.write().await.unwrap();
    let neither = tx
        .insert_grant(&grant(&f, f.takestan, None, None, 300))
        .await;
    assert!(neither.is_err(), "{neither:?}");
}

async fn a_tranche_changes_only_from_the_status_read(db: &TestDatabase) {
    let f = fixture(db).await;
    let mut tx = db.store.write().await.unwrap();
    let id = tx
        .insert_grant(&grant(&f, f.abyek, None, Some(f.woman), 100))
        .await
        .unwrap();
    let tranche_id = tx.insert_tranche(&tranche(id, 1, 100)).await.unwrap();
    let mut read = tx.lock_tranche(tranche_id).await.unwrap().unwrap();
    read.status = TrancheStatus::Approved;
    read.decided_by = Some(hamyar_app::access::UserId::new(8));
    read.decided_by_name = Some("تأییدکننده".into());
    read.decided_at = Some(at(20));
    // The approval's value date, earlier than when it was recorded, is kept as written.
    read.approved_on = Some(JalaliDate::from_iso_str("2026-06-01").unwrap());
    read.condition_results = Some("[]".into());
    assert!(
        tx.update_tranche(&read, TrancheStatus::Proposed)
            .await
            .unwrap()
    );
    // A second writer that also read "proposed" changes nothing.
    let mut late = read.clone();
    late.status = TrancheStatus::Rejected;
    late.rejection_reason = Some("دیر".into());
    assert!(
        !tx.update_tranche(&late, TrancheStatus::Proposed)
            .await
            .unwrap()
    );
    tx.set_grant_status(id, GrantStatus::Open, at(21))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let stored = tx.tranche_by_id(tranche_id).await.unwrap().unwrap();
    assert_eq!(stored, read);
    let grant = tx.grant_by_id(id).await.unwrap().unwrap();
    assert_eq!((grant.status.code(), grant.updated_at), ("open", at(21)));
}

async fn grants_are_listed_by_filter_with_names_and_sums(db: &TestDatabase) {
    let f = fixture(db).await;
    let mut tx = db.store.write().await.unwrap();
    let to_group = tx
        .insert_grant(&grant(&f, f.takestan, Some(f.group), None, 300))
        .await
        .unwrap();
    let mut paid = tranche(to_group, 1, 100);
    paid.status = TrancheStatus::Paid;
    tx.insert_tranche(&paid).await.unwrap();
    let mut approved = tranche(to_group, 2, 120);
    approved.status = TrancheStatus::Approved;
    tx.insert_tranche(&approved).await.unwrap();
    tx.insert_tranche(&tranche(to_group, 3, 80)).await.unwrap();
    let to_woman = tx
        .insert_grant(&grant(&f, f.abyek, None, Some(f.woman), 50))
        .await
        .unwrap();
    tx.insert_tranche(&tranche(to_woman, 1, 50)).await.unwrap();
    tx.set_grant_status(to_group, GrantStatus::Open, at(30))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let all = tx.search_grants(&GrantFilter::default()).await.unwrap();
    assert_eq!(
        all.iter().map(|row| row.grant.id).collect::<Vec<_>>(),
        vec![to_woman, to_group]
    );
    assert_eq!(all[0].recipient_name, "مریم کریمی");
    assert_eq!(all[0].recipient_national_id.as_deref(), Some("0012345679"));
    assert_eq!(all[1].recipient_name, "گروه نخل");
    assert_eq!((all[1].committed_rials, all[1].paid_rials), (220, 100));
    assert_eq!((all[0].committed_rials, all[0].paid_rials), (0, 0));
    let filters = [
        (
            GrantFilter {
                county_id: Some(f.abyek),
                ..GrantFilter::default()
            },
            vec![to_woman],
        ),
        (
            GrantFilter {
                group_id: Some(f.group),
                ..GrantFilter::default()
            },
            vec![to_group],
        ),
        (
            GrantFilter {
                woman_id: Some(f.woman),
                ..GrantFilter::default()
            },
            vec![to_woman],
        ),
        (
            GrantFilter {
                status: Some(GrantStatus::Open),
                ..GrantFilter::default()
            },
            vec![to_group],
        ),
        (
            GrantFilter {
                fiscal_year: Some(1404),
                ..GrantFilter::default()
            },
            vec![],
        ),
        (
            GrantFilter {
                province_id: Some(f.qazvin),
                limit: 1,
                offset: 1,
                ..GrantFilter::default()
            },
            vec![to_group],
        ),
    ];
    for (filter, expected) in filters {
        let ids: Vec<GrantId> = tx
            .search_grants(&filter)
            .await
            .unwrap()
            .iter()
            .map(|row| row.grant.id)
            .collect();
        assert_eq!(ids, expected, "{filter:?}");
    }
}

hamyar_store::on_both_databases!(
    a_grant_and_its_tranches_are_read_back_in_order,
    a_grant_has_exactly_one_recipient,
    a_tranche_changes_only_from_the_status_read,
    grants_are_listed_by_filter_with_names_and_sums,
);
