//! The coded lists of Hamyar groups: lifecycle stage, why a group fell
//! inactive, premises, a member's role and why she left, the staff duties
//! a group is assigned, and the kinds of supervising unit. Codes are stable
//! snake_case (storage and files carry them); labels are Persian and English.
//! The business fields are not here: they are a maintained list (data in
//! the `business_fields` table), not a closed set of the programme's rules.

use crate::registry::codes::coded_list;

coded_list! {
    /// Where a group stands in its life (مرحله).
    pub enum GroupStage ("مرحلهٔ گروه", "group stage") {
        /// Women identified by the social worker as a possible group.
        Identified => "identified", "شناسایی‌شده", "Identified";
        /// The women have been trained.
        Trained => "trained", "آموزش‌دیده", "Trained";
        /// The group is registered (ثبت) with the welfare office.
        Registered => "registered", "ثبت‌شده", "Registered", ["ثبت"];
        /// The group has received its grant or loan.
        Funded => "funded", "تأمین مالی‌شده", "Funded";
        /// The business is running.
        Active => "active", "فعال", "Active";
        /// The business has stopped, for a coded reason.
        Inactive => "inactive", "غیرفعال", "Inactive";
        /// Running again after being inactive.
        Reactivated => "reactivated", "فعال‌شدهٔ دوباره", "Reactivated";
        /// The group no longer exists.
        Dissolved => "dissolved", "منحل", "Dissolved";
        /// The group runs on its own, without the programme (مستقل).
        Graduated => "graduated", "مستقل‌شده", "Graduated (independent)", ["مستقل"];
    }
}

coded_list! {
    /// Why a group fell inactive.
    pub enum InactiveReason ("علت غیرفعال شدن", "reason for inactivity") {
        Market => "market", "فروش و بازار", "Sales and market";
        Capital => "capital", "سرمایه", "Capital";
        Permits => "permits", "مجوزها", "Permits";
        MemberConflict => "member_conflict", "اختلاف اعضا", "Conflict between members";
        MembersLeft => "members_left", "خروج اعضا", "Members left";
        Health => "health", "بیماری و سلامت", "Health";
        Covid => "covid", "کرونا", "COVID", ["کووید"];
        Other => "other", "سایر", "Other";
    }
}

coded_list! {
    /// Where the business works.
    pub enum Premises ("محل کار", "premises") {
        Own => "own", "ملکی", "Own";
        Rented => "rented", "استیجاری", "Rented", ["اجاره"];
        Home => "home", "منزل", "Home", ["خانگی"];
    }
}

coded_list! {
    /// A member's role in her group.
    pub enum MemberRole ("نقش در گروه", "role in the group") {
        Head => "head", "سرگروه", "Head";
        Treasurer => "treasurer", "خزانه‌دار", "Treasurer";
        Secretary => "secretary", "منشی", "Secretary";
        Member => "member", "عضو", "Member";
    }
}

coded_list! {
    /// Why a member left her group.
    pub enum LeaveReason ("علت خروج", "reason for leaving") {
        Employed => "employed", "اشتغال در جای دیگر", "Employed elsewhere";
        Moved => "moved", "جابه‌جایی محل زندگی", "Moved away";
        Health => "health", "بیماری", "Health";
        Conflict => "conflict", "اختلاف", "Conflict";
        Family => "family", "مسائل خانوادگی", "Family reasons";
        Deceased => "deceased", "فوت", "Deceased";
        GroupEnded => "group_ended", "پایان کار گروه", "The group ended";
        Other => "other", "سایر", "Other";
    }
}

coded_list! {
    /// The people the welfare office assigns to a group.
    pub enum StaffDuty ("وظیفه", "duty") {
        SocialWorker => "social_worker", "مددکار اجتماعی", "Social worker";
        Facilitator => "facilitator", "تسهیلگر", "Facilitator";
    }
}

coded_list! {
    /// Who supervises a group.
    pub enum SupervisingUnitKind ("نوع واحد ناظر", "kind of supervising unit") {
        WelfareOffice => "welfare_office", "ادارهٔ بهزیستی شهرستان", "County welfare office";
        NgoCentre => "ngo_centre", "مرکز سازمان مردم‌نهاد", "NGO centre", ["سمن"];
    }
}
