//! Spending against a budget line: a payment to a provider (a contracted course, a
//! job-preparation service, group-strengthening work) proposed by one person and decided by
//! another. This module holds only the rules that need no storage: who the payee is (a coded
//! list), which status a payment may move to from which ([`status`]), and what an evidence
//! file may be ([`evidence`]: PDF, JPEG or PNG, recognised by its first bytes, at most
//! [`evidence::MAX_EVIDENCE_BYTES`]). The money itself moves on the ledger, in the app.

pub mod evidence;
pub mod status;

pub use evidence::{EvidenceError, EvidenceKind, MAX_EVIDENCE_BYTES};
pub use status::{PaymentAction, PaymentStatus, TransitionError, next_status};

use crate::registry::codes::coded_list;

coded_list! {
    /// Who is being paid (issue 5: "a payment to a provider").
    pub enum PayeeKind ("نوع دریافت‌کننده", "payee kind") {
        /// An institute or NGO running a contracted course.
        CourseProvider => "course_provider", "مجری دوره آموزشی", "Course provider", ["آموزشگاه", "مجری دوره"];
        /// A service preparing women for a chosen job.
        JobPreparationService => "job_preparation_service", "خدمات آماده‌سازی شغلی", "Job-preparation service", ["آماده سازی شغلی"];
        /// Work that forms or strengthens groups (facilitation, consulting).
        StrengtheningWork => "strengthening_work", "کار تقویت و تشکیل گروه", "Group-strengthening work", ["تقویت گروه"];
        /// Anything else, described in the payment's text.
        Other => "other", "سایر", "Other";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payee_kinds_parse_codes_and_labels() {
        assert_eq!(
            PayeeKind::parse("course_provider"),
            Some(PayeeKind::CourseProvider)
        );
        assert_eq!(
            PayeeKind::parse("آموزشگاه"),
            Some(PayeeKind::CourseProvider)
        );
        assert_eq!(PayeeKind::parse("سایر"), Some(PayeeKind::Other));
        assert_eq!(PayeeKind::parse("bank"), None);
    }
}
