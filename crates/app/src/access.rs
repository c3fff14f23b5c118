//! Who may do what, where. Every use-case receives an [`Actor`] (the logged-in user with role
//! and place scope) and asks this module before it reads or writes. Decisions live here, not
//! in templates or handlers, so that the web app, the CLI and a future API agree.
//!
//! A person is shown only to a user whose scope holds her ([`Scope::covers`] her place).
//! Reaching a record is not always holding everyone it names — a county user reaches her
//! province's undivided budget lines, whose payments may be for several counties — so such
//! records decide what they show per reader (`spending::disclosure`). The roles' rights and
//! why are written down in `docs/SECURITY.md` ("Scope and roles").

use serde::{Deserialize, Serialize};

/// Identifiers of a place (country, province or county) and of a user account.
pub use crate::ids::{PlaceId, UserId};

/// The roles of the programme's staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    SystemAdmin,
    NationalExpert,
    ProvincialExpert,
    CountyExpert,
    SocialWorker,
    Facilitator,
    Auditor,
    PublicRelations,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::SystemAdmin,
        Role::NationalExpert,
        Role::ProvincialExpert,
        Role::CountyExpert,
        Role::SocialWorker,
        Role::Facilitator,
        Role::Auditor,
        Role::PublicRelations,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::SystemAdmin => "system_admin",
            Role::NationalExpert => "national_expert",
            Role::ProvincialExpert => "provincial_expert",
            Role::CountyExpert => "county_expert",
            Role::SocialWorker => "social_worker",
            Role::Facilitator => "facilitator",
            Role::Auditor => "auditor",
            Role::PublicRelations => "public_relations",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        let text = text.trim().replace('-', "_").to_lowercase();
        Role::ALL.into_iter().find(|role| role.as_str() == text)
    }

    pub fn label_fa(self) -> &'static str {
        match self {
            Role::SystemAdmin => "مدیر سامانه",
            Role::NationalExpert => "کارشناس ستادی (کشوری)",
            Role::ProvincialExpert => "کارشناس استان",
            Role::CountyExpert => "کارشناس شهرستان",
            Role::SocialWorker => "مددکار اجتماعی",
            Role::Facilitator => "تسهیلگر",
            Role::Auditor => "حسابرس",
            Role::PublicRelations => "روابط عمومی",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Role::SystemAdmin => "System administrator",
            Role::NationalExpert => "National expert",
            Role::ProvincialExpert => "Provincial expert",
            Role::CountyExpert => "County expert",
            Role::SocialWorker => "Social worker",
            Role::Facilitator => "Facilitator",
            Role::Auditor => "Auditor",
            Role::PublicRelations => "Public relations",
        }
    }

    /// The kind of scope a user of this role must have, if the role fixes it.
    pub fn required_scope_kind(self) -> Option<ScopeKind> {
        match self {
            Role::NationalExpert => Some(ScopeKind::Country),
            Role::ProvincialExpert => Some(ScopeKind::Province),
            Role::CountyExpert | Role::SocialWorker | Role::Facilitator => Some(ScopeKind::County),
            Role::SystemAdmin | Role::Auditor | Role::PublicRelations => None,
        }
    }

    /// Whether the role may do this, anywhere in its scope.
    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match permission {
            ViewPlaces | ViewDashboards => true,
            ManagePlaces | ManageUsers => self == Role::SystemAdmin,
            ViewUsers => matches!(self, Role::SystemAdmin | Role::Auditor),
            ViewAudit => matches!(self, Role::SystemAdmin | Role::Auditor),
            ViewPersonalData => !matches!(self, Role::PublicRelations),
            ChangeRecords => !matches!(self, Role::Auditor | Role::PublicRelations),
            ViewRegistry => !matches!(self, Role::PublicRelations),
            RegisterWomen => matches!(
                self,
                Role::SystemAdmin
                    | Role::NationalExpert
                    | Role::ProvincialExpert
                    | Role::CountyExpert
                    | Role::SocialWorker
            ),
            SeeUnmaskedLists => matches!(
                self,
                Role::NationalExpert
                    | Role::ProvincialExpert
                    | Role::CountyExpert
                    | Role::SocialWorker
            ),
            SeeFullIdentifiers => matches!(
                self,
                Role::SystemAdmin
                    | Role::NationalExpert
                    | Role::ProvincialExpert
                    | Role::CountyExpert
                    | Role::SocialWorker
                    | Role::Auditor
            ),
            DecideCoverage | ReviewDuplicates => {
                matches!(
                    self,
                    Role::NationalExpert | Role::ProvincialExpert | Role::CountyExpert
                )
            }
            ManageProgrammeSettings => matches!(self, Role::SystemAdmin | Role::NationalExpert),
            Assess => matches!(
                self,
                Role::NationalExpert
                    | Role::ProvincialExpert
                    | Role::CountyExpert
                    | Role::SocialWorker
            ),
            ViewGroups => !matches!(self, Role::PublicRelations),
            ManageGroups => matches!(
                self,
                Role::SystemAdmin
                    | Role::NationalExpert
                    | Role::ProvincialExpert
                    | Role::CountyExpert
                    | Role::SocialWorker
            ),
            ManageGroupSettings => matches!(
                self,
                Role::SystemAdmin | Role::NationalExpert | Role::ProvincialExpert
            ),
            PostLedger => matches!(
                self,
                Role::SystemAdmin | Role::NationalExpert | Role::ProvincialExpert
            ),
            ViewLedger => matches!(
                self,
                Role::SystemAdmin | Role::NationalExpert | Role::ProvincialExpert | Role::Auditor
            ),
            CloseFiscalYear => matches!(
                self,
                Role::SystemAdmin | Role::NationalExpert | Role::ProvincialExpert
            ),
            ReopenFiscalYear => matches!(self, Role::SystemAdmin | Role::NationalExpert),
            ManageBudget | ApproveSpending => matches!(
                self,
                Role::SystemAdmin | Role::NationalExpert | Role::ProvincialExpert
            ),
            ProposeSpending => matches!(
                self,
                Role::NationalExpert | Role::ProvincialExpert | Role::CountyExpert
            ),
            ViewMoney => matches!(
                self,
                Role::SystemAdmin
                    | Role::NationalExpert
                    | Role::ProvincialExpert
                    | Role::CountyExpert
                    | Role::Auditor
                    | Role::PublicRelations
            ),
            ViewMoneyRecords => matches!(
                self,
                Role::SystemAdmin
                    | Role::NationalExpert
                    | Role::ProvincialExpert
                    | Role::CountyExpert
                    | Role::Auditor
            ),
            ExportRegistry => matches!(
                self,
                Role::SystemAdmin
                    | Role::NationalExpert
                    | Role::ProvincialExpert
                    | Role::CountyExpert
                    | Role::SocialWorker
            ),
            ManageTraining => matches!(
                self,
                Role::NationalExpert | Role::ProvincialExpert | Role::CountyExpert
            ),
            ViewFund => matches!(
                self,
                Role::NationalExpert
                    | Role::ProvincialExpert
                    | Role::CountyExpert
                    | Role::SocialWorker
                    | Role::Facilitator
                    | Role::Auditor
            ),
            KeepFund => matches!(
                self,
                Role::NationalExpert
                    | Role::ProvincialExpert
                    | Role::CountyExpert
                    | Role::SocialWorker
                    | Role::Facilitator
            ),
            RecordAttendance => matches!(
                self,
                Role::NationalExpert
                    | Role::ProvincialExpert
                    | Role::CountyExpert
                    | Role::SocialWorker
                    | Role::Facilitator
            ),
        }
    }
}

