//! Hamyar groups: small groups of women running one joint business with the
//! welfare office's help. Everything here is pure: the coded lists, the
//! lifecycle rules, the group form and the membership rules. Storage, scope,
//! audit and the provincial settings are the application's; "today" is
//! always a parameter.
//!
//! - [`codes`]: [`GroupStage`], [`InactiveReason`], [`Premises`],
//!   [`MemberRole`], [`LeaveReason`], [`StaffDuty`], [`SupervisingUnitKind`].
//! - [`lifecycle`]: which stage may follow which, and what counts as active.
//! - [`group`]: the group's form.
//! - [`membership`]: join and leave forms, overlaps, size limits.

pub mod codes;
pub mod group;
pub mod lifecycle;
pub mod membership;

pub use codes::{
    GroupStage, InactiveReason, LeaveReason, MemberRole, Premises, StaffDuty, SupervisingUnitKind,
};
pub use group::{GroupDraft, GroupInput};
pub use membership::{JoinDraft, JoinInput, LeaveDraft, LeaveInput, SizeLimits};
