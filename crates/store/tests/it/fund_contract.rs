//! The storage contract of a group's fund (`FundRepo`), on both backends: every row reads
//! back as written (the book's accounts, a cycle, a meeting, a draw with a seed beyond
//! `i64`, a loan with its guarantors and schedule versions, a share-out, the journal); a
//! group has one open cycle at a time and a meeting's key, number and day are its own; the
//! loans owed on a day carry the schedule in force that day and leave out the settled; the
//! journal's sums by group and kind equal the domain's fold of the same lines, in every
//! place; the programme's chart leaves the funds' accounts out while the ledger's check
//! counts them; the export pages through a place's lines by id.

use std::collections::BTreeMap;

use hamyar_app::access::PlaceId;
use hamyar_app::ports::fund::{
    FundCycleId, FundCycleRow, FundLoanId, FundLoanRow, FundLotteryId, FundLotteryRow,
    FundMeetingId, FundMeetingRow, FundShareOutRow, NewFundEntry, ScheduleVersion,
};
use hamyar_app::ports::groups::{GroupId, MembershipRow, PlaceFilter};
use hamyar_app::ports::ledger::{NewLedgerAccount, NewLedgerTransaction, PostingLine};
use hamyar_app::ports::registry::{WomanId, WomanRecord};
use hamyar_app::ports::{Database, StoreError, Tx};
use hamyar_domain::fund::metrics::{
    LoanAtEnd, LoanCounts, MemberCounts, MemberSpan, Period, fold_sums,
};
use hamyar_domain::fund::{Allocation, EntryKind, Instalment, JournalLine, MeetingEvery};
use hamyar_domain::groups::MemberRole;
use hamyar_domain::{JalaliDate, Rials, persian_order, search_key};
use hamyar_store::fixtures::{at, qazvin_places};
use hamyar_store::testing::TestDatabase;

