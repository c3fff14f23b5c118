//! The home page is "Today" (issue 17): what the logged-in person has to do today, gathered
//! by `App::today_for` for her role and place — visits and follow-ups, meetings to record,
//! permits, payments and tranches waiting for a second pair of eyes, duplicates to review —
//! each section counted, its items most urgent first, each item a button to the form that
//! clears it; the follow-ups after a course due today, each with a call button and the
//! button to its form (`pages::training::due_line`, as on their own list); the batches of a
//! province's paper history waiting for her decision; her own
//! import jobs; the place's figures at a glance (experts) or the press
//! summary's headline figures and paragraph (public relations). Persian digits and Jalali
//! dates throughout; every section says so when there is nothing to do. The layout is cards
//! that stack at 390 px.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use hamyar_app::access::{Role, ScopeKind};
use hamyar_app::places::PlaceTree;
use hamyar_app::today::{Clears, Concerns, ItemKind, Section, SectionKind, Today, TodayItem};
use hamyar_app::{Actor, Permission};
use hamyar_domain::MoneyUnit;
use hamyar_domain::group_life::{EXPIRY_WARNING_DAYS, PermitKind};
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::figure_view::{FigureView, figure_view};
use hamyar_reports::format;

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::import_jobs::JobState;
use crate::pages::group_life::{follow_up_when, not_visited_when, record_visit_href};
use crate::pages::training::{DueLine, due_line};
use crate::pages::{Notice, page};
use crate::state::AppState;

/// One thing to do, as the page shows it.
pub struct ItemView {
    /// The record it concerns («نخل (QZ-7)», a payee, a grant's recipient) and its page.
    pub record: String,
    pub record_href: String,
    /// Where the record is (a group's county), when that helps.
    pub place: String,
    /// What it is, as a badge.
    pub what: String,
    pub badge: &'static str,
    /// Why it is due: «۳ روز گذشته · سررسید ۱۴۰۵/۰۹/۰۵».
    pub when: String,
    /// The button to the form that clears it.
    pub action: &'static str,
    pub href: String,
}

/// A section of the page.
pub struct SectionView {
    pub id: &'static str,
    pub title: &'static str,
    pub total: i64,
    pub count: String,
    pub badge: &'static str,
    pub empty: String,
    pub items: Vec<ItemView>,
    /// The full list, when the section shows only its most urgent items.
    pub all_href: Option<String>,
    pub all_label: String,
}

/// The follow-ups after a course due today.
pub struct CourseFollowUps {
    pub count: String,
    pub badge: &'static str,
    pub lines: Vec<DueLine>,
    /// «دیدن همه (۲۴)» when the section shows only the most overdue.
    pub more: Option<String>,
}

fn course_follow_ups(today: &Today, lang: Lang) -> Option<CourseFollowUps> {
    let due = today.course_follow_ups.as_ref()?;
    let shown = due.items.len() as i64;
    Some(CourseFollowUps {
        count: lang.number(due.total),
        badge: if due.total == 0 {
            "badge-ok"
        } else {
            "badge-warning"
        },
        lines: due.items.iter().map(|item| due_line(item, lang)).collect(),
        more: (due.total > shown)
            .then(|| lang.tr("today-see_all", &[("count", Arg::Number(due.total))])),
    })
}

/// The assessment forms owed.
pub struct AssessmentsOwed {
    pub count: String,
    pub badge: &'static str,
    pub lines: Vec<crate::pages::outcomes::DueLine>,
    pub more: Option<String>,
}

fn assessments_owed(today: &Today, lang: Lang) -> Option<AssessmentsOwed> {
    let due = today.assessments_due.as_ref()?;
    let shown = due.items.len() as i64;
    Some(AssessmentsOwed {
        count: lang.number(due.total),
        badge: if due.total == 0 {
            "badge-ok"
        } else {
            "badge-warning"
        },
        lines: crate::pages::outcomes::due_lines(due, lang),
        more: (due.total > shown)
            .then(|| lang.tr("today-see_all", &[("count", Arg::Number(due.total))])),
    })
}

