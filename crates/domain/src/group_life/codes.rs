//! The coded lists of a group's life. Like the registry's lists (see
//! [`crate::registry::codes`]), each value has a stable snake_case code that storage carries
//! and Persian and English labels, and `parse` accepts any of them: reports count visits by
//! referral and months by sales channel, which free text would split into spellings.

use crate::registry::codes::coded_list;

coded_list! {
    /// Where a group sells (several may apply in a month).
    pub enum SalesChannel ("کانال فروش", "sales channel") {
        /// Its own or a shared shop.
        Shop => "shop", "فروشگاه", "Shop", ["مغازه"];
        /// Fairs and exhibitions.
        Exhibition => "exhibition", "نمایشگاه", "Exhibition", ["بازارچه"];
        /// Made to order for customers or institutions.
        Order => "order", "سفارش", "To order", ["سفارشی"];
        /// Online shops and social networks.
        Online => "online", "فروش اینترنتی", "Online", ["اینترنتی", "فضای مجازی"];
        /// Anything else, described in text.
        Other => "other", "سایر", "Other";
    }
}

coded_list! {
    /// Whether a member attended a meeting.
    pub enum Attendance ("حضور", "attendance") {
        Present => "present", "حاضر", "Present";
        Absent => "absent", "غایب", "Absent";
        /// Absent with a reason the group accepted.
        Excused => "excused", "غیبت موجه", "Excused", ["موجه"];
    }
}

coded_list! {
    /// Where a monitoring visit referred the group for help.
    pub enum Referral ("ارجاع", "referral") {
        /// The county labour and social welfare office (permits, insurance).
        LabourOffice => "labour_office", "اداره کار", "Labour office", ["اداره تعاون کار و رفاه اجتماعی"];
        /// The trade guild that issues business licences.
        Guild => "guild", "اتحادیه صنفی", "Guild", ["اتحادیه", "صنف"];
        /// A bank, for loans or an account.
        Bank => "bank", "بانک", "Bank";
        /// The health network, for a health code.
        HealthNetwork => "health_network", "شبکه بهداشت", "Health network", ["بهداشت"];
        /// Technical and vocational training.
        TechnicalVocational => "technical_vocational", "فنی و حرفه‌ای", "Technical and vocational training";
        /// The municipality or the village council (premises, market stalls).
        Municipality => "municipality", "شهرداری یا دهیاری", "Municipality or village council", ["شهرداری", "دهیاری"];
        /// A partner non-governmental organisation.
        Ngo => "ngo", "سازمان مردم‌نهاد", "NGO", ["سمن"];
        /// Anything else, named in text.
        Other => "other", "سایر", "Other";
    }
}

coded_list! {
    /// The permits a group's business needs.
    pub enum PermitKind ("نوع مجوز", "permit kind") {
        /// The health code (کد بهداشتی) food businesses need.
        HealthCode => "health_code", "کد بهداشتی", "Health code";
        /// The business licence (پروانه کسب) of the guild.
        BusinessLicence => "business_licence", "پروانه کسب", "Business licence", ["مجوز کسب"];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_labels_parse_back() {
        assert_eq!(
            SalesChannel::parse("فروش اینترنتی"),
            Some(SalesChannel::Online)
        );
        assert_eq!(
            Referral::parse("labour-office"),
            Some(Referral::LabourOffice)
        );
        assert_eq!(Attendance::parse("موجه"), Some(Attendance::Excused));
        assert_eq!(
            PermitKind::parse("پروانه کسب"),
            Some(PermitKind::BusinessLicence)
        );
        assert_eq!(Referral::parse("شهرداري"), Some(Referral::Municipality));
        assert_eq!(SalesChannel::parse("bazaar"), None);
    }
}
