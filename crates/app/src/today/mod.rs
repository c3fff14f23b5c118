//! "Today" (issue 17): what the acting user has to do today, gathered from the areas that own
//! each kind of work, for her home page. Nothing here defines a list or a figure of its own:
//!
//! - **visits** — the office's work list (`group_life::visits`, the same query, order and
//!   counts as `/visits/due`): follow-ups overdue and due, and groups owed a visit;
//! - **meetings to record** — her active groups with no meeting held this Jalali month
//!   ([`meetings`]; a social worker's or facilitator's own groups only);
//! - **permits** — permits expired or expiring within the group page's warning window
//!   (`hamyar_domain::group_life::EXPIRY_WARNING_DAYS`, the same rule as the group page);
//! - **duplicates** — the open pairs of the review queue (`registry::duplicates`);
//! - **payments** and **tranches** waiting for a second pair of eyes (`spending`, `grants`),
//!   a tranche when its release conditions, judged today by `grants`, all hold;
//! - **follow-ups after a course** — the women who completed a course three or six Jalali
//!   months ago and have not yet been asked whether they work (`training::follow_up`, the same
//!   query and order as `/training/follow-ups`), for those who ask them (`RecordAttendance`);
//!   the list names women, so showing it is audited as the list's page is;
//! - **assessments owed** — the women whose schedule owes a form (`outcomes::due`, the same
//!   list as `/outcomes`), for a social worker (her own women) and a county's expert; audited
//!   as the list's page is;
//! - **figures at a glance** — catalogue figures from the place's figure sheet (`figures`);
//!   for public relations the press summary's headline figures and its paragraph (`press`).
//!
//! Whose work it is follows the role and the place, like every use-case: a social worker's
//! (or facilitator's) items are her own groups' — those whose current social worker she is
//! on the group row (`visits::own_groups`) — a county expert's her county's, a provincial
//! expert's her province's. Each section needs the permission its area asks for; a section the
//! role may not read is left out rather than shown empty. Each item says what it is, the
//! record it concerns, the day that makes it due and how late it is, and what clears it
//! ([`Clears`]; the web turns that into the link of the form). Lists hold at most
//! [`ITEMS_PER_SECTION`] items, most urgent first; each section's `total` counts them all.

mod meetings;
mod money;
mod work;

use hamyar_domain::{FiscalYear, JalaliDate, MoneyUnit};

use crate::access::{Actor, Permission, PlaceId, Role};
use crate::dashboard::DashboardRequest;
use crate::error::AppResult;
use crate::figures::{FigureKey, FigureSheet};
use crate::outcomes::due::AssessmentsDue;
use crate::ports::grants::{GrantId, TrancheId};
use crate::ports::groups::GroupId;
use crate::ports::spending::PaymentId;
use crate::press::PressSummary;
use crate::service::App;
use crate::training::FollowUpsDue;

/// Items listed per section at most (the section's total counts them all).
pub const ITEMS_PER_SECTION: usize = 20;

/// The catalogue figures a place's experts see at a glance on Today, in this order (money
/// figures only for roles with `ViewMoney`, as the sheet has them).
pub const GLANCE: [FigureKey; 8] = [
    FigureKey::ActiveGroups,
    FigureKey::ActiveGroupMembers,
    FigureKey::WomenCovered,
    FigureKey::WomenWaiting,
    FigureKey::FollowUpsOverdue,
    FigureKey::GroupsOwedAVisit,
    FigureKey::HeadlineSpent,
    FigureKey::GrantsPaid,
];

/// The headline figures of the press summary (`crate::press`), which public relations sees on
/// Today beside the summary's paragraph.
pub const HEADLINES: [FigureKey; 6] = [
    FigureKey::ActiveGroups,
    FigureKey::ActiveGroupMembers,
    FigureKey::HeadlineSpent,
    FigureKey::GrantsPaid,
    FigureKey::GroupsGraduated,
    FigureKey::WomenEmpowered,
];

