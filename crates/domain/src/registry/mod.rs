//! The registry of women heads of household: who she is, why she heads her
//! household, who lives with her, whether she is eligible and where she
//! stands in her coverage history.
//!
//! Everything here is pure: parsing forms and imported rows into validated
//! drafts, the coded lists they use, the configurable eligibility rules and
//! the coverage and pension rules. Storage, the county a woman belongs to,
//! audit and access control are the application's; "today" is always a
//! parameter. Every validation reports [`Problem`]s tied to input field
//! names, in Persian and English, all at once.
//!
//! - [`codes`]: the coded lists ([`HeadshipCause`], [`Settlement`],
//!   [`Education`], [`Relation`], [`MemberActivity`], [`DocumentKind`],
//!   [`OtherBody`], [`InquiryResult`], [`CoverageStatus`], [`ExitReason`]).
//! - [`coverage`]: allowed status changes and the pension table.
//! - [`eligibility`]: configurable rules and their evaluation.
//! - [`singlehood`]: a province's own age threshold for definitive singlehood.
//! - [`woman`]: the woman's registration form and draft.
//! - [`member`]: household members.
//! - [`problem`]: the [`Problem`] type.

pub mod codes;
pub mod coverage;
pub mod eligibility;
pub(crate) mod fields;
pub mod member;
pub mod problem;
pub mod singlehood;
pub mod woman;

pub use codes::{
    CodedList, CoverageStatus, DocumentKind, Education, ExitReason, HeadshipCause, HeadshipGroup,
    InquiryResult, MemberActivity, OtherBody, Relation, Settlement,
};
pub use coverage::{
    PENSION_TIERS, PensionTable, allowed_next, can_transition, pension_tier, pension_tier_label_en,
    pension_tier_label_fa, transition_problem,
};
pub use eligibility::{
    DECILES, EligibilityFacts, EligibilityReport, EligibilityRule, EligibilityRules, MAX_AGE_YEARS,
    MIN_AGE_YEARS, MIN_SINGLEHOOD_AGE_YEARS, RuleOutcome, Verdict, age_in_years, evaluate,
    evaluate_with,
};
pub use member::{MemberDraft, MemberInput};
pub use problem::Problem;
pub use singlehood::{
    ProvincialSinglehoodAge, SINGLEHOOD_AGE_CHOICES, SINGLEHOOD_AGE_FIELD, SinglehoodThreshold,
};
pub use woman::{
    ExportExtras, MAX_ADDRESS_CHARS, MAX_LOCALITY_CHARS, MAX_NOTES_CHARS, MAX_SKILLS_CHARS,
    WomanDraft, WomanInput,
};