fn day(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

/// Two groups with a fund in Abyek and one in Takestan, each with two members, and a group
/// without a fund.
struct World {
    qazvin: PlaceId,
    abyek: PlaceId,
    takestan: PlaceId,
    /// (group, its county, its two members)
    groups: Vec<(GroupId, PlaceId, [WomanId; 2])>,
    without_fund: GroupId,
}

impl World {
    fn place(&self, index: usize) -> (PlaceId, PlaceId) {
        (self.qazvin, self.groups[index].1)
    }
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

async fn group(db: &TestDatabase, code: &str, name: &str, place: (PlaceId, PlaceId)) -> GroupId {
    sqlx::query_scalar(
        "INSERT INTO hamyar_groups (code, name, name_key, province_id, county_id, locality, \
         business_field, business_field_other, premises, premises_address, stage, notes, \
         created_at, updated_at) VALUES ($1, $2, $2, $3, $4, 'مرکز', \
         'tailoring', '', 'home', '', 'active', '', $5, $5) RETURNING id",
    )
    .bind(code)
    .bind(name)
    .bind(place.0)
    .bind(place.1)
    .bind(hamyar_app::clock::storage_timestamp(at(2)))
    .fetch_one(db.store.pool())
    .await
    .unwrap()
}

fn cycle(group_id: GroupId, place: (PlaceId, PlaceId), number: i64) -> FundCycleRow {
    FundCycleRow {
        id: FundCycleId::default(),
        group_id,
        province_id: place.0,
        county_id: place.1,
        number,
        starts_on: day("1404/01/15"),
        ends_on: day("1405/01/14"),
        share_value_rials: 500_000,
        max_shares: 5,
        meeting_every: MeetingEvery::Fortnightly,
        fee_basis_points: 200,
        loan_limit_multiple: 3,
        max_term_months: 6,
        social_rials: 100_000,
        rules: "هر عضو در هر جلسه یک تا پنج سهم می‌خرد.".into(),
        shared_out_on: None,
        created_by: None,
        created_by_name: "تسهیلگر".into(),
        created_at: at(30),
    }
}

fn meeting(
    cycle: FundCycleId,
    world: &World,
    index: usize,
    number: i64,
    on: &str,
) -> FundMeetingRow {
    let (province_id, county_id) = world.place(index);
    FundMeetingRow {
        id: FundMeetingId::default(),
        cycle_id: cycle,
        group_id: world.groups[index].0,
        province_id,
        county_id,
        number,
        held_on: day(on),
        cash_before_rials: 1_000_000,
        cash_expected_rials: 2_500_000,
        cash_counted_rials: 2_400_000,
        ledger_transaction_id: None,
        idempotency_key: format!("meeting-{cycle}-{number}"),
        note: "صندوق صد هزار ریال کم بود".into(),
        recorded_by: None,
        recorded_by_name: "تسهیلگر".into(),
        recorded_at: at(40 + number),
    }
}

fn instalments(first_due: &str, amounts: &[i64]) -> Vec<Instalment> {
    amounts
        .iter()
        .enumerate()
        .map(|(index, amount)| Instalment {
            number: u16::try_from(index + 1).unwrap(),
            due_on: day(first_due).add_days(30 * i64::try_from(index).unwrap()),
            amount: Rials::new(*amount),
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn loan(
    world: &World,
    index: usize,
    cycle_id: FundCycleId,
    meeting_id: FundMeetingId,
    woman_id: WomanId,
    on: &str,
    principal: i64,
    fee: i64,
) -> FundLoanRow {
    let (province_id, county_id) = world.place(index);
    FundLoanRow {
        id: FundLoanId::default(),
        cycle_id,
        group_id: world.groups[index].0,
        woman_id,
        province_id,
        county_id,
        meeting_id,
        disbursed_on: day(on),
        principal_rials: principal,
        fee_rials: fee,
        term_months: 3,
        allocation: Allocation::Turn,
        lottery_id: None,
        state: "active".into(),
        closed_on: None,
        write_off_reason: None,
        guarantors: Vec::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn entry(
    world: &World,
    index: usize,
    cycle_id: FundCycleId,
    kind: EntryKind,
    woman_id: Option<WomanId>,
    loan_id: Option<FundLoanId>,
    amount: i64,
    on: JalaliDate,
) -> NewFundEntry {
    let (province_id, county_id) = world.place(index);
    NewFundEntry {
        group_id: world.groups[index].0,
        cycle_id,
        province_id,
        county_id,
        meeting_id: None,
        loan_id,
        woman_id,
        kind,
        shares: if kind == EntryKind::Savings { 2 } else { 0 },
        amount_rials: amount,
        happened_on: on,
        ledger_transaction_id: None,
    }
}

async fn world(db: &TestDatabase) -> World {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, takestan) = qazvin_places(tx.as_mut()).await;
    let mut women = Vec::new();
    for (index, (national_id, first)) in [
        ("0013542419", "مریم"),
        ("0084575948", "زهرا"),
        ("0067749828", "فاطمه"),
        ("0075020386", "سمیه"),
        ("0019184638", "لیلا"),
        ("0036485922", "نرگس"),
    ]
    .into_iter()
    .enumerate()
    {
        let county = if index < 4 { abyek } else { takestan };
        women.push(
            tx.insert_woman(
                &woman(national_id, first, (qazvin, county)),
                "covered",
                at(1),
            )
            .await
            .unwrap(),
        );
    }
    tx.commit().await.unwrap();
    let sarv = group(db, "G-1", "گروه سرو", (qazvin, abyek)).await;
    let yas = group(db, "G-2", "گروه یاس", (qazvin, abyek)).await;
    let lale = group(db, "G-3", "گروه لاله", (qazvin, takestan)).await;
    let without_fund = group(db, "G-4", "گروه نرگس", (qazvin, takestan)).await;
    let world = World {
        qazvin,
        abyek,
        takestan,
        groups: vec![
            (sarv, abyek, [women[0], women[1]]),
            (yas, abyek, [women[2], women[3]]),
            (lale, takestan, [women[4], women[5]]),
        ],
        without_fund,
    };
    let mut tx = db.store.write().await.unwrap();
    for (group_id, _, members) in &world.groups {
        for (index, woman_id) in members.iter().enumerate() {
            membership(tx.as_mut(), *group_id, *woman_id, index).await;
        }
    }
    membership(tx.as_mut(), without_fund, women[5], 3).await;
    tx.commit().await.unwrap();
    world
}

/// The second member of each group left; the fourth joined late.
async fn membership(tx: &mut dyn Tx, group_id: GroupId, woman_id: WomanId, index: usize) {
    tx.insert_membership(&MembershipRow {
        id: 0,
        group_id,
        woman_id,
        role: MemberRole::Member,
        joined_on: day(if index == 3 {
            "1404/06/01"
        } else {
            "1404/01/10"
        }),
        left_on: (index == 1).then(|| day("1404/09/01")),
        leave_reason: None,
        leave_note: String::new(),
        created_at: at(3),
        updated_at: at(3),
    })
    .await
    .unwrap();
}

fn fund_account(code: &str, place: (PlaceId, PlaceId)) -> NewLedgerAccount {
    NewLedgerAccount {
        code: code.into(),
        name_fa: format!("حساب {code}"),
        name_en: format!("Account {code}"),
        kind: "asset".into(),
        province_id: Some(place.0),
        county_id: Some(place.1),
        created_at: at(20),
    }
}

async fn every_row_reads_back_as_written(db: &TestDatabase) {
    let world = world(db).await;
    let (sarv, _, [maryam, zahra]) = world.groups[0];
    let place = world.place(0);

    let mut tx = db.store.write().await.unwrap();
    let cash = tx
        .insert_fund_account(sarv, &fund_account("fund.1.cash", place))
        .await
        .unwrap();
    tx.insert_fund_account(sarv, &fund_account("fund.1.bank", place))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.store.write().await.unwrap();
    assert!(matches!(
        tx.insert_fund_account(sarv, &fund_account("fund.1.cash", place)).await,
        Err(StoreError::Unique(name)) if name == "ledger_accounts.code"
    ));
    drop(tx);

    let mut tx = db.store.write().await.unwrap();
    let accounts = tx.fund_accounts(sarv).await.unwrap();
    let codes: Vec<_> = accounts.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(codes, ["fund.1.bank", "fund.1.cash"]);
    assert_eq!(accounts[1].id, cash);
    assert_eq!(accounts[1].name_fa, "حساب fund.1.cash");
    assert_eq!(accounts[1].county_id, Some(place.1));
    assert_eq!(accounts[1].created_at, at(20));
    assert!(
        tx.fund_accounts(world.groups[1].0)
            .await
            .unwrap()
            .is_empty()
    );

    let first = cycle(sarv, place, 1);
    let cycle_id = tx.insert_fund_cycle(&first).await.unwrap();
    assert_eq!(
        tx.fund_cycle(cycle_id).await.unwrap(),
        Some(FundCycleRow {
            id: cycle_id,
            ..first.clone()
        })
    );
    tx.commit().await.unwrap();

    // One open cycle per group; a number once per group.
    let mut tx = db.store.write().await.unwrap();
    assert!(matches!(
        tx.insert_fund_cycle(&cycle(sarv, place, 2)).await,
        Err(StoreError::Unique(name)) if name == "fund_cycles.open"
    ));
    drop(tx);
    let mut tx = db.store.write().await.unwrap();
    let closed_first = FundCycleRow {
        shared_out_on: Some(day("1404/12/20")),
        ..cycle(sarv, place, 1)
    };
    assert!(matches!(
        tx.insert_fund_cycle(&closed_first).await,
        Err(StoreError::Unique(name)) if name == "fund_cycles.number"
    ));
    drop(tx);

    // Meetings: a key, a number and a day once per cycle.
    let mut tx = db.store.write().await.unwrap();
    let first_meeting = meeting(cycle_id, &world, 0, 1, "1404/01/15");
    let meeting_id = tx.insert_fund_meeting(&first_meeting).await.unwrap();
    let second_meeting = meeting(cycle_id, &world, 0, 2, "1404/01/29");
    let second_id = tx.insert_fund_meeting(&second_meeting).await.unwrap();
    tx.commit().await.unwrap();
    for (change, expected) in [
        (
            FundMeetingRow {
                number: 3,
                held_on: day("1404/02/12"),
                ..first_meeting.clone()
            },
            "fund_meetings.idempotency_key",
        ),
        (
            FundMeetingRow {
                idempotency_key: "another".into(),
                held_on: day("1404/02/12"),
                ..first_meeting.clone()
            },
            "fund_meetings.number",
        ),
        (
            FundMeetingRow {
                idempotency_key: "another".into(),
                number: 3,
                ..first_meeting.clone()
            },
            "fund_meetings.held_on",
        ),
    ] {
        let mut tx = db.store.write().await.unwrap();
        match tx.insert_fund_meeting(&change).await {
            Err(StoreError::Unique(name)) => assert_eq!(name, expected),
            other => panic!("expected {expected}, got {other:?}"),
        }
    }

    let mut tx = db.store.write().await.unwrap();
    assert_eq!(
        tx.fund_meeting(meeting_id).await.unwrap(),
        Some(FundMeetingRow {
            id: meeting_id,
            ..first_meeting.clone()
        })
    );
    assert_eq!(
        tx.fund_meeting_by_key(&second_meeting.idempotency_key)
            .await
            .unwrap()
            .map(|m| m.id),
        Some(second_id)
    );
    assert_eq!(tx.fund_meeting_by_key("nobody's").await.unwrap(), None);
    let listed: Vec<_> = tx
        .fund_meetings_of_cycle(cycle_id)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(listed, [meeting_id, second_id]);

    // A draw, its seed beyond i64.
    let draw = FundLotteryRow {
        id: FundLotteryId::default(),
        cycle_id,
        group_id: sarv,
        province_id: place.0,
        county_id: place.1,
        drawn_on: day("1404/01/29"),
        seed: u64::MAX - 7,
        candidates: vec![maryam.get(), zahra.get()],
        seats: 1,
        winners: vec![zahra.get()],
        drawn_by: None,
        drawn_by_name: "تسهیلگر".into(),
        drawn_at: at(50),
    };
    let draw_id = tx.insert_fund_lottery(&draw).await.unwrap();
    assert_eq!(
        tx.fund_lotteries_of_cycle(cycle_id).await.unwrap(),
        [FundLotteryRow {
            id: draw_id,
            ..draw.clone()
        }]
    );

    // Loans: one by the draw with two guarantors, one by turn without.
    let by_lot = FundLoanRow {
        allocation: Allocation::Lottery,
        lottery_id: Some(draw_id),
        guarantors: vec![maryam, world.groups[1].2[0]],
        ..loan(
            &world,
            0,
            cycle_id,
            second_id,
            zahra,
            "1404/01/29",
            3_000_000,
            60_000,
        )
    };
    let schedule = instalments("1404/02/29", &[1_020_000, 1_020_000, 1_020_000]);
    let by_lot_id = tx.insert_fund_loan(&by_lot, &schedule).await.unwrap();
    let by_turn = loan(
        &world,
        0,
        cycle_id,
        meeting_id,
        maryam,
        "1404/01/15",
        1_000_000,
        0,
    );
    let by_turn_id = tx
        .insert_fund_loan(&by_turn, &instalments("1404/02/15", &[1_000_000]))
        .await
        .unwrap();
    let mut read = tx.fund_loan(by_lot_id).await.unwrap().unwrap();
    let mut expected = FundLoanRow {
        id: by_lot_id,
        ..by_lot.clone()
    };
    expected.guarantors.sort();
    assert_eq!(read, expected);
    assert_eq!(tx.fund_loan(FundLoanId::new(9_999)).await.unwrap(), None);
    let loans = tx.fund_loans_of_cycle(cycle_id).await.unwrap();
    assert_eq!(
        loans,
        [
            expected.clone(),
            FundLoanRow {
                id: by_turn_id,
                ..by_turn.clone()
            }
        ]
    );
    assert_eq!(
        tx.fund_schedules(by_lot_id).await.unwrap(),
        [ScheduleVersion {
            version: 1,
            effective_on: day("1404/01/29"),
            reason: String::new(),
            instalments: schedule.clone(),
        }]
    );
    let rescheduled = ScheduleVersion {
        version: 2,
        effective_on: day("1404/03/10"),
        reason: "بیماری فرزند".into(),
        instalments: instalments("1404/04/01", &[500_000, 500_000, 1_040_000, 1_040_000]),
    };
    tx.insert_fund_schedule(by_lot_id, &rescheduled)
        .await
        .unwrap();
    let versions = tx.fund_schedules(by_lot_id).await.unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1], rescheduled);

    // A loan closes once.
    assert!(
        tx.close_fund_loan(by_turn_id, "repaid", day("1404/02/15"), None)
            .await
            .unwrap()
    );
    assert!(
        !tx.close_fund_loan(by_turn_id, "written_off", day("1404/02/16"), Some("x"))
            .await
            .unwrap()
    );
    assert!(
        tx.close_fund_loan(by_lot_id, "written_off", day("1404/08/01"), Some("مهاجرت"))
            .await
            .unwrap()
    );
    read = tx.fund_loan(by_lot_id).await.unwrap().unwrap();
    assert_eq!(read.state, "written_off");
    assert_eq!(read.closed_on, Some(day("1404/08/01")));
    assert_eq!(read.write_off_reason.as_deref(), Some("مهاجرت"));
    let turn = tx.fund_loan(by_turn_id).await.unwrap().unwrap();
    assert_eq!(
        (turn.state.as_str(), turn.write_off_reason),
        ("repaid", None)
    );

    // The journal, in the order written, with and without a woman or a loan.
    let lines = vec![
        NewFundEntry {
            meeting_id: Some(meeting_id),
            ..entry(
                &world,
                0,
                cycle_id,
                EntryKind::Present,
                Some(maryam),
                None,
                0,
                day("1404/01/15"),
            )
        },
        entry(
            &world,
            0,
            cycle_id,
            EntryKind::Savings,
            Some(maryam),
            None,
            1_000_000,
            day("1404/01/15"),
        ),
        entry(
            &world,
            0,
            cycle_id,
            EntryKind::Disbursement,
            Some(zahra),
            Some(by_lot_id),
            3_000_000,
            day("1404/01/29"),
        ),
        entry(
            &world,
            0,
            cycle_id,
            EntryKind::CashDifference,
            None,
            None,
            -100_000,
            day("1404/01/29"),
        ),
    ];
    tx.insert_fund_entries(&lines).await.unwrap();
    tx.insert_fund_entries(&[]).await.unwrap();
    let journal = tx.fund_journal(sarv).await.unwrap();
    let expected: Vec<JournalLine> = lines
        .iter()
        .map(|line| JournalLine {
            cycle_id: line.cycle_id.get(),
            kind: line.kind,
            woman_id: line.woman_id.map(WomanId::get),
            loan_id: line.loan_id.map(FundLoanId::get),
            shares: line.shares,
            amount: line.amount_rials,
            on: line.happened_on,
        })
        .collect();
    assert_eq!(journal, expected);
    assert!(tx.fund_journal(world.groups[1].0).await.unwrap().is_empty());
    let page = tx
        .fund_entries_page(PlaceFilter::default(), None, 0, 10)
        .await
        .unwrap();
    assert_eq!(page.len(), 4);
    assert_eq!(page[0].meeting_id, Some(meeting_id));
    assert_eq!(page[0].group_id, sarv);
    assert_eq!((page[0].province_id, page[0].county_id), place);
    assert_eq!(page[3].line, expected[3]);

    // The share-out closes the cycle once; the next cycle may then open.
    let share_out = FundShareOutRow {
        cycle_id,
        group_id: sarv,
        province_id: place.0,
        county_id: place.1,
        held_on: day("1405/01/10"),
        distributable_rials: 12_345_678,
        total_shares: 42,
        ledger_transaction_id: None,
        recorded_by: None,
        recorded_by_name: "تسهیلگر".into(),
        recorded_at: at(90),
    };
    assert_eq!(tx.fund_share_out(cycle_id).await.unwrap(), None);
    tx.insert_fund_share_out(&share_out).await.unwrap();
    assert_eq!(
        tx.fund_share_out(cycle_id).await.unwrap(),
        Some(share_out.clone())
    );
    assert!(
        tx.close_fund_cycle(cycle_id, day("1405/01/10"))
            .await
            .unwrap()
    );
    assert!(
        !tx.close_fund_cycle(cycle_id, day("1405/01/11"))
            .await
            .unwrap()
    );
    let next = tx.insert_fund_cycle(&cycle(sarv, place, 2)).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let cycles = tx.fund_cycles_of_group(sarv).await.unwrap();
    assert_eq!(
        cycles,
        [
            FundCycleRow {
                id: cycle_id,
                shared_out_on: Some(day("1405/01/10")),
                ..first
            },
            FundCycleRow {
                id: next,
                ..cycle(sarv, place, 2)
            }
        ]
    );
}

/// Three loans in Sarv and one in Lale: one rescheduled, one repaid in full, one partly
/// repaid and written off, one partly repaid.
async fn loans_owed_on_a_day_carry_the_schedule_then_in_force(db: &TestDatabase) {
    let world = world(db).await;
    let (sarv, _, [maryam, zahra]) = world.groups[0];
    let (lale, _, [leila, _]) = world.groups[2];
    let mut tx = db.store.write().await.unwrap();
    let sarv_cycle = tx
        .insert_fund_cycle(&cycle(sarv, world.place(0), 1))
        .await
        .unwrap();
    let lale_cycle = tx
        .insert_fund_cycle(&cycle(lale, world.place(2), 1))
        .await
        .unwrap();
    let sarv_meeting = tx
        .insert_fund_meeting(&meeting(sarv_cycle, &world, 0, 1, "1404/02/01"))
        .await
        .unwrap();
    let lale_meeting = tx
        .insert_fund_meeting(&meeting(lale_cycle, &world, 2, 1, "1404/02/01"))
        .await
        .unwrap();
    let first_schedule = instalments("1404/03/01", &[1_000_000, 1_000_000]);
    let rescheduled = tx
        .insert_fund_loan(
            &loan(
                &world,
                0,
                sarv_cycle,
                sarv_meeting,
                maryam,
                "1404/02/01",
                2_000_000,
                0,
            ),
            &first_schedule,
        )
        .await
        .unwrap();
    let second_schedule = ScheduleVersion {
        version: 2,
        effective_on: day("1404/04/01"),
        reason: "دیرکرد".into(),
        instalments: instalments("1404/04/15", &[500_000, 500_000, 1_000_000]),
    };
    tx.insert_fund_schedule(rescheduled, &second_schedule)
        .await
        .unwrap();
    let repaid = tx
        .insert_fund_loan(
            &loan(
                &world,
                0,
                sarv_cycle,
                sarv_meeting,
                zahra,
                "1404/02/01",
                1_000_000,
                20_000,
            ),
            &instalments("1404/03/01", &[1_020_000]),
        )
        .await
        .unwrap();
    let written_off = tx
        .insert_fund_loan(
            &loan(
                &world,
                0,
                sarv_cycle,
                sarv_meeting,
                zahra,
                "1404/03/01",
                600_000,
                0,
            ),
            &instalments("1404/04/01", &[600_000]),
        )
        .await
        .unwrap();
    let in_lale = tx
        .insert_fund_loan(
            &loan(
                &world,
                2,
                lale_cycle,
                lale_meeting,
                leila,
                "1404/02/01",
                900_000,
                0,
            ),
            &[],
        )
        .await
        .unwrap();
    let lines = [
        entry(
            &world,
            0,
            sarv_cycle,
            EntryKind::Disbursement,
            Some(maryam),
            Some(rescheduled),
            2_000_000,
            day("1404/02/01"),
        ),
        entry(
            &world,
            0,
            sarv_cycle,
            EntryKind::Repayment,
            Some(maryam),
            Some(rescheduled),
            300_000,
            day("1404/03/05"),
        ),
        entry(
            &world,
            0,
            sarv_cycle,
            EntryKind::Repayment,
            Some(zahra),
            Some(repaid),
            520_000,
            day("1404/03/01"),
        ),
        entry(
            &world,
            0,
            sarv_cycle,
            EntryKind::Repayment,
            Some(zahra),
            Some(repaid),
            500_000,
            day("1404/03/20"),
        ),
        // A fee names the loan but settles nothing.
        entry(
            &world,
            0,
            sarv_cycle,
            EntryKind::Fee,
            Some(zahra),
            Some(written_off),
            10_000,
            day("1404/03/01"),
        ),
        entry(
            &world,
            0,
            sarv_cycle,
            EntryKind::Repayment,
            Some(zahra),
            Some(written_off),
            100_000,
            day("1404/04/01"),
        ),
        entry(
            &world,
            0,
            sarv_cycle,
            EntryKind::WriteOff,
            Some(zahra),
            Some(written_off),
            500_000,
            day("1404/05/01"),
        ),
        entry(
            &world,
            2,
            lale_cycle,
            EntryKind::Repayment,
            Some(leila),
            Some(in_lale),
            400_000,
            day("1404/03/01"),
        ),
    ];
    tx.insert_fund_entries(&lines).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let everywhere = PlaceFilter::default();
    let owed = |loans: &[hamyar_app::ports::fund::FundLoanAtDay]| {
        loans
            .iter()
            .map(|l| (l.loan_id, l.owed, l.settled))
            .collect::<Vec<_>>()
    };

    // Before anything was given.
    assert!(
        tx.fund_loans_at(everywhere, day("1404/01/31"))
            .await
            .unwrap()
            .is_empty()
    );

    // 1404/03/10: the first schedule in force; Zahra's first loan still owing 500,000.
    let on = tx
        .fund_loans_at(everywhere, day("1404/03/10"))
        .await
        .unwrap();
    assert_eq!(
        owed(&on),
        [
            (rescheduled, 2_000_000, 300_000),
            (repaid, 1_020_000, 520_000),
            (written_off, 600_000, 0),
            (in_lale, 900_000, 400_000),
        ]
    );
    assert_eq!(on[0].instalments, first_schedule);
    assert_eq!(on[0].group_id, sarv);
    assert_eq!(on[0].woman_id, maryam);
    assert!(on[3].instalments.is_empty());

    // 1404/04/01: the second schedule is in force; Zahra's first loan is repaid.
    let on = tx
        .fund_loans_at(everywhere, day("1404/04/01"))
        .await
        .unwrap();
    assert_eq!(
        owed(&on),
        [
            (rescheduled, 2_000_000, 300_000),
            (written_off, 600_000, 100_000),
            (in_lale, 900_000, 400_000),
        ]
    );
    assert_eq!(on[0].instalments, second_schedule.instalments);
    assert_eq!(on[1].instalments, instalments("1404/04/01", &[600_000]));

    // After the write-off, only the rescheduled loan in Abyek.
    let abyek = PlaceFilter {
        province_id: Some(world.qazvin),
        county_id: Some(world.abyek),
    };
    let on = tx.fund_loans_at(abyek, day("1404/06/01")).await.unwrap();
    assert_eq!(owed(&on), [(rescheduled, 2_000_000, 300_000)]);
    let takestan = PlaceFilter {
        province_id: Some(world.qazvin),
        county_id: Some(world.takestan),
    };
    let on = tx.fund_loans_at(takestan, day("1404/06/01")).await.unwrap();
    assert_eq!(owed(&on), [(in_lale, 900_000, 400_000)]);
}

fn journal_line(line: &NewFundEntry) -> JournalLine {
    JournalLine {
        cycle_id: line.cycle_id.get(),
        kind: line.kind,
        woman_id: line.woman_id.map(WomanId::get),
        loan_id: line.loan_id.map(FundLoanId::get),
        shares: line.shares,
        amount: line.amount_rials,
        on: line.happened_on,
    }
}

/// The kept sums by county (`fund_county_kind_sums`) equal the domain's fold of the lines
/// booked in each county of the place.
async fn assert_county_sums(
    tx: &mut dyn Tx,
    lines: &[NewFundEntry],
    place: PlaceFilter,
    period: Period,
) {
    let kept: BTreeMap<(PlaceId, EntryKind), (i64, i64, i64)> = tx
        .fund_county_kind_sums(place, period.from, period.to)
        .await
        .unwrap()
        .into_iter()
        .map(|s| ((s.county_id, s.kind), (s.before, s.within, s.count_within)))
        .collect();
    let counties: std::collections::BTreeSet<PlaceId> = lines
        .iter()
        .filter(|l| place.province_id.is_none_or(|p| p == l.province_id))
        .filter(|l| place.county_id.is_none_or(|c| c == l.county_id))
        .map(|l| l.county_id)
        .collect();
    let mut folded = BTreeMap::new();
    for county in counties {
        let booked: Vec<JournalLine> = lines
            .iter()
            .filter(|l| l.county_id == county)
            .map(journal_line)
            .collect();
        for (kind, sum) in fold_sums(&booked, period) {
            folded.insert((county, kind), (sum.before, sum.within, sum.count_within));
        }
    }
    assert_eq!(
        kept, folded,
        "{:?}..{:?} by county in {place:?}",
        period.from, period.to
    );
}

/// A year of fortnightly lines in three groups (more than one statement's worth), summed by
/// the store in every place and folded by the domain from each group's journal.
async fn sums_by_kind_equal_the_domains_fold(db: &TestDatabase) {
    let world = world(db).await;
    let mut tx = db.store.write().await.unwrap();
    let mut cycles = Vec::new();
    for (index, (group_id, _, _)) in world.groups.iter().enumerate() {
        cycles.push(
            tx.insert_fund_cycle(&cycle(*group_id, world.place(index), 1))
                .await
                .unwrap(),
        );
    }
    let kinds = [
        EntryKind::Present,
        EntryKind::Absent,
        EntryKind::Savings,
        EntryKind::Social,
        EntryKind::Fine,
        EntryKind::Repayment,
        EntryKind::CashDifference,
        EntryKind::ToBank,
    ];
    let mut lines = Vec::new();
    let start = day("1404/01/15");
    for fortnight in 0..26_i64 {
        let on = start.add_days(14 * fortnight);
        for (index, (_, _, members)) in world.groups.iter().enumerate() {
            for (member, woman_id) in members.iter().enumerate() {
                for (k, kind) in kinds.iter().enumerate() {
                    let seed = fortnight * 31 + i64::try_from(index * 7 + member * 3 + k).unwrap();
                    if seed % 5 == 0 && *kind != EntryKind::Savings {
                        continue;
                    }
                    let amount = match kind {
                        EntryKind::Present | EntryKind::Absent => 0,
                        EntryKind::CashDifference => (seed % 7 - 3) * 10_000,
                        EntryKind::ToBank => (seed % 3 - 1) * 500_000,
                        _ => 100_000 * (seed % 9 + 1),
                    };
                    let woman = kind.is_a_members().then_some(*woman_id);
                    lines.push(entry(
                        &world,
                        index,
                        cycles[index],
                        *kind,
                        woman,
                        None,
                        amount,
                        on,
                    ));
                }
            }
        }
    }
    // Sarv moved to Takestan for its last meetings: its lines there carry the new county.
    for week in 0..3 {
        let on = day("1404/12/01").add_days(7 * week);
        let woman = Some(world.groups[0].2[0]);
        lines.push(NewFundEntry {
            county_id: world.takestan,
            ..entry(
                &world,
                0,
                cycles[0],
                EntryKind::Savings,
                woman,
                None,
                700_000,
                on,
            )
        });
    }
    assert!(lines.len() > 1_000, "{} lines", lines.len());
    // In statements of every size, so that the kept tallies add to rows already there.
    let (first, rest) = lines.split_at(700);
    tx.insert_fund_entries(first).await.unwrap();
    for chunk in rest.chunks(37) {
        tx.insert_fund_entries(chunk).await.unwrap();
    }
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let mut journals = BTreeMap::new();
    let takestan = PlaceFilter {
        province_id: Some(world.qazvin),
        county_id: Some(world.takestan),
    };
    for (group_id, _, _) in &world.groups {
        journals.insert(*group_id, tx.fund_journal(*group_id).await.unwrap());
    }
    // Each group's journal is its lines in the order written.
    let as_line = |line: &NewFundEntry| JournalLine {
        cycle_id: line.cycle_id.get(),
        kind: line.kind,
        woman_id: line.woman_id.map(WomanId::get),
        loan_id: None,
        shares: line.shares,
        amount: line.amount_rials,
        on: line.happened_on,
    };
    for (group_id, journal) in &journals {
        let written: Vec<_> = lines
            .iter()
            .filter(|line| line.group_id == *group_id)
            .map(as_line)
            .collect();
        assert_eq!(journal, &written);
    }
    let everywhere = PlaceFilter::default();
    let abyek = PlaceFilter {
        province_id: Some(world.qazvin),
        county_id: Some(world.abyek),
    };
    let province = PlaceFilter {
        province_id: Some(world.qazvin),
        county_id: None,
    };
    let periods = [
        ("1404/04/01", "1404/06/31"),
        ("1404/10/01", "1404/12/29"),
        ("1404/01/15", "1404/01/15"),
        ("1403/10/01", "1403/12/29"),
        ("1404/10/01", "1405/03/31"),
        ("1404/02/17", "1404/07/03"),
        ("1404/06/31", "1404/07/01"),
        ("1404/03/05", "1404/03/20"),
        ("1404/12/02", "1405/01/01"),
    ];
    for (from, to) in periods {
        let period = Period {
            from: day(from),
            to: day(to),
        };
        for place in [everywhere, province, abyek, takestan] {
            let sums = tx
                .fund_kind_sums(place, period.from, period.to)
                .await
                .unwrap();
            let mut by_group: BTreeMap<GroupId, BTreeMap<EntryKind, (i64, i64, i64)>> =
                BTreeMap::new();
            for sum in &sums {
                let previous = by_group
                    .entry(sum.group_id)
                    .or_default()
                    .insert(sum.kind, (sum.before, sum.within, sum.count_within));
                assert!(previous.is_none(), "one row per group and kind");
            }
            let mut expected = BTreeMap::new();
            for (group_id, _, _) in &world.groups {
                let in_place: Vec<JournalLine> = lines
                    .iter()
                    .filter(|line| {
                        line.group_id == *group_id
                            && place
                                .county_id
                                .is_none_or(|county| county == line.county_id)
                    })
                    .map(as_line)
                    .collect();
                let folded: BTreeMap<EntryKind, (i64, i64, i64)> = fold_sums(&in_place, period)
                    .into_iter()
                    .map(|(kind, sum)| (kind, (sum.before, sum.within, sum.count_within)))
                    .collect();
                if !folded.is_empty() {
                    expected.insert(*group_id, folded);
                }
            }
            assert_eq!(by_group, expected, "{from}..{to} in {place:?}");
            assert_county_sums(tx.as_mut(), &lines, place, period).await;
        }
    }
    tx.commit().await.unwrap();
    // Made again whole from the journal, the tallies read the same.
    db.store.rebuild_dashboard_tallies().await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    for (from, to) in periods {
        let period = Period {
            from: day(from),
            to: day(to),
        };
        for place in [everywhere, province, abyek, takestan] {
            assert_county_sums(tx.as_mut(), &lines, place, period).await;
        }
    }
    assert!(
        tx.check_ledger()
            .await
            .unwrap()
            .fund_tally_differences
            .is_empty()
    );
    drop(tx);

    // `hamyar ledger verify` names a kept day changed by hand, by its day; with the days
    // right again, a kept month changed by hand, by its month; and a kept day with no line.
    let abyek_id = world.abyek.get();
    let tamper = |sql: &'static str| async move {
        sqlx::query(sql)
            .bind(abyek_id)
            .execute(db.store.pool())
            .await
            .unwrap();
    };
    let differences = || async {
        let mut tx = db.store.read().await.unwrap();
        let check = tx.check_ledger().await.unwrap();
        assert_eq!(
            check.is_consistent(),
            check.fund_tally_differences.is_empty()
        );
        check.fund_tally_differences
    };
    // 1404/01/15 is 2025-04-04.
    tamper(
        "UPDATE fund_entry_days SET amount_rials = amount_rials + 1 \
         WHERE county_id = $1 AND kind = 'savings' AND day = '2025-04-04'",
    )
    .await;
    let found = differences().await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (
            found[0].county_id,
            found[0].kind.as_str(),
            found[0].period.as_str()
        ),
        (abyek_id, "savings", "2025-04-04")
    );
    assert_eq!(
        found[0].kept.balance_rials,
        found[0].recomputed.balance_rials + 1
    );
    tamper(
        "UPDATE fund_entry_days SET amount_rials = amount_rials - 1 \
         WHERE county_id = $1 AND kind = 'savings' AND day = '2025-04-04'",
    )
    .await;
    assert!(differences().await.is_empty());
    tamper(
        "UPDATE fund_entry_months SET line_count = line_count + 2 \
         WHERE county_id = $1 AND kind = 'fine' AND month = 140403",
    )
    .await;
    let found = differences().await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].period, "140403");
    assert_eq!(
        found[0].kept.posting_count,
        found[0].recomputed.posting_count + 2
    );
    tamper(
        "UPDATE fund_entry_months SET line_count = line_count - 2 \
         WHERE county_id = $1 AND kind = 'fine' AND month = 140403",
    )
    .await;
    tamper(
        "INSERT INTO fund_entry_days (day, province_id, county_id, kind, amount_rials, \
         line_count) SELECT '2025-01-01', province_id, county_id, kind, 5, 1 \
         FROM fund_entry_days WHERE county_id = $1 AND kind = 'fine' LIMIT 1",
    )
    .await;
    let found = differences().await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].period.as_str(), found[0].recomputed.posting_count),
        ("2025-01-01", 0)
    );
    // A database whose journal has lines and no tallies (one from before migration 0035)
    // gets them when it is migrated.
    for table in ["fund_entry_days", "fund_entry_months"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}")))
            .execute(db.store.pool())
            .await
            .unwrap();
    }
    db.store.migrate().await.unwrap();
    assert!(differences().await.is_empty());
    let mut tx = db.store.read().await.unwrap();
    assert_county_sums(
        tx.as_mut(),
        &lines,
        everywhere,
        Period {
            from: day("1404/02/17"),
            to: day("1404/07/03"),
        },
    )
    .await;

    // The groups with a fund, and their members' spans up to a day.
    let groups = tx.fund_groups(everywhere).await.unwrap();
    let listed: Vec<_> = groups
        .iter()
        .map(|g| (g.group_id, g.name.as_str(), g.county_id))
        .collect();
    assert_eq!(
        listed,
        [
            (world.groups[0].0, "گروه سرو", world.abyek),
            (world.groups[1].0, "گروه یاس", world.abyek),
            (world.groups[2].0, "گروه لاله", world.takestan),
        ]
    );
    assert!(groups.iter().all(|g| g.province_id == world.qazvin));
    assert!(!listed.iter().any(|g| g.0 == world.without_fund));
    let in_takestan = tx
        .fund_groups(PlaceFilter {
            province_id: Some(world.qazvin),
            county_id: Some(world.takestan),
        })
        .await
        .unwrap();
    assert_eq!(in_takestan.len(), 1);

    let spans = tx
        .fund_member_spans(abyek, day("1404/05/01"))
        .await
        .unwrap();
    let listed: Vec<_> = spans
        .iter()
        .map(|s| (s.group_id, s.woman_id, s.left_on))
        .collect();
    assert_eq!(
        listed,
        [
            (world.groups[0].0, world.groups[0].2[0], None),
            (
                world.groups[0].0,
                world.groups[0].2[1],
                Some(day("1404/09/01"))
            ),
            (world.groups[1].0, world.groups[1].2[0], None),
            (
                world.groups[1].0,
                world.groups[1].2[1],
                Some(day("1404/09/01"))
            ),
        ]
    );
    assert!(spans.iter().all(|s| s.joined_on == day("1404/01/10")));
    // The group without a fund is left out, whoever its members are.
    let everyone = tx
        .fund_member_spans(everywhere, day("1405/01/01"))
        .await
        .unwrap();
    assert_eq!(everyone.len(), 6);
    assert!(everyone.iter().all(|s| s.group_id != world.without_fund));
}

