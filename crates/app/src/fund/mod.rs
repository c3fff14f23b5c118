//! A group's fund (issue 20): the women's own savings and the interest-free loans they give
//! each other, kept on a book of the group's own on the one ledger, beside a journal by member
//! that every figure is computed from.
//!
//! - [`book`]: the group's accounts (made as first needed) and posting a balanced set of lines.
//! - [`cycles`]: opening a cycle with the rules the members agreed.
//! - [`meetings`]: the meeting screen — what it shows and recording it in one transaction.
//! - [`field_meetings`]: a meeting from the field app's sync, with the conflicts she settles.
//! - [`loans`]: a loan's page, rescheduling, writing off by the group's decision.
//! - [`lottery`]: the recorded draw.
//! - [`share_out`]: the end of a cycle.
//! - [`report`]: the savings-group metrics per group, county and province for a period.
//! - [`export`]: the journal as a file, so anyone can recompute the metrics.
//!
//! Who: reading needs `ViewFund`, changing `KeepFund`; a facilitator reaches only the groups
//! she facilitates (others are refused before anything is read), everyone else the groups of
//! her place (others are `NotFound`). Opening a group's fund names its members' savings and
//! debts, so it is audited (`fund.view`) with the members as subjects.

pub mod book;
pub mod cycles;
pub mod export;
pub mod field_meetings;
pub mod loans;
pub mod lottery;
pub mod meetings;
pub mod report;
pub mod share_out;

pub use meetings::{FundMember, FundScreen};
pub use report::{ReportRows, SavingsGroupReport, SavingsGroupRow};

use crate::access::{Actor, Permission, Role};
use crate::error::{AppError, AppResult};
use crate::groups::group_in_scope;
use crate::ports::Tx;
use crate::ports::fund::FundCycleRow;
use crate::ports::groups::{GroupId, GroupRow};

/// The group whose fund the actor reads (`write` false) or keeps (`write` true).
pub(crate) async fn fund_group(
    tx: &mut dyn Tx,
    actor: &Actor,
    group_id: GroupId,
    write: bool,
) -> AppResult<GroupRow> {
    actor.require(if write {
        Permission::KeepFund
    } else {
        Permission::ViewFund
    })?;
    if actor.role == Role::Facilitator {
        let own = tx
            .group_by_id(group_id)
            .await?
            .is_some_and(|group| actor.user_id.is_some() && group.facilitator_id == actor.user_id);
        if !own {
            return Err(AppError::Forbidden);
        }
    }
    group_in_scope(tx, actor, group_id).await
}

/// The group's open cycle, if any.
pub(crate) async fn open_cycle(
    tx: &mut dyn Tx,
    group_id: GroupId,
) -> AppResult<Option<FundCycleRow>> {
    Ok(tx
        .fund_cycles_of_group(group_id)
        .await?
        .into_iter()
        .find(|cycle| cycle.shared_out_on.is_none()))
}

/// A refusal of the whole action with one message on one field.
pub(crate) fn refuse(field: &'static str, id: &'static str) -> AppError {
    AppError::Invalid(vec![crate::error::FieldError::new(
        field,
        hamyar_domain::Message::new(id),
    )])
}
