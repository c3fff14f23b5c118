//! Grants in the browser: the list (`/money/grants`), the proposal form with its recipient
//! (a group in scope, or a woman by national ID), the grant line chooser showing what is left
//! on each line, and a table of tranches with their planned dates and release conditions; and
//! a grant's page with its tranches — for a proposed tranche the conditions judged today
//! (✓/✗ with why) beside the approve and reject forms, shown only to whoever may decide
//! (never the proposer), and pay and cancel forms for approved and paid tranches. A refused
//! form is drawn again (422) with Persian messages under its fields and nothing written.
//! Also the «کمک‌های بلاعوض» section of a group's page. The phrases of these pages live here.
//!
//! One file per job: the list and the group page's section (`list`), the proposal form
//! (`proposal`), a grant's page with its tranche cards (`page`) and the decisions taken on a
//! tranche — approve, reject, pay, cancel (`decisions`). The badges of a grant's and a
//! tranche's status, which they share, live here.

mod decisions;
mod list;
mod page;
mod proposal;

pub use decisions::{approve, cancel, pay, reject};
pub use list::{GroupGrants, group_section, list};
pub use page::show;
pub use proposal::{create, new_form};

use hamyar_domain::grants::{GrantStatus, TrancheStatus};

pub(super) fn grant_badge(status: GrantStatus) -> &'static str {
    match status {
        GrantStatus::Proposed => "badge-info",
        GrantStatus::Open => "badge-warning",
        GrantStatus::Closed => "badge-ok",
        GrantStatus::Rejected | GrantStatus::Cancelled => "badge-muted",
    }
}

pub(super) fn tranche_badge(status: TrancheStatus) -> &'static str {
    match status {
        TrancheStatus::Proposed => "badge-info",
        TrancheStatus::Approved => "badge-warning",
        TrancheStatus::Paid => "badge-ok",
        TrancheStatus::Rejected | TrancheStatus::Cancelled => "badge-muted",
    }
}
