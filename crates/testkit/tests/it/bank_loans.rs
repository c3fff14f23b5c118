//! Bank self-employment loans through the use-cases, on SQLite and on PostgreSQL: a referral
//! disbursed by the bank appears in the woman's facility history and a later grant or
//! referral within the window is warned about it; a warning writes nothing but its showing
//! until the expert confirms; instalments in any digits bring arrears down and the last one (or
//! an early settlement) settles the loan; a withdrawal after the payout withdraws the facility
//! row and it stops counting; a group is referred as its members; bad input and other places
//! change nothing.
//!
//! Today is the fixed clock's 1405/09/08 (2026-11-29). The county expert of Takestan refers.

use std::sync::Arc;

use hamyar_app::access::PlaceId;
use hamyar_app::audit::AuditQuery;
use hamyar_app::bank_loans::ReferralOutcome;
use hamyar_app::ports::bank_loans::BankLoanId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::{Actor, App, AppError, AppSettings, FixedClock};
use hamyar_domain::bank_loans::events::StepInput;
use hamyar_domain::bank_loans::{GuarantorInput, LoanStatus, ReferralInput};
use hamyar_domain::facilities::{DeclarationInput, FacilityBody, FacilityKind, FacilitySource};
use hamyar_domain::groups::JoinInput;
use hamyar_domain::{JalaliDate, Rials};
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::{GroupBuilder, WomanBuilder};
use hamyar_testkit::fixtures::{place, user};
use hamyar_testkit::test_start;

struct World {
    app: App,
    takestan: PlaceId,
    expert: Actor,
    social_worker: Actor,
    abyek_expert: Actor,
    /// Two Takestan women and one of Abyek.
    maryam: WomanId,
    zahra: WomanId,
    abyek_woman: WomanId,
}

async fn world(db: &TestDatabase) -> World {
    let clock = Arc::new(FixedClock::new(test_start()));
    let app = App::new(db.store.clone(), clock, AppSettings::default());
    app.seed_reference_places().await.unwrap();
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let abyek = place(&app, "ir.qazvin.abyek").await;
    let expert = user(&app, "t.expert", "county_expert", "ir.qazvin.takestan").await;
    let social_worker = user(&app, "t.worker", "social_worker", "ir.qazvin.takestan").await;
    let abyek_expert = user(&app, "a.expert", "county_expert", "ir.qazvin.abyek").await;
    let maryam = WomanBuilder::new(&app, &social_worker, takestan, "0013542419")
        .first_name("مریم")
        .register()
        .await;
    let zahra = WomanBuilder::new(&app, &social_worker, takestan, "0084575948")
        .first_name("زهرا")
        .register()
        .await;
    let abyek_woman = WomanBuilder::new(&app, &abyek_expert, abyek, "0067749828")
        .first_name("فاطمه")
        .register()
        .await;
    World {
        app,
        takestan,
        expert,
        social_worker,
        abyek_expert,
        maryam,
        zahra,
        abyek_woman,
    }
}

fn day(year: i32, month: u8, day: u8) -> JalaliDate {
    JalaliDate::new(year, month, day).unwrap()
}

fn form(referred_on: &str) -> ReferralInput {
    ReferralInput {
        bank: "mehr_iran".into(),
        amount: "۱۲۰٬۰۰۰٬۰۰۰".into(),
        term_months: "۱۲".into(),
        referred_on: referred_on.into(),
        note: "خرید چرخ خیاطی".into(),
        guarantors: vec![GuarantorInput {
            name: "علی احمدی".into(),
            national_id: "0067749828".into(),
            ..GuarantorInput::default()
        }],
        ..ReferralInput::default()
    }
}

fn step(decision: &str, on: &str, amount: &str, note: &str) -> StepInput {
    StepInput {
        decision: decision.into(),
        on: on.into(),
        amount: amount.into(),
        note: note.into(),
    }
}

fn referred(outcome: ReferralOutcome) -> Vec<BankLoanId> {
    match outcome {
        ReferralOutcome::Referred(ids) => ids,
        ReferralOutcome::Warned(warnings) => panic!("unexpected warning: {warnings:?}"),
    }
}

