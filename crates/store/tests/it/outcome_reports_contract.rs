//! The storage contract of the outcome report (`OutcomeReportsRepo`), on both backends,
//! against pairs worked by hand: a woman's baseline is paired with her latest later form
//! taken in the span that has a value for the score (a later form without one, a form after
//! the span and a woman without a baseline give no pair; a merged record none either); the
//! pair is placed in the county of that form, the business field of the group she was in on
//! its day (none when in no group) and the year her first group started (its first stage,
//! or the day she joined when it has none); each score is paired on its own; a county's
//! tally is its own; and the exits as empowered dated in the span and the returns to
//! coverage after one are counted per county.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::assessments::{AssessmentId, AssessmentRow, InstrumentRow};
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::outcome_reports::{ExitCell, OutcomeFilter, PairCell, ScoreRef};
use hamyar_app::ports::registry::{EpisodeRow, WomanId, WomanRecord};
use hamyar_app::ports::{Database, Tx};
use hamyar_domain::registry::{CoverageStatus, ExitReason};
use hamyar_domain::{FiscalYear, JalaliDate, persian_order, search_key};
use hamyar_store::fixtures::{at, qazvin_places};
use hamyar_store::testing::TestDatabase;

fn day(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

const OWN_INCOME: ScoreRef = ScoreRef {
    instrument_code: "household_economics",
    score_code: "own_income",
};
const SELF_ESTEEM: ScoreRef = ScoreRef {
    instrument_code: "rosenberg",
    score_code: "total",
};

struct World {
    qazvin: PlaceId,
    abyek: PlaceId,
    takestan: PlaceId,
    /// Abyek: a1, a2 in `g1` (tailoring, first stage 1402/05/01) since 1403/01/10; a3 in no
    /// group; a4 whose only later form is before the span; merged, a record merged away.
    a: [WomanId; 4],
    merged: WomanId,
    /// Takestan: t1 in `g1` from 1402/06/01 to 1403/01/01, then in `g2` (carpet, no stage
    /// history) from 1404/02/01; t2 without a baseline; t3 in `g2` only, from 1404/02/01.
    t: [WomanId; 3],
}

async fn woman(tx: &mut dyn Tx, national_id: &str, place: (PlaceId, PlaceId)) -> WomanId {
    let first = format!("زن {national_id}");
    tx.insert_woman(
        &WomanRecord {
            national_id: national_id.into(),
            first_name: first.clone(),
            last_name: "احمدی".into(),
            birth_date: "1980-01-01".into(),
            province_id: place.0,
            county_id: place.1,
            locality: "مرکز".into(),
            settlement: "urban".into(),
            address: "خیابان".into(),
            headship_cause: "widow".into(),
            name_key: search_key(&format!("{first} احمدی")),
            name_key_reversed: persian_order(&search_key(&format!("احمدی {first}"))),
            ..WomanRecord::default()
        },
        "covered",
        at(1),
    )
    .await
    .unwrap()
}

async fn group(db: &TestDatabase, code: &str, place: (PlaceId, PlaceId), field: &str) -> GroupId {
    sqlx::query_scalar(
        "INSERT INTO hamyar_groups (code, name, name_key, province_id, county_id, locality, \
         business_field, business_field_other, premises, premises_address, stage, \
         notes, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'مرکز', $6, '', 'home', '', 'active', '', $7, $7) \
         RETURNING id",
    )
    .bind(code)
    .bind(format!("گروه {code}"))
    .bind(search_key(&format!("گروه {code}")))
    .bind(place.0)
    .bind(place.1)
    .bind(field)
    .bind(hamyar_app::clock::storage_timestamp(at(2)))
    .fetch_one(db.store.pool())
    .await
    .unwrap()
}

async fn stage(db: &TestDatabase, group_id: GroupId, stage: &str, on: &str) {
    sqlx::query(
        "INSERT INTO group_stage_history (group_id, stage, inactive_reason, note, effective_on, \
         decided_by, decided_by_name, recorded_at) VALUES ($1, $2, NULL, '', $3, NULL, 'کارشناس', $4)",
    )
    .bind(group_id)
    .bind(stage)
    .bind(day(on).to_iso_string())
    .bind(hamyar_app::clock::storage_timestamp(at(2)))
    .execute(db.store.pool())
    .await
    .unwrap();
}

async fn member(
    db: &TestDatabase,
    group_id: GroupId,
    woman_id: WomanId,
    joined: &str,
    left: Option<&str>,
) {
    sqlx::query(
        "INSERT INTO group_members (group_id, woman_id, role, joined_on, left_on, \
         leave_reason, leave_note, created_at, updated_at) \
         VALUES ($1, $2, 'member', $3, $4, $5, '', $6, $6)",
    )
    .bind(group_id)
    .bind(woman_id)
    .bind(day(joined).to_iso_string())
    .bind(left.map(|left| day(left).to_iso_string()))
    .bind(left.map(|_| "other"))
    .bind(hamyar_app::clock::storage_timestamp(at(2)))
    .execute(db.store.pool())
    .await
    .unwrap();
}

/// One form of `score`'s instrument with that one score.
#[allow(clippy::too_many_arguments)]
async fn form(
    tx: &mut dyn Tx,
    woman_id: WomanId,
    place: (PlaceId, PlaceId),
    score: ScoreRef,
    occasion: &str,
    round: i64,
    taken_on: &str,
    value: Option<i64>,
) {
    tx.insert_assessment(&AssessmentRow {
        id: AssessmentId::default(),
        woman_id,
        province_id: place.0,
        county_id: place.1,
        instrument_code: score.instrument_code.into(),
        instrument_version: 1,
        occasion: occasion.into(),
        round,
        taken_on: day(taken_on),
        complete: value.is_some(),
        answers: "{}".into(),
        scores: vec![(score.score_code.into(), value)],
        source: "form".into(),
        note: None,
        recorded_by: None,
        recorded_by_name: "مددکار".into(),
        recorded_at: at(5),
    })
    .await
    .unwrap();
}

async fn world(db: &TestDatabase) -> World {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, takestan) = qazvin_places(tx.as_mut()).await;
    let (ab, tk) = ((qazvin, abyek), (qazvin, takestan));
    for code in ["household_economics", "rosenberg"] {
        tx.insert_instrument(&InstrumentRow {
            code: code.into(),
            version: 1,
            definition: "{}".into(),
            scheduled: true,
            created_by: None,
            created_by_name: "کارشناس ملی".into(),
            created_at: at(4),
        })
        .await
        .unwrap();
    }
    let mut a = Vec::new();
    for id in ["0013542419", "0084575948", "0067749828", "0021234566"] {
        a.push(woman(tx.as_mut(), id, ab).await);
    }
    let merged = woman(tx.as_mut(), "0051234561", ab).await;
    let mut t = Vec::new();
    for id in ["0031234560", "0041234565", "0061234568"] {
        t.push(woman(tx.as_mut(), id, tk).await);
    }
    tx.set_merged_into(merged, a[0], at(3)).await.unwrap();
    tx.commit().await.unwrap();
    let w = World {
        qazvin,
        abyek,
        takestan,
        a: a.try_into().unwrap(),
        merged,
        t: t.try_into().unwrap(),
    };
    let g1 = group(db, "G-1", ab, "tailoring").await;
    let g2 = group(db, "G-2", tk, "carpet_kilim").await;
    stage(db, g1, "identified", "1402/05/01").await;
    stage(db, g1, "active", "1402/09/01").await;
    for woman_id in [w.a[0], w.a[1], w.merged] {
        member(db, g1, woman_id, "1403/01/10", None).await;
    }
    member(db, g1, w.t[0], "1402/06/01", Some("1403/01/01")).await;
    member(db, g2, w.t[0], "1404/02/01", None).await;
    member(db, g2, w.t[2], "1404/02/01", None).await;

    let mut tx = db.store.write().await.unwrap();
    let i = OWN_INCOME;
    for (woman_id, place, occasion, round, taken_on, value) in [
        (w.a[0], ab, "baseline", 0, "1403/01/15", Some(0)),
        (w.a[0], ab, "follow_up", 1, "1403/07/15", Some(10)),
        (w.a[0], ab, "follow_up", 2, "1404/02/01", Some(50)),
        (w.a[0], ab, "exit", 0, "1405/02/01", Some(90)),
        (w.a[1], ab, "baseline", 0, "1403/01/15", Some(100)),
        (w.a[1], ab, "follow_up", 1, "1404/01/20", Some(80)),
        (w.a[1], ab, "follow_up", 2, "1404/03/01", None),
        (w.a[2], ab, "baseline", 0, "1403/03/01", Some(0)),
        (w.a[2], ab, "follow_up", 1, "1404/05/05", Some(0)),
        (w.a[3], ab, "baseline", 0, "1403/03/01", Some(10)),
        (w.a[3], ab, "follow_up", 1, "1403/09/01", Some(40)),
        (w.merged, ab, "baseline", 0, "1403/03/01", Some(10)),
        (w.merged, ab, "follow_up", 1, "1404/03/01", Some(40)),
        (w.t[0], tk, "baseline", 0, "1403/02/01", Some(20)),
        (w.t[0], tk, "follow_up", 1, "1404/06/01", Some(30)),
        (w.t[1], tk, "follow_up", 1, "1404/06/01", Some(30)),
        (w.t[2], tk, "baseline", 0, "1404/02/10", Some(5)),
        (w.t[2], tk, "after_exit_6", 0, "1404/07/01", Some(5)),
    ] {
        form(
            tx.as_mut(),
            woman_id,
            place,
            i,
            occasion,
            round,
            taken_on,
            value,
        )
        .await;
    }
    // Self-esteem, paired on its own: only a1 has both forms.
    form(
        tx.as_mut(),
        w.a[0],
        ab,
        SELF_ESTEEM,
        "baseline",
        0,
        "1403/01/15",
        Some(15),
    )
    .await;
    form(
        tx.as_mut(),
        w.a[0],
        ab,
        SELF_ESTEEM,
        "follow_up",
        2,
        "1404/02/01",
        Some(20),
    )
    .await;
    form(
        tx.as_mut(),
        w.a[1],
        ab,
        SELF_ESTEEM,
        "follow_up",
        2,
        "1404/02/01",
        Some(20),
    )
    .await;
    tx.commit().await.unwrap();
    w
}

