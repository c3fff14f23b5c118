//! The life of a payment: proposed → approved (the commitment is posted) → paid (the money
//! leaves the treasury); a proposal may instead be rejected (with a reason); and anything not
//! already ended may be cancelled (with a reason), which reverses whatever was posted.
//! Rejected and cancelled are final. These are pure functions so the rule is stated once and
//! tested without a database; the app calls [`next_status`] before every change and the store
//! changes a row only if it still has the status the app read.

use crate::message::Message;
use crate::registry::codes::coded_list;

coded_list! {
    /// Where a payment stands.
    pub enum PaymentStatus ("وضعیت پرداخت", "payment status") {
        /// Proposed by one user, waiting for a second to decide.
        Proposed => "proposed", "پیشنهادشده", "Proposed", ["پیشنهاد"];
        /// Approved: committed against the line, not yet paid.
        Approved => "approved", "تأییدشده", "Approved", ["تایید شده", "تعهد"];
        /// Paid out of the treasury.
        Paid => "paid", "پرداخت‌شده", "Paid", ["پرداخت"];
        /// Refused by the approver, with a reason.
        Rejected => "rejected", "ردشده", "Rejected", ["رد"];
        /// Withdrawn or reversed, with a reason; whatever was posted is reversed.
        Cancelled => "cancelled", "لغوشده", "Cancelled", ["لغو", "canceled"];
    }
}

/// What a decider does to a payment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaymentAction {
    Approve,
    Reject,
    Pay,
    Cancel,
}

/// A move the payment's status does not allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a {from} payment cannot be moved by {action:?}")]
pub struct TransitionError {
    pub from: PaymentStatus,
    pub action: PaymentAction,
}

impl TransitionError {
    /// What cannot be done, e.g. "a payment that is paid cannot be approved".
    pub fn message(&self) -> Message {
        let action = match self.action {
            PaymentAction::Approve => "approve",
            PaymentAction::Reject => "reject",
            PaymentAction::Pay => "pay",
            PaymentAction::Cancel => "cancel",
        };
        Message::new("payment-cannot")
            .arg("status", self.from.code())
            .arg("action", action)
    }
}

/// The status after `action`, or why the payment cannot take it.
pub fn next_status(
    from: PaymentStatus,
    action: PaymentAction,
) -> Result<PaymentStatus, TransitionError> {
    use PaymentAction as A;
    use PaymentStatus as S;
    match (from, action) {
        (S::Proposed, A::Approve) => Ok(S::Approved),
        (S::Proposed, A::Reject) => Ok(S::Rejected),
        (S::Approved, A::Pay) => Ok(S::Paid),
        (S::Proposed | S::Approved | S::Paid, A::Cancel) => Ok(S::Cancelled),
        _ => Err(TransitionError { from, action }),
    }
}

impl PaymentStatus {
    /// Whether nothing more can happen to the payment.
    pub fn is_final(self) -> bool {
        matches!(self, PaymentStatus::Rejected | PaymentStatus::Cancelled)
    }

    /// Whether its amount is committed on the line (approved or paid, not reversed).
    pub fn holds_line(self) -> bool {
        matches!(self, PaymentStatus::Approved | PaymentStatus::Paid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PaymentAction as A;
    use PaymentStatus as S;

    #[test]
    fn the_happy_path_is_proposed_approved_paid() {
        assert_eq!(next_status(S::Proposed, A::Approve), Ok(S::Approved));
        assert_eq!(next_status(S::Approved, A::Pay), Ok(S::Paid));
    }

    #[test]
    fn only_a_proposal_is_approved_or_rejected() {
        for from in [S::Approved, S::Paid, S::Rejected, S::Cancelled] {
            assert!(next_status(from, A::Approve).is_err(), "{from}");
            assert!(next_status(from, A::Reject).is_err(), "{from}");
        }
        assert_eq!(next_status(S::Proposed, A::Reject), Ok(S::Rejected));
    }

    #[test]
    fn only_an_approved_payment_is_paid() {
        for from in [S::Proposed, S::Paid, S::Rejected, S::Cancelled] {
            assert!(next_status(from, A::Pay).is_err(), "{from}");
        }
    }

    #[test]
    fn anything_not_ended_may_be_cancelled_and_ended_is_final() {
        for from in [S::Proposed, S::Approved, S::Paid] {
            assert_eq!(next_status(from, A::Cancel), Ok(S::Cancelled));
        }
        for from in [S::Rejected, S::Cancelled] {
            assert!(from.is_final());
            for action in [A::Approve, A::Reject, A::Pay, A::Cancel] {
                assert!(next_status(from, action).is_err());
            }
        }
    }

    #[test]
    fn a_refused_move_is_explained() {
        let error = next_status(S::Paid, A::Approve).unwrap_err();
        assert_eq!(
            error.message(),
            Message::new("payment-cannot")
                .arg("status", "paid")
                .arg("action", "approve")
        );
    }
}