fn invalid_fields(error: AppError) -> Vec<&'static str> {
    match error {
        AppError::Invalid(errors) => errors.iter().map(|e| e.field).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

async fn audit_count(app: &App, action: &str) -> usize {
    app.browse_audit(
        &Actor::console(),
        &AuditQuery {
            action: Some(action.into()),
            page_size: 100,
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .len()
}

/// Refers Maryam on 1405/06/01, approved on 06/10 and paid out on 06/15.
async fn disbursed(w: &World) -> BankLoanId {
    let id = referred(
        w.app
            .refer_to_bank(&w.expert, w.maryam, &form("1405/06/01"), false)
            .await
            .unwrap(),
    )[0];
    w.app
        .record_bank_decision(&w.expert, id, &step("approved", "1405/06/10", "", ""))
        .await
        .unwrap();
    w.app
        .record_bank_disbursement(&w.expert, id, &step("", "۱۴۰۵/۰۶/۱۵", "", ""))
        .await
        .unwrap();
    id
}

async fn a_disbursed_bank_loan_is_in_her_history_and_a_later_grant_or_referral_is_warned(
    db: &TestDatabase,
) {
    let w = world(db).await;
    let id = disbursed(&w).await;
    let history = w.app.facility_history(&w.expert, w.maryam).await.unwrap();
    assert_eq!(history.len(), 1);
    let entry = &history[0];
    assert_eq!(entry.source, FacilitySource::Referral);
    assert_eq!(entry.body, FacilityBody::Bank);
    assert_eq!(entry.kind, FacilityKind::Loan);
    assert_eq!(entry.amount, Rials::new(120_000_000));
    assert_eq!(entry.granted_on, day(1405, 6, 15));
    assert!(entry.body_name.contains("مهر ایران"), "{}", entry.body_name);
    assert!(entry.note.contains(&id.to_string()), "{}", entry.note);

    // A grant today would be warned about the loan.
    let warnings = w
        .app
        .support_warnings(&w.expert, &[w.maryam], day(1405, 9, 8))
        .await
        .unwrap();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].prior[0].source, FacilitySource::Referral);

    // So would a second referral: nothing is written until the expert confirms.
    let shown_before = audit_count(&w.app, "woman.view_facilities").await;
    let outcome = w
        .app
        .refer_to_bank(&w.expert, w.maryam, &form(""), false)
        .await
        .unwrap();
    let ReferralOutcome::Warned(warnings) = outcome else {
        panic!("expected the double-support warning, got {outcome:?}");
    };
    assert_eq!(warnings[0].woman_id, w.maryam);
    assert_eq!(warnings[0].prior.len(), 1);
    assert_eq!(
        w.app
            .bank_loans_of_woman(&w.expert, w.maryam)
            .await
            .unwrap()
            .loans
            .len(),
        1
    );
    assert_eq!(
        audit_count(&w.app, "woman.view_facilities").await,
        shown_before + 1,
        "the warning is a showing of her history"
    );
    let second = referred(
        w.app
            .refer_to_bank(&w.expert, w.maryam, &form(""), true)
            .await
            .unwrap(),
    )[0];
    let view = w.app.bank_loan(&w.expert, second, true).await.unwrap();
    assert_eq!(view.loan.warned_facilities, 1);
    assert_eq!(view.loan.status, LoanStatus::Referred);
    assert_eq!(
        view.repayment.fee,
        Rials::new(4_800_000),
        "4 % of the amount asked"
    );
    assert_eq!(audit_count(&w.app, "bank_loan.refer").await, 2);
    assert_eq!(audit_count(&w.app, "bank_loan.view").await, 1);
}

async fn a_declared_support_warns_before_the_first_referral(db: &TestDatabase) {
    let w = world(db).await;
    w.app
        .declare_facility(
            &w.social_worker,
            w.zahra,
            &DeclarationInput {
                body: "relief_committee".into(),
                kind: "grant".into(),
                amount: "30000000".into(),
                granted_on: "1405/03/01".into(),
                ..DeclarationInput::default()
            },
        )
        .await
        .unwrap();
    let outcome = w
        .app
        .refer_to_bank(&w.expert, w.zahra, &form(""), false)
        .await
        .unwrap();
    assert!(matches!(outcome, ReferralOutcome::Warned(ref warnings) if warnings.len() == 1));
    assert_eq!(audit_count(&w.app, "bank_loan.refer").await, 0);
    // Maryam has no earlier support: referred at once.
    let ids = referred(
        w.app
            .refer_to_bank(&w.expert, w.maryam, &form(""), false)
            .await
            .unwrap(),
    );
    assert_eq!(ids.len(), 1);
}

async fn instalments_bring_arrears_down_and_the_balance_settles_the_loan(db: &TestDatabase) {
    let w = world(db).await;
    let id = disbursed(&w).await;
    // 120,000,000 + 4,800,000 over 12 months: 10,400,000 a month from 1405/07/15.
    let view = w.app.bank_loan(&w.expert, id, false).await.unwrap();
    assert_eq!(view.loan.status, LoanStatus::Disbursed);
    assert_eq!(view.repayment.total, Rials::new(124_800_000));
    assert_eq!(view.repayment.schedule[0].due_on, day(1405, 7, 15));
    assert_eq!(view.repayment.schedule[0].amount, Rials::new(10_400_000));
    assert_eq!(
        view.repayment.arrears.instalments, 2,
        "Mehr and Aban are due"
    );

    w.app
        .record_bank_instalment(&w.expert, id, &step("", "1405/07/14", "۱۰٬۴۰۰٬۰۰۰", ""))
        .await
        .unwrap();
    let view = w.app.bank_loan(&w.expert, id, false).await.unwrap();
    assert_eq!(view.loan.status, LoanStatus::Repaying);
    assert_eq!(view.repayment.arrears.instalments, 1);
    assert_eq!(view.repayment.arrears.rials, Rials::new(10_400_000));
    assert_eq!(view.instalments[0].paid_on, day(1405, 7, 14));

    // More than she owes, or before the payout, is refused and changes nothing.
    for (on, amount) in [("", "200000000"), ("1405/06/14", "1000")] {
        let error = w
            .app
            .record_bank_instalment(&w.expert, id, &step("", on, amount, ""))
            .await
            .unwrap_err();
        assert!(!invalid_fields(error).is_empty());
    }
    assert_eq!(audit_count(&w.app, "bank_loan.instalment").await, 1);

    w.app
        .settle_bank_loan(&w.expert, id, &step("", "1405/09/01", "", "تسویه زودهنگام"))
        .await
        .unwrap();
    let view = w.app.bank_loan(&w.expert, id, false).await.unwrap();
    assert_eq!(view.loan.status, LoanStatus::Settled);
    assert_eq!(view.loan.closed_on, Some(day(1405, 9, 1)));
    assert_eq!(view.repayment.owed, Rials::zero());
    assert_eq!(view.instalments.len(), 2);
    assert_eq!(view.instalments[1].amount_rials, 124_800_000 - 10_400_000);
    let error = w
        .app
        .record_bank_instalment(&w.expert, id, &step("", "", "1000", ""))
        .await
        .unwrap_err();
    assert_eq!(invalid_fields(error), ["status"]);
    // A settled loan still counts as support she received.
    let history = w.app.facility_history(&w.expert, w.maryam).await.unwrap();
    assert_eq!(history[0].withdrawn_on, None);
}

async fn a_withdrawal_after_the_payout_withdraws_it_from_her_history(db: &TestDatabase) {
    let w = world(db).await;
    let id = disbursed(&w).await;
    let error = w
        .app
        .withdraw_bank_loan(&w.expert, id, &step("", "", "", " "))
        .await
        .unwrap_err();
    assert_eq!(invalid_fields(error), ["note"], "a withdrawal says why");
    w.app
        .withdraw_bank_loan(&w.expert, id, &step("", "1405/07/01", "", "ثبت اشتباه"))
        .await
        .unwrap();
    let history = w.app.facility_history(&w.expert, w.maryam).await.unwrap();
    assert_eq!(history.len(), 1, "withdrawn, never deleted");
    assert_eq!(history[0].withdrawn_on, Some(day(1405, 7, 1)));
    let warnings = w
        .app
        .support_warnings(&w.expert, &[w.maryam], day(1405, 9, 8))
        .await
        .unwrap();
    assert!(warnings.is_empty(), "a withdrawn loan no longer counts");
    assert_eq!(audit_count(&w.app, "woman.facility_withdrawn").await, 1);
    let error = w
        .app
        .record_bank_default(&w.expert, id, &step("", "", "", ""))
        .await
        .unwrap_err();
    assert_eq!(invalid_fields(error), ["status"], "withdrawn is final");
}

async fn the_bank_s_refusal_and_a_default_close_a_referral(db: &TestDatabase) {
    let w = world(db).await;
    let refused = referred(
        w.app
            .refer_to_bank(&w.expert, w.zahra, &form("1405/08/01"), false)
            .await
            .unwrap(),
    )[0];
    let error = w
        .app
        .record_bank_disbursement(&w.expert, refused, &step("", "", "", ""))
        .await
        .unwrap_err();
    assert_eq!(
        invalid_fields(error),
        ["status"],
        "no payout before the bank agrees"
    );
    let error = w
        .app
        .record_bank_decision(&w.expert, refused, &step("approved", "1405/07/30", "", ""))
        .await
        .unwrap_err();
    assert_eq!(invalid_fields(error), ["on"], "not before the letter");
    w.app
        .record_bank_decision(
            &w.expert,
            refused,
            &step("refused", "", "", "سابقه چک برگشتی"),
        )
        .await
        .unwrap();
    let view = w.app.bank_loan(&w.expert, refused, false).await.unwrap();
    assert_eq!(view.loan.status, LoanStatus::Refused);
    assert_eq!(view.loan.closed_on, Some(day(1405, 9, 8)));
    assert!(
        w.app
            .facility_history(&w.expert, w.zahra)
            .await
            .unwrap()
            .is_empty()
    );

    let id = disbursed(&w).await;
    w.app
        .record_bank_default(&w.expert, id, &step("", "1405/09/05", "", "سه قسط معوق"))
        .await
        .unwrap();
    let page = w
        .app
        .bank_loans(&w.expert, &[LoanStatus::Defaulted], 1)
        .await
        .unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.lines[0].row.loan.id, id);
    assert_eq!(page.lines[0].repayment.arrears.instalments, 2);
    let all = w.app.bank_loans(&w.expert, &[], 1).await.unwrap();
    assert_eq!(all.total, 2);
    assert_eq!(audit_count(&w.app, "bank_loan.view_list").await, 2);
}

