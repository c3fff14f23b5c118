//! A woman's facility history (سوابق تسهیلات): every grant and loan she has had, from this
//! programme (recorded automatically when a grant tranche is approved) or declared by a social
//! worker from another body (the relief committee, a bank, another Behzisti programme), and
//! the rule that warns before a new grant or loan would double her support.
//!
//! Double support — a woman funded by two bodies, or twice by one, for the same need — is a
//! known problem of the programme, so before any new grant or loan the office looks at what
//! she received within a configurable number of months. This module keeps only the pure
//! parts: the coded lists ([`codes`]), the declaration form's validation ([`declaration`])
//! and the window rule ([`window`]). Where the history is stored, who may declare and which
//! province's window applies are the application's; "today" is always a parameter.

pub mod codes;
pub mod declaration;
pub mod window;

pub use codes::{FacilityBody, FacilityKind, FacilitySource};
pub use declaration::{DeclarationDraft, DeclarationInput};
pub use window::{DOUBLE_SUPPORT_MONTHS_DEFAULT, SupportWindow, months_before};