/// What an item is, with what the page says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    /// A follow-up asked at a visit, past its due day.
    FollowUpOverdue,
    /// A follow-up due from today within the work list's window.
    FollowUpDue,
    /// The group has gone longer than its province's threshold without a visit.
    VisitOwed {
        last_visited_on: Option<JalaliDate>,
        days_without: i64,
        months: u8,
    },
    /// An active group with no meeting held this month.
    MeetingToRecord { last_held_on: Option<JalaliDate> },
    /// A permit (its kind's code) expired or expiring soon.
    Permit { kind: String, expired: bool },
    /// A payment proposed by someone else that the actor may approve or reject.
    PaymentToDecide,
    /// A payment of the actor's place waiting for the province's decision (the actor may not
    /// decide it: she proposed it, or her role proposes but does not approve).
    PaymentAwaiting,
    /// A proposed tranche whose release conditions all hold today, for an approver.
    TrancheReady { seq: i64 },
    /// The same, waiting for someone else's decision.
    TrancheAwaiting { seq: i64 },
}

/// The record an item concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Concerns {
    Group {
        id: GroupId,
        code: String,
        name: String,
        county_id: PlaceId,
    },
    Payment {
        id: PaymentId,
        payee: String,
        amount_rials: i64,
    },
    /// A tranche of a grant; the recipient's name only for readers who may see it.
    Tranche {
        grant_id: GrantId,
        recipient: Option<String>,
        amount_rials: i64,
    },
}

/// The form that clears an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clears {
    /// The visit form of the group (a visit answers the group's open follow-ups).
    RecordVisit(GroupId),
    RecordMeeting(GroupId),
    /// The permit form of the group (a renewed permit replaces the one it had).
    RecordPermit(GroupId),
    /// The payment's page, with its approve and reject forms.
    DecidePayment(PaymentId),
    /// The grant's page, with the tranche's approve and reject forms.
    DecideTranche(GrantId, TrancheId),
}

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodayItem {
    pub kind: ItemKind,
    pub concerns: Concerns,
    /// The day that makes it due: a follow-up's due day, the day a visit was last made (or
    /// the group registered), a meeting's month's first day, a permit's expiry, the day a
    /// payment or tranche was proposed (or planned).
    pub due_on: Option<JalaliDate>,
    /// Days from `due_on` to today: positive when late, 0 today, negative when ahead.
    pub days_late: i64,
    pub clears: Clears,
}

/// The kinds of work, in the order the page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Visits,
    Meetings,
    Permits,
    Payments,
    Tranches,
}

/// A kind of work: how many there are, and the most urgent of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub kind: SectionKind,
    pub total: i64,
    /// At most [`ITEMS_PER_SECTION`], most urgent first.
    pub items: Vec<TodayItem>,
}

/// The actor's day.
#[derive(Debug, Clone)]
pub struct Today {
    pub on: JalaliDate,
    /// Whether the lists are the actor's own groups (a social worker, a facilitator) rather
    /// than her place's.
    pub own_groups: bool,
    pub sections: Vec<Section>,
    /// Open pairs in the duplicate review queue, for roles that review them (at most
    /// `DUPLICATES_COUNTED`; `duplicates_more` when there are more).
    pub duplicates: Option<i64>,
    pub duplicates_more: bool,
    /// The follow-ups after a course due today (most overdue first, at most
    /// [`ITEMS_PER_SECTION`]), for roles that ask them; her own groups' women when
    /// `own_groups`.
    pub course_follow_ups: Option<FollowUpsDue>,
    /// The assessment forms owed (most overdue first, at most [`ITEMS_PER_SECTION`]), for a
    /// social worker (her own women) and a county's expert (the county).
    pub assessments_due: Option<AssessmentsDue>,
    /// The place's figure sheet for the fiscal year so far: for the place's experts (at a
    /// glance) and public relations (the headlines).
    pub figures: Option<FigureSheet>,
    /// Which figures of the sheet to show: [`GLANCE`] or [`HEADLINES`].
    pub figure_keys: &'static [FigureKey],
    /// Public relations of a province: its press summary for the year, with the paragraph.
    pub press: Option<PressSummary>,
}

