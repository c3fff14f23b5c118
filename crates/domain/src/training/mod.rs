//! Training and job preparation (issue 18): the coded lists a training coordinator works with
//! — what a course teaches, who provides it, a session's attendance mark, why a woman dropped
//! out — and the completion rule a course kind carries.
//!
//! The rule is data, not code: each course kind keeps the share of sessions a woman must
//! attend and whether a final assessment must be passed (default 80 % and none), so a province
//! can ask more of a vocational course than of a life-skills workshop without a release. A
//! woman *attends* a session when she is marked present; an excused absence is kept (it
//! explains a gap, and a follow-up reads it) but does not count as attendance, so two women
//! who each sat eight of ten sessions are judged alike whatever their excuses.

mod completion;
mod contract;
mod costs;
pub mod follow_up;
pub mod job_plan;
mod need;

pub use completion::{CompletionRule, CompletionVerdict, RuleError};
pub use contract::{ContractBalance, ContractDraft, ContractTerms, line_may_pay};
pub use costs::RunCosts;
pub use need::{NeedDraft, NeedState, NeedTerms};

use crate::registry::codes::coded_list;

coded_list! {
    /// What a course teaches (DOMAIN: training).
    pub enum CourseCategory ("نوع دوره", "course category") {
        /// A trade, with its national skill-standard code where one exists.
        Vocational => "vocational", "مهارت فنی و حرفه‌ای", "Vocational skill", ["فنی و حرفه‌ای", "حرفه‌ای"];
        /// Selling what the group makes.
        Marketing => "marketing", "بازاریابی و فروش", "Marketing", ["بازاریابی", "فروش"];
        /// Bookkeeping, saving, credit.
        FinancialLiteracy => "financial_literacy", "سواد مالی", "Financial literacy", ["مالی"];
        /// Life skills.
        LifeSkills => "life_skills", "مهارت‌های زندگی", "Life skills", ["مهارت زندگی"];
        /// Working together, trust, networks.
        SocialCapital => "social_capital", "سرمایه اجتماعی", "Social capital";
        /// Planning the group's business.
        BusinessPlanning => "business_planning", "طرح کسب و کار", "Business planning", ["کسب و کار", "طرح کسب‌وکار"];
    }
}

coded_list! {
    /// Who gives a course.
    pub enum ProviderKind ("نوع مجری", "provider kind") {
        /// A centre of the national technical-vocational organisation.
        VocationalCentre => "vocational_centre", "مرکز فنی و حرفه‌ای", "Technical-vocational centre", ["فنی و حرفه‌ای", "فنی حرفه ای"];
        /// A private institute under contract.
        Institute => "institute", "آموزشگاه طرف قرارداد", "Contracted institute", ["آموزشگاه"];
        /// A non-governmental organisation.
        Ngo => "ngo", "سازمان مردم‌نهاد", "NGO", ["سمن", "مردم نهاد"];
        /// Behzisti's own trainers.
        Behzisti => "behzisti", "مربیان بهزیستی", "Behzisti's own trainers", ["بهزیستی"];
    }
}

coded_list! {
    /// A woman's attendance at one session.
    pub enum AttendanceMark ("حضور و غیاب", "attendance") {
        Present => "present", "حاضر", "Present", ["ح"];
        Absent => "absent", "غایب", "Absent", ["غ"];
        /// Absent with a reason the coordinator accepted.
        Excused => "excused", "غیبت موجه", "Excused", ["موجه"];
    }
}

coded_list! {
    /// Why a woman left a course before its end.
    pub enum DropoutReason ("علت ترک دوره", "dropout reason") {
        FoundWork => "found_work", "اشتغال", "Found work", ["کار پیدا کرد"];
        Family => "family", "مسئولیت خانوادگی", "Family duties", ["خانوادگی"];
        Health => "health", "بیماری", "Health", ["سلامت"];
        Distance => "distance", "دوری راه و رفت‌وآمد", "Distance and travel", ["رفت و آمد"];
        LostInterest => "lost_interest", "بی‌علاقگی", "Lost interest";
        Moved => "moved", "تغییر محل سکونت", "Moved away", ["جابجایی"];
        Other => "other", "سایر", "Other";
    }
}
