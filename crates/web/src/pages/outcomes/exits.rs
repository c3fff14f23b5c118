//! Exits as empowered and group graduation in the browser (issue 19): the criteria's verdicts
//! with the proposal form, on a woman's outcomes page ([`woman_section`]) and on a group's
//! graduation page (`/groups/{id}/graduation`); the open proposals of the reader's place for
//! the experts who decide (`/outcomes/exits`, also counted on Today); one proposal with its
//! evidence, the verdicts as proposed and as they stand today, and the approve and return forms
//! (`/outcomes/exits/{id}`); and a province's criteria (`/outcomes/criteria`). Who may do what,
//! and the four eyes, are the app's (`hamyar_app::outcomes::graduation`); a refused form is
//! drawn again (422) with the app's messages and nothing written.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::access::PlaceId;
use hamyar_app::outcomes::graduation::{DecisionInput, Graduation, ProposalInput};
use hamyar_app::ports::exit_proposals::{ExitProposalId, ExitProposalRow};
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_domain::outcomes::graduation::{CriteriaInput, Criterion, CriterionVerdict};
use hamyar_domain::registry::Verdict;
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::format;
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes;
use crate::pages::form::FormView;
use crate::pages::{Notice, back_to, page, render};
use crate::state::AppState;

/// One criterion's verdict, in words.
pub struct VerdictLine {
    pub criterion: &'static str,
    pub verdict: &'static str,
    pub badge: &'static str,
    pub message: String,
}

fn badge(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Passed => "badge-ok",
        Verdict::Failed => "badge-danger",
        Verdict::Unknown => "badge-warning",
    }
}

fn criterion_key(criterion: Criterion) -> &'static str {
    match criterion {
        Criterion::OwnIncome => "graduation-criterion-own_income",
        Criterion::Business => "graduation-criterion-business",
        Criterion::SelfEsteem => "graduation-criterion-self_esteem",
        Criterion::NoPension => "graduation-criterion-no_pension",
        Criterion::Members => "graduation-criterion-members",
    }
}

/// Verdicts in words.
pub fn verdict_lines(verdicts: &[CriterionVerdict], lang: Lang) -> Vec<VerdictLine> {
    verdicts
        .iter()
        .map(|v| VerdictLine {
            criterion: lang.t(criterion_key(v.criterion)),
            verdict: codes::label(v.verdict, lang),
            badge: badge(v.verdict),
            message: lang.message(&v.message),
        })
        .collect()
}

/// A proposal in words, for histories and lists.
pub struct ProposalLine {
    pub href: String,
    pub proposed: String,
    pub state: &'static str,
    pub badge: &'static str,
    pub evidence: String,
    pub decision: Option<String>,
}

fn state_words(state: &str) -> (&'static str, &'static str) {
    match state {
        "approved" => ("graduation-state-approved", "badge-ok"),
        "returned" => ("graduation-state-returned", "badge-danger"),
        _ => ("graduation-state-proposed", "badge-warning"),
    }
}

pub fn proposal_line(row: &ExitProposalRow, lang: Lang) -> ProposalLine {
    let (state, badge) = state_words(&row.state);
    ProposalLine {
        href: format!("/outcomes/exits/{}", row.id),
        proposed: lang.tr(
            "graduation-proposed_by",
            &[
                ("name", Arg::Text(&row.proposed_by_name)),
                ("day", Arg::Text(&format::date(row.proposed_on, lang))),
            ],
        ),
        state: lang.t(state),
        badge,
        evidence: row.evidence.clone(),
        decision: match (&row.decided_by_name, row.decided_on) {
            (Some(name), Some(day)) => {
                let mut text = lang.tr(
                    "graduation-decided_by",
                    &[
                        ("name", Arg::Text(name)),
                        ("day", Arg::Text(&format::date(day, lang))),
                    ],
                );
                if let Some(note) = &row.decision_note {
                    text.push_str(" — ");
                    text.push_str(note);
                }
                Some(text)
            }
            _ => None,
        },
    }
}

/// The graduation card of a woman's outcomes page (or of a group's page).
pub struct GraduationSection {
    pub verdicts: Vec<VerdictLine>,
    pub proposals: Vec<ProposalLine>,
    pub exited: bool,
    /// The proposal form's address when a proposal may be made.
    pub propose: Option<String>,
    pub today: String,
}

