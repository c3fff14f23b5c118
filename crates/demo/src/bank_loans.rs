//! Bank self-employment loans in the demo province: two women of the groups referred to agent
//! banks by the provincial expert, through the same use-cases as the referral form. The first,
//! a member of the first group, was referred to the Mehr-e Iranian bank about five months ago,
//! approved ten days later and paid out five days after that; she has paid every instalment
//! that fell due more than a month ago, so the last one due is in arrears and the loan shows
//! as repaying. The second, of the second group, was referred to Refah bank ten days ago and
//! waits for the bank's answer. Both women were in groups that received grants, so the
//! double-support warning names them and the expert confirms the referral, as the office
//! would. Nothing is drawn from the seeded stream, so the rest of the province is unchanged.

use hamyar_app::Actor;
use hamyar_app::bank_loans::ReferralOutcome;
use hamyar_app::error::{AppError, AppResult};
use hamyar_app::ports::bank_loans::BankLoanId;
use hamyar_app::ports::registry::WomanId;
use hamyar_domain::JalaliDate;
use hamyar_domain::bank_loans::events::StepInput;
use hamyar_domain::bank_loans::{GuarantorInput, ReferralInput};

use crate::run::{DemoRun, Formed, Staff};

fn day(date: JalaliDate) -> String {
    date.format(
        hamyar_domain::jalali::DateStyle::Numeric,
        hamyar_domain::jalali::Digits::Latin,
    )
}

fn step(on: JalaliDate, amount: &str) -> StepInput {
    StepInput {
        decision: String::new(),
        on: day(on),
        amount: amount.to_owned(),
        note: String::new(),
    }
}

/// Refers `woman`, confirming past the double-support warning.
async fn refer(
    run: &DemoRun<'_>,
    expert: &Actor,
    woman: WomanId,
    input: &ReferralInput,
) -> AppResult<BankLoanId> {
    let mut acknowledged = false;
    loop {
        match run
            .app
            .refer_to_bank(expert, woman, input, acknowledged)
            .await?
        {
            ReferralOutcome::Referred(ids) => {
                return ids
                    .first()
                    .copied()
                    .ok_or_else(|| AppError::Internal("a referral without a row".into()));
            }
            ReferralOutcome::Warned(_) if !acknowledged => acknowledged = true,
            ReferralOutcome::Warned(_) => {
                return Err(AppError::Internal("a confirmed referral was warned".into()));
            }
        }
    }
}

/// The two referrals (nothing when the demo has fewer than two groups with members).
pub(crate) async fn refer_to_banks(
    run: &DemoRun<'_>,
    staff: &Staff,
    formed: &[Formed],
) -> AppResult<()> {
    let mut women = formed
        .iter()
        .filter_map(|group| group.members.first().copied());
    let (Some(first), Some(second)) = (women.next(), women.next()) else {
        return Ok(());
    };
    let expert = &staff.provincial;
    let referred_on = run.today.add_days(-150);
    let repaying = ReferralInput {
        bank: "mehr_iran".into(),
        amount: "300000000".into(),
        term_months: "24".into(),
        referred_on: day(referred_on),
        note: "خرید چرخ خیاطی صنعتی و پارچه".into(),
        guarantors: vec![GuarantorInput {
            name: "حسین کریمی".into(),
            national_id: "0013542419".into(),
            ..GuarantorInput::default()
        }],
        ..ReferralInput::default()
    };
    let loan = refer(run, expert, first, &repaying).await?;
    let decision = StepInput {
        decision: "approved".into(),
        ..step(referred_on.add_days(10), "")
    };
    run.app
        .record_bank_decision(expert, loan, &decision)
        .await?;
    run.app
        .record_bank_disbursement(expert, loan, &step(referred_on.add_days(15), ""))
        .await?;
    let schedule = run
        .app
        .bank_loan(expert, loan, false)
        .await?
        .repayment
        .schedule;
    for due in schedule
        .iter()
        .filter(|due| due.due_on.add_days(31) <= run.today)
    {
        let amount = due.amount.value().to_string();
        run.app
            .record_bank_instalment(expert, loan, &step(due.due_on.add_days(-2), &amount))
            .await?;
    }
    let waiting = ReferralInput {
        bank: "refah".into(),
        amount: "200000000".into(),
        term_months: "36".into(),
        referred_on: day(run.today.add_days(-10)),
        note: "سرمایهٔ در گردش کارگاه".into(),
        ..ReferralInput::default()
    };
    refer(run, expert, second, &waiting).await?;
    Ok(())
}
