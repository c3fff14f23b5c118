//! The storage contract of exits as empowered (`ExitProposalsRepo`), on both backends: a
//! proposal for a woman and one for a group read back as written; a second open proposal of
//! the same woman is refused (`Unique`), one after the first is decided is not; a decision
//! changes a proposal once (the second decider is told it lost); the open proposals of a
//! place name the woman or the group, oldest first, and leave out the decided and the other
//! county's.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::exit_proposals::{ExitDecision, ExitProposalId, ExitProposalRow};
use hamyar_app::ports::groups::{GroupId, PlaceFilter};
use hamyar_app::ports::registry::{WomanId, WomanRecord};
use hamyar_app::ports::{Database, StoreError};
use hamyar_domain::{JalaliDate, persian_order, search_key};
use hamyar_store::fixtures::{at, qazvin_places};
use hamyar_store::testing::TestDatabase;

fn day(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

fn woman(national_id: &str, first: &str, place: (PlaceId, PlaceId)) -> WomanRecord {
    WomanRecord {
        national_id: national_id.into(),
        first_name: first.into(),
        last_name: "کریمی".into(),
        birth_date: "1980-01-01".into(),
        province_id: place.0,
        county_id: place.1,
        locality: "مرکز".into(),
        settlement: "urban".into(),
        address: "خیابان".into(),
        headship_cause: "widow".into(),
        name_key: search_key(&format!("{first} کریمی")),
        name_key_reversed: persian_order(&search_key(&format!("کریمی {first}"))),
        ..WomanRecord::default()
    }
}

fn proposal(
    woman_id: Option<WomanId>,
    group_id: Option<GroupId>,
    place: (PlaceId, PlaceId),
    on: &str,
) -> ExitProposalRow {
    ExitProposalRow {
        id: ExitProposalId::default(),
        woman_id,
        group_id,
        province_id: place.0,
        county_id: place.1,
        state: "proposed".into(),
        proposed_on: day(on),
        evidence: "درآمد خیاطی بیش از مستمری".into(),
        verdicts: r#"[{"criterion":"own_income","verdict":"passed"}]"#.into(),
        proposed_by: None,
        proposed_by_name: "مددکار".into(),
        proposed_at: at(10),
        decided_on: None,
        decided_by: None,
        decided_by_name: None,
        decision_note: None,
        decided_at: None,
    }
}

fn decision(state: &'static str, on: &str, note: Option<&str>) -> ExitDecision {
    ExitDecision {
        state,
        decided_on: day(on),
        decided_by: None,
        decided_by_name: "کارشناس".into(),
        note: note.map(str::to_owned),
        decided_at: at(20),
    }
}

async fn group(db: &TestDatabase, place: (PlaceId, PlaceId)) -> GroupId {
    sqlx::query_scalar(
        "INSERT INTO hamyar_groups (code, name, name_key, province_id, county_id, locality, \
         business_field, business_field_other, premises, premises_address, stage, notes, \
         created_at, updated_at) VALUES ('G-1', 'گروه سرو', 'گروهسرو', $1, $2, 'مرکز', \
         'tailoring', '', 'home', '', 'active', '', $3, $3) RETURNING id",
    )
    .bind(place.0)
    .bind(place.1)
    .bind(hamyar_app::clock::storage_timestamp(at(2)))
    .fetch_one(db.store.pool())
    .await
    .unwrap()
}

async fn proposals_are_decided_once_and_listed_while_open(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, takestan) = qazvin_places(tx.as_mut()).await;
    let in_abyek = (qazvin, abyek);
    let in_takestan = (qazvin, takestan);
    let maryam = tx
        .insert_woman(&woman("0013542419", "مریم", in_abyek), "covered", at(1))
        .await
        .unwrap();
    let zahra = tx
        .insert_woman(&woman("0084575948", "زهرا", in_takestan), "covered", at(1))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let sarv = group(db, in_abyek).await;

    let mut tx = db.store.write().await.unwrap();
    let first = proposal(Some(maryam), None, in_abyek, "1405/08/01");
    let for_maryam = tx.insert_exit_proposal(&first).await.unwrap();
    let for_group = tx
        .insert_exit_proposal(&proposal(None, Some(sarv), in_abyek, "1405/08/02"))
        .await
        .unwrap();
    let for_zahra = tx
        .insert_exit_proposal(&proposal(Some(zahra), None, in_takestan, "1405/08/03"))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    assert!(matches!(
        tx.insert_exit_proposal(&proposal(Some(maryam), None, in_abyek, "1405/08/05"))
            .await,
        Err(StoreError::Unique(_))
    ));
    drop(tx);

    let mut tx = db.store.read().await.unwrap();
    let read = tx.exit_proposal_by_id(for_maryam).await.unwrap().unwrap();
    assert_eq!(
        read,
        ExitProposalRow {
            id: for_maryam,
            ..first.clone()
        }
    );
    let open = tx
        .open_exit_proposals(
            PlaceFilter {
                province_id: Some(qazvin),
                county_id: Some(abyek),
            },
            0,
        )
        .await
        .unwrap();
    let listed: Vec<_> = open.iter().map(|p| (p.row.id, p.name.as_str())).collect();
    assert_eq!(
        listed,
        [(for_maryam, "مریم کریمی"), (for_group, "گروه سرو")]
    );
    let everywhere = tx
        .open_exit_proposals(PlaceFilter::default(), 2)
        .await
        .unwrap();
    assert_eq!(everywhere.len(), 2);
    drop(tx);

    let mut tx = db.store.write().await.unwrap();
    assert!(
        tx.decide_exit_proposal(
            for_maryam,
            &decision("returned", "1405/08/04", Some("شواهد کم"))
        )
        .await
        .unwrap()
    );
    // The second decision of the same proposal changes nothing.
    assert!(
        !tx.decide_exit_proposal(for_maryam, &decision("approved", "1405/08/05", None))
            .await
            .unwrap()
    );
    assert!(
        tx.decide_exit_proposal(for_zahra, &decision("approved", "1405/08/06", None))
            .await
            .unwrap()
    );
    // Returned, she may be proposed again.
    let again = tx
        .insert_exit_proposal(&proposal(Some(maryam), None, in_abyek, "1405/09/01"))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let hers = tx.exit_proposals_of_woman(maryam).await.unwrap();
    let states: Vec<_> = hers.iter().map(|p| (p.id, p.state.as_str())).collect();
    assert_eq!(states, [(for_maryam, "returned"), (again, "proposed")]);
    assert_eq!(hers[0].decision_note.as_deref(), Some("شواهد کم"));
    assert_eq!(hers[0].decided_on, Some(day("1405/08/04")));
    assert_eq!(hers[0].decided_at, Some(at(20)));
    let groups = tx.exit_proposals_of_group(sarv).await.unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].group_id, Some(sarv));
    let open = tx
        .open_exit_proposals(PlaceFilter::default(), 0)
        .await
        .unwrap();
    let listed: Vec<_> = open.iter().map(|p| p.row.id).collect();
    assert_eq!(listed, [for_group, again]);
}

hamyar_store::on_both_databases!(proposals_are_decided_once_and_listed_while_open);