fn filter(province_id: Option<PlaceId>, county_id: Option<PlaceId>) -> OutcomeFilter {
    OutcomeFilter {
        province_id,
        county_id,
        from: day("1404/01/01"),
        until: day("1405/01/01"),
        cohort_years: (1400..=1404)
            .map(|year| (year, FiscalYear::new(year).unwrap().first_day()))
            .collect(),
        placed: true,
    }
}

fn cell(county_id: PlaceId, field: Option<&str>, cohort: Option<i32>, sums: [i64; 5]) -> PairCell {
    PairCell {
        county_id,
        business_field: field.map(str::to_owned),
        cohort,
        women: sums[0],
        baseline_sum: sums[1],
        latest_sum: sums[2],
        positive_at_baseline: sums[3],
        positive_at_latest: sums[4],
    }
}

fn sorted(mut cells: Vec<PairCell>) -> Vec<PairCell> {
    cells.sort_by(|a, b| {
        (a.county_id, &a.business_field, a.cohort).cmp(&(b.county_id, &b.business_field, b.cohort))
    });
    cells
}

/// The pairs of own income in 1404, worked by hand (see `World`).
async fn each_woman_s_baseline_is_paired_with_her_latest_form_in_the_span(db: &TestDatabase) {
    let w = world(db).await;
    let mut tx = db.store.read().await.unwrap();
    let cells = tx
        .outcome_pairs(&filter(Some(w.qazvin), None), OWN_INCOME)
        .await
        .unwrap();
    assert_eq!(
        sorted(cells),
        sorted(vec![
            // a1: 0 → 50 (her exit form is after the span); a2: 100 → 80 (her later form
            // has no value); both in g1, which started in 1402.
            cell(w.abyek, Some("tailoring"), Some(1402), [2, 100, 130, 1, 2]),
            // a3: in no group, 0 → 0.
            cell(w.abyek, None, None, [1, 0, 0, 0, 0]),
            // t1: in g2 on the day of her form, her first group g1 started in 1402.
            cell(
                w.takestan,
                Some("carpet_kilim"),
                Some(1402),
                [1, 20, 30, 1, 1]
            ),
            // t3: g2 has no stage, so the day she joined it: 1404.
            cell(
                w.takestan,
                Some("carpet_kilim"),
                Some(1404),
                [1, 5, 5, 1, 1]
            ),
        ])
    );
    // Unplaced (the catalogue's sheet): the same sums, by county only.
    let unplaced = OutcomeFilter {
        placed: false,
        cohort_years: Vec::new(),
        ..filter(Some(w.qazvin), None)
    };
    assert_eq!(
        sorted(tx.outcome_pairs(&unplaced, OWN_INCOME).await.unwrap()),
        sorted(vec![
            cell(w.abyek, None, None, [3, 100, 130, 1, 2]),
            cell(w.takestan, None, None, [2, 25, 35, 2, 2]),
        ])
    );
    let takestan = tx
        .outcome_pairs(&filter(Some(w.qazvin), Some(w.takestan)), OWN_INCOME)
        .await
        .unwrap();
    assert_eq!(takestan.iter().map(|c| c.women).sum::<i64>(), 2);
    assert!(takestan.iter().all(|c| c.county_id == w.takestan));
    let esteem = tx
        .outcome_pairs(&filter(None, None), SELF_ESTEEM)
        .await
        .unwrap();
    assert_eq!(
        esteem,
        vec![cell(
            w.abyek,
            Some("tailoring"),
            Some(1402),
            [1, 15, 20, 1, 1]
        )]
    );
    let _ = w.a[3];
}