async fn a_group_is_referred_as_its_members(db: &TestDatabase) {
    let w = world(db).await;
    let group = GroupBuilder::new(&w.app, &w.social_worker, w.takestan, "گروه نور")
        .create()
        .await;
    for national_id in ["0013542419", "0084575948"] {
        w.app
            .add_group_member(
                &w.social_worker,
                group,
                &JoinInput {
                    national_id: national_id.into(),
                    role: "member".into(),
                    joined_on: "1405/02/01".into(),
                },
            )
            .await
            .unwrap();
    }
    // The members guarantee each other: each is left off her own letter.
    let input = ReferralInput {
        guarantors: vec![
            GuarantorInput {
                woman_id: w.maryam.to_string(),
                ..GuarantorInput::default()
            },
            GuarantorInput {
                woman_id: w.zahra.to_string(),
                ..GuarantorInput::default()
            },
        ],
        ..form("")
    };
    let ids = referred(
        w.app
            .refer_group_to_bank(&w.expert, group, &input, false)
            .await
            .unwrap(),
    );
    assert_eq!(ids.len(), 2);
    for id in ids {
        let view = w.app.bank_loan(&w.expert, id, false).await.unwrap();
        assert_eq!(view.loan.group_id, Some(group));
        assert_eq!(view.guarantors.len(), 1);
        assert_ne!(view.guarantors[0].woman_id, Some(view.loan.woman_id));
        assert_eq!(view.guarantors[0].national_id.len(), 10);
    }
}

