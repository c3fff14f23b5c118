//! A woman's file as a page (`/women/{id}`): its template, the state of its forms
//! ([`FileForms`]), the record's details, her groups and duplicate warnings, and the one
//! function that draws the file — opened (audited) or again after a refused form (a redraw).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::places::PlaceTree;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::registry::duplicates::DuplicateReason;
use hamyar_app::registry::file::WomanFile;
use hamyar_app::registry::viewing::Showing;
use hamyar_domain::JalaliDate;
use hamyar_domain::registry::{
    CoverageStatus, DocumentKind, Education, ExitReason, HeadshipCause, InquiryResult, OtherBody,
    Settlement, allowed_next,
};
use hamyar_i18n::Lang;
use hamyar_reports::format;

use super::coverage::{
    EpisodeView, OutcomeView, eligibility_summary, episode_view, outcomes, pension_view,
};
use super::household::{MemberView, member_view};
use super::papers::{DocumentView, InquiryView, document_views, inquiry_view};
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::facilities::{self, FacilityView};
use crate::pages::form::FormView;
use crate::pages::training::{self, WomanPlanLine, WomanTrainingLine};
use crate::pages::women::MemberChoices;
use crate::pages::{Notice, page};
use crate::state::AppState;

/// One line of the record's details.
pub struct DetailView {
    pub label: &'static str,
    pub value: String,
    pub ltr: bool,
}

pub struct DuplicateWarning {
    pub other_id: WomanId,
    pub reason: String,
}

/// The forms of the file, each with its own values and messages.
#[derive(Default)]
pub struct FileForms {
    pub member: FormView,
    pub coverage: FormView,
    pub inquiry: FormView,
    pub document: FormView,
    pub facility: FormView,
}

#[derive(Template)]
#[template(path = "woman.html")]
pub(super) struct WomanTemplate {
    ctx: PageCtx,
    id: WomanId,
    name: String,
    national_id: String,
    status: String,
    status_badge: &'static str,
    household_size: String,
    details: Vec<DetailView>,
    members: Vec<MemberView>,
    episodes: Vec<EpisodeView>,
    outcomes: Vec<OutcomeView>,
    eligibility_summary: Option<(&'static str, &'static str)>,
    pension: Option<(String, String)>,
    inquiries: Vec<InquiryView>,
    documents: Vec<DocumentView>,
    duplicates: Vec<DuplicateWarning>,
    forms: FileForms,
    member_choices: MemberChoices,
    next_statuses: Vec<Choice>,
    exit_reasons: Vec<Choice>,
    bodies: Vec<Choice>,
    results: Vec<Choice>,
    document_kinds: Vec<Choice>,
    can_edit: bool,
    can_decide: bool,
    groups: Vec<WomanGroupView>,
    /// Her courses, newest first (empty for a reader who does not see groups).
    training: Vec<WomanTrainingLine>,
    /// Her plans toward a job, newest first, and the new-plan form's address for a reader
    /// who may make one (both empty for a reader who does not see groups).
    plans: Vec<WomanPlanLine>,
    new_plan: Option<String>,
    /// Whether the reader may open her assessment forms (the section links to them; the
    /// answers are shown, and audited, only on their own page).
    can_assess: bool,
    facilities: Vec<FacilityView>,
    facility_bodies: Vec<Choice>,
    facility_kinds: Vec<Choice>,
    /// Her referrals to agent banks (`pages::bank_loans`).
    bank_loans: crate::pages::bank_loans::WomanLoans,
    /// The app masked her identifiers for this reader (see `Permission::SeeFullIdentifiers`).
    identifiers_masked: bool,
}

/// A group the woman belongs or belonged to.
pub struct WomanGroupView {
    pub group_id: GroupId,
    pub name: String,
    pub stage: &'static str,
    pub role: &'static str,
    pub period: String,
}

