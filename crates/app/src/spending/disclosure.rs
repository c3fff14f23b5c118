//! What of a payment a reader may see. A county user reaches her province's undivided lines
//! (`budget::scope_reaches_line`), and one payment on such a line may be for groups and women
//! of several counties, so reaching a payment is not the same as holding everyone it names:
//!
//! - its figures, status, payee, dates, line and the staff who handled it: anyone who reaches
//!   the line and may open money records (`ViewMoneyRecords`);
//! - the groups and women it is for: those inside the reader's scope by name, the others
//!   counted («۳ زن در شهرستان‌های دیگر»), never named;
//! - its free text (description, reference, reasons — typed by staff, able to name anyone)
//!   and its evidence files (invoices, attendance sheets): only when the payment lies
//!   *entirely* within the reader's scope — its line's place and every group and woman it is
//!   for. Two exceptions give back only what the reader brought: the text of a payment she
//!   proposed, and a file she uploaded herself.
//!
//! A province or the country holds all of its lines' records, so only county users (and a
//! record that moved away since) ever see less than everything.

use crate::access::{Actor, Scope, UserId};
use crate::ports::budget::BudgetLineRow;
use crate::ports::spending::{EvidenceMeta, PaymentLink, PaymentLinkRow, PaymentRow};

/// The groups and women of a payment that lie outside the reader's scope, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LinksElsewhere {
    pub groups: usize,
    pub women: usize,
}

/// How much of one payment one reader may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Disclosure {
    scope: Scope,
    reader: Option<UserId>,
    /// The line's place and every group and woman of the payment lie in the reader's scope.
    whole: bool,
    /// The reader proposed the payment.
    proposer: bool,
}

fn holds(scope: Scope, link: &PaymentLinkRow) -> bool {
    scope.covers(Some(link.province_id), Some(link.county_id))
}

impl Disclosure {
    pub(crate) fn of(
        actor: &Actor,
        row: &PaymentRow,
        line: &BudgetLineRow,
        links: &[PaymentLinkRow],
    ) -> Self {
        let scope = actor.scope;
        let whole = scope.covers(Some(line.province_id), line.county_id)
            && links.iter().all(|link| holds(scope, link));
        Self {
            scope,
            reader: actor.user_id,
            whole,
            proposer: actor.user_id.is_some() && actor.user_id == row.proposed_by,
        }
    }

    /// Whether the payment's free text may be shown.
    pub(crate) fn text_shown(&self) -> bool {
        self.whole || self.proposer
    }

    /// Whether this evidence file may be listed and fetched.
    pub(crate) fn may_fetch(&self, file: &EvidenceMeta) -> bool {
        self.whole || (self.reader.is_some() && file.uploaded_by == self.reader)
    }

