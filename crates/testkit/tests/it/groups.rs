//! Hamyar groups' use-cases against a real database, on SQLite and on PostgreSQL: a social
//! worker of Takestan forms a group of six registered women and moves it to active; refused
//! moves, overlapping memberships and bad dates change nothing; a county expert of Abyek
//! cannot see Takestan's group; and "active on a date" / "registered in a year" match
//! histories worked out by hand.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::groups::GroupId;
use hamyar_testkit::fixtures::{place, user};
use std::sync::Arc;

use hamyar_app::audit::AuditQuery;
use hamyar_app::groups::{GroupListFilter, StaffInput, StageInput};
use hamyar_app::ports::groups::PlaceFilter;
use hamyar_app::{Actor, App, AppError, AppSettings, FixedClock};
use hamyar_domain::JalaliDate;
use hamyar_domain::groups::{GroupInput, GroupStage, JoinInput, LeaveInput};
use hamyar_domain::registry::WomanInput;
use hamyar_i18n::Lang;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::test_start;

async fn app_on(db: &TestDatabase) -> App {
    let app = App::new(
        db.store.clone(),
        Arc::new(FixedClock::new(test_start())),
        AppSettings::default(),
    );
    app.seed_reference_places().await.unwrap();
    app
}

/// Valid national IDs: nine digits and the check digit.
fn national_id(serial: u32) -> String {
    let body = format!("{:09}", 100_000_000 + serial);
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * (10 - i as u32))
        .sum();
    let remainder = sum % 11;
    let check = if remainder < 2 {
        remainder
    } else {
        11 - remainder
    };
    format!("{body}{check}")
}

const LAST_NAMES: [&str; 10] = [
    "کریمی",
    "احمدی",
    "رضایی",
    "موسوی",
    "حسینی",
    "جعفری",
    "صادقی",
    "نوری",
    "اکبری",
    "رحیمی",
];