/// What an action needs, independent of where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    ViewPlaces,
    /// Read dashboards: counts and sums of a place, never a person (money needs `ViewMoney`).
    ViewDashboards,
    ManagePlaces,
    ViewUsers,
    ManageUsers,
    ViewAudit,
    /// Open a named person's record (women, household members, staff accounts).
    ViewPersonalData,
    /// Create or change programme records (women, groups, money…) in later capabilities.
    ChangeRecords,
    /// Search and list the registry of women (masked where `SeeUnmaskedLists` is missing).
    ViewRegistry,
    /// Register women and edit their records, households, inquiries and documents.
    RegisterWomen,
    /// See national ID, mobile and address in lists (others see them masked).
    SeeUnmaskedLists,
    /// See a woman's national ID, address and bank account (SHEBA), and her household's
    /// national IDs, in full on her file (single records; lists follow `SeeUnmaskedLists`).
    /// Every role that opens files has it except the facilitator: she runs a group's
    /// meetings and needs her members' names and mobiles, not identity numbers or addresses,
    /// so she sees those masked on the file exactly as in lists.
    SeeFullIdentifiers,
    /// Record coverage decisions (waiting list, covered, pensioner, exit).
    DecideCoverage,
    /// Merge or dismiss likely duplicates.
    ReviewDuplicates,
    /// Maintain the yearly pension table and the eligibility rules.
    ManageProgrammeSettings,
    /// Export the registry with identifiers (the file leaves the system, so it is audited).
    ExportRegistry,
    /// See groups, their members and their history.
    ViewGroups,
    /// Form groups, edit them, move them through their lifecycle, add and remove members,
    /// assign their social worker and facilitator.
    ManageGroups,
    /// Maintain a province's group settings and the supervising units.
    ManageGroupSettings,
    /// Post and reverse ledger transactions and keep the chart of accounts.
    PostLedger,
    /// Read ledger accounts, transactions and balances, and verify the ledger.
    ViewLedger,
    /// Open a fiscal year's budget lines, allocate, amend and divide them among counties.
    ManageBudget,
    /// Propose a payment or a grant against a budget line (the first pair of eyes).
    ProposeSpending,
    /// Approve or reject what someone else proposed, and record payments (the second pair).
    ApproveSpending,
    /// Read budgets, money reports, dashboards' money and the press summary: figures only.
    ViewMoney,
    /// Open the records behind the figures — payments, grants, money per group or woman —
    /// which name staff, payees, groups and women. Public relations has `ViewMoney` but not
    /// this: it reads figures only, so those pages refuse it rather than show them empty.
    ViewMoneyRecords,
    /// Close a province's fiscal year, after which nothing posts into it.
    CloseFiscalYear,
    /// Reopen a closed fiscal year, with a reason: the national office (and the console).
    ReopenFiscalYear,
    /// Register training providers, plan course runs and their sessions, enrol women and
    /// groups, and record completions and dropouts (the county training coordinator's work,
    /// done by the county expert).
    ManageTraining,
    /// Mark who attended a course session: also the social worker and the facilitator, who
    /// are in the room with the group.
    RecordAttendance,
    /// Read, record, import and export women's assessment forms (their answers and scores):
    /// the experts and the social workers only, in their scope.
    Assess,
    /// Read a group's fund: its cycles, meetings, each member's savings and loans (hers and
    /// her group's business, so the experts, the social worker, the facilitator of that group
    /// and the auditor; public relations reads no one's money).
    ViewFund,
    /// Keep a group's fund: open a cycle, record a meeting, draw lots, reschedule or write off
    /// a loan by the group's decision, share out — the facilitator for her own groups, the
    /// social worker and the experts in their place.
    KeepFund,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    Country,
    Province,
    County,
}