fn details(file: &WomanFile, tree: &PlaceTree, today: JalaliDate, lang: Lang) -> Vec<DetailView> {
    let record = &file.woman.record;
    let line = |key: &str, value: String, ltr: bool| DetailView {
        label: lang.t(key),
        value: format::or_dash(&value),
        ltr,
    };
    let birth = match JalaliDate::from_iso_str(&record.birth_date) {
        Ok(date) => {
            let age = hamyar_domain::registry::age_in_years(date, today);
            format!(
                "{} ({} {})",
                format::iso_date(&record.birth_date, lang),
                lang.number(i64::from(age)),
                lang.t("women-years_old")
            )
        }
        Err(_) => record.birth_date.clone(),
    };
    let cause = match HeadshipCause::parse(&record.headship_cause) {
        Some(cause) => format!(
            "{} ({})",
            codes::label(cause, lang),
            codes::label(cause.group(), lang)
        ),
        None => record.headship_cause.clone(),
    };
    vec![
        line("field-national_id", lang.digits(&record.national_id), true),
        line(
            "field-father_name",
            record.father_name.clone().unwrap_or_default(),
            false,
        ),
        line("field-birth_date", birth, false),
        line("field-headship_cause", cause, false),
        line(
            "field-mobile",
            lang.digits(record.mobile.as_deref().unwrap_or("")),
            true,
        ),
        line(
            "field-county",
            tree.label(record.county_id, lang.is_english()),
            false,
        ),
        line(
            "field-settlement",
            codes::label_of::<Settlement>(&record.settlement, lang),
            false,
        ),
        line("field-locality", record.locality.clone(), false),
        line("field-address", record.address.clone(), false),
        line(
            "field-education",
            record
                .education
                .as_deref()
                .map(|code| codes::label_of::<Education>(code, lang))
                .unwrap_or_default(),
            false,
        ),
        line(
            "field-income_decile",
            record
                .income_decile
                .map(|d| lang.number(d))
                .unwrap_or_default(),
            false,
        ),
        line("field-skills", record.skills.clone(), false),
        line(
            "field-sheba",
            record.sheba.clone().unwrap_or_default(),
            true,
        ),
        line("field-notes", record.notes.clone(), false),
        line(
            "women-registered_at",
            format::date_time(file.woman.created_at, lang),
            false,
        ),
    ]
}

fn duplicate_warnings(file: &WomanFile, lang: Lang) -> Vec<DuplicateWarning> {
    let id = file.woman.id;
    file.duplicates
        .iter()
        .map(|pair| DuplicateWarning {
            other_id: if pair.woman_id == id {
                pair.other_id
            } else {
                pair.woman_id
            },
            reason: match DuplicateReason::parse(&pair.reason) {
                Some(reason) if lang.is_english() => reason.label_en().to_owned(),
                Some(reason) => reason.label_fa().to_owned(),
                None => pair.reason.clone(),
            },
        })
        .collect()
}

/// Fills the dates of forms that were not submitted with today.
fn with_default_dates(mut forms: FileForms, today: &str) -> FileForms {
    let defaults = [
        (&mut forms.coverage, "started_on"),
        (&mut forms.inquiry, "inquired_on"),
        (&mut forms.document, "received_on"),
    ];
    for (form, field) in defaults {
        if !form.has_errors() {
            *form = FormView::with_values([(field, today)]);
        }
    }
    forms
}