/// One of the person's import jobs.
pub struct JobView {
    pub file_name: String,
    pub state: String,
    pub badge: &'static str,
    pub href: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomeTemplate {
    ctx: PageCtx,
    scope_label: String,
    /// Whose work the page lists (none for public relations, who has no list of work).
    intro: Option<&'static str>,
    nothing_to_do: bool,
    sections: Vec<SectionView>,
    /// For those who ask them (`RecordAttendance`).
    follow_ups: Option<CourseFollowUps>,
    /// For a social worker and a county's expert (`Assess`).
    assessments: Option<AssessmentsOwed>,
    /// Open duplicate pairs, for roles that review them.
    duplicates: Option<String>,
    /// Batches of a province's paper history waiting for the reader's decision, when any.
    history_batches: Option<String>,
    /// Exit and graduation proposals waiting for the reader's decision, when any.
    exit_proposals: Option<String>,
    imports: Option<Vec<JobView>>,
    figures: Vec<FigureView>,
    /// Public relations: the press paragraph with its attribution in the reader's language,
    /// or a pointer to the press page to choose a province (a country-wide account).
    press: Option<Option<String>>,
    /// The system administrator's counts of places and users.
    places: Option<(i64, i64, Option<i64>)>,
}

/// Largest number of users counted on the home page in one go.
const USER_COUNT_LIMIT: i64 = 100_000;

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    let actor = who.actor();
    let lang = who.lang();
    let unit = who.session.user.money_unit;
    let today = state.app.today_for(&actor, unit).await?;
    let tree = state.app.place_tree().await?;
    let english = lang.is_english();
    let scope_label = match actor.scope.county().or(actor.scope.province()) {
        Some(place) => tree.label(place, english),
        None => tree
            .country()
            .map(|c| c.name(english).to_owned())
            .unwrap_or_default(),
    };
    let imports = actor.can(Permission::RegisterWomen).then(|| {
        state
            .imports
            .jobs_of(&actor)
            .iter()
            .map(|job| job_view(job, lang))
            .collect()
    });
    let figures = today.figures.as_ref().map_or_else(Vec::new, |sheet| {
        let province = actor.scope.county().and(actor.scope.province());
        today
            .figure_keys
            .iter()
            .filter_map(|key| sheet.get(*key))
            .map(|figure| figure_view(sheet, figure, &actor, lang, unit, province))
            .collect()
    });
    // The app answers zero for a reader who may not decide.
    let batches_waiting = state.app.history_batches_to_decide(&actor).await?;
    let exits_waiting = if actor.can(Permission::DecideCoverage) {
        state.app.open_exit_proposals(&actor, 100).await?.len()
    } else {
        0
    };
    let places = if actor.role == Role::SystemAdmin {
        Some(place_counts(&state, &who).await?)
    } else {
        None
    };
    page(&HomeTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "today-title").with_notice(notice.done.as_deref()),
        scope_label,
        intro: match (today.own_groups, actor.role) {
            (_, Role::PublicRelations) => None,
            (true, _) => Some("today-intro_own"),
            (false, _) => Some("today-intro_place"),
        },
        nothing_to_do: today.nothing_to_do() && batches_waiting == 0,
        sections: today
            .sections
            .iter()
            .map(|section| section_view(section, &tree, &actor, unit, lang))
            .collect(),
        follow_ups: course_follow_ups(&today, lang),
        assessments: assessments_owed(&today, lang),
        duplicates: duplicates_text(&today, lang),
        history_batches: (batches_waiting > 0).then(|| {
            lang.tr(
                "history-today_waiting",
                &[(
                    "count",
                    Arg::Number(i64::try_from(batches_waiting).unwrap_or(i64::MAX)),
                )],
            )
        }),
        exit_proposals: (exits_waiting > 0).then(|| {
            lang.tr(
                "graduation-today_waiting",
                &[(
                    "count",
                    Arg::Number(i64::try_from(exits_waiting).unwrap_or(i64::MAX)),
                )],
            )
        }),
        imports,
        figures,
        press: (actor.role == Role::PublicRelations).then(|| {
            today.press.as_ref().map(|summary| {
                if english {
                    format!("{}\n\n{}", summary.paragraph_en, summary.attribution_en)
                } else {
                    format!("{}\n\n{}", summary.paragraph_fa, summary.attribution_fa)
                }
            })
        }),
        places,
    })
}

/// Provinces and counties in the administrator's scope, and the users she may list.
async fn place_counts(state: &AppState, who: &LoggedIn) -> WebResult<(i64, i64, Option<i64>)> {
    let actor = who.actor();
    let (tree, visible) = state.app.visible_places(&actor).await?;
    let count_kind = |kind: ScopeKind| {
        visible
            .iter()
            .filter(|id| tree.get(**id).is_some_and(|p| p.kind == kind))
            .count() as i64
    };
    let users = if actor.can(Permission::ViewUsers) {
        Some(
            state
                .app
                .list_users(&actor, USER_COUNT_LIMIT, 0)
                .await?
                .len() as i64,
        )
    } else {
        None
    };
    Ok((
        count_kind(ScopeKind::Province),
        count_kind(ScopeKind::County),
        users,
    ))
}

