//! Grants (کمک بلاعوض): non-repayable money to a group or to a woman, paid in one or more
//! tranches. This module owns the rules that need no storage: the coded statuses of a grant
//! and of a tranche and which tranche moves are allowed, the release conditions a tranche may
//! carry and how each is judged from a recipient's facts (stage history, memberships, the
//! members' completion records of courses, visits, earlier tranches), and the validation of a grant form (amounts, dates, tranches summing to
//! the total). The application gathers the facts inside its transaction and calls these, so
//! the same judgement is shown to the approver and re-made when the approval is written.

mod conditions;
mod form;
mod status;

pub use conditions::{
    Condition, ConditionCode, ConditionResult, DEFAULT_TRAINED_SHARE, DEFAULT_VISIT_DAYS,
    GroupHistory, MAX_TRAINED_SHARE, MAX_VISIT_DAYS, RecipientFacts, StageMove, TrainingTally,
    evaluate, evaluate_all,
};
pub use form::{
    GrantDraft, GrantFormInput, MAX_TRANCHES, TrancheDraft, TrancheFormInput, parse_grant_form,
};
pub use status::{GrantStatus, TrancheStatus, grant_status, tranche_move_allowed};