async fn bad_input_and_other_places_change_nothing(db: &TestDatabase) {
    let w = world(db).await;
    let bad = ReferralInput {
        bank: "other".into(),
        amount: "0".into(),
        ..form("")
    };
    let error = w
        .app
        .refer_to_bank(&w.expert, w.maryam, &bad, false)
        .await
        .unwrap_err();
    assert_eq!(invalid_fields(error), ["bank_name", "amount"]);
    let herself = ReferralInput {
        guarantors: vec![GuarantorInput {
            woman_id: w.maryam.to_string(),
            ..GuarantorInput::default()
        }],
        ..form("")
    };
    let error = w
        .app
        .refer_to_bank(&w.expert, w.maryam, &herself, false)
        .await
        .unwrap_err();
    assert_eq!(invalid_fields(error), ["guarantor_1_woman"]);
    let elsewhere = ReferralInput {
        guarantors: vec![GuarantorInput {
            woman_id: w.abyek_woman.to_string(),
            ..GuarantorInput::default()
        }],
        ..form("")
    };
    let error = w
        .app
        .refer_to_bank(&w.expert, w.maryam, &elsewhere, false)
        .await
        .unwrap_err();
    assert_eq!(
        invalid_fields(error),
        ["guarantor_1_woman"],
        "not disclosed"
    );
    assert!(matches!(
        w.app
            .refer_to_bank(&w.abyek_expert, w.maryam, &form(""), false)
            .await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        w.app
            .refer_to_bank(&w.social_worker, w.maryam, &form(""), false)
            .await,
        Err(AppError::Forbidden)
    ));
    assert_eq!(audit_count(&w.app, "bank_loan.refer").await, 0);

    let id = disbursed(&w).await;
    assert!(matches!(
        w.app.bank_loan(&w.abyek_expert, id, true).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        w.app
            .record_bank_instalment(&w.abyek_expert, id, &step("", "", "1000", ""))
            .await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        w.app.bank_loan(&w.social_worker, id, true).await,
        Err(AppError::Forbidden)
    ));
    assert!(
        w.app
            .bank_loans(&w.abyek_expert, &[], 1)
            .await
            .unwrap()
            .lines
            .is_empty()
    );
}

