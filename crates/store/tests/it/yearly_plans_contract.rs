//! The storage contract of yearly plans (`YearlyPlansRepo`), on both backends: a plan reads
//! back as written (Persian note, an empowered target left to the default); putting it again
//! replaces it rather than adding a second; a province's plans list its own first; the
//! database refuses a negative target or a place that is not the row's county or province;
//! women covered on a day follow each woman's latest episode started by then; and women
//! joining groups are counted once each, within the span and the place.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::groups::{GroupId, GroupRecord, MembershipRow, PlaceFilter, StageRow};
use hamyar_app::ports::registry::{EpisodeRow, WomanId, WomanRecord};
use hamyar_app::ports::yearly_plans::YearlyPlanRow;
use hamyar_app::ports::{Database, Tx};
use hamyar_domain::JalaliDate;
use hamyar_domain::groups::{GroupStage, MemberRole};
use hamyar_domain::plan::PlanTargets;
use hamyar_domain::registry::{CoverageStatus, ExitReason};
use hamyar_store::fixtures::{at, qazvin_places};
use hamyar_store::testing::TestDatabase;

fn day(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

fn plan(place: PlaceId, province: PlaceId, county: Option<PlaceId>) -> YearlyPlanRow {
    YearlyPlanRow {
        place_id: place,
        province_id: province,
        county_id: county,
        fiscal_year: 1405,
        targets: PlanTargets {
            groups_formed: 12,
            women_joining: 80,
            women_trained: 60,
            visits_made: 150,
            women_empowered: None,
        },
        note: "برنامهٔ سال ۱۴۰۵ — مصوب شورا".into(),
        set_by: None,
        set_by_name: "زهرا کریمی".into(),
        set_at: at(5),
    }
}

async fn a_plan_reads_back_and_is_replaced_not_repeated(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, takestan) = qazvin_places(tx.as_mut()).await;
    let province = plan(qazvin, qazvin, None);
    tx.put_yearly_plan(&province).await.unwrap();
    tx.put_yearly_plan(&plan(takestan, qazvin, Some(takestan)))
        .await
        .unwrap();
    assert_eq!(
        tx.yearly_plan(qazvin, 1405).await.unwrap(),
        Some(province.clone())
    );
    assert_eq!(tx.yearly_plan(abyek, 1405).await.unwrap(), None);
    assert_eq!(tx.yearly_plan(qazvin, 1404).await.unwrap(), None);

    let mut again = province.clone();
    again.targets.groups_formed = 15;
    again.targets.women_empowered = Some(9);
    again.note = String::new();
    again.set_by_name = "مریم احمدی".into();
    again.set_at = at(9);
    tx.put_yearly_plan(&again).await.unwrap();
    assert_eq!(tx.yearly_plan(qazvin, 1405).await.unwrap(), Some(again));

    let plans = tx.yearly_plans_of_province(qazvin, 1405).await.unwrap();
    let places: Vec<PlaceId> = plans.iter().map(|p| p.place_id).collect();
    assert_eq!(places, [qazvin, takestan]);
    tx.commit().await.unwrap();
}

async fn the_database_refuses_what_the_form_would(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, _) = qazvin_places(tx.as_mut()).await;
    let mut negative = plan(qazvin, qazvin, None);
    negative.targets.visits_made = -1;
    assert!(tx.put_yearly_plan(&negative).await.is_err());
    drop(tx);
    let mut tx = db.store.write().await.unwrap();
    // A county's plan must name the county as its place.
    assert!(
        tx.put_yearly_plan(&plan(qazvin, qazvin, Some(abyek)))
            .await
            .is_err()
    );
}

async fn woman(tx: &mut dyn Tx, national_id: &str, province: PlaceId, county: PlaceId) -> WomanId {
    tx.insert_woman(
        &WomanRecord {
            national_id: national_id.into(),
            first_name: "مریم".into(),
            last_name: "رضایی".into(),
            birth_date: "1980-01-01".into(),
            province_id: province,
            county_id: county,
            locality: "مرکز".into(),
            settlement: "urban".into(),
            address: "خیابان".into(),
            headship_cause: "widow".into(),
            name_key: "مریم رضایی".into(),
            name_key_reversed: "رضایی مریم".into(),
            ..WomanRecord::default()
        },
        "covered",
        at(1),
    )
    .await
    .unwrap()
}

async fn episode(tx: &mut dyn Tx, woman_id: WomanId, status: CoverageStatus, on: &str) {
    tx.insert_episode(&EpisodeRow {
        id: 0,
        woman_id,
        status,
        exit_reason: (status == CoverageStatus::Exited).then_some(ExitReason::Empowered),
        started_on: day(on),
        decided_by: None,
        decided_by_name: "کارشناس".into(),
        reason: String::new(),
        recorded_at: at(1),
    })
    .await
    .unwrap();
}

