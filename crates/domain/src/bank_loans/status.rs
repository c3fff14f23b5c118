//! Where a referral stands, and the moves between states:
//!
//! ```text
//! referred ─► approved ─► disbursed ─► repaying ─► settled
//!    │           │            │            │
//!    ├─► refused │            ├────────────┴─► defaulted ─► repaying | settled
//!    └───────────┴────────────┴─── withdrawn (from any state not yet closed)
//! ```
//!
//! *Disbursed* becomes *repaying* with the first instalment paid; a loan is *settled* when
//! what she owes is paid (by the instalment that clears it, or an early settlement); a bank
//! may declare it in *default* (معوق) and she may resume paying or settle after that.
//! *Withdrawn* is the office's correction — the referral was cancelled, or recorded in error —
//! and after a disbursement it also withdraws the loan from her facility history. Refused,
//! settled and withdrawn are final.

use crate::registry::codes::coded_list;

coded_list! {
    /// A referral's state.
    pub enum LoanStatus ("وضعیت وام", "loan status") {
        /// The letter went to the bank; no answer yet.
        Referred => "referred", "معرفی به بانک", "Referred", ["ارجاع", "معرفی‌شده"];
        /// The bank accepted her case.
        Approved => "approved", "موافقت بانک", "Approved", ["تأیید", "تایید"];
        /// The bank turned her down.
        Refused => "refused", "رد بانک", "Refused by the bank", ["رد"];
        /// The bank paid the loan out; no instalment yet.
        Disbursed => "disbursed", "پرداخت‌شده", "Disbursed", ["پرداخت"];
        /// She is paying it back.
        Repaying => "repaying", "در حال بازپرداخت", "Repaying", ["بازپرداخت"];
        /// Paid back in full.
        Settled => "settled", "تسویه‌شده", "Settled", ["تسویه"];
        /// The bank declared it in default.
        Defaulted => "defaulted", "معوق", "In default", ["نکول"];
        /// Cancelled by the office (or recorded in error).
        Withdrawn => "withdrawn", "منصرف‌شده / ابطال", "Withdrawn", ["انصراف", "ابطال"];
    }
}

impl LoanStatus {
    /// Whether nothing more can happen to the referral.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            LoanStatus::Refused | LoanStatus::Settled | LoanStatus::Withdrawn
        )
    }

    /// Whether the bank has paid the loan out (it is in her facility history).
    pub fn is_disbursed(self) -> bool {
        matches!(
            self,
            LoanStatus::Disbursed
                | LoanStatus::Repaying
                | LoanStatus::Settled
                | LoanStatus::Defaulted
        )
    }

    /// Whether an instalment may be recorded (the loan is out and not settled).
    pub fn takes_instalments(self) -> bool {
        matches!(
            self,
            LoanStatus::Disbursed | LoanStatus::Repaying | LoanStatus::Defaulted
        )
    }

    /// Whether the referral may move from this state to `next`.
    pub fn may_become(self, next: LoanStatus) -> bool {
        use LoanStatus::*;
        match (self, next) {
            (Referred, Approved | Refused) => true,
            (Approved, Disbursed) => true,
            (Disbursed | Defaulted, Repaying) => true,
            (Disbursed | Repaying | Defaulted, Settled) => true,
            (Disbursed | Repaying, Defaulted) => true,
            (from, Withdrawn) => !from.is_final(),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LoanStatus::*;
    use super::*;

    #[test]
    fn the_bank_decides_a_referral_and_a_decided_one_is_not_decided_again() {
        assert!(Referred.may_become(Approved));
        assert!(Referred.may_become(Refused));
        assert!(!Approved.may_become(Refused));
        assert!(!Refused.may_become(Approved));
        assert!(
            !Referred.may_become(Disbursed),
            "no loan before the bank agrees"
        );
    }

    #[test]
    fn repayment_runs_to_settlement_or_default_and_a_default_can_still_be_paid() {
        assert!(Approved.may_become(Disbursed));
        assert!(Disbursed.may_become(Repaying));
        assert!(Repaying.may_become(Settled));
        assert!(Disbursed.may_become(Settled), "paid off at once");
        assert!(Repaying.may_become(Defaulted));
        assert!(Defaulted.may_become(Repaying));
        assert!(Defaulted.may_become(Settled));
        assert!(!Settled.may_become(Repaying));
        assert!(!Defaulted.may_become(Defaulted));
    }

    #[test]
    fn anything_not_final_may_be_withdrawn_and_final_states_stay() {
        for status in LoanStatus::ALL {
            assert_eq!(
                status.may_become(Withdrawn),
                !status.is_final(),
                "{status:?}"
            );
        }
        for status in [Refused, Settled, Withdrawn] {
            assert!(LoanStatus::ALL.iter().all(|next| !status.may_become(*next)));
        }
    }

    #[test]
    fn only_a_loan_paid_out_and_not_settled_takes_instalments() {
        let taking: Vec<_> = LoanStatus::ALL
            .into_iter()
            .filter(|s| s.takes_instalments())
            .collect();
        assert_eq!(taking, [Disbursed, Repaying, Defaulted]);
        assert!(Settled.is_disbursed() && !Withdrawn.is_disbursed());
    }
}
