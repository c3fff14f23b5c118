//! The statuses of a grant and of its tranches. A tranche is proposed, then approved (a
//! commitment on the budget line) or rejected, then paid; an approved or paid tranche may be
//! cancelled (its ledger transactions reversed), and a proposed one may be withdrawn the same
//! way. The grant's own status is derived from its tranches, so it can never disagree with
//! them.

use crate::registry::codes::coded_list;

coded_list! {
    /// Where one tranche stands.
    pub enum TrancheStatus ("وضعیت قسط", "tranche status") {
        /// Waiting for a second person's decision.
        Proposed => "proposed", "پیشنهادشده", "Proposed";
        /// Approved: committed against the budget line, not yet paid.
        Approved => "approved", "تأییدشده", "Approved";
        /// Paid out of the treasury.
        Paid => "paid", "پرداخت‌شده", "Paid";
        /// Refused by the approver, with a reason.
        Rejected => "rejected", "ردشده", "Rejected";
        /// Withdrawn after the fact; any commitment and payment reversed.
        Cancelled => "cancelled", "لغوشده", "Cancelled";
    }
}

coded_list! {
    /// Where a grant stands, derived from its tranches by [`grant_status`].
    pub enum GrantStatus ("وضعیت کمک", "grant status") {
        /// No tranche decided yet.
        Proposed => "proposed", "پیشنهادشده", "Proposed";
        /// Some tranche approved or paid, some still to go.
        Open => "open", "در جریان", "Open";
        /// Every tranche decided, at least one paid and nothing left open.
        Closed => "closed", "بسته‌شده", "Closed";
        /// Every tranche rejected.
        Rejected => "rejected", "ردشده", "Rejected";
        /// Nothing paid and nothing left: cancelled (or cancelled and rejected).
        Cancelled => "cancelled", "لغوشده", "Cancelled";
    }
}

impl TrancheStatus {
    /// Whether nothing more can happen to the tranche.
    pub const fn is_final(self) -> bool {
        matches!(
            self,
            TrancheStatus::Paid | TrancheStatus::Rejected | TrancheStatus::Cancelled
        )
    }
}

/// Whether a tranche may move from `from` to `to`. Paid tranches may still be cancelled
/// (the payment is reversed, e.g. returned by the bank); nothing leaves rejected or
/// cancelled.
pub const fn tranche_move_allowed(from: TrancheStatus, to: TrancheStatus) -> bool {
    use TrancheStatus::*;
    matches!(
        (from, to),
        (Proposed, Approved)
            | (Proposed, Rejected)
            | (Proposed, Cancelled)
            | (Approved, Paid)
            | (Approved, Cancelled)
            | (Paid, Cancelled)
    )
}

/// The grant's status from its tranches' statuses.
pub fn grant_status(tranches: &[TrancheStatus]) -> GrantStatus {
    use TrancheStatus as T;
    let any = |status: T| tranches.contains(&status);
    if tranches.is_empty() || tranches.iter().all(|s| *s == T::Proposed) {
        return GrantStatus::Proposed;
    }
    if tranches.iter().all(|s| *s == T::Rejected) {
        return GrantStatus::Rejected;
    }
    if tranches.iter().all(|s| s.is_final()) {
        return if any(T::Paid) {
            GrantStatus::Closed
        } else {
            GrantStatus::Cancelled
        };
    }
    if any(T::Approved) || any(T::Paid) {
        GrantStatus::Open
    } else {
        // Only proposed tranches are left beside rejected or cancelled ones.
        GrantStatus::Proposed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TrancheStatus::*;
    use proptest::prelude::*;

    #[test]
    fn a_tranche_moves_forward_or_is_stopped_but_never_back() {
        assert!(tranche_move_allowed(Proposed, Approved));
        assert!(tranche_move_allowed(Approved, Paid));
        assert!(tranche_move_allowed(Paid, Cancelled));
        assert!(!tranche_move_allowed(Proposed, Paid));
        assert!(!tranche_move_allowed(Approved, Rejected));
        assert!(!tranche_move_allowed(Rejected, Approved));
        assert!(!tranche_move_allowed(Cancelled, Proposed));
        for status in TrancheStatus::ALL {
            assert!(!tranche_move_allowed(status, status));
        }
    }

    #[test]
    fn the_grant_status_follows_its_tranches() {
        assert_eq!(grant_status(&[Proposed, Proposed]), GrantStatus::Proposed);
        assert_eq!(grant_status(&[Approved, Proposed]), GrantStatus::Open);
        assert_eq!(grant_status(&[Paid, Proposed]), GrantStatus::Open);
        assert_eq!(grant_status(&[Paid, Paid]), GrantStatus::Closed);
        assert_eq!(grant_status(&[Paid, Rejected]), GrantStatus::Closed);
        assert_eq!(grant_status(&[Rejected, Rejected]), GrantStatus::Rejected);
        assert_eq!(grant_status(&[Cancelled, Rejected]), GrantStatus::Cancelled);
        assert_eq!(grant_status(&[Rejected, Proposed]), GrantStatus::Proposed);
    }

    fn any_status() -> impl Strategy<Value = TrancheStatus> {
        prop::sample::select(TrancheStatus::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn a_grant_is_closed_or_cancelled_only_when_every_tranche_is_final(
            tranches in prop::collection::vec(any_status(), 1..7)
        ) {
            let status = grant_status(&tranches);
            let all_final = tranches.iter().all(|s| s.is_final());
            if matches!(status, GrantStatus::Closed | GrantStatus::Cancelled | GrantStatus::Rejected) {
                prop_assert!(all_final);
            }
            if all_final {
                prop_assert!(status != GrantStatus::Open && status != GrantStatus::Proposed);
            }
        }
    }
}