fn section(
    graduation: &Graduation,
    propose: Option<String>,
    today: String,
    lang: Lang,
) -> GraduationSection {
    GraduationSection {
        verdicts: verdict_lines(&graduation.verdicts, lang),
        proposals: graduation
            .proposals
            .iter()
            .rev()
            .map(|p| proposal_line(p, lang))
            .collect(),
        exited: graduation.exited,
        propose: graduation.may_propose().then_some(propose).flatten(),
        today,
    }
}

/// A woman's graduation card.
pub async fn woman_section(
    state: &AppState,
    who: &LoggedIn,
    id: WomanId,
) -> WebResult<GraduationSection> {
    let lang = who.lang();
    let graduation = state.app.woman_graduation(&who.actor(), id).await?;
    Ok(section(
        &graduation,
        Some(format!("/women/{id}/outcomes/exit")),
        format::date(state.app.today(), lang),
        lang,
    ))
}

/// `POST /women/{id}/outcomes/exit`.
pub async fn propose_woman(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<WomanId>,
    Form(form): Form<ProposalInput>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::Assess)?;
    match state.app.propose_woman_exit(&actor, id, &form).await {
        Ok(_) => Ok(back_to(
            &format!("/women/{id}/outcomes"),
            "graduation-proposed",
            "graduation",
        )),
        Err(error) => {
            let mut view = FormView::of(&form).unlabelled();
            view.absorb(error, who.lang())?;
            super::woman::redraw(&state, &who, id, view).await
        }
    }
}

#[derive(Template)]
#[template(path = "outcomes_group_graduation.html")]
struct GroupTemplate {
    ctx: PageCtx,
    id: GroupId,
    name: String,
    graduation: GraduationSection,
    errors: Vec<String>,
    form: FormView,
}

async fn group_page(
    state: &AppState,
    who: &LoggedIn,
    id: GroupId,
    form: FormView,
    notice: Option<&str>,
) -> WebResult<GroupTemplate> {
    let lang = who.lang();
    let actor = who.actor();
    let graduation = state.app.group_graduation(&actor, id).await?;
    let propose = actor
        .can(Permission::ManageGroups)
        .then(|| format!("/groups/{id}/graduation"));
    Ok(GroupTemplate {
        ctx: PageCtx::for_user(&state.app, who, "graduation-group_title").with_notice(notice),
        id,
        name: graduation.name.clone(),
        graduation: section(
            &graduation,
            propose,
            format::date(state.app.today(), lang),
            lang,
        ),
        errors: form.messages(),
        form,
    })
}

/// `/groups/{id}/graduation`.
pub async fn group(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    who.actor().require(Permission::ViewGroups)?;
    page(
        &group_page(
            &state,
            &who,
            id,
            FormView::default(),
            notice.done.as_deref(),
        )
        .await?,
    )
}

/// `POST /groups/{id}/graduation`.
pub async fn propose_group(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Form(form): Form<ProposalInput>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ManageGroups)?;
    match state.app.propose_group_graduation(&actor, id, &form).await {
        Ok(_) => Ok(back_to(
            &format!("/groups/{id}/graduation"),
            "graduation-proposed",
            "graduation",
        )),
        Err(error) => {
            let mut view = FormView::of(&form).unlabelled();
            view.absorb(error, who.lang())?;
            let template = group_page(&state, &who, id, view, None).await?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &template)
        }
    }
}

/// An open proposal on the experts' list.
pub struct OpenLine {
    pub href: String,
    pub name: String,
    pub kind: &'static str,
    pub proposed: String,
}

#[derive(Template)]
#[template(path = "outcomes_exits.html")]
struct ListTemplate {
    ctx: PageCtx,
    lines: Vec<OpenLine>,
}

/// Lines of the open proposals (the list page and Today).
pub async fn open_lines(
    state: &AppState,
    who: &LoggedIn,
    limit: usize,
) -> WebResult<Vec<OpenLine>> {
    let lang = who.lang();
    let open = state.app.open_exit_proposals(&who.actor(), limit).await?;
    Ok(open
        .iter()
        .map(|p| OpenLine {
            href: format!("/outcomes/exits/{}", p.row.id),
            name: p.name.clone(),
            kind: lang.t(if p.row.woman_id.is_some() {
                "graduation-kind-woman"
            } else {
                "graduation-kind-group"
            }),
            proposed: proposal_line(&p.row, lang).proposed,
        })
        .collect())
}

