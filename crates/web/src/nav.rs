//! The main navigation. Each capability adds its entry here with the permission that shows
//! it, so the menu never offers a page the user would be refused.

use hamyar_app::{Actor, Permission};

use hamyar_i18n::Lang;

/// One menu entry as rendered.
#[derive(Debug, Clone)]
pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub active: bool,
}

struct Entry {
    href: &'static str,
    key: &'static str,
    /// `None`: every logged-in user.
    needs: Option<Permission>,
}

const ENTRIES: &[Entry] = &[
    Entry {
        href: "/",
        key: "nav-home",
        needs: None,
    },
    Entry {
        href: "/dashboard",
        key: "nav-dashboard",
        needs: Some(Permission::ViewDashboards),
    },
    // The yearly plan against achievement (issue 19): read by every dashboard reader.
    Entry {
        href: "/plan",
        key: "plan-nav",
        needs: Some(Permission::ViewDashboards),
    },
    Entry {
        href: "/women",
        key: "nav-women",
        needs: Some(Permission::ViewRegistry),
    },
    Entry {
        href: "/duplicates",
        key: "nav-duplicates",
        needs: Some(Permission::ViewRegistry),
    },
    Entry {
        href: "/groups",
        key: "nav-groups",
        needs: Some(Permission::ViewGroups),
    },
    // The offline field app (issue 21): for those who record group life or keep funds in the
    // field, as the app decides (`field_kinds`, asked in `items_for`).
    Entry {
        href: FIELD_APP,
        key: "fieldapp-nav",
        needs: None,
    },
    Entry {
        href: "/visits/due",
        key: "nav-visits_due",
        needs: Some(Permission::ViewGroups),
    },
    // Training: for those who run it or are in the room (every `ManageTraining` role also
    // has `RecordAttendance`, and every `RecordAttendance` role sees groups).
    Entry {
        href: "/training",
        key: "training-nav",
        needs: Some(Permission::RecordAttendance),
    },
    // Outcomes: women's forms are read only by the experts and the social workers.
    Entry {
        href: "/outcomes",
        key: "outcomes-nav",
        needs: Some(Permission::Assess),
    },
    Entry {
        href: "/money/grants",
        key: "nav-grants",
        needs: Some(Permission::ViewMoneyRecords),
    },
    Entry {
        href: "/programme",
        key: "nav-programme",
        needs: Some(Permission::ViewRegistry),
    },
    Entry {
        href: "/money/budget",
        key: "nav-money",
        needs: Some(Permission::ViewMoney),
    },
    Entry {
        href: "/money/payments",
        key: "nav-payments",
        needs: Some(Permission::ViewMoneyRecords),
    },
    Entry {
        href: "/money/history",
        key: "history-nav",
        needs: Some(Permission::ViewMoneyRecords),
    },
    // Referrals to agent banks for self-employment loans (issue 20): money per woman.
    Entry {
        href: "/bank-loans",
        key: "bank-loans-nav",
        needs: Some(Permission::ViewMoneyRecords),
    },
    // The savings-group metrics of the groups' funds (issue 20): for those who read funds
    // beyond their own groups (a facilitator reads only her groups' funds, not a place's).
    Entry {
        href: FUND_REPORT,
        key: "fund-page-report_nav",
        needs: Some(Permission::ViewFund),
    },
    Entry {
        href: "/reports/summary",
        key: "nav-press",
        needs: Some(Permission::ViewMoney),
    },
    Entry {
        href: "/places",
        key: "nav-places",
        needs: Some(Permission::ViewPlaces),
    },
    Entry {
        href: "/users",
        key: "nav-users",
        needs: Some(Permission::ViewUsers),
    },
    Entry {
        href: "/audit",
        key: "nav-audit",
        needs: Some(Permission::ViewAudit),
    },
    Entry {
        href: "/account",
        key: "nav-account",
        needs: None,
    },
];

/// The savings-group report, refused to a facilitator although she reads funds.
const FUND_REPORT: &str = "/fund/report";
/// The field app, offered to those who may record something in the field.
const FIELD_APP: &str = "/field";

/// The entries this actor may use, with the one matching `path` marked active.
pub fn items_for(actor: &Actor, lang: Lang, path: &str) -> Vec<NavItem> {
    ENTRIES
        .iter()
        .filter(|entry| entry.needs.is_none_or(|p| actor.can(p)))
        .filter(|entry| entry.href != FUND_REPORT || actor.role != hamyar_app::Role::Facilitator)
        .filter(|entry| {
            entry.href != FIELD_APP || !hamyar_app::api_tokens::field_kinds(actor).is_empty()
        })
        .map(|entry| NavItem {
            href: entry.href,
            label: lang.t(entry.key),
            active: if entry.href == "/" {
                path == "/"
            } else {
                path.starts_with(entry.href)
            },
        })
        .collect()
}