    /// Splits the links into those the reader may see named and a count of the others.
    pub(crate) fn split_links(
        &self,
        links: Vec<PaymentLinkRow>,
    ) -> (Vec<PaymentLinkRow>, LinksElsewhere) {
        let mut elsewhere = LinksElsewhere::default();
        let shown = links
            .into_iter()
            .filter(|link| {
                let inside = holds(self.scope, link);
                if !inside {
                    match link.link {
                        PaymentLink::Group(_) => elsewhere.groups += 1,
                        PaymentLink::Woman(_) => elsewhere.women += 1,
                    }
                }
                inside
            })
            .collect();
        (shown, elsewhere)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    use crate::access::PlaceId;
    use crate::ports::ledger::AccountId;

    const QAZVIN: PlaceId = PlaceId::new(19);
    const ABYEK: PlaceId = PlaceId::new(40);
    const TAKESTAN: PlaceId = PlaceId::new(41);

    fn abyek_expert() -> Actor {
        Actor {
            user_id: Some(crate::access::UserId::new(7)),
            username: "abyek".into(),
            role: crate::Role::CountyExpert,
            scope: Scope::County {
                province: QAZVIN,
                county: ABYEK,
            },
        }
    }

    fn line(county: Option<PlaceId>) -> BudgetLineRow {
        BudgetLineRow {
            id: crate::ports::budget::BudgetLineId::new(1),
            fiscal_year: 1405,
            province_id: QAZVIN,
            county_id: county,
            category: "training".into(),
            budget_account_id: AccountId::new(1),
            expense_account_id: AccountId::new(2),
            commitment_account_id: AccountId::new(3),
            created_by: None,
            created_at: Timestamp::UNIX_EPOCH,
        }
    }

    fn payment(proposed_by: crate::access::UserId) -> PaymentRow {
        PaymentRow {
            id: crate::ports::spending::PaymentId::new(1),
            budget_line_id: crate::ports::budget::BudgetLineId::new(1),
            province_id: QAZVIN,
            county_id: None,
            payee: String::new(),
            payee_kind: String::new(),
            amount_rials: 1,
            spent_on: hamyar_domain::JalaliDate::new(1405, 1, 1).unwrap(),
            reference: String::new(),
            description: String::new(),
            status: hamyar_domain::spending::PaymentStatus::Proposed,
            idempotency_key: String::new(),
            proposed_by: Some(proposed_by),
            proposed_by_name: String::new(),
            proposed_at: Timestamp::UNIX_EPOCH,
            decided_by: None,
            decided_by_name: None,
            decided_at: None,
            approved_on: None,
            rejection_reason: None,
            commit_transaction_id: None,
            paid_by: None,
            paid_by_name: None,
            paid_at: None,
            paid_on: None,
            pay_transaction_id: None,
            cancelled_by: None,
            cancelled_by_name: None,
            cancelled_at: None,
            cancel_reason: None,
            course_run_id: None,
        }
    }

    fn woman(id: i64, county: PlaceId) -> PaymentLinkRow {
        PaymentLinkRow {
            link: PaymentLink::Woman(crate::ports::registry::WomanId::new(id)),
            label: format!("woman {id}"),
            province_id: QAZVIN,
            county_id: county,
        }
    }

    fn file(uploaded_by: crate::access::UserId) -> EvidenceMeta {
        EvidenceMeta {
            id: crate::ports::spending::EvidenceId::new(1),
            owner_kind: "payment".into(),
            owner_id: 1,
            file_name: "f.pdf".into(),
            content_type: "application/pdf".into(),
            size_bytes: 1,
            sha256: String::new(),
            uploaded_by: Some(uploaded_by),
            uploaded_by_name: String::new(),
            uploaded_at: Timestamp::UNIX_EPOCH,
        }
    }

    #[test]
    fn a_province_payment_for_two_counties_names_only_her_countys_women() {
        let links = vec![woman(1, ABYEK), woman(2, TAKESTAN), woman(3, TAKESTAN)];
        let seen = Disclosure::of(
            &abyek_expert(),
            &payment(crate::access::UserId::new(99)),
            &line(None),
            &links,
        );
        assert!(!seen.text_shown());
        assert!(!seen.may_fetch(&file(crate::access::UserId::new(99))));
        let (shown, elsewhere) = seen.split_links(links);
        assert_eq!(shown, vec![woman(1, ABYEK)]);
        assert_eq!(
            elsewhere,
            LinksElsewhere {
                groups: 0,
                women: 2
            }
        );
    }

    #[test]
    fn a_payment_on_her_countys_line_for_her_women_is_hers_entirely() {
        let links = vec![woman(1, ABYEK)];
        let seen = Disclosure::of(
            &abyek_expert(),
            &payment(crate::access::UserId::new(99)),
            &line(Some(ABYEK)),
            &links,
        );
        assert!(seen.text_shown());
        assert!(seen.may_fetch(&file(crate::access::UserId::new(99))));
    }

    #[test]
    fn on_a_province_line_she_gets_back_her_own_text_and_files_only() {
        let links = vec![woman(1, ABYEK)];
        let seen = Disclosure::of(
            &abyek_expert(),
            &payment(crate::access::UserId::new(7)),
            &line(None),
            &links,
        );
        assert!(seen.text_shown());
        assert!(seen.may_fetch(&file(crate::access::UserId::new(7))));
        assert!(!seen.may_fetch(&file(crate::access::UserId::new(99))));
    }

    #[test]
    fn the_province_holds_every_county_of_its_lines() {
        let mut actor = abyek_expert();
        actor.scope = Scope::Province(QAZVIN);
        let links = vec![woman(1, ABYEK), woman(2, TAKESTAN)];
        let seen = Disclosure::of(
            &actor,
            &payment(crate::access::UserId::new(99)),
            &line(None),
            &links,
        );
        assert!(seen.text_shown());
        assert!(seen.may_fetch(&file(crate::access::UserId::new(99))));
        assert_eq!(seen.split_links(links).1, LinksElsewhere::default());
    }
}