fn episode(
    woman_id: WomanId,
    status: CoverageStatus,
    reason: Option<ExitReason>,
    on: &str,
) -> EpisodeRow {
    EpisodeRow {
        id: 0,
        woman_id,
        status,
        exit_reason: reason,
        started_on: day(on),
        decided_by: None,
        decided_by_name: "کارشناس".into(),
        reason: "تصمیم".into(),
        recorded_at: at(3),
    }
}

/// Exits as empowered in the span, and returns to coverage after one, by county.
async fn graduations_and_returns_are_counted_by_county(db: &TestDatabase) {
    let w = world(db).await;
    let (covered, exited) = (CoverageStatus::Covered, CoverageStatus::Exited);
    let empowered = Some(ExitReason::Empowered);
    let mut tx = db.store.write().await.unwrap();
    for row in [
        episode(w.a[0], exited, empowered, "1404/03/01"),
        episode(w.a[0], covered, None, "1404/09/01"),
        episode(w.t[0], exited, empowered, "1403/10/01"),
        episode(w.t[0], covered, None, "1404/01/15"),
        episode(w.a[1], exited, Some(ExitReason::Moved), "1404/02/01"),
        episode(w.a[1], covered, None, "1404/04/01"),
        episode(w.a[2], exited, empowered, "1404/10/01"),
        episode(w.t[2], exited, empowered, "1405/02/01"),
        episode(w.merged, exited, empowered, "1404/03/01"),
    ] {
        tx.insert_episode(&row).await.unwrap();
    }
    tx.commit().await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    let mut exits = tx
        .outcome_exits(&filter(Some(w.qazvin), None))
        .await
        .unwrap();
    exits.sort_by_key(|cell| cell.county_id);
    let mut expected = vec![
        ExitCell {
            county_id: w.abyek,
            graduated: 2,
            returned: 1,
        },
        ExitCell {
            county_id: w.takestan,
            graduated: 0,
            returned: 1,
        },
    ];
    expected.sort_by_key(|cell| cell.county_id);
    assert_eq!(exits, expected);
    let abyek = tx
        .outcome_exits(&filter(Some(w.qazvin), Some(w.abyek)))
        .await
        .unwrap();
    assert_eq!(abyek.len(), 1);
    assert_eq!(abyek[0].county_id, w.abyek);
}

hamyar_store::on_both_databases!(
    each_woman_s_baseline_is_paired_with_her_latest_form_in_the_span,
    graduations_and_returns_are_counted_by_county,
);
