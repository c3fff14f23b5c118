//! The group fund (صندوق گروه): the women's own savings and the interest-free loans they give
//! each other from them, kept apart from Behzisti's money. This module holds the rules only —
//! no storage, no clock:
//!
//! - [`cycle`]: a cycle's rules as the members agreed them (share value, meetings, service
//!   fee, loan limits) and the form that records them.
//! - [`journal`]: what can happen to the fund's money ([`EntryKind`]) and which accounts of
//!   the group's book each kind moves ([`FundAccount`]), so a meeting's entries become one
//!   balanced ledger transaction.
//! - [`position`]: the fund as it stands — cash, bank, each member's shares and savings, each
//!   loan's balance — folded from its journal.
//! - [`meeting`]: one meeting's screen (shares, social fund, repayments, fines, new loans, the
//!   cash counted) checked against the position and the rules.
//! - [`loan`]: the disclosed service fee, instalments in Jalali months, arrears, rescheduling.
//! - [`lottery`]: a recorded, replayable draw for who borrows first.
//! - [`share_out`]: the end of a cycle, the fund's assets divided in proportion to shares.
//! - [`metrics`]: the savings-group ratios (after SAVIX and the SEEP Network's key ratios)
//!   computed from the journal, never typed.

pub mod cycle;
pub mod journal;
pub mod loan;
pub mod lottery;
pub mod meeting;
pub mod metrics;
pub mod position;
pub mod share_out;

pub use cycle::{CycleInput, CycleRules, MeetingEvery};
pub use journal::{EntryKind, FundAccount};
pub use loan::{Allocation, Instalment};
pub use meeting::{LoanRequestInput, MeetingDraft, MeetingInput, MemberLineInput};
pub use position::{FundPosition, JournalLine};
