//! Bank self-employment loans (وام خوداشتغالی از بانک عامل, issue 20): the office refers a
//! woman — or each member of a group — to an agent bank with a letter naming the amount, the
//! guarantors and the bank's service fee (کارمزد, about 4 %); the bank decides, disburses, and
//! she repays in Jalali monthly instalments until the loan is settled or the bank declares it
//! in default. The money is the bank's, not Behzisti's, so none of it is on the programme's
//! ledger; what the programme keeps is the referral's story and, from the day the bank pays,
//! the loan in her facility history, where the double-support check counts it.
//!
//! This module holds the pure parts: the coded list of agent banks ([`banks`]), the referral
//! form and its guarantors ([`referral`]), the forms of what happens next — the bank's
//! decision, the disbursement, an instalment paid, a closing ([`events`]) — the state machine
//! ([`status`]) and the instalment schedule with its arrears ([`schedule`]). Who may refer,
//! where the rows live and "today" are the application's; every date is a parameter.

pub mod banks;
pub mod events;
pub mod referral;
pub mod schedule;
pub mod status;

pub use banks::AgentBank;
pub use events::{ClosingDraft, DecisionDraft, DisbursementDraft, PaymentDraft, StepInput};
pub use referral::{GuarantorDraft, GuarantorInput, ReferralDraft, ReferralInput, fee_rials};
pub use schedule::{Arrears, Instalment, arrears, schedule};
pub use status::LoanStatus;