fn duplicates_text(today: &Today, lang: Lang) -> Option<String> {
    let count = today.duplicates?;
    Some(match (count, today.duplicates_more) {
        (0, _) => lang.t("today-no_duplicates").to_owned(),
        (count, false) => lang.tr("today-duplicates_open", &[("count", Arg::Number(count))]),
        (count, true) => lang.tr(
            "today-duplicates_open_more",
            &[("count", Arg::Number(count))],
        ),
    })
}

fn job_view(job: &crate::import_jobs::Job, lang: Lang) -> JobView {
    let (state, badge) = match &*job.state.lock().expect("job state") {
        JobState::Queued => (lang.t("import-queued").to_owned(), "badge-muted"),
        JobState::Running => (lang.t("import-running").to_owned(), "badge-info"),
        JobState::Done(_) => (lang.t("today-import_done").to_owned(), "badge-ok"),
        JobState::Failed(_) => (lang.t("today-import_failed").to_owned(), "badge-danger"),
    };
    let state = if job.options.dry_run {
        format!("{state} · {}", lang.t("today-import_dry_run"))
    } else {
        state
    };
    JobView {
        file_name: job.file_name.clone(),
        state,
        badge,
        href: format!("/women/import/jobs/{}", job.id),
    }
}

/// What a section is called and where its full list is.
struct SectionWords {
    id: &'static str,
    title: &'static str,
    empty: String,
    /// The count's badge while something waits.
    badge: &'static str,
    all: Option<&'static str>,
}

fn section_words(kind: SectionKind, lang: Lang) -> SectionWords {
    let (id, title, empty, badge, all) = match kind {
        SectionKind::Visits => (
            "visits",
            lang.t("today-section_visits"),
            lang.t("today-no_visits").to_owned(),
            "badge-danger",
            Some("/visits/due"),
        ),
        SectionKind::Meetings => (
            "meetings",
            lang.t("today-section_meetings"),
            lang.t("today-no_meetings").to_owned(),
            "badge-warning",
            None,
        ),
        SectionKind::Permits => (
            "permits",
            lang.t("today-section_permits"),
            lang.tr(
                "today-no_permits",
                &[("days", Arg::Number(EXPIRY_WARNING_DAYS))],
            ),
            "badge-warning",
            None,
        ),
        SectionKind::Payments => (
            "payments",
            lang.t("today-section_payments"),
            lang.t("today-no_payments").to_owned(),
            "badge-info",
            Some("/money/payments?status=proposed"),
        ),
        SectionKind::Tranches => (
            "tranches",
            lang.t("today-section_tranches"),
            lang.t("today-no_tranches").to_owned(),
            "badge-info",
            Some("/money/grants"),
        ),
    };
    SectionWords {
        id,
        title,
        empty,
        badge,
        all,
    }
}

fn section_view(
    section: &Section,
    tree: &PlaceTree,
    actor: &Actor,
    unit: MoneyUnit,
    lang: Lang,
) -> SectionView {
    let words = section_words(section.kind, lang);
    let shown = section.items.len() as i64;
    SectionView {
        id: words.id,
        title: words.title,
        total: section.total,
        count: lang.number(section.total),
        badge: if section.total == 0 {
            "badge-ok"
        } else {
            words.badge
        },
        empty: words.empty,
        items: section
            .items
            .iter()
            .map(|item| item_view(item, tree, actor, unit, lang))
            .collect(),
        all_href: words
            .all
            .filter(|_| section.total > shown)
            .map(str::to_owned),
        all_label: lang.tr("today-see_all", &[("count", Arg::Number(section.total))]),
    }
}

/// The record an item concerns: its label, its page and its place.
fn concerns_view(
    concerns: &Concerns,
    tree: &PlaceTree,
    unit: MoneyUnit,
    lang: Lang,
) -> (String, String, String) {
    match concerns {
        Concerns::Group {
            id,
            code,
            name,
            county_id,
        } => (
            format!("{name} ({})", lang.digits(code)),
            format!("/groups/{id}"),
            tree.label(*county_id, lang.is_english()),
        ),
        Concerns::Payment {
            id,
            payee,
            amount_rials,
        } => (
            format!("{payee} · {}", format::money(*amount_rials, unit, lang)),
            format!("/money/payments/{id}"),
            String::new(),
        ),
        Concerns::Tranche {
            grant_id,
            recipient,
            amount_rials,
        } => (
            format!(
                "{} · {}",
                recipient.as_deref().unwrap_or("—"),
                format::money(*amount_rials, unit, lang)
            ),
            format!("/money/grants/{grant_id}"),
            String::new(),
        ),
    }
}

