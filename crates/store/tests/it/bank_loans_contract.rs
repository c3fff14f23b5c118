//! The storage contract of bank self-employment loans (`BankLoansRepo`), on SQLite always and
//! on PostgreSQL when `HAMYAR_TEST_POSTGRES_URL` is set (`hamyar_store::on_both_databases!`):
//! a referral reads back whole with its guarantors; it changes state only from the state the
//! caller read; a place's list is scoped, filtered by state, paged and sums what was paid;
//! instalments are append-only; the facility history takes a row of the new `referral` source
//! and its withdrawal, once, and the withdrawal touches no other source.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::bank_loans::{
    BankLoanChange, BankLoanId, BankLoanQuery, BankLoanRow, GuarantorRow, InstalmentRow,
};
use hamyar_app::ports::facilities::FacilityRow;
use hamyar_app::ports::groups::PlaceFilter;
use hamyar_app::ports::registry::{WomanId, WomanRecord};
use hamyar_app::ports::{Database, NewPlaceRow, StoreError};
use hamyar_domain::bank_loans::{AgentBank, LoanStatus};
use hamyar_domain::{JalaliDate, search_key};
use hamyar_store::testing::TestDatabase;
use jiff::Timestamp;

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + seconds).expect("valid instant")
}

fn day(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

struct World {
    qazvin: PlaceId,
    takestan: PlaceId,
    abyek: PlaceId,
    maryam: WomanId,
    zahra: WomanId,
}

fn woman(national_id: &str, first: &str, province: PlaceId, county: PlaceId) -> WomanRecord {
    WomanRecord {
        national_id: national_id.into(),
        first_name: first.into(),
        last_name: "رضایی".into(),
        birth_date: "1980-01-01".into(),
        province_id: province,
        county_id: county,
        locality: "مرکز".into(),
        settlement: "urban".into(),
        address: "خیابان".into(),
        headship_cause: "widow".into(),
        name_key: search_key(&format!("{first} رضایی")),
        name_key_reversed: hamyar_domain::persian_order(&search_key(&format!("رضایی {first}"))),
        ..WomanRecord::default()
    }
}

async fn seeded(db: &TestDatabase) -> World {
    let mut tx = db.store.write().await.unwrap();
    let mut place = async |kind: &str, parent_id: Option<PlaceId>, code: &str| {
        let row = NewPlaceRow {
            kind: kind.into(),
            parent_id,
            code: code.into(),
            created_at: at(0),
        };
        tx.insert_place(&row).await.unwrap()
    };
    let country = place("country", None, "ir").await;
    let qazvin = place("province", Some(country), "ir.qazvin").await;
    let takestan = place("county", Some(qazvin), "ir.qazvin.takestan").await;
    let abyek = place("county", Some(qazvin), "ir.qazvin.abyek").await;
    let maryam = tx
        .insert_woman(
            &woman("0013542419", "مریم", qazvin, takestan),
            "covered",
            at(1),
        )
        .await
        .unwrap();
    let zahra = tx
        .insert_woman(
            &woman("0084575948", "زهرا", qazvin, abyek),
            "covered",
            at(1),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    World {
        qazvin,
        takestan,
        abyek,
        maryam,
        zahra,
    }
}

fn referral(world: &World, woman_id: WomanId, county: PlaceId, referred_on: &str) -> BankLoanRow {
    BankLoanRow {
        id: BankLoanId::default(),
        province_id: world.qazvin,
        county_id: county,
        woman_id,
        group_id: None,
        bank: AgentBank::MehrIran,
        bank_name: String::new(),
        amount_rials: 200_000_000,
        fee_basis_points: 400,
        term_months: 24,
        referred_on: day(referred_on),
        note: "خرید چرخ خیاطی".into(),
        warned_facilities: 1,
        status: LoanStatus::Referred,
        decided_on: None,
        approved_amount_rials: None,
        decision_note: String::new(),
        disbursed_on: None,
        disbursed_amount_rials: None,
        facility_id: None,
        closed_on: None,
        closing_note: String::new(),
        created_by: None,
        created_by_name: "کارشناس".into(),
        recorded_at: at(10),
        updated_at: at(10),
    }
}

async fn insert(db: &TestDatabase, row: &BankLoanRow) -> BankLoanId {
    let mut tx = db.store.write().await.unwrap();
    let id = tx.insert_bank_loan(row).await.unwrap();
    tx.commit().await.unwrap();
    id
}

async fn a_referral_reads_back_whole_with_its_guarantors_in_order(db: &TestDatabase) {
    let world = seeded(db).await;
    let row = referral(&world, world.maryam, world.takestan, "1405/08/01");
    let id = insert(db, &row).await;
    let mut tx = db.store.write().await.unwrap();
    for (position, woman_id, name, national_id) in [
        (2, None, "علی احمدی", "0084575948"),
        (1, Some(world.zahra), "زهرا رضایی", "0084575948"),
    ] {
        let guarantor = GuarantorRow {
            loan_id: id,
            province_id: world.qazvin,
            county_id: world.takestan,
            position,
            woman_id,
            name: name.into(),
            national_id: national_id.into(),
        };
        tx.insert_bank_loan_guarantor(&guarantor).await.unwrap();
    }
    tx.commit().await.unwrap();
    let taken = GuarantorRow {
        loan_id: id,
        province_id: world.qazvin,
        county_id: world.takestan,
        position: 1,
        woman_id: None,
        name: "دیگری".into(),
        national_id: "0013542419".into(),
    };
    let mut tx = db.store.write().await.unwrap();
    assert!(matches!(
        tx.insert_bank_loan_guarantor(&taken).await,
        Err(StoreError::Unique(_))
    ));
    drop(tx);
    let mut tx = db.store.read().await.unwrap();
    let back = tx.bank_loan_by_id(id).await.unwrap().unwrap();
    assert_eq!(back, BankLoanRow { id, ..row });
    let guarantors = tx.bank_loan_guarantors(id).await.unwrap();
    let names: Vec<_> = guarantors
        .iter()
        .map(|g| (g.position, g.name.as_str()))
        .collect();
    assert_eq!(names, [(1, "زهرا رضایی"), (2, "علی احمدی")]);
    assert_eq!(guarantors[0].woman_id, Some(world.zahra));
    assert_eq!(tx.bank_loans_of_woman(world.maryam).await.unwrap(), [back]);
    assert!(
        tx.bank_loans_of_woman(world.zahra)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        tx.bank_loan_by_id(BankLoanId::new(id.get() + 100))
            .await
            .unwrap()
            .is_none()
    );
}

async fn a_referral_changes_only_from_the_state_the_caller_read(db: &TestDatabase) {
    let world = seeded(db).await;
    let id = insert(
        db,
        &referral(&world, world.maryam, world.takestan, "1405/08/01"),
    )
    .await;
    let mut tx = db.store.write().await.unwrap();
    let row = tx.bank_loan_by_id(id).await.unwrap().unwrap();
    let approve = BankLoanChange {
        status: LoanStatus::Approved,
        decided_on: Some(day("1405/08/10")),
        approved_amount_rials: Some(150_000_000),
        decision_note: "با ضامن دوم".into(),
        ..BankLoanChange::from_row(&row, at(20))
    };
    assert!(
        tx.update_bank_loan(id, LoanStatus::Referred, &approve)
            .await
            .unwrap()
    );
    assert!(
        !tx.update_bank_loan(id, LoanStatus::Referred, &approve)
            .await
            .unwrap(),
        "a second answer from the same state loses"
    );
    let back = tx.bank_loan_by_id(id).await.unwrap().unwrap();
    assert_eq!(back.status, LoanStatus::Approved);
    assert_eq!(back.approved_amount_rials, Some(150_000_000));
    assert_eq!(back.decided_on, Some(day("1405/08/10")));
    assert_eq!(back.updated_at, at(20));
    assert_eq!(back.recorded_at, at(10));
    // The database itself refuses a loan paid out without a day, or a day before the decision.
    let no_day = BankLoanChange {
        status: LoanStatus::Disbursed,
        ..BankLoanChange::from_row(&back, at(30))
    };
    assert!(
        tx.update_bank_loan(id, LoanStatus::Approved, &no_day)
            .await
            .is_err()
    );
}

async fn a_place_s_list_is_scoped_filtered_paged_and_sums_what_was_paid(db: &TestDatabase) {
    let world = seeded(db).await;
    let first = insert(
        db,
        &referral(&world, world.maryam, world.takestan, "1405/07/01"),
    )
    .await;
    let second = insert(
        db,
        &referral(&world, world.maryam, world.takestan, "1405/08/01"),
    )
    .await;
    let other = insert(
        db,
        &referral(&world, world.zahra, world.abyek, "1405/08/05"),
    )
    .await;
    let mut tx = db.store.write().await.unwrap();
    let row = tx.bank_loan_by_id(first).await.unwrap().unwrap();
    let paid_out = BankLoanChange {
        status: LoanStatus::Disbursed,
        decided_on: Some(day("1405/07/05")),
        approved_amount_rials: Some(200_000_000),
        disbursed_on: Some(day("1405/07/10")),
        disbursed_amount_rials: Some(200_000_000),
        ..BankLoanChange::from_row(&row, at(20))
    };
    assert!(
        tx.update_bank_loan(first, LoanStatus::Referred, &paid_out)
            .await
            .unwrap()
    );
    for (paid_on, amount_rials) in [("1405/08/10", 8_666_666), ("1405/09/10", 8_666_666)] {
        let instalment = InstalmentRow {
            id: 0,
            loan_id: first,
            province_id: world.qazvin,
            county_id: world.takestan,
            paid_on: day(paid_on),
            amount_rials,
            note: String::new(),
            recorded_by: None,
            recorded_by_name: "کارشناس".into(),
            recorded_at: at(30),
        };
        tx.insert_bank_loan_instalment(&instalment).await.unwrap();
    }
    let county = BankLoanQuery {
        place: PlaceFilter {
            province_id: Some(world.qazvin),
            county_id: Some(world.takestan),
        },
        ..BankLoanQuery::default()
    };
    let rows = tx.bank_loans_in(&county).await.unwrap();
    let ids: Vec<_> = rows.iter().map(|r| r.loan.id).collect();
    assert_eq!(
        ids,
        [second, first],
        "the newest letter first, another county left out"
    );
    assert_eq!(rows[1].paid_rials, 17_333_332);
    assert_eq!(rows[0].paid_rials, 0);
    assert_eq!(rows[0].first_name, "مریم");
    assert_eq!(tx.count_bank_loans_in(&county).await.unwrap(), 2);
    let province = BankLoanQuery {
        place: PlaceFilter {
            province_id: Some(world.qazvin),
            county_id: None,
        },
        statuses: vec![LoanStatus::Referred],
        limit: 1,
        offset: 1,
    };
    let page = tx.bank_loans_in(&province).await.unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(
        page[0].loan.id, second,
        "{other} is the first of the referred"
    );
    assert_eq!(tx.count_bank_loans_in(&province).await.unwrap(), 2);
    let instalments = tx.bank_loan_instalments(first).await.unwrap();
    assert_eq!(instalments.len(), 2);
    assert_eq!(instalments[0].paid_on, day("1405/08/10"));
}

async fn instalments_are_append_only(db: &TestDatabase) {
    let world = seeded(db).await;
    let id = insert(
        db,
        &referral(&world, world.maryam, world.takestan, "1405/07/01"),
    )
    .await;
    let mut tx = db.store.write().await.unwrap();
    let instalment = InstalmentRow {
        id: 0,
        loan_id: id,
        province_id: world.qazvin,
        county_id: world.takestan,
        paid_on: day("1405/08/10"),
        amount_rials: 1_000,
        note: String::new(),
        recorded_by: None,
        recorded_by_name: "کارشناس".into(),
        recorded_at: at(30),
    };
    tx.insert_bank_loan_instalment(&instalment).await.unwrap();
    tx.commit().await.unwrap();
    for sql in [
        "UPDATE bank_loan_instalments SET amount_rials = 1",
        "DELETE FROM bank_loan_instalments",
    ] {
        let error = sqlx::query(sql).execute(db.store.pool()).await.unwrap_err();
        assert!(matches!(
            hamyar_store::store_error(error),
            StoreError::Database(_) | StoreError::AppendOnly
        ));
    }
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(
        tx.bank_loan_instalments(id).await.unwrap()[0].amount_rials,
        1_000
    );
}

fn facility(woman_id: WomanId, source: &str, body: &str) -> FacilityRow {
    FacilityRow {
        id: 0,
        woman_id,
        source: source.into(),
        body: body.into(),
        body_name: "بانک قرض‌الحسنه مهر ایران".into(),
        kind: "loan".into(),
        amount_rials: 200_000_000,
        granted_on: day("1405/07/10"),
        group_id: None,
        group_name: None,
        grant_tranche_id: None,
        note: "ارجاع ۱".into(),
        withdrawn_on: None,
        recorded_by: None,
        recorded_by_name: "کارشناس".into(),
        recorded_at: at(40),
    }
}

async fn a_referral_s_facility_row_is_withdrawn_once_and_no_other(db: &TestDatabase) {
    let world = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    assert!(
        tx.insert_facility(&facility(world.maryam, "referral", "relief_committee"))
            .await
            .is_err(),
        "a referral is to a bank"
    );
    drop(tx);
    let mut tx = db.store.write().await.unwrap();
    let referred = tx
        .insert_facility(&facility(world.maryam, "referral", "bank"))
        .await
        .unwrap();
    let declared = tx
        .insert_facility(&facility(world.maryam, "declared", "bank"))
        .await
        .unwrap();
    let on = day("1405/08/01");
    assert!(tx.withdraw_referral_facility(referred, on).await.unwrap());
    assert!(
        !tx.withdraw_referral_facility(referred, on).await.unwrap(),
        "once"
    );
    assert!(
        !tx.withdraw_referral_facility(declared, on).await.unwrap(),
        "never declared"
    );
    tx.commit().await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    let history = tx.facilities_of(world.maryam).await.unwrap();
    let withdrawn: Vec<_> = history.iter().map(|r| (r.id, r.withdrawn_on)).collect();
    assert!(withdrawn.contains(&(referred, Some(on))));
    assert!(withdrawn.contains(&(declared, None)));
    let active = tx
        .active_facilities_between(world.maryam, "2026-01-01", "2027-01-01")
        .await
        .unwrap();
    assert_eq!(active.len(), 1, "the withdrawn referral no longer counts");
    drop(tx);
    let error = sqlx::query("UPDATE woman_facilities SET note = 'x' WHERE source = 'referral'")
        .execute(db.store.pool())
        .await
        .unwrap_err();
    assert!(error.to_string().contains("append-only"), "{error}");
}

hamyar_store::on_both_databases!(
    a_referral_reads_back_whole_with_its_guarantors_in_order,
    a_referral_changes_only_from_the_state_the_caller_read,
    a_place_s_list_is_scoped_filtered_paged_and_sums_what_was_paid,
    instalments_are_append_only,
    a_referral_s_facility_row_is_withdrawn_once_and_no_other,
);