async fn the_programmes_chart_leaves_the_funds_out_and_the_check_counts_them(db: &TestDatabase) {
    let world = world(db).await;
    let (sarv, _, _) = world.groups[0];
    let mut tx = db.store.write().await.unwrap();
    let programme = tx
        .insert_ledger_account(&NewLedgerAccount {
            code: "bank.treasury".into(),
            name_fa: "خزانه".into(),
            name_en: "Treasury".into(),
            kind: "asset".into(),
            province_id: None,
            county_id: None,
            created_at: at(5),
        })
        .await
        .unwrap();
    let cash = tx
        .insert_fund_account(sarv, &fund_account("fund.1.cash", world.place(0)))
        .await
        .unwrap();
    let savings = tx
        .insert_fund_account(
            sarv,
            &NewLedgerAccount {
                kind: "equity".into(),
                ..fund_account("fund.1.savings.1", world.place(0))
            },
        )
        .await
        .unwrap();
    tx.post_ledger_transaction(&NewLedgerTransaction {
        idempotency_key: "fund-meeting-1".into(),
        effective_on: "2025-04-04".into(),
        description: "جلسهٔ ۱".into(),
        reverses_id: None,
        recorded_by: None,
        recorded_by_name: "تسهیلگر".into(),
        recorded_at: at(60),
        province_id: Some(world.qazvin),
        county_id: Some(world.abyek),
        postings: vec![
            PostingLine {
                account_id: cash,
                amount_rials: 1_000_000,
            },
            PostingLine {
                account_id: savings,
                amount_rials: -1_000_000,
            },
        ],
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let chart = tx.ledger_accounts().await.unwrap();
    assert_eq!(chart.iter().map(|a| a.id).collect::<Vec<_>>(), [programme]);
    let book: Vec<_> = tx
        .fund_accounts(sarv)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(book, [cash, savings]);
    // Still found by code and id, for posting.
    assert_eq!(
        tx.ledger_account_by_code("fund.1.cash")
            .await
            .unwrap()
            .map(|a| a.id),
        Some(cash)
    );
    let check = tx.check_ledger().await.unwrap();
    assert_eq!(check.accounts_checked, 3);
    assert_eq!(check.transactions_checked, 1);
    assert_eq!(check.postings_checked, 2);
    assert!(check.balance_differences.is_empty());
    assert!(check.unbalanced.is_empty());
}

/// Keyset pages of one county's lines, and of the whole province's up to a day.
async fn the_export_pages_through_a_places_lines(db: &TestDatabase) {
    let world = world(db).await;
    let mut tx = db.store.write().await.unwrap();
    let mut cycles = Vec::new();
    for (index, (group_id, _, _)) in world.groups.iter().enumerate() {
        cycles.push(
            tx.insert_fund_cycle(&cycle(*group_id, world.place(index), 1))
                .await
                .unwrap(),
        );
    }
    let mut lines = Vec::new();
    for week in 0..10 {
        let on = day("1404/02/01").add_days(7 * week);
        for (index, (_, _, members)) in world.groups.iter().enumerate() {
            lines.push(entry(
                &world,
                index,
                cycles[index],
                EntryKind::Savings,
                Some(members[0]),
                None,
                500_000,
                on,
            ));
        }
    }
    tx.insert_fund_entries(&lines).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let takestan = PlaceFilter {
        province_id: Some(world.qazvin),
        county_id: Some(world.takestan),
    };
    let mut seen = Vec::new();
    let mut after = 0;
    loop {
        let page = tx
            .fund_entries_page(takestan, None, after, 3)
            .await
            .unwrap();
        assert!(page.len() <= 3);
        let Some(last) = page.last() else {
            break;
        };
        after = last.id;
        seen.extend(page);
    }
    assert_eq!(seen.len(), 10);
    assert!(seen.windows(2).all(|pair| pair[0].id < pair[1].id));
    assert!(seen.iter().all(|row| row.county_id == world.takestan
        && row.group_id == world.groups[2].0
        && row.line.cycle_id == cycles[2].get()));

    let province = PlaceFilter {
        province_id: Some(world.qazvin),
        county_id: None,
    };
    let up_to = tx
        .fund_entries_page(province, Some(day("1404/02/15")), 0, 100)
        .await
        .unwrap();
    // Weeks 0, 1 and 2 (1404/02/01, /08, /15) in three groups.
    assert_eq!(up_to.len(), 9);
    let abyek = PlaceFilter {
        province_id: Some(world.qazvin),
        county_id: Some(world.abyek),
    };
    let first = tx.fund_entries_page(abyek, None, 0, 4).await.unwrap();
    let rest = tx
        .fund_entries_page(abyek, None, first[3].id, 100)
        .await
        .unwrap();
    assert_eq!(first.len() + rest.len(), 20);
    let elsewhere = PlaceFilter {
        province_id: Some(world.abyek),
        county_id: None,
    };
    assert!(
        tx.fund_entries_page(elsewhere, None, 0, 100)
            .await
            .unwrap()
            .is_empty()
    );
}

/// Random books in the three groups: loans given over a year, repaid in random parts on
/// random days, some rescheduled, some written off, each closed on the day it was settled
/// as the use-cases close them. On many days and in every place, what the store counts by
/// county in SQL (`fund_county_loans`, `fund_county_members`) equals the domain's
/// `LoanCounts::of` and `MemberCounts::of` over the loans and spans it reads group by group.
async fn counts_by_county_equal_the_domains_over_random_books(db: &TestDatabase) {
    let world = world(db).await;
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |below: i64| -> i64 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        i64::try_from(state % u64::try_from(below).unwrap()).unwrap()
    };
    let split = |owed: i64, parts: i64| -> Vec<i64> {
        let mut amounts = vec![owed / parts; usize::try_from(parts).unwrap()];
        amounts[0] += owed - owed / parts * parts;
        amounts
    };
    let schedule = |first_due: JalaliDate, amounts: &[i64]| -> Vec<Instalment> {
        amounts
            .iter()
            .enumerate()
            .map(|(k, amount)| Instalment {
                number: u16::try_from(k + 1).unwrap(),
                due_on: first_due.add_days(30 * i64::try_from(k).unwrap()),
                amount: Rials::new(*amount),
            })
            .collect()
    };
    let end = day("1405/03/31");
    let mut tx = db.store.write().await.unwrap();
    let mut lines = Vec::new();
    for index in 0..world.groups.len() {
        let (group_id, _, members) = world.groups[index];
        let cycle_id = tx
            .insert_fund_cycle(&cycle(group_id, world.place(index), 1))
            .await
            .unwrap();
        let meeting_id = tx
            .insert_fund_meeting(&meeting(cycle_id, &world, index, 1, "1404/01/20"))
            .await
            .unwrap();
        for _ in 0..12 {
            let woman = members[usize::try_from(next(2)).unwrap()];
            let given = day("1404/01/20").add_days(next(300));
            let (principal, fee) = (100_000 * (1 + next(20)), 1_000 * next(40));
            let owed = principal + fee;
            let mut row = loan(
                &world,
                index,
                cycle_id,
                meeting_id,
                woman,
                "1404/01/20",
                principal,
                fee,
            );
            row.disbursed_on = given;
            let first = schedule(given.add_days(30), &split(owed, 1 + next(5)));
            let id = tx.insert_fund_loan(&row, &first).await.unwrap();
            let line = |kind, amount, on| {
                entry(
                    &world,
                    index,
                    cycle_id,
                    kind,
                    Some(woman),
                    Some(id),
                    amount,
                    on,
                )
            };
            lines.push(line(EntryKind::Disbursement, principal, given));
            if fee > 0 {
                lines.push(line(EntryKind::Fee, fee, given));
            }
            if next(4) == 0 {
                let from = given.add_days(20 + next(60));
                tx.insert_fund_schedule(
                    id,
                    &ScheduleVersion {
                        version: 2,
                        effective_on: from,
                        reason: "مهلت تازه".into(),
                        instalments: schedule(from.add_days(15), &split(owed, 1 + next(4))),
                    },
                )
                .await
                .unwrap();
            }
            // A few never pay and are written off; some pay late; most pay as they can.
            let (never, slow) = (next(8) == 0, next(3) == 0);
            let (mut paid, mut on) = (0, given);
            loop {
                on = on.add_days(if slow { 40 + next(60) } else { 10 + next(30) });
                if on > end {
                    break;
                }
                if never {
                    if on > given.add_days(150) {
                        lines.push(line(EntryKind::WriteOff, owed - paid, on));
                        tx.close_fund_loan(id, "written_off", on, Some("تصمیم گروه"))
                            .await
                            .unwrap();
                        break;
                    }
                    continue;
                }
                let part = (100_000 * (1 + next(8))).min(owed - paid);
                lines.push(line(EntryKind::Repayment, part, on));
                paid += part;
                if paid == owed {
                    tx.close_fund_loan(id, "repaid", on, None).await.unwrap();
                    break;
                }
            }
        }
    }
    for chunk in lines.chunks(11) {
        tx.insert_fund_entries(chunk).await.unwrap();
    }
    tx.commit().await.unwrap();

    let county_of = |group: GroupId| world.groups.iter().find(|g| g.0 == group).unwrap().1;
    let places = [
        PlaceFilter::default(),
        PlaceFilter {
            province_id: Some(world.qazvin),
            county_id: None,
        },
        PlaceFilter {
            province_id: Some(world.qazvin),
            county_id: Some(world.abyek),
        },
        PlaceFilter {
            province_id: Some(world.qazvin),
            county_id: Some(world.takestan),
        },
    ];
    let mut tx = db.store.read().await.unwrap();
    let (mut at_risk_seen, mut owing_seen, mut left_seen) = (0, 0, 0);
    // Every day, so that a check falls on each instalment's 30th and 31st day late.
    for step in 0..450 {
        let to = day("1404/01/05").add_days(step);
        let from = to.add_days(-next(120));
        let period = Period { from, to };
        let places = if step % 9 == 0 {
            &places[..]
        } else {
            &places[..1]
        };
        for &place in places {
            let mut loans: BTreeMap<GroupId, Vec<LoanAtEnd>> = BTreeMap::new();
            for l in tx.fund_loans_at(place, to).await.unwrap() {
                loans.entry(l.group_id).or_default().push(LoanAtEnd {
                    woman_id: l.woman_id.get(),
                    owed: l.owed,
                    settled: l.settled,
                    instalments: l.instalments,
                });
            }
            let mut expected: BTreeMap<PlaceId, LoanCounts> = BTreeMap::new();
            for (group, of_group) in &loans {
                let counts = expected.entry(county_of(*group)).or_default();
                *counts = counts.add(&LoanCounts::of(of_group, to));
            }
            let counted: BTreeMap<PlaceId, LoanCounts> = tx
                .fund_county_loans(place, to)
                .await
                .unwrap()
                .into_iter()
                .map(|row| (row.county_id, row.loans))
                .collect();
            assert_eq!(counted, expected, "loans owed on {to:?} in {place:?}");
            at_risk_seen += counted.values().map(|c| c.at_risk).sum::<i64>();
            owing_seen += counted.values().map(|c| c.borrowers).sum::<i64>();

            let mut spans: BTreeMap<GroupId, Vec<MemberSpan>> = BTreeMap::new();
            for span in tx.fund_member_spans(place, to).await.unwrap() {
                spans.entry(span.group_id).or_default().push(MemberSpan {
                    joined_on: span.joined_on,
                    left_on: span.left_on,
                });
            }
            let mut expected: BTreeMap<PlaceId, (i64, MemberCounts)> = BTreeMap::new();
            for group in tx.fund_groups(place).await.unwrap() {
                let of_group = spans.get(&group.group_id).map(Vec::as_slice).unwrap_or(&[]);
                let (groups, counts) = expected.entry(group.county_id).or_default();
                *groups += 1;
                *counts = counts.add(&MemberCounts::of(of_group, period));
            }
            let counted: BTreeMap<PlaceId, (i64, MemberCounts)> = tx
                .fund_county_members(place, from, to)
                .await
                .unwrap()
                .into_iter()
                .map(|row| (row.county_id, (row.groups, row.members)))
                .collect();
            assert_eq!(counted, expected, "members {from:?}..{to:?} in {place:?}");
            left_seen += counted
                .values()
                .map(|(_, c)| c.start - c.stayed)
                .sum::<i64>();
        }
    }
    assert!(at_risk_seen > 0, "some loans were more than 30 days late");
    assert!(owing_seen > 0, "some loans were owed");
    assert!(left_seen > 0, "some members left within a period");
}

hamyar_store::on_both_databases!(
    every_row_reads_back_as_written,
    loans_owed_on_a_day_carry_the_schedule_then_in_force,
    sums_by_kind_equal_the_domains_fold,
    the_programmes_chart_leaves_the_funds_out_and_the_check_counts_them,
    the_export_pages_through_a_places_lines,
    counts_by_county_equal_the_domains_over_random_books,
);