/// Where a user works: the whole country, one province, or one county (with its province).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Country,
    Province(PlaceId),
    County { province: PlaceId, county: PlaceId },
}

impl Scope {
    pub fn kind(self) -> ScopeKind {
        match self {
            Scope::Country => ScopeKind::Country,
            Scope::Province(_) => ScopeKind::Province,
            Scope::County { .. } => ScopeKind::County,
        }
    }

    /// Whether a record located at (province, county) lies inside this scope. A record with
    /// no province (national) is visible only to country-wide users.
    pub fn covers(self, province: Option<PlaceId>, county: Option<PlaceId>) -> bool {
        match self {
            Scope::Country => true,
            Scope::Province(p) => province == Some(p),
            Scope::County { county: c, .. } => county == Some(c),
        }
    }

    /// Whether every place of `inner` lies inside this scope.
    pub fn contains(self, inner: Scope) -> bool {
        match (self, inner) {
            (Scope::Country, _) => true,
            (Scope::Province(p), Scope::Province(q)) => p == q,
            (Scope::Province(p), Scope::County { province, .. }) => p == province,
            (Scope::County { county: a, .. }, Scope::County { county: b, .. }) => a == b,
            _ => false,
        }
    }

    pub fn province(self) -> Option<PlaceId> {
        match self {
            Scope::Country => None,
            Scope::Province(p) | Scope::County { province: p, .. } => Some(p),
        }
    }

