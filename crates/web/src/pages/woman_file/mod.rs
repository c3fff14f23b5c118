//! A woman's file: her record, household, coverage timeline, eligibility, pension, inquiries to
//! other bodies, documents checklist and open duplicate warnings, with the forms that change
//! them. Each small form posts to its own route; on a problem the whole file is drawn again
//! (422) with the messages under that form's fields, and on success the browser returns to the
//! form's section of the file. A GET opens the file (`App::open_woman`, one `woman.view` in
//! the audit trail); drawing it again after a refused form is a redraw (`App::redraw_woman`),
//! which the app does not count as another opening.
//!
//! The file also shows her facility history (`pages::facilities`) with the form that declares
//! support from another body; reading the history is audited by the app as a showing of its
//! own (`woman.view_facilities`), and a redraw of the file is a redraw of it too.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::places::PlaceTree;
use hamyar_app::ports::registry::{DocumentRow, EpisodeRow, InquiryRow, MemberRow};
use hamyar_app::registry::coverage::CoverageInput;
use hamyar_app::registry::duplicates::DuplicateReason;
use hamyar_app::registry::file::WomanFile;
use hamyar_app::registry::household::{DocumentInput, InquiryInput};
use hamyar_app::registry::viewing::Showing;
use hamyar_domain::facilities::DeclarationInput;
use hamyar_domain::registry::{
    CoverageStatus, DocumentKind, Education, EligibilityReport, ExitReason, HeadshipCause,
    InquiryResult, MemberActivity, MemberInput, OtherBody, Relation, Settlement, Verdict,
    allowed_next, pension_tier_label_en, pension_tier_label_fa,
};
use hamyar_domain::{JalaliDate, Rials};

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::facilities::{self, FacilityView};
use crate::pages::form::FormView;
use crate::pages::women::MemberChoices;
use crate::pages::{Notice, back_to, page};
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

/// One line of the record's details.
pub struct DetailView {
    pub label: &'static str,
    pub value: String,
    pub ltr: bool,
}

pub struct MemberView {
    pub id: i64,
    pub name: String,
    pub relation: String,
    pub birth_date: String,
    pub national_id: String,
    pub disability: bool,
    pub activity: String,
}

pub struct EpisodeView {
    pub date: String,
    pub status: String,
    pub badge: &'static str,
    pub exit_reason: Option<String>,
    pub decided_by: String,
    pub reason: String,
    pub recorded_at: String,
}

pub struct OutcomeView {
    pub rule: &'static str,
    pub verdict: &'static str,
    pub badge: &'static str,
    pub message: String,
}

pub struct InquiryView {
    pub body: String,
    pub date: String,
    pub result: String,
    pub badge: &'static str,
    pub notes: String,
}

pub struct DocumentView {
    pub kind: &'static str,
    pub received_on: Option<String>,
    pub notes: String,
}