impl Today {
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|section| section.kind == kind)
    }

    /// Whether nothing at all waits (the page says so).
    pub fn nothing_to_do(&self) -> bool {
        self.sections.iter().all(|section| section.total == 0)
            && self.duplicates.is_none_or(|count| count == 0)
            && self
                .course_follow_ups
                .as_ref()
                .is_none_or(|due| due.total == 0)
            && self
                .assessments_due
                .as_ref()
                .is_none_or(|due| due.total == 0)
    }
}

/// Open duplicate pairs counted at most.
pub const DUPLICATES_COUNTED: i64 = 500;

/// Roles that work on groups by assignment rather than by place.
fn works_by_assignment(role: Role) -> bool {
    matches!(role, Role::SocialWorker | Role::Facilitator)
}

/// Roles shown the place's figures at a glance (public relations reads the press summary,
/// the web's own section; field staff have their lists).
fn sees_glance(role: Role) -> bool {
    matches!(
        role,
        Role::NationalExpert
            | Role::ProvincialExpert
            | Role::CountyExpert
            | Role::SystemAdmin
            | Role::Auditor
    )
}

/// Keeps the first [`ITEMS_PER_SECTION`] items.
fn section(kind: SectionKind, total: i64, mut items: Vec<TodayItem>) -> Section {
    items.truncate(ITEMS_PER_SECTION);
    Section { kind, total, items }
}

impl App {
    /// The actor's day: see the module documentation. `unit` is the reader's money unit, in
    /// which the press paragraph writes its amounts (as on the press page).
    pub async fn today_for(&self, actor: &Actor, unit: MoneyUnit) -> AppResult<Today> {
        let today = self.today();
        let own = works_by_assignment(actor.role);
        let mut sections = Vec::new();
        if actor.can(Permission::ViewGroups) && (own || actor.can(Permission::ManageGroups)) {
            sections.push(self.today_visits(actor, own).await?);
            if own {
                sections.push(self.today_meetings(actor, today).await?);
            }
            sections.push(self.today_permits(actor, own, today).await?);
        }
        if actor.can(Permission::ViewMoneyRecords)
            && (actor.can(Permission::ApproveSpending) || actor.can(Permission::ProposeSpending))
        {
            sections.push(self.today_payments(actor, today).await?);
            sections.push(self.today_tranches(actor, today).await?);
        }
        let (duplicates, duplicates_more) = if actor.can(Permission::ReviewDuplicates) {
            let open = self
                .duplicate_queue(actor, Some("open"), DUPLICATES_COUNTED + 1, 0)
                .await?
                .len() as i64;
            (
                Some(open.min(DUPLICATES_COUNTED)),
                open > DUPLICATES_COUNTED,
            )
        } else {
            (None, false)
        };
        let course_follow_ups = if actor.can(Permission::RecordAttendance) {
            Some(
                self.follow_ups_due(actor, own, ITEMS_PER_SECTION, true)
                    .await?,
            )
        } else {
            None
        };
        let assessments_due = if actor.can(Permission::Assess) && actor.scope.county().is_some() {
            Some(
                self.assessments_due(actor, None, ITEMS_PER_SECTION, true)
                    .await?,
            )
        } else {
            None
        };
        let year = FiscalYear::of(today);
        let press_office = actor.role == Role::PublicRelations;
        let figures = if sees_glance(actor.role) || press_office {
            let request = DashboardRequest {
                place_id: None,
                year,
                from: None,
                to: None,
            };
            Some(self.figure_sheet(actor, &request).await?)
        } else {
            None
        };
        let press = match actor.scope.province() {
            Some(province) if press_office => {
                Some(self.press_summary_in(actor, province, year, unit).await?)
            }
            _ => None,
        };
        Ok(Today {
            on: today,
            own_groups: own,
            sections,
            duplicates,
            duplicates_more,
            course_follow_ups,
            assessments_due,
            figures,
            figure_keys: if press_office { &HEADLINES } else { &GLANCE },
            press,
        })
    }
}