async fn women_covered_on_a_day_follow_their_latest_episode(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, takestan) = qazvin_places(tx.as_mut()).await;
    let women = [
        woman(tx.as_mut(), "0013542419", qazvin, abyek).await,
        woman(tx.as_mut(), "0084575948", qazvin, abyek).await,
        woman(tx.as_mut(), "0012345679", qazvin, takestan).await,
    ];
    // Covered since 1403, exited as empowered in 1405.
    episode(tx.as_mut(), women[0], CoverageStatus::Covered, "1403/05/01").await;
    episode(tx.as_mut(), women[0], CoverageStatus::Exited, "1405/03/01").await;
    // A pensioner since 1404.
    episode(
        tx.as_mut(),
        women[1],
        CoverageStatus::Pensioner,
        "1404/02/01",
    )
    .await;
    // Covered only from the year's second day.
    episode(
        tx.as_mut(),
        women[2],
        CoverageStatus::WaitingList,
        "1403/01/01",
    )
    .await;
    episode(tx.as_mut(), women[2], CoverageStatus::Covered, "1405/01/02").await;

    let province = PlaceFilter {
        province_id: Some(qazvin),
        county_id: None,
    };
    let start = day("1405/01/01");
    assert_eq!(tx.women_covered_on(province, start).await.unwrap(), 2);
    assert_eq!(
        tx.women_covered_on(province, day("1405/04/01"))
            .await
            .unwrap(),
        2
    );
    let takestan_only = PlaceFilter {
        province_id: None,
        county_id: Some(takestan),
    };
    assert_eq!(tx.women_covered_on(takestan_only, start).await.unwrap(), 0);
    assert_eq!(
        tx.women_covered_on(PlaceFilter::default(), day("1402/01/01"))
            .await
            .unwrap(),
        0
    );
    tx.commit().await.unwrap();
}

async fn group(tx: &mut dyn Tx, code: &str, province: PlaceId, county: PlaceId) -> GroupId {
    tx.insert_group(
        &GroupRecord {
            code: code.into(),
            name: format!("گروه {code}"),
            name_key: format!("گروه {code}"),
            province_id: province,
            county_id: county,
            locality: "مرکز".into(),
            business_field: "tailoring".into(),
            premises: "home".into(),
            ..GroupRecord::default()
        },
        &StageRow {
            id: 0,
            group_id: GroupId::new(0),
            stage: GroupStage::Identified,
            inactive_reason: None,
            note: String::new(),
            effective_on: day("1404/12/01"),
            decided_by: None,
            decided_by_name: "کارشناس".into(),
            recorded_at: at(2),
        },
        at(2),
    )
    .await
    .unwrap()
}

async fn join(tx: &mut dyn Tx, group_id: GroupId, woman_id: WomanId, on: &str) {
    tx.insert_membership(&MembershipRow {
        id: 0,
        group_id,
        woman_id,
        role: MemberRole::Member,
        joined_on: day(on),
        left_on: None,
        leave_reason: None,
        leave_note: String::new(),
        created_at: at(3),
        updated_at: at(3),
    })
    .await
    .unwrap();
}

async fn women_joining_groups_are_counted_once_in_the_span_and_place(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, takestan) = qazvin_places(tx.as_mut()).await;
    let first = woman(tx.as_mut(), "0013542419", qazvin, abyek).await;
    let second = woman(tx.as_mut(), "0084575948", qazvin, abyek).await;
    let third = woman(tx.as_mut(), "0012345679", qazvin, takestan).await;
    let abyek_group = group(tx.as_mut(), "AB-1", qazvin, abyek).await;
    let other_abyek_group = group(tx.as_mut(), "AB-2", qazvin, abyek).await;
    let takestan_group = group(tx.as_mut(), "TK-1", qazvin, takestan).await;
    join(tx.as_mut(), abyek_group, first, "1405/01/15").await;
    // The same woman in a second group in the span counts once.
    join(tx.as_mut(), other_abyek_group, first, "1405/02/10").await;
    // Before the span.
    join(tx.as_mut(), abyek_group, second, "1404/12/20").await;
    join(tx.as_mut(), takestan_group, third, "1405/02/31").await;

    let (from, to) = (day("1405/01/01"), day("1405/02/31"));
    let province = PlaceFilter {
        province_id: Some(qazvin),
        county_id: None,
    };
    let abyek_only = PlaceFilter {
        province_id: Some(qazvin),
        county_id: Some(abyek),
    };
    assert_eq!(
        tx.women_joining_groups(province, from, to).await.unwrap(),
        2
    );
    assert_eq!(
        tx.women_joining_groups(abyek_only, from, to).await.unwrap(),
        1
    );
    assert_eq!(
        tx.women_joining_groups(province, from, day("1405/02/30"))
            .await
            .unwrap(),
        1
    );
    tx.commit().await.unwrap();
}

hamyar_store::on_both_databases!(
    a_plan_reads_back_and_is_replaced_not_repeated,
    the_database_refuses_what_the_form_would,
    women_covered_on_a_day_follow_their_latest_episode,
    women_joining_groups_are_counted_once_in_the_span_and_place,
);