/// The button that clears an item, and where it goes. A facilitator follows her groups but
/// records nothing (`ManageGroups`): her button opens the group's life page instead.
fn clears_view(clears: Clears, actor: &Actor) -> (&'static str, String) {
    let records = actor.can(Permission::ManageGroups);
    match clears {
        Clears::RecordVisit(group) | Clears::RecordMeeting(group) | Clears::RecordPermit(group)
            if !records =>
        {
            ("today-open", format!("/groups/{group}/life"))
        }
        Clears::RecordVisit(group) => ("today-record_visit", record_visit_href(group)),
        Clears::RecordMeeting(group) => (
            "today-record_meeting",
            format!("/groups/{group}/life?record=meeting#record-meeting"),
        ),
        Clears::RecordPermit(group) => (
            "today-record_permit",
            format!("/groups/{group}/life?record=permit#record-permit"),
        ),
        Clears::DecidePayment(payment) => ("today-decide", format!("/money/payments/{payment}")),
        Clears::DecideTranche(grant, tranche) => (
            "today-decide",
            format!("/money/grants/{grant}#tranche-{tranche}"),
        ),
    }
}

/// What an item is (badge text and colour) and why it is due.
fn kind_view(item: &TodayItem, lang: Lang) -> (String, &'static str, String) {
    let on = |day: Option<hamyar_domain::JalaliDate>| day.map(|d| format::date(d, lang));
    match &item.kind {
        ItemKind::FollowUpOverdue | ItemKind::FollowUpDue => {
            let overdue = item.kind == ItemKind::FollowUpOverdue;
            let mut when = follow_up_when(item.days_late, lang);
            if let Some(due) = on(item.due_on) {
                when = format!("{when} · {} {due}", lang.t("field-follow_up_due"));
            }
            (
                lang.t(if overdue {
                    "life-follow_up_overdue"
                } else {
                    "life-follow_up_due"
                })
                .to_owned(),
                if overdue {
                    "badge-danger"
                } else {
                    "badge-warning"
                },
                when,
            )
        }
        ItemKind::VisitOwed {
            days_without,
            months,
            ..
        } => (
            lang.t("life-owed_a_visit").to_owned(),
            "badge-danger",
            not_visited_when(*days_without, *months, lang),
        ),
        ItemKind::MeetingToRecord { last_held_on } => (
            lang.t("today-meeting_to_record").to_owned(),
            "badge-warning",
            match on(*last_held_on) {
                Some(date) => lang.tr("today-last_meeting", &[("date", Arg::Text(&date))]),
                None => lang.t("today-never_met").to_owned(),
            },
        ),
        ItemKind::Permit { kind, expired } => (
            format!(
                "{} · {}",
                format::label_of::<PermitKind>(kind, lang),
                lang.t(if *expired {
                    "life-permit_expired"
                } else {
                    "life-permit_expiring"
                })
            ),
            if *expired {
                "badge-danger"
            } else {
                "badge-warning"
            },
            format!(
                "{} {} · {}",
                lang.t("field-expires_on"),
                on(item.due_on).unwrap_or_default(),
                follow_up_when(item.days_late, lang)
            ),
        ),
        ItemKind::PaymentToDecide | ItemKind::PaymentAwaiting => (
            lang.t(if item.kind == ItemKind::PaymentToDecide {
                "today-payment_to_decide"
            } else {
                "today-awaiting_other"
            })
            .to_owned(),
            "badge-info",
            lang.tr(
                "today-proposed_on",
                &[
                    ("date", Arg::Text(&on(item.due_on).unwrap_or_default())),
                    ("days", Arg::Number(item.days_late.max(0))),
                ],
            ),
        ),
        ItemKind::TrancheReady { seq } | ItemKind::TrancheAwaiting { seq } => (
            lang.tr(
                if matches!(item.kind, ItemKind::TrancheReady { .. }) {
                    "today-tranche_ready"
                } else {
                    "today-tranche_awaiting"
                },
                &[("seq", Arg::Number(*seq))],
            ),
            "badge-ok",
            lang.tr(
                "today-planned_on",
                &[("date", Arg::Text(&on(item.due_on).unwrap_or_default()))],
            ),
        ),
    }
}

fn item_view(
    item: &TodayItem,
    tree: &PlaceTree,
    actor: &Actor,
    unit: MoneyUnit,
    lang: Lang,
) -> ItemView {
    let (record, record_href, place) = concerns_view(&item.concerns, tree, unit, lang);
    let (what, badge, when) = kind_view(item, lang);
    let (action, href) = clears_view(item.clears, actor);
    ItemView {
        record,
        record_href,
        place,
        what,
        badge,
        when,
        action: lang.t(action),
        href,
    }
}
