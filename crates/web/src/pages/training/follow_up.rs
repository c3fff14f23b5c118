//! The follow-ups after a course, for a phone: the list of those due for the reader
//! (`/training/follow-ups`: her own groups' women for a social worker or facilitator, `?all=1`
//! her whole place), each with the woman's mobile to call and a button to the form; and the
//! form of one woman's course (`/training/follow-ups/{enrolment}`), one card per month (3, 6)
//! with its due day and either the answer given or — once due — three taps and the day
//! asked. Dates are Jalali, digits Persian, amounts typed in any digits. The app decides
//! what is due and what may be recorded; a refused answer draws the form again (422) with its
//! Persian messages and nothing written.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::ports::training::EnrolmentId;
use hamyar_app::training::FollowUpDue;
use hamyar_domain::training::follow_up::{FollowUpInput, FollowUpMonth};
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::format;
use serde::{Deserialize, Serialize};

use super::kind_name;
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::form::FormView;
use crate::pages::{Notice, back_to, page};
use crate::state::AppState;

/// Items on the list page.
const LISTED: usize = 100;

/// One follow-up due, as a line of the list (and of Today).
pub struct DueLine {
    pub name: String,
    /// The course's name and the run's code (the list page).
    pub course: String,
    /// The course's name alone (Today, whose lines carry no code in Latin letters and digits).
    pub course_name: String,
    /// «پیگیری ۳ ماهه».
    pub month: String,
    /// «موعد ۱۴۰۵/۱۱/۱۰ · ۳ روز گذشته».
    pub when: String,
    pub late: bool,
    pub mobile: Option<String>,
    pub tel: Option<String>,
    pub href: String,
}

/// A due follow-up in words.
pub fn due_line(item: &FollowUpDue, lang: Lang) -> DueLine {
    let row = &item.row;
    let mut when = lang.tr(
        "job-preparation-due",
        &[("day", Arg::Text(&format::date(item.due_on, lang)))],
    );
    if item.days_late > 0 {
        when.push_str(" · ");
        when.push_str(&lang.tr(
            "job-preparation-late",
            &[("days", Arg::Number(item.days_late))],
        ));
    }
    let course = if lang.is_english() && !row.course_name_en.is_empty() {
        row.course_name_en.clone()
    } else {
        row.course_name.clone()
    };
    DueLine {
        name: format!("{} {}", row.first_name, row.last_name),
        course: format!("{course} · {}", row.run_code),
        course_name: course,
        month: month_label(row.month, lang),
        when,
        late: item.days_late > 0,
        mobile: row.mobile.as_deref().map(|m| lang.digits(m)),
        tel: row.mobile.as_deref().map(|m| format!("tel:{m}")),
        href: format!(
            "/training/follow-ups/{}#month-{}",
            row.enrolment_id,
            row.month.months()
        ),
    }
}

fn month_label(month: FollowUpMonth, lang: Lang) -> String {
    lang.tr(
        "job-preparation-month",
        &[("months", Arg::Number(i64::from(month.months())))],
    )
}

#[derive(Template)]
#[template(path = "training_follow_ups.html")]
struct ListTemplate {
    ctx: PageCtx,
    lines: Vec<DueLine>,
    total: String,
    own: bool,
    works_by_assignment: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub all: Option<String>,
    pub done: Option<String>,
}

/// `/training/follow-ups`.
pub async fn list(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<ListQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::RecordAttendance)?;
    let lang = who.lang();
    let by_assignment = matches!(
        actor.role,
        hamyar_app::Role::SocialWorker | hamyar_app::Role::Facilitator
    );
    let own = by_assignment && query.all.is_none();
    let due = state.app.follow_ups_due(&actor, own, LISTED, true).await?;
    page(&ListTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "job-preparation-follow_ups_title")
            .with_notice(query.done.as_deref()),
        lines: due.items.iter().map(|i| due_line(i, lang)).collect(),
        total: lang.number(due.total),
        own,
        works_by_assignment: by_assignment,
    })
}