async fn the_demo_province_has_a_loan_repaying_and_one_waiting_for_the_bank(db: &TestDatabase) {
    let app = hamyar_testkit::fixtures::app_on(db).await;
    hamyar_demo::Demo::fill_demo(&app).await.unwrap();
    let expert = app
        .user_by_username("demo.province")
        .await
        .unwrap()
        .unwrap()
        .actor();
    let page = app.bank_loans(&expert, &[], 1).await.unwrap();
    let statuses: Vec<_> = page.lines.iter().map(|l| l.row.loan.status).collect();
    assert_eq!(statuses, [LoanStatus::Referred, LoanStatus::Repaying]);
    let repaying = &page.lines[1];
    assert_eq!(
        repaying.repayment.arrears.instalments, 1,
        "the last one due is late"
    );
    assert!(repaying.repayment.paid > Rials::zero());
    let history = app
        .facility_history(&expert, repaying.row.loan.woman_id)
        .await
        .unwrap();
    assert!(history.iter().any(|f| f.source == FacilitySource::Referral));
}

hamyar_store::on_both_databases!(
    the_demo_province_has_a_loan_repaying_and_one_waiting_for_the_bank,
    a_disbursed_bank_loan_is_in_her_history_and_a_later_grant_or_referral_is_warned,
    a_declared_support_warns_before_the_first_referral,
    instalments_bring_arrears_down_and_the_balance_settles_the_loan,
    a_withdrawal_after_the_payout_withdraws_it_from_her_history,
    the_bank_s_refusal_and_a_default_close_a_referral,
    a_group_is_referred_as_its_members,
    bad_input_and_other_places_change_nothing,
);