    pub fn county(self) -> Option<PlaceId> {
        match self {
            Scope::County { county, .. } => Some(county),
            _ => None,
        }
    }
}

/// The person acting: a logged-in user, or the operator at the console (CLI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// `None` for the console operator, who acts as a country-wide administrator.
    pub user_id: Option<UserId>,
    pub username: String,
    pub role: Role,
    pub scope: Scope,
}

impl Actor {
    /// The operator running `hamyar` commands on the server itself. Whoever can run the
    /// binary against the database already holds every key, so this actor is unrestricted;
    /// its changes are still audited, under the name `console`.
    pub fn console() -> Self {
        Self {
            user_id: None,
            username: "console".to_owned(),
            role: Role::SystemAdmin,
            scope: Scope::Country,
        }
    }

    pub fn can(&self, permission: Permission) -> bool {
        self.role.allows(permission)
    }

    /// Fails with `Forbidden` unless the role allows the permission.
    pub fn require(&self, permission: Permission) -> Result<(), crate::AppError> {
        if self.can(permission) {
            Ok(())
        } else {
            Err(crate::AppError::Forbidden)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn county_scope_covers_only_its_own_county() {
        let scope = Scope::County {
            province: PlaceId::new(18),
            county: PlaceId::new(40),
        };
        assert!(scope.covers(Some(PlaceId::new(18)), Some(PlaceId::new(40))));
        assert!(!scope.covers(Some(PlaceId::new(18)), Some(PlaceId::new(41))));
        assert!(!scope.covers(Some(PlaceId::new(18)), None));
    }

    #[test]
    fn province_scope_contains_its_counties_but_not_others() {
        let scope = Scope::Province(PlaceId::new(18));
        assert!(scope.contains(Scope::County {
            province: PlaceId::new(18),
            county: PlaceId::new(40)
        }));
        assert!(!scope.contains(Scope::County {
            province: PlaceId::new(8),
            county: PlaceId::new(3)
        }));
        assert!(!scope.contains(Scope::Country));
    }

    #[test]
    fn auditor_reads_but_never_changes() {
        assert!(Role::Auditor.allows(Permission::ViewAudit));
        assert!(!Role::Auditor.allows(Permission::ChangeRecords));
        assert!(!Role::Auditor.allows(Permission::ManageUsers));
    }

    #[test]
    fn public_relations_never_sees_personal_data() {
        assert!(!Role::PublicRelations.allows(Permission::ViewPersonalData));
        assert!(!Role::PublicRelations.allows(Permission::ViewUsers));
    }

    #[test]
    fn public_relations_reads_money_figures_but_no_money_records() {
        assert!(Role::PublicRelations.allows(Permission::ViewMoney));
        assert!(!Role::PublicRelations.allows(Permission::ViewMoneyRecords));
        for role in Role::ALL {
            if role.allows(Permission::ViewMoneyRecords) {
                assert!(role.allows(Permission::ViewMoney), "{role:?}");
                assert!(role.allows(Permission::ViewPersonalData), "{role:?}");
            }
        }
    }

    #[test]
    fn only_the_facilitator_opens_files_with_identifiers_masked() {
        for role in Role::ALL {
            let opens_files =
                role.allows(Permission::ViewPersonalData) && role.allows(Permission::ViewRegistry);
            let full = role.allows(Permission::SeeFullIdentifiers);
            assert_eq!(full, opens_files && role != Role::Facilitator, "{role:?}");
        }
        assert!(!Role::Facilitator.allows(Permission::SeeUnmaskedLists));
    }

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("county-expert"), Some(Role::CountyExpert));
        assert_eq!(Role::parse("boss"), None);
    }
}