/// `/outcomes/exits`.
pub async fn list(State(state): State<AppState>, who: LoggedIn) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ViewGroups)?;
    actor.require(Permission::ViewPersonalData)?;
    page(&ListTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "graduation-exits_title"),
        lines: open_lines(&state, &who, 200).await?,
    })
}

#[derive(Template)]
#[template(path = "outcomes_exit.html")]
struct ExitTemplate {
    ctx: PageCtx,
    id: ExitProposalId,
    subject: String,
    subject_href: String,
    proposal: ProposalLine,
    open: bool,
    /// The verdicts as proposed: (criterion, verdict) in words.
    proposed_verdicts: Vec<(String, String)>,
    /// The verdicts today (for a reader who may see the evidence).
    now: Vec<VerdictLine>,
    can_decide: bool,
    today: String,
    errors: Vec<String>,
    form: FormView,
}

async fn exit_page(
    state: &AppState,
    who: &LoggedIn,
    id: ExitProposalId,
    form: FormView,
    notice: Option<&str>,
) -> WebResult<ExitTemplate> {
    let lang = who.lang();
    let actor = who.actor();
    let found = state.app.exit_proposal(&actor, id).await?;
    let row = found.row;
    let (subject_href, now) = match (row.woman_id, row.group_id) {
        (Some(woman), _) => {
            // Her verdicts rest on her forms: only those who may read them see them.
            let verdicts = if actor.can(Permission::Assess) {
                verdict_lines(
                    &state.app.woman_graduation(&actor, woman).await?.verdicts,
                    lang,
                )
            } else {
                Vec::new()
            };
            (format!("/women/{woman}"), verdicts)
        }
        (None, Some(group)) => {
            let verdicts = state.app.group_graduation(&actor, group).await?.verdicts;
            (
                format!("/groups/{group}/graduation"),
                verdict_lines(&verdicts, lang),
            )
        }
        (None, None) => (String::new(), Vec::new()),
    };
    let subject = found.name;
    let proposed_verdicts = serde_json::from_str::<Vec<serde_json::Value>>(&row.verdicts)
        .unwrap_or_default()
        .iter()
        .filter_map(|v| {
            let criterion = match v.get("criterion")?.as_str()? {
                "own_income" => Criterion::OwnIncome,
                "business" => Criterion::Business,
                "self_esteem" => Criterion::SelfEsteem,
                "no_pension" => Criterion::NoPension,
                _ => Criterion::Members,
            };
            let verdict = match v.get("verdict")?.as_str()? {
                "passed" => Verdict::Passed,
                "failed" => Verdict::Failed,
                _ => Verdict::Unknown,
            };
            Some((
                lang.t(criterion_key(criterion)).to_owned(),
                codes::label(verdict, lang).to_owned(),
            ))
        })
        .collect();
    Ok(ExitTemplate {
        ctx: PageCtx::for_user(&state.app, who, "graduation-exit_title").with_notice(notice),
        id,
        subject,
        subject_href,
        open: row.state == "proposed",
        proposal: proposal_line(&row, lang),
        proposed_verdicts,
        now,
        can_decide: actor.can(Permission::DecideCoverage),
        today: format::date(state.app.today(), lang),
        errors: form.messages(),
        form,
    })
}

/// `/outcomes/exits/{id}`.
pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<ExitProposalId>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    page(
        &exit_page(
            &state,
            &who,
            id,
            FormView::default(),
            notice.done.as_deref(),
        )
        .await?,
    )
}

/// The decision form: `decision` is `approve` or `return`.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct DecideForm {
    pub decision: String,
    pub decided_on: String,
    pub note: String,
}

/// `POST /outcomes/exits/{id}`.
pub async fn decide(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<ExitProposalId>,
    Form(form): Form<DecideForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::DecideCoverage)?;
    let input = DecisionInput {
        decided_on: form.decided_on.clone(),
        note: form.note.clone(),
    };
    let approve = form.decision == "approve";
    match state.app.decide_exit(&actor, id, approve, &input).await {
        Ok(()) => Ok(back_to(
            &format!("/outcomes/exits/{id}"),
            if approve {
                "graduation-approved"
            } else {
                "graduation-returned"
            },
            "decision",
        )),
        Err(error) => {
            let mut view = FormView::of(&form).unlabelled();
            view.absorb(error, who.lang())?;
            let template = exit_page(&state, &who, id, view, None).await?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &template)
        }
    }
}