async fn register_women(
    app: &App,
    actor: &Actor,
    county: PlaceId,
    first: u32,
    count: u32,
) -> Vec<String> {
    let mut ids = Vec::new();
    for serial in first..first + count {
        let id = national_id(serial);
        let input = WomanInput {
            national_id: id.clone(),
            first_name: "مریم".into(),
            last_name: LAST_NAMES[serial as usize % LAST_NAMES.len()].into(),
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

fn group_input(name: &str, county: PlaceId, identified_on: &str) -> GroupInput {
    GroupInput {
        name: name.into(),
        county: county.to_string(),
        business_field: "tailoring".into(),
        premises: "rented".into(),
        identified_on: identified_on.into(),
        ..GroupInput::default()
    }
}

async fn move_to(app: &App, actor: &Actor, group: GroupId, stage: &str, on: &str) {
    app.move_group_stage(
        actor,
        group,
        &StageInput {
            stage: stage.into(),
            effective_on: on.into(),
            ..StageInput::default()
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{stage} on {on}: {e:?}"));
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

fn fields(error: AppError) -> Vec<&'static str> {
    match error {
        AppError::Invalid(errors) => errors.iter().map(|e| e.field).collect(),
        AppError::Conflict { field, .. } => vec![field],
        other => panic!("expected a form error, got {other:?}"),
    }
}

async fn a_social_worker_forms_a_group_of_six_and_brings_it_to_active(db: &TestDatabase) {
    let app = app_on(db).await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let worker = user(&app, "tk.worker", "social_worker", "ir.qazvin.takestan").await;
    let women = register_women(&app, &worker, takestan, 1, 6).await;

    let id = app
        .create_group(
            &worker,
            &group_input("گروه خیاطی نور", takestan, "1405/09/01"),
        )
        .await
        .unwrap();
    for (i, woman) in women.iter().enumerate() {
        let role = if i == 0 { "head" } else { "member" };
        app.add_group_member(
            &worker,
            id,
            &JoinInput {
                national_id: woman.clone(),
                role: role.into(),
                joined_on: "1405/09/01".into(),
            },
        )
        .await
        .unwrap();
    }
    let page = app.group_page(&worker, id, false, true).await.unwrap();
    assert_eq!(page.group.record.code, "G-0001");
    assert_eq!(page.current_members, 6);
    assert_eq!(page.size_warning, None, "six is within 5–7");
    assert_eq!(page.stage, GroupStage::Identified);
    assert_eq!(
        page.group.social_worker_id, worker.user_id,
        "the founder is its worker"
    );

    // Skipping training is refused with the allowed stages named, and nothing changes.
    let refused = app
        .move_group_stage(
            &worker,
            id,
            &StageInput {
                stage: "active".into(),
                effective_on: "1405/09/05".into(),
                ..StageInput::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(fields(refused), ["stage"]);
    move_to(&app, &worker, id, "trained", "1405/09/02").await;
    move_to(&app, &worker, id, "registered", "1405/09/04").await;
    // A move dated before the last one is refused.
    let early = app
        .move_group_stage(
            &worker,
            id,
            &StageInput {
                stage: "active".into(),
                effective_on: "1405/09/03".into(),
                ..StageInput::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(fields(early), ["effective_on"]);
    move_to(&app, &worker, id, "active", "1405/09/06").await;

    let page = app.group_page(&worker, id, false, false).await.unwrap();
    assert_eq!(page.stage, GroupStage::Active);
    let stages: Vec<&str> = page.stages.iter().map(|s| s.stage.code()).collect();
    assert_eq!(stages, ["identified", "trained", "registered", "active"]);
    // The page names people, never accounts: every stage and the social worker's duty keep
    // the display name of whoever acted.
    let deciders: Vec<&str> = page
        .stages
        .iter()
        .map(|s| s.decided_by_name.as_str())
        .collect();
    assert_eq!(deciders, ["کاربر tk.worker"; 4]);
    let worker_duty = &page.staff[0];
    assert_eq!(
        (
            worker_duty.user_name.as_str(),
            worker_duty.assigned_by_name.as_str()
        ),
        ("کاربر tk.worker", "کاربر tk.worker")
    );
    assert_eq!(audit_count(&app, "group.stage").await, 3);
    assert_eq!(audit_count(&app, "group.member_join").await, 6);
    assert_eq!(
        audit_count(&app, "group.view").await,
        1,
        "a redraw is not a view"
    );

    // A seventh and an eighth member: the page warns, never blocks.
    for woman in register_women(&app, &worker, takestan, 7, 2).await {
        app.add_group_member(
            &worker,
            id,
            &JoinInput {
                national_id: woman,
                role: "member".into(),
                joined_on: "1405/09/07".into(),
            },
        )
        .await
        .unwrap();
    }
    let page = app.group_page(&worker, id, false, false).await.unwrap();
    assert_eq!(page.current_members, 8);
    assert!(
        Lang::Fa
            .message(&page.size_warning.unwrap().message)
            .contains("۷")
    );

    let listed = app
        .list_groups(&worker, &GroupListFilter::default(), false)
        .await
        .unwrap();
    assert_eq!(listed.rows.len(), 1);
    assert_eq!(
        listed
            .counts
            .iter()
            .find(|(s, _)| *s == GroupStage::Active)
            .unwrap()
            .1,
        1
    );
}

async fn the_county_expert_of_abyek_cannot_see_the_takestan_group(db: &TestDatabase) {
    let app = app_on(db).await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let worker = user(&app, "tk.worker", "social_worker", "ir.qazvin.takestan").await;
    let abyek_expert = user(&app, "ab.expert", "county_expert", "ir.qazvin.abyek").await;
    let provincial = user(&app, "qz.expert", "provincial_expert", "ir.qazvin").await;
    let id = app
        .create_group(&worker, &group_input("گروه گلیم", takestan, ""))
        .await
        .unwrap();

    assert!(matches!(
        app.group_page(&abyek_expert, id, false, true).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.move_group_stage(
            &abyek_expert,
            id,
            &StageInput {
                stage: "trained".into(),
                effective_on: "1405/09/08".into(),
                ..StageInput::default()
            }
        )
        .await,
        Err(AppError::NotFound)
    ));
    let abyek_list = app
        .list_groups(&abyek_expert, &GroupListFilter::default(), false)
        .await
        .unwrap();
    assert!(abyek_list.rows.is_empty());
    assert_eq!(abyek_list.total, 0);
    let provincial_list = app
        .list_groups(&provincial, &GroupListFilter::default(), false)
        .await
        .unwrap();
    assert_eq!(
        provincial_list.rows.len(),
        1,
        "the province sees its counties"
    );
    // Narrowing a report to another county is refused, not answered with zero.
    let elsewhere = app
        .groups_active_on(
            &abyek_expert,
            Some(PlaceFilter {
                province_id: None,
                county_id: Some(takestan),
            }),
            JalaliDate::new(1405, 9, 8).unwrap(),
        )
        .await;
    assert!(matches!(elsewhere, Err(AppError::NotFound)));
}

async fn memberships_may_not_overlap_unless_the_province_allows_two_groups(db: &TestDatabase) {
    let app = app_on(db).await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let qazvin = place(&app, "ir.qazvin").await;
    let worker = user(&app, "tk.worker", "social_worker", "ir.qazvin.takestan").await;
    let expert = user(&app, "qz.expert", "provincial_expert", "ir.qazvin").await;
    let woman = register_women(&app, &worker, takestan, 20, 1)
        .await
        .remove(0);
    let first = app
        .create_group(&worker, &group_input("گروه یک", takestan, ""))
        .await
        .unwrap();
    let second = app
        .create_group(&worker, &group_input("گروه دو", takestan, ""))
        .await
        .unwrap();
    let join = |on: &str| JoinInput {
        national_id: woman.clone(),
        role: "member".into(),
        joined_on: on.into(),
    };
    let membership = app
        .add_group_member(&worker, first, &join("1405/08/01"))
        .await
        .unwrap();
    let again = app
        .add_group_member(&worker, first, &join("1405/08/10"))
        .await;
    assert_eq!(fields(again.unwrap_err()), ["national_id"]);
    let refused = app
        .add_group_member(&worker, second, &join("1405/08/10"))
        .await;
    assert_eq!(fields(refused.unwrap_err()), ["national_id"]);
    assert_eq!(
        audit_count(&app, "group.member_join").await,
        1,
        "nothing written"
    );

    // Leaving before joining is refused; leaving frees her for the other group that day.
    let bad_leave = app
        .end_group_membership(
            &worker,
            first,
            membership,
            &LeaveInput {
                left_on: "1405/07/30".into(),
                leave_reason: "moved".into(),
                leave_note: String::new(),
            },
        )
        .await;
    assert_eq!(fields(bad_leave.unwrap_err()), ["left_on"]);
    app.end_group_membership(
        &worker,
        first,
        membership,
        &LeaveInput {
            left_on: "1405/08/20".into(),
            leave_reason: "conflict".into(),
            leave_note: String::new(),
        },
    )
    .await
    .unwrap();
    let before_leaving = app
        .add_group_member(&worker, second, &join("1405/08/19"))
        .await;
    assert_eq!(fields(before_leaving.unwrap_err()), ["national_id"]);
    app.add_group_member(&worker, second, &join("1405/08/20"))
        .await
        .unwrap();

    // With the province's permission, a third group at the same time is accepted.
    let third = app
        .create_group(&worker, &group_input("گروه سه", takestan, ""))
        .await
        .unwrap();
    assert!(
        app.add_group_member(&worker, third, &join("1405/09/01"))
            .await
            .is_err()
    );
    let refused_setting = app
        .set_group_settings(&worker, qazvin, "5", "7", true)
        .await;
    assert!(matches!(refused_setting, Err(AppError::Forbidden)));
    let bad_limits = app
        .set_group_settings(&expert, qazvin, "8", "6", true)
        .await;
    assert_eq!(fields(bad_limits.unwrap_err()), ["max"]);
    app.set_group_settings(&expert, qazvin, "4", "9", true)
        .await
        .unwrap();
    app.add_group_member(&worker, third, &join("1405/09/01"))
        .await
        .unwrap();
    assert_eq!(audit_count(&app, "settings.groups").await, 1);

    // Staff: only a facilitator of the county can be the facilitator.
    let facilitator = user(&app, "tk.facilitator", "facilitator", "ir.qazvin.takestan").await;
    let wrong = app
        .assign_group_staff(
            &worker,
            first,
            &StaffInput {
                duty: "facilitator".into(),
                user: worker.user_id.unwrap().to_string(),
                from_on: "1405/09/01".into(),
            },
        )
        .await;
    assert_eq!(fields(wrong.unwrap_err()), ["user"]);
    app.assign_group_staff(
        &worker,
        first,
        &StaffInput {
            duty: "facilitator".into(),
            user: facilitator.user_id.unwrap().to_string(),
            from_on: "1405/09/01".into(),
        },
    )
    .await
    .unwrap();
    let page = app.group_page(&worker, first, false, false).await.unwrap();
    assert_eq!(page.group.facilitator_id, facilitator.user_id);
}

/// Two groups with histories entered after the fact, and the answers worked out by hand:
///
/// | group | identified | trained | registered | funded | active | later |
/// |---|---|---|---|---|---|---|
/// | A | 1403/01/01 | 1403/02/01 | 1403/03/01 | — | 1403/05/01 | inactive 1404/01/10, reactivated 1404/03/01 |
/// | B | 1402/10/01 | 1402/11/01 | 1402/12/20 | 1403/01/05 | 1403/01/15 | dissolved 1403/06/01 |
/// | C | 1405/09/01 | — | — | — | — | — |
async fn active_on_a_date_and_registered_in_a_year_follow_the_histories(db: &TestDatabase) {
    let app = app_on(db).await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let worker = user(&app, "tk.worker", "social_worker", "ir.qazvin.takestan").await;
    let abyek_expert = user(&app, "ab.expert", "county_expert", "ir.qazvin.abyek").await;
    let a = app
        .create_group(&worker, &group_input("الف", takestan, "1403/01/01"))
        .await
        .unwrap();
    for (stage, on) in [
        ("trained", "1403/02/01"),
        ("registered", "1403/03/01"),
        ("active", "1403/05/01"),
    ] {
        move_to(&app, &worker, a, stage, on).await;
    }
    app.move_group_stage(
        &worker,
        a,
        &StageInput {
            stage: "inactive".into(),
            effective_on: "1404/01/10".into(),
            inactive_reason: "market".into(),
            note: String::new(),
        },
    )
    .await
    .unwrap();
    move_to(&app, &worker, a, "reactivated", "1404/03/01").await;
    let b = app
        .create_group(&worker, &group_input("ب", takestan, "1402/10/01"))
        .await
        .unwrap();
    for (stage, on) in [
        ("trained", "1402/11/01"),
        ("registered", "1402/12/20"),
        ("funded", "1403/01/05"),
        ("active", "1403/01/15"),
        ("dissolved", "1403/06/01"),
    ] {
        move_to(&app, &worker, b, stage, on).await;
    }
    app.create_group(&worker, &group_input("ج", takestan, "1405/09/01"))
        .await
        .unwrap();

    let active_on = |y, m, d| {
        let app = app.clone();
        let worker = worker.clone();
        async move {
            app.groups_active_on(&worker, None, JalaliDate::new(y, m, d).unwrap())
                .await
                .unwrap()
                .group_ids
        }
    };
    assert_eq!(active_on(1403, 1, 14).await, Vec::<GroupId>::new());
    assert_eq!(active_on(1403, 1, 15).await, [b]);
    assert_eq!(active_on(1403, 4, 31).await, [b]);
    assert_eq!(active_on(1403, 5, 1).await, [a, b]);
    assert_eq!(active_on(1403, 5, 31).await, [a, b]);
    assert_eq!(active_on(1403, 6, 1).await, [a], "dissolved that day");
    assert_eq!(active_on(1404, 1, 9).await, [a]);
    assert_eq!(
        active_on(1404, 1, 10).await,
        Vec::<GroupId>::new(),
        "inactive that day"
    );
    assert_eq!(
        active_on(1404, 3, 1).await,
        [a],
        "reactivated counts as active"
    );
    assert_eq!(active_on(1405, 9, 8).await, [a]);
    // The count the group list shows: today's from the current stages, a past day's from
    // the histories — the same numbers.
    for (day, expected) in [
        (app.today(), 1),
        (app.today().add_days(30), 1),
        (JalaliDate::new(1403, 5, 1).unwrap(), 2),
        (JalaliDate::new(1404, 1, 10).unwrap(), 0),
    ] {
        let count = app
            .groups_active_count_on(&worker, None, day)
            .await
            .unwrap();
        assert_eq!(count, expected, "{day}");
    }

    let registered = |year| {
        let app = app.clone();
        let worker = worker.clone();
        async move {
            app.groups_registered_in_year(&worker, None, year)
                .await
                .unwrap()
                .group_ids
        }
    };
    assert_eq!(registered(1402).await, [b]);
    assert_eq!(registered(1403).await, [a]);
    assert_eq!(registered(1404).await, Vec::<GroupId>::new());
    assert_eq!(registered(1405).await, Vec::<GroupId>::new());

    // Abyek's expert counts only Abyek's groups: none.
    let abyek = app
        .groups_registered_in_year(&abyek_expert, None, 1403)
        .await
        .unwrap();
    assert_eq!(abyek.count, 0);
    // The identification date cannot be in the future.
    let future = app
        .create_group(&worker, &group_input("د", takestan, "1405/10/01"))
        .await;
    assert_eq!(fields(future.unwrap_err()), ["identified_on"]);
}

async fn a_bad_group_form_reports_every_field_and_writes_nothing(db: &TestDatabase) {
    let app = app_on(db).await;
    let worker = user(&app, "tk.worker", "social_worker", "ir.qazvin.takestan").await;
    let abyek = place(&app, "ir.qazvin.abyek").await;
    let error = app
        .create_group(
            &worker,
            &GroupInput {
                code: "کد؟".into(),
                county: abyek.to_string(),
                business_field: "astronomy".into(),
                ..GroupInput::default()
            },
        )
        .await
        .unwrap_err();
    let mut refused = fields(error);
    refused.sort_unstable();
    assert_eq!(refused, ["code", "county", "name", "premises"]);
    let unknown_field = app
        .create_group(
            &worker,
            &GroupInput {
                name: "گروه".into(),
                county: place(&app, "ir.qazvin.takestan").await.to_string(),
                business_field: "astronomy".into(),
                premises: "home".into(),
                ..GroupInput::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(fields(unknown_field), ["business_field"]);
    assert_eq!(audit_count(&app, "group.create").await, 0);
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let mut coded = group_input("گروه کددار", takestan, "");
    coded.code = "tk-1".into();
    app.create_group(&worker, &coded).await.unwrap();
    let taken = app.create_group(&worker, &coded).await.unwrap_err();
    assert_eq!(fields(taken), ["code"]);
}

/// A group's pages name its members to its county's staff, so a woman of another county
/// cannot join it, not even through the province's expert who sees both.
async fn a_woman_joins_only_a_group_of_her_own_county(db: &TestDatabase) {
    let app = app_on(db).await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let abyek = place(&app, "ir.qazvin.abyek").await;
    let provincial = user(&app, "qz.expert", "provincial_expert", "ir.qazvin").await;
    let takestan_woman = register_women(&app, &provincial, takestan, 30, 1)
        .await
        .remove(0);
    let abyek_woman = register_women(&app, &provincial, abyek, 31, 1)
        .await
        .remove(0);
    let group = app
        .create_group(&provincial, &group_input("گروه آبیک", abyek, ""))
        .await
        .unwrap();
    let join = |national_id: &str| JoinInput {
        national_id: national_id.to_owned(),
        role: "member".into(),
        joined_on: "1405/08/01".into(),
    };
    let refused = app
        .add_group_member(&provincial, group, &join(&takestan_woman))
        .await
        .unwrap_err();
    assert_eq!(fields(refused), vec!["national_id"]);
    assert_eq!(audit_count(&app, "group.member_join").await, 0);
    app.add_group_member(&provincial, group, &join(&abyek_woman))
        .await
        .unwrap();
    assert_eq!(audit_count(&app, "group.member_join").await, 1);
}

hamyar_store::on_both_databases!(
    a_woman_joins_only_a_group_of_her_own_county,
    a_social_worker_forms_a_group_of_six_and_brings_it_to_active,
    the_county_expert_of_abyek_cannot_see_the_takestan_group,
    memberships_may_not_overlap_unless_the_province_allows_two_groups,
    active_on_a_date_and_registered_in_a_year_follow_the_histories,
    a_bad_group_form_reports_every_field_and_writes_nothing,
);