async fn file_page(
    state: &AppState,
    who: &LoggedIn,
    id: WomanId,
    forms: FileForms,
    notice: Option<&str>,
    showing: Showing,
) -> WebResult<WomanTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let (file, history) = match showing {
        Showing::Opening => (
            state.app.open_woman(&actor, id).await?,
            state.app.facility_history(&actor, id).await?,
        ),
        Showing::Redraw => (
            state.app.redraw_woman(&actor, id).await?,
            state.app.redraw_facility_history(&actor, id).await?,
        ),
    };
    let tree = state.app.place_tree().await?;
    let today = state.app.today();
    let record = &file.woman.record;
    let current = CoverageStatus::parse(&file.woman.coverage_status);
    let (plans, new_plan) = training::woman_plans(state, who, id).await?;
    Ok(WomanTemplate {
        ctx: PageCtx::for_user(&state.app, who, "women-file_title").with_notice(notice),
        id,
        name: format!("{} {}", record.first_name, record.last_name),
        national_id: lang.digits(&record.national_id),
        status: codes::label_of::<CoverageStatus>(&file.woman.coverage_status, lang),
        status_badge: codes::status_badge(&file.woman.coverage_status),
        household_size: lang.number(file.woman.household_size),
        details: details(&file, &tree, today, lang),
        members: file.members.iter().map(|m| member_view(m, lang)).collect(),
        episodes: file
            .episodes
            .iter()
            .map(|e| episode_view(e, lang))
            .collect(),
        outcomes: outcomes(file.eligibility.as_ref(), lang),
        eligibility_summary: eligibility_summary(file.eligibility.as_ref()),
        pension: pension_view(file.pension, who),
        inquiries: file
            .inquiries
            .iter()
            .map(|i| inquiry_view(i, lang))
            .collect(),
        documents: document_views(&file.documents, lang),
        duplicates: duplicate_warnings(&file, lang),
        forms: with_default_dates(forms, &format::date(today, lang)),
        member_choices: MemberChoices::new(lang),
        next_statuses: codes::choices_of(allowed_next(current), lang),
        // An exit as empowered is proposed with its evidence on her outcomes page.
        exit_reasons: codes::choices::<ExitReason>(lang)
            .into_iter()
            .filter(|choice| choice.value != ExitReason::Empowered.code())
            .collect(),
        bodies: codes::choices::<OtherBody>(lang),
        results: codes::choices::<InquiryResult>(lang),
        document_kinds: codes::choices::<DocumentKind>(lang),
        can_edit: actor.can(Permission::RegisterWomen),
        can_decide: actor.can(Permission::DecideCoverage),
        groups: woman_groups(state, &actor, id, lang).await?,
        training: training::woman_training(state, &actor, id, lang).await?,
        plans,
        new_plan,
        can_assess: actor.can(Permission::Assess),
        facilities: facilities::views(&history, who.session.user.money_unit, lang),
        facility_bodies: facilities::declarable_bodies(lang),
        facility_kinds: facilities::kinds(lang),
        bank_loans: crate::pages::bank_loans::woman_loans(state, who, id).await?,
        identifiers_masked: file.identifiers_masked,
    })
}

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<WomanId>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    page(
        &file_page(
            &state,
            &who,
            id,
            FileForms::default(),
            notice.done.as_deref(),
            Showing::Opening,
        )
        .await?,
    )
}

/// Draws the file again with a form's values and messages (a redraw, not an opening).
pub(super) async fn redraw(
    state: &AppState,
    who: &LoggedIn,
    id: WomanId,
    forms: FileForms,
) -> WebResult<WomanTemplate> {
    file_page(state, who, id, forms, None, Showing::Redraw).await
}

/// The woman's memberships, for the file (empty for roles that do not see groups).
async fn woman_groups(
    state: &AppState,
    actor: &hamyar_app::Actor,
    id: WomanId,
    lang: Lang,
) -> WebResult<Vec<WomanGroupView>> {
    if !actor.can(Permission::ViewGroups) {
        return Ok(Vec::new());
    }
    let memberships = state.app.groups_of_woman(actor, id).await?;
    Ok(memberships
        .iter()
        .map(|m| {
            let joined = format::date(m.membership.joined_on, lang);
            let period = match m.membership.left_on {
                Some(left) => format!("{joined} – {}", format::date(left, lang)),
                None => format!("{} {joined}", lang.t("groups-since")),
            };
            WomanGroupView {
                group_id: m.membership.group_id,
                name: m.group_name.clone(),
                stage: codes::label(m.group_stage, lang),
                role: codes::label(m.membership.role, lang),
                period,
            }
        })
        .collect())
}