/// One month of the form.
pub struct MonthCard {
    pub months: u8,
    pub title: String,
    pub due: String,
    pub open: bool,
    /// The answer given, in words.
    pub answer: Option<String>,
    /// Not yet due: no form.
    pub not_yet: bool,
    /// The refused form is this one.
    pub refused: bool,
}

#[derive(Template)]
#[template(path = "training_follow_up.html")]
struct FormTemplate {
    ctx: PageCtx,
    enrolment: EnrolmentId,
    name: String,
    course: String,
    mobile: Option<String>,
    tel: Option<String>,
    cards: Vec<MonthCard>,
    errors: Vec<String>,
    form: FormView,
    today: String,
}

async fn form_page(
    state: &AppState,
    who: &LoggedIn,
    id: EnrolmentId,
    refused: Option<(u8, FormView)>,
    notice: Option<&str>,
) -> WebResult<FormTemplate> {
    let lang = who.lang();
    let sheet = state
        .app
        .follow_up_sheet(&who.actor(), id, refused.is_none())
        .await?;
    let today = state.app.today();
    let (refused_month, form) = refused.unwrap_or((0, FormView::default()));
    let cards = sheet
        .months
        .iter()
        .map(|(month, due_on, answer)| MonthCard {
            months: month.months(),
            title: month_label(*month, lang),
            due: lang.tr(
                "job-preparation-due",
                &[("day", Arg::Text(&format::date(*due_on, lang)))],
            ),
            open: answer.is_none() && *due_on <= today,
            answer: answer.as_ref().map(|a| {
                let mut words = vec![format::date(a.recorded_on, lang)];
                words.push(
                    lang.t(if a.works {
                        "job-preparation-answer_works"
                    } else {
                        "job-preparation-answer_idle"
                    })
                    .to_owned(),
                );
                if a.earns_from_course {
                    words.push(lang.t("job-preparation-answer_earns").to_owned());
                }
                if let Some(rials) = a.monthly_income_rials {
                    words.push(crate::pages::spending::money(who, rials));
                }
                words.join(" · ")
            }),
            not_yet: answer.is_none() && *due_on > today,
            refused: refused_month == month.months(),
        })
        .collect();
    Ok(FormTemplate {
        ctx: PageCtx::for_user(&state.app, who, "job-preparation-follow_up_title")
            .with_notice(notice),
        enrolment: id,
        name: format!("{} {}", sheet.first_name, sheet.last_name),
        course: format!("{} · {}", kind_name(&sheet.kind, lang), sheet.run.code),
        mobile: sheet.mobile.as_deref().map(|m| lang.digits(m)),
        tel: sheet.mobile.as_deref().map(|m| format!("tel:{m}")),
        cards,
        errors: form.messages(),
        form,
        today: format::date(today, lang),
    })
}

/// `/training/follow-ups/{enrolment}`.
pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<EnrolmentId>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    who.actor().require(Permission::RecordAttendance)?;
    page(&form_page(&state, &who, id, None, notice.done.as_deref()).await?)
}

/// The follow-up form.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AnswerForm {
    pub month: String,
    pub recorded_on: String,
    pub works: String,
    pub earns_from_course: String,
    pub monthly_income_rials: String,
    pub note: String,
}

/// `POST /training/follow-ups/{enrolment}`.
pub async fn record(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<EnrolmentId>,
    Form(form): Form<AnswerForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::RecordAttendance)?;
    let month = crate::pages::number::<i64>(&form.month)
        .and_then(FollowUpMonth::from_months)
        .unwrap_or(FollowUpMonth::Three);
    let input = FollowUpInput {
        recorded_on: form.recorded_on.clone(),
        works: !form.works.is_empty(),
        earns_from_course: !form.earns_from_course.is_empty(),
        monthly_income_rials: form.monthly_income_rials.clone(),
        note: form.note.clone(),
    };
    let result = state.app.record_follow_up(&actor, id, month, &input).await;
    FormView::of(&form)
        .unlabelled()
        .answer(
            result,
            who.lang(),
            |_| {
                back_to(
                    &format!("/training/follow-ups/{id}"),
                    "job-preparation-follow_up_saved",
                    &format!("month-{}", month.months()),
                )
            },
            |typed| form_page(&state, &who, id, Some((month.months(), typed)), None),
        )
        .await
}