#[derive(Template)]
#[template(path = "outcomes_criteria.html")]
struct CriteriaTemplate {
    ctx: PageCtx,
    province: PlaceId,
    provinces: Vec<codes::Choice>,
    own_income_months: String,
    business_months: String,
    self_esteem: bool,
    no_pension: bool,
    group_member_percent: String,
    can_set: bool,
    errors: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CriteriaQuery {
    pub province: String,
}

async fn criteria_page(
    state: &AppState,
    who: &LoggedIn,
    province: Option<PlaceId>,
    typed: Option<(CriteriaInput, Vec<String>)>,
    notice: Option<&str>,
) -> WebResult<CriteriaTemplate> {
    let lang = who.lang();
    let actor = who.actor();
    let (tree, visible) = state.app.visible_places(&actor).await?;
    let provinces: Vec<codes::Choice> = visible
        .iter()
        .filter_map(|id| tree.get(*id))
        .filter(|p| p.kind == hamyar_app::access::ScopeKind::Province)
        .map(|p| codes::Choice::new(p.id.to_string(), p.name(lang.is_english())))
        .collect();
    let province = province
        .or(actor.scope.province())
        .or_else(|| provinces.first().and_then(|c| c.value.parse().ok()))
        .ok_or_else(|| crate::error::WebError::from(hamyar_app::AppError::NotFound))?;
    let criteria = state.app.graduation_criteria(&actor, province).await?;
    let months = |m: Option<u8>| m.map(|m| lang.number(i64::from(m))).unwrap_or_default();
    let (input, errors) = typed.unwrap_or_else(|| {
        (
            CriteriaInput {
                own_income_months: months(criteria.own_income_months),
                business_months: months(criteria.business_months),
                self_esteem: criteria.self_esteem,
                no_pension: criteria.no_pension,
                group_member_percent: lang.number(i64::from(criteria.group_member_percent)),
            },
            Vec::new(),
        )
    });
    Ok(CriteriaTemplate {
        ctx: PageCtx::for_user(&state.app, who, "graduation-criteria_title").with_notice(notice),
        province,
        provinces,
        own_income_months: input.own_income_months,
        business_months: input.business_months,
        self_esteem: input.self_esteem,
        no_pension: input.no_pension,
        group_member_percent: input.group_member_percent,
        can_set: actor.can(Permission::ManageGroupSettings),
        errors,
    })
}

/// `/outcomes/criteria`.
pub async fn criteria(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<CriteriaQuery>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    who.actor().require(Permission::ViewGroups)?;
    let province = crate::pages::number(&query.province);
    page(&criteria_page(&state, &who, province, None, notice.done.as_deref()).await?)
}

/// The criteria form as posted (checkboxes are absent when off).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CriteriaForm {
    pub province: String,
    pub own_income_months: String,
    pub business_months: String,
    pub self_esteem: String,
    pub no_pension: String,
    pub group_member_percent: String,
}

/// `POST /outcomes/criteria`.
pub async fn set_criteria(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(form): Form<CriteriaForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ManageGroupSettings)?;
    let input = CriteriaInput {
        own_income_months: form.own_income_months.clone(),
        business_months: form.business_months.clone(),
        self_esteem: !form.self_esteem.is_empty(),
        no_pension: !form.no_pension.is_empty(),
        group_member_percent: form.group_member_percent.clone(),
    };
    let province: Option<PlaceId> =
        crate::pages::number::<PlaceId>(&form.province).or(actor.scope.province());
    let result = match province {
        Some(province) => {
            state
                .app
                .set_graduation_criteria(&actor, province, &input)
                .await
        }
        None => Err(hamyar_app::AppError::invalid(
            "province",
            hamyar_domain::Message::new("graduation-choose_province"),
        )),
    };
    match result {
        Ok(_) => Ok(back_to(
            &format!(
                "/outcomes/criteria?province={}",
                province.map(|p| p.to_string()).unwrap_or_default()
            ),
            "graduation-criteria_saved",
            "criteria",
        )),
        Err(error) => {
            let mut view = FormView::default().unlabelled();
            view.absorb(error, who.lang())?;
            let template =
                criteria_page(&state, &who, province, Some((input, view.messages())), None).await?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &template)
        }
    }
}
