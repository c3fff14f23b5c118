//! The coded lists of a facility: which body gave it, what kind it was, and whether this
//! programme recorded it or a social worker declared it. Like every coded list (see
//! [`crate::registry::codes`]) each value has a stable snake_case code that storage carries
//! and Persian and English labels; the double-support check and the reports count by code,
//! which free text would split into spellings.

use crate::registry::codes::coded_list;

coded_list! {
    /// The body that gave the support.
    pub enum FacilityBody ("نهاد پرداخت‌کننده", "body") {
        /// This programme (Behzisti's Hamyar groups); recorded automatically, never declared.
        Hamyar => "hamyar", "برنامهٔ همیار بهزیستی", "Hamyar programme (Behzisti)",
            ["همیار", "برنامه همیار"];
        /// Imam Khomeini Relief Committee.
        ReliefCommittee => "relief_committee", "کمیته امداد امام خمینی",
            "Imam Khomeini Relief Committee", ["کمیته امداد", "Relief Committee"];
        /// A bank (self-employment and interest-free loans).
        Bank => "bank", "بانک", "Bank";
        /// Another Behzisti programme than the Hamyar groups.
        BehzistiOther => "behzisti_other", "سایر برنامه‌های بهزیستی", "Other Behzisti programme",
            ["بهزیستی"];
        /// Any other body, named in text.
        Other => "other", "سایر", "Other", ["دیگر", "غیره"];
    }
}

coded_list! {
    /// What the support was.
    pub enum FacilityKind ("نوع تسهیلات", "kind of support") {
        /// A non-repayable grant (کمک بلاعوض).
        Grant => "grant", "کمک بلاعوض", "Grant", ["بلاعوض"];
        /// A loan, interest-free or with a fee.
        Loan => "loan", "وام", "Loan", ["تسهیلات", "قرض‌الحسنه"];
    }
}

coded_list! {
    /// How the facility entered the history.
    pub enum FacilitySource ("منبع ثبت", "source") {
        /// Recorded by this programme when a grant tranche was approved.
        Programme => "programme", "ثبت خودکار برنامه", "Recorded by the programme";
        /// Declared by staff from another body's support.
        Declared => "declared", "اظهارشده", "Declared";
        /// Recorded by this programme when a bank paid out a loan it referred her for
        /// (`bank_loans`); withdrawn, like a programme row, when the referral is withdrawn.
        Referral => "referral", "وام بانکی با معرفی برنامه", "Bank loan referred by the programme";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_labels_and_synonyms_parse_back() {
        assert_eq!(
            FacilityBody::parse("کمیته امداد"),
            Some(FacilityBody::ReliefCommittee)
        );
        assert_eq!(
            FacilityBody::parse("relief-committee"),
            Some(FacilityBody::ReliefCommittee)
        );
        assert_eq!(FacilityBody::parse("بانك"), Some(FacilityBody::Bank));
        assert_eq!(FacilityKind::parse("بلاعوض"), Some(FacilityKind::Grant));
        assert_eq!(FacilityKind::parse("loan"), Some(FacilityKind::Loan));
        assert_eq!(
            FacilitySource::parse("programme"),
            Some(FacilitySource::Programme)
        );
        assert_eq!(FacilityBody::parse("شهرداری"), None);
        for body in FacilityBody::ALL {
            assert_eq!(FacilityBody::parse(body.code()), Some(body));
            assert_eq!(FacilityBody::parse(body.label_fa()), Some(body));
        }
    }
}
