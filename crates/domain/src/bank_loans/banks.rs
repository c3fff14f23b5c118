//! The agent banks (بانک‌های عامل) a woman may be referred to. Behzisti's self-employment
//! loans have gone through a handful of banks by agreement — the interest-free Mehr-e Iranian
//! and Resalat banks, and the state and commercial banks that run the government's job
//! programmes — and which one is used changes by province and year, so the list is data of
//! the same kind as every coded list ([`crate::registry::codes`]): a stable code in storage,
//! Persian and English labels, synonyms people type. A bank not on it is "other", named in
//! text on the referral.

use crate::registry::codes::coded_list;

coded_list! {
    /// The bank a referral goes to.
    pub enum AgentBank ("بانک عامل", "agent bank") {
        /// Mehr-e Iranian Qard al-Hasaneh Bank.
        MehrIran => "mehr_iran", "بانک قرض‌الحسنه مهر ایران",
            "Mehr-e Iranian Qard al-Hasaneh Bank", ["مهر ایران", "بانک مهر", "mehr"];
        /// Resalat Qard al-Hasaneh Bank.
        Resalat => "resalat", "بانک قرض‌الحسنه رسالت", "Resalat Qard al-Hasaneh Bank",
            ["رسالت"];
        /// Refah Kargaran Bank.
        Refah => "refah", "بانک رفاه کارگران", "Refah Kargaran Bank", ["رفاه"];
        /// Bank Keshavarzi (agriculture).
        Keshavarzi => "keshavarzi", "بانک کشاورزی", "Bank Keshavarzi (Agriculture)",
            ["کشاورزی"];
        /// Tejarat Bank.
        Tejarat => "tejarat", "بانک تجارت", "Tejarat Bank", ["تجارت"];
        /// Bank Melli Iran.
        Melli => "melli", "بانک ملی ایران", "Bank Melli Iran", ["ملی", "بانک ملی"];
        /// Bank Sepah.
        Sepah => "sepah", "بانک سپه", "Bank Sepah", ["سپه"];
        /// Post Bank of Iran.
        PostBank => "post_bank", "پست بانک ایران", "Post Bank of Iran", ["پست بانک"];
        /// Any other bank, named on the referral.
        Other => "other", "سایر بانک‌ها", "Other bank", ["سایر", "دیگر"];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bank_reads_back_from_its_code_and_label_and_the_usual_short_names() {
        for bank in AgentBank::ALL {
            assert_eq!(AgentBank::parse(bank.code()), Some(bank));
            assert_eq!(AgentBank::parse(bank.label_fa()), Some(bank));
        }
        assert_eq!(AgentBank::parse("مهر ایران"), Some(AgentBank::MehrIran));
        assert_eq!(AgentBank::parse("پست بانک"), Some(AgentBank::PostBank));
        assert_eq!(AgentBank::parse("post-bank"), Some(AgentBank::PostBank));
        assert_eq!(AgentBank::parse("بانک خیالی"), None);
    }
}
