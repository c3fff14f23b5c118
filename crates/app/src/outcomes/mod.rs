//! Outcomes (issue 19): what changed for each woman. Questionnaires are data
//! (`instruments`: the shipped Rosenberg scale and household economics form, and versions a
//! national expert adds); a woman's forms follow a schedule from the day she first joined a
//! group or a course (`assessments`: recording, her forms and what she owes; `due`: the forms
//! owed in a county or by a social worker's own women).
//!
//! Answers are read only by the experts and social workers in scope (`Permission::Assess`),
//! and every opening is audited with the woman as its subject.

pub mod assessments;
pub mod due;
pub mod export;
pub mod graduation;
pub mod instruments;
pub mod report;
pub mod suppression;