pub struct DuplicateWarning {
    pub other_id: i64,
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
struct WomanTemplate {
    ctx: PageCtx,
    id: i64,
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
    facilities: Vec<FacilityView>,
    facility_bodies: Vec<Choice>,
    facility_kinds: Vec<Choice>,
    /// The app masked her identifiers for this reader (see `Permission::SeeFullIdentifiers`).
    identifiers_masked: bool,
}

/// A group the woman belongs or belonged to.
pub struct WomanGroupView {
    pub group_id: i64,
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

fn member_view(member: &MemberRow, lang: Lang) -> MemberView {
    MemberView {
        id: member.id,
        name: format!(
            "{} {}",
            member.first_name,
            member.last_name.as_deref().unwrap_or("")
        )
        .trim()
        .to_owned(),
        relation: codes::label_of::<Relation>(&member.relation, lang),
        birth_date: member
            .birth_date
            .as_deref()
            .map(|d| format::iso_date(d, lang))
            .unwrap_or_else(|| "—".to_owned()),
        national_id: format::or_dash(&lang.digits(member.national_id.as_deref().unwrap_or(""))),
        disability: member.disability,
        activity: member
            .activity
            .as_deref()
            .map(|a| codes::label_of::<MemberActivity>(a, lang))
            .unwrap_or_else(|| "—".to_owned()),
    }
}

fn episode_view(episode: &EpisodeRow, lang: Lang) -> EpisodeView {
    EpisodeView {
        date: format::iso_date(&episode.started_on, lang),
        status: codes::label_of::<CoverageStatus>(&episode.status, lang),
        badge: codes::status_badge(&episode.status),
        exit_reason: episode
            .exit_reason
            .as_deref()
            .map(|r| codes::label_of::<ExitReason>(r, lang)),
        decided_by: episode.decided_by_name.clone(),
        reason: episode.reason.clone(),
        recorded_at: format::date_time(episode.recorded_at, lang),
    }
}

fn verdict_badge(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Passed => "badge-ok",
        Verdict::Failed => "badge-danger",
        Verdict::Unknown => "badge-warning",
    }
}

fn outcomes(report: Option<&EligibilityReport>, lang: Lang) -> Vec<OutcomeView> {
    report
        .map(|report| {
            report
                .outcomes
                .iter()
                .map(|outcome| OutcomeView {
                    rule: codes::label(outcome.rule, lang),
                    verdict: codes::label(outcome.verdict, lang),
                    badge: verdict_badge(outcome.verdict),
                    message: if lang.is_english() {
                        outcome.message_en.clone()
                    } else {
                        outcome.message_fa.clone()
                    },
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The one-line verdict above the rules: eligible, not eligible, or facts missing.
fn eligibility_summary(report: Option<&EligibilityReport>) -> Option<(&'static str, &'static str)> {
    report.map(|report| {
        if report.has_failures() {
            ("eligibility-not_eligible", "alert-error")
        } else if report.has_unknowns() {
            ("eligibility-incomplete", "alert-warning")
        } else {
            ("eligibility-eligible", "alert-success")
        }
    })
}

fn pension_view(pension: Option<(u8, Rials)>, who: &LoggedIn) -> Option<(String, String)> {
    let unit = who.session.user.money_unit;
    pension.map(|(tier, amount)| match who.lang() {
        Lang::Fa => (
            pension_tier_label_fa(tier),
            hamyar_domain::format_money(amount, unit, true),
        ),
        Lang::En => (
            pension_tier_label_en(tier),
            hamyar_domain::format_money_en(amount, unit),
        ),
    })
}

fn inquiry_view(inquiry: &InquiryRow, lang: Lang) -> InquiryView {
    let result = InquiryResult::parse(&inquiry.result);
    InquiryView {
        body: codes::label_of::<OtherBody>(&inquiry.body, lang),
        date: format::iso_date(&inquiry.inquired_on, lang),
        result: codes::label_of::<InquiryResult>(&inquiry.result, lang),
        badge: match result {
            Some(InquiryResult::NotCovered) => "badge-ok",
            Some(InquiryResult::Covered) => "badge-danger",
            _ => "badge-warning",
        },
        notes: inquiry.notes.clone(),
    }
}

fn document_views(rows: &[DocumentRow], lang: Lang) -> Vec<DocumentView> {
    DocumentKind::ALL
        .iter()
        .map(|kind| {
            let row = rows.iter().find(|row| row.kind == kind.code());
            DocumentView {
                kind: codes::label(*kind, lang),
                received_on: row
                    .and_then(|row| row.received_on.as_deref())
                    .map(|d| format::iso_date(d, lang)),
                notes: row.map(|row| row.notes.clone()).unwrap_or_default(),
            }
        })
        .collect()
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
    id: i64,
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
        exit_reasons: codes::choices::<ExitReason>(lang),
        bodies: codes::choices::<OtherBody>(lang),
        results: codes::choices::<InquiryResult>(lang),
        document_kinds: codes::choices::<DocumentKind>(lang),
        can_edit: actor.can(Permission::RegisterWomen),
        can_decide: actor.can(Permission::DecideCoverage),
        groups: woman_groups(state, &actor, id, lang).await?,
        facilities: facilities::views(&history, who.session.user.money_unit, lang),
        facility_bodies: facilities::declarable_bodies(lang),
        facility_kinds: facilities::kinds(lang),
        identifiers_masked: file.identifiers_masked,
    })
}

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
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

/// Back to a section of the file with a confirmation.
fn back(id: i64, notice_key: &str, section: &str) -> Response {
    back_to(&format!("/women/{id}"), notice_key, section)
}

/// Draws the file again with a form's values and messages (a redraw, not an opening).
async fn redraw(
    state: &AppState,
    who: &LoggedIn,
    id: i64,
    forms: FileForms,
) -> WebResult<WomanTemplate> {
    file_page(state, who, id, forms, None, Showing::Redraw).await
}

pub async fn add_member(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(input): Form<MemberInput>,
) -> WebResult<Response> {
    let result = state.app.add_member(&who.actor(), id, &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |_| back(id, "women-member_added", "household"),
            |member| {
                let forms = FileForms {
                    member,
                    ..FileForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}

pub async fn remove_member(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, member_id)): Path<(i64, i64)>,
) -> WebResult<Response> {
    state.app.remove_member(&who.actor(), id, member_id).await?;
    Ok(back(id, "women-member_removed", "household"))
}

pub async fn record_coverage(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(input): Form<CoverageInput>,
) -> WebResult<Response> {
    let result = state.app.record_coverage(&who.actor(), id, &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| back(id, "women-coverage_recorded", "coverage"),
            |coverage| {
                let forms = FileForms {
                    coverage,
                    ..FileForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}

pub async fn add_inquiry(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(input): Form<InquiryInput>,
) -> WebResult<Response> {
    let result = state.app.add_inquiry(&who.actor(), id, &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| back(id, "women-inquiry_added", "inquiries"),
            |inquiry| {
                let forms = FileForms {
                    inquiry,
                    ..FileForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}

pub async fn set_document(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(input): Form<DocumentInput>,
) -> WebResult<Response> {
    let result = state.app.set_document(&who.actor(), id, &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| back(id, "women-document_saved", "documents"),
            |document| {
                let forms = FileForms {
                    document,
                    ..FileForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}

/// Declares support she received from another body.
pub async fn declare_facility(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(input): Form<DeclarationInput>,
) -> WebResult<Response> {
    let result = state.app.declare_facility(&who.actor(), id, &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |_| back(id, "facilities-declared", "facilities"),
            |facility| {
                let forms = FileForms {
                    facility,
                    ..FileForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}

/// The woman's memberships, for the file (empty for roles that do not see groups).
async fn woman_groups(
    state: &AppState,
    actor: &hamyar_app::Actor,
    id: i64,
    lang: Lang,
) -> WebResult<Vec<WomanGroupView>> {
    if !actor.can(Permission::ViewGroups) {
        return Ok(Vec::new());
    }
    let memberships = state.app.groups_of_woman(actor, id).await?;
    Ok(memberships
        .iter()
        .map(|m| {
            let joined = format::iso_date(&m.membership.joined_on, lang);
            let period = match &m.membership.left_on {
                Some(left) => format!("{joined} – {}", format::iso_date(left, lang)),
                None => format!("{} {joined}", lang.t("groups-since")),
            };
            WomanGroupView {
                group_id: m.membership.group_id,
                name: m.group_name.clone(),
                stage: hamyar_domain::groups::GroupStage::parse(&m.group_stage)
                    .map(|s| codes::label(s, lang))
                    .unwrap_or(""),
                role: hamyar_domain::groups::MemberRole::parse(&m.membership.role)
                    .map(|r| codes::label(r, lang))
                    .unwrap_or(""),
                period,
            }
        })
        .collect())
}
