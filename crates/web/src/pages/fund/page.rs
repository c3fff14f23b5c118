//! The fund's page (`/groups/{id}/fund`): the open cycle's rules (or the form that opens the
//! next cycle, `POST /groups/{id}/fund/cycles`), where the fund stands — the cash box, the
//! bank, the social fund, the loans owed, the surplus — each member with her shares, savings
//! and the loan she owes (linked, with how late it is), the cycle's meetings, loans and
//! recorded draws (who was in each, the seed, who won), and the draw's form
//! (`POST /groups/{id}/fund/lottery`: the day, the members in the draw, the places). Lists are
//! cards, so nothing scrolls sideways on a phone.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::fund::FundScreen;
use hamyar_app::fund::lottery::DrawInput;
use hamyar_app::ports::groups::GroupId;
use hamyar_domain::fund::{CycleInput, MeetingEvery};
use hamyar_domain::{Message, MessageArg, MoneyUnit};
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::format;

use super::{may_keep, percent};
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::form::FormView;
use crate::pages::pairs::Pairs;
use crate::pages::{Notice, back_to, page, render};
use crate::state::AppState;

/// One line of a definition list: its label (a message id) and its value.
pub struct Fact {
    pub label: &'static str,
    pub value: String,
}

/// A member as the fund's page shows her.
pub struct MemberCard {
    pub woman_id: i64,
    pub name: String,
    pub shares: String,
    pub savings: String,
    /// What she owes, with the loan's address and how late she is («۱۲ روز دیرکرد»).
    pub loan: Option<(String, String, String)>,
    pub late: bool,
}

pub struct MeetingCard {
    pub title: String,
    pub expected: String,
    pub counted: String,
    /// «کسری ۵۰۰ ریال» / «اضافه …», empty when the box matched the books.
    pub difference: String,
    pub note: String,
}

pub struct LoanCard {
    pub href: String,
    pub borrower: String,
    pub principal: String,
    pub fee: String,
    pub detail: String,
    pub state: &'static str,
    pub badge: &'static str,
}

pub struct DrawCard {
    pub title: String,
    pub candidates: String,
    pub winners: String,
    pub seed: String,
}

/// The fund's page, with its two forms.
#[derive(Template)]
#[template(path = "fund_page.html")]
struct FundTemplate {
    ctx: PageCtx,
    id: GroupId,
    name: String,
    keep: bool,
    /// The open cycle's title and rules; `None` when no cycle is open.
    cycle: Option<(String, Vec<Fact>, String)>,
    /// Earlier cycles, shared out: «دورهٔ ۱: … تا …، تقسیم …».
    past_cycles: Vec<String>,
    position: Vec<Fact>,
    members: Vec<MemberCard>,
    meetings: Vec<MeetingCard>,
    loans: Vec<LoanCard>,
    draws: Vec<DrawCard>,
    everies: Vec<(&'static str, &'static str)>,
    cycle_form: FormView,
    draw_form: FormView,
    ticked: Vec<i64>,
}

impl FundTemplate {
    /// Whether the member was ticked for the draw (when the form is drawn again).
    fn is_ticked(&self, woman: &i64) -> bool {
        self.ticked.contains(woman)
    }
}

/// What the forms hold when the page is drawn again.
#[derive(Default)]
struct Forms {
    cycle: FormView,
    draw: FormView,
    ticked: Vec<i64>,
}

pub(super) fn loan_state(state: &str) -> (&'static str, &'static str) {
    match state {
        "repaid" => ("fund-page-loan_repaid", "badge-ok"),
        "written_off" => ("fund-page-loan_written_off", "badge-danger"),
        _ => ("fund-page-loan_active", "badge-info"),
    }
}

/// «۱۲ روز دیرکرد», or «به‌موقع».
pub(super) fn late_words(days: i64, lang: Lang) -> String {
    if days > 0 {
        lang.tr("fund-page-days_late", &[("days", Arg::Number(days))])
    } else {
        lang.t("fund-page-on_time").to_owned()
    }
}

fn rules(screen: &FundScreen, unit: MoneyUnit, lang: Lang) -> Option<(String, Vec<Fact>, String)> {
    let cycle = screen.cycle.as_ref()?;
    let title = lang.tr(
        "fund-page-cycle_title",
        &[
            ("number", Arg::Number(cycle.number)),
            ("from", Arg::Text(&format::date(cycle.starts_on, lang))),
            ("to", Arg::Text(&format::date(cycle.ends_on, lang))),
        ],
    );
    let facts = vec![
        Fact {
            label: "fund-page-share_value",
            value: format::money(cycle.share_value_rials, unit, lang),
        },
        Fact {
            label: "fund-page-max_shares",
            value: lang.number(cycle.max_shares),
        },
        Fact {
            label: "fund-page-meeting_every",
            value: lang.t(cycle.meeting_every.label()).to_owned(),
        },
        Fact {
            label: "fund-page-fee",
            value: percent(cycle.fee_basis_points, lang),
        },
        Fact {
            label: "fund-page-loan_limit",
            value: lang.tr(
                "fund-page-times_savings",
                &[("times", Arg::Number(cycle.loan_limit_multiple))],
            ),
        },
        Fact {
            label: "fund-page-max_term",
            value: lang.tr(
                "fund-page-months",
                &[("months", Arg::Number(cycle.max_term_months))],
            ),
        },
        Fact {
            label: "fund-page-social",
            value: format::money(cycle.social_rials, unit, lang),
        },
    ];
    Some((title, facts, cycle.rules.clone()))
}

fn position(screen: &FundScreen, unit: MoneyUnit, lang: Lang) -> Vec<Fact> {
    let p = &screen.position;
    [
        ("fund-page-cash", p.cash),
        ("fund-page-bank", p.bank),
        ("fund-page-social_fund", p.social),
        ("fund-page-loans_owed", p.loans_outstanding),
        ("fund-page-surplus", p.surplus()),
    ]
    .into_iter()
    .map(|(label, rials)| Fact {
        label,
        value: format::money(rials, unit, lang),
    })
    .collect()
}

pub(super) fn difference_words(difference: i64, unit: MoneyUnit, lang: Lang) -> String {
    match difference.signum() {
        0 => String::new(),
        -1 => lang.tr(
            "fund-page-short",
            &[("amount", Arg::Text(&format::money(-difference, unit, lang)))],
        ),
        _ => lang.tr(
            "fund-page-over",
            &[("amount", Arg::Text(&format::money(difference, unit, lang)))],
        ),
    }
}

fn names(screen: &FundScreen, ids: &[i64], lang: Lang) -> String {
    ids.iter()
        .map(|id| {
            let name = screen.member_name(*id);
            if name.is_empty() {
                lang.number(*id)
            } else {
                name
            }
        })
        .collect::<Vec<_>>()
        .join("، ")
}

async fn fund_page(
    state: &AppState,
    who: &LoggedIn,
    id: GroupId,
    forms: Forms,
    notice: Option<&str>,
) -> WebResult<FundTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let unit = who.session.user.money_unit;
    let screen = state.app.fund_screen(&actor, id).await?;
    let members = screen
        .members
        .iter()
        .map(|m| MemberCard {
            woman_id: m.woman_id.get(),
            name: m.name.clone(),
            shares: lang.number(m.shares),
            savings: format::money(m.savings, unit, lang),
            late: m.loan.is_some_and(|(_, _, late)| late > 0),
            loan: m.loan.map(|(loan, owed, late)| {
                (
                    format!("/fund/loans/{loan}"),
                    format::money(owed, unit, lang),
                    late_words(late, lang),
                )
            }),
        })
        .collect();
    let meetings = screen
        .meetings
        .iter()
        .rev()
        .map(|m| MeetingCard {
            title: lang.tr(
                "fund-page-meeting_title",
                &[
                    ("number", Arg::Number(m.number)),
                    ("day", Arg::Text(&format::date(m.held_on, lang))),
                ],
            ),
            expected: format::money(m.cash_expected_rials, unit, lang),
            counted: format::money(m.cash_counted_rials, unit, lang),
            difference: difference_words(m.cash_counted_rials - m.cash_expected_rials, unit, lang),
            note: m.note.clone(),
        })
        .collect();
    let loans = screen
        .loans
        .iter()
        .rev()
        .map(|l| {
            let (state_key, badge) = loan_state(&l.state);
            LoanCard {
                href: format!("/fund/loans/{}", l.id),
                borrower: screen.member_name(l.woman_id.get()),
                principal: format::money(l.principal_rials, unit, lang),
                fee: format::money(l.fee_rials, unit, lang),
                detail: lang.tr(
                    "fund-page-loan_detail",
                    &[
                        ("day", Arg::Text(&format::date(l.disbursed_on, lang))),
                        ("months", Arg::Number(l.term_months)),
                        (
                            "allocation",
                            Arg::Text(lang.t(allocation_key(l.allocation))),
                        ),
                    ],
                ),
                state: lang.t(state_key),
                badge,
            }
        })
        .collect();
    let draws = screen
        .draws
        .iter()
        .rev()
        .map(|d| DrawCard {
            title: lang.tr(
                "fund-page-draw_title",
                &[
                    ("day", Arg::Text(&format::date(d.drawn_on, lang))),
                    ("seats", Arg::Number(d.seats)),
                ],
            ),
            candidates: names(&screen, &d.candidates, lang),
            winners: names(&screen, &d.winners, lang),
            seed: d.seed.to_string(),
        })
        .collect();
    let past_cycles = screen
        .cycles
        .iter()
        .filter_map(|c| {
            let shared = c.shared_out_on?;
            Some(lang.tr(
                "fund-page-past_cycle",
                &[
                    ("number", Arg::Number(c.number)),
                    ("from", Arg::Text(&format::date(c.starts_on, lang))),
                    ("to", Arg::Text(&format::date(c.ends_on, lang))),
                    ("shared", Arg::Text(&format::date(shared, lang))),
                ],
            ))
        })
        .collect();
    let today = format::date(screen.today, lang);
    let mut cycle_form = forms.cycle;
    if !cycle_form.has_errors() {
        cycle_form = cycle_form
            .with("starts_on", today.clone())
            .with("meeting_every", MeetingEvery::Weekly.code())
            .with("max_shares", lang.number(5))
            .with("loan_limit_multiple", lang.number(3))
            .with("max_term_months", lang.number(3))
            .with("fee_percent", lang.number(1));
    }
    let mut draw_form = forms.draw;
    if draw_form.value("on").is_empty() {
        draw_form = draw_form.with("on", today.clone());
    }
    Ok(FundTemplate {
        ctx: PageCtx::for_user(&state.app, who, "fund-page-title").with_notice(notice),
        id,
        name: screen.group.record.name.clone(),
        keep: may_keep(&actor, &screen.group),
        cycle: rules(&screen, unit, lang),
        past_cycles,
        position: position(&screen, unit, lang),
        members,
        meetings,
        loans,
        draws,
        everies: MeetingEvery::ALL
            .iter()
            .map(|e| (e.code(), lang.t(e.label())))
            .collect(),
        cycle_form,
        draw_form,
        ticked: forms.ticked,
    })
}

pub(super) fn allocation_key(allocation: hamyar_domain::fund::Allocation) -> &'static str {
    match allocation {
        hamyar_domain::fund::Allocation::Turn => "fund-page-by_turn",
        hamyar_domain::fund::Allocation::Lottery => "fund-page-by_lottery",
    }
}

/// `GET /groups/{id}/fund`.
pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    who.actor().require(Permission::ViewFund)?;
    page(&fund_page(&state, &who, id, Forms::default(), notice.done.as_deref()).await?)
}

/// `POST /groups/{id}/fund/cycles`: opens the group's next cycle.
pub async fn open_cycle(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Form(input): Form<CycleInput>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::KeepFund)?;
    let result = state.app.open_fund_cycle(&actor, id, &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |_| {
                back_to(
                    &format!("/groups/{id}/fund"),
                    "fund-page-cycle_opened",
                    "cycle",
                )
            },
            |cycle| {
                fund_page(
                    &state,
                    &who,
                    id,
                    Forms {
                        cycle,
                        ..Forms::default()
                    },
                    None,
                )
            },
        )
        .await
}

/// `POST /groups/{id}/fund/lottery`: draws lots among the members ticked.
pub async fn draw(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::KeepFund)?;
    let pairs = Pairs(pairs);
    let mut refused = Vec::new();
    let candidates: Vec<i64> = pairs
        .all("candidates")
        .iter()
        .filter_map(|c| {
            let id = crate::pages::number::<i64>(c);
            if id.is_none() {
                refused.push(c.clone());
            }
            id
        })
        .collect();
    let input = DrawInput {
        on: pairs.one("on"),
        candidates,
        seats: pairs.one("seats"),
    };
    let result = if refused.is_empty() {
        state.app.draw_fund_lottery(&actor, id, &input).await
    } else {
        Err(hamyar_app::AppError::invalid(
            "candidates",
            Message::new("fund-page-bad_candidate")
                .arg("text", MessageArg::Text(refused.join(" "))),
        ))
    };
    let mut view =
        FormView::with_values([("on", input.on.as_str()), ("seats", input.seats.as_str())])
            .unlabelled();
    match result {
        Ok(_) => Ok(back_to(
            &format!("/groups/{id}/fund"),
            "fund-page-draw_made",
            "draws",
        )),
        Err(error) => {
            view.absorb(error, who.lang())?;
            let forms = Forms {
                draw: view,
                ticked: input.candidates.clone(),
                ..Forms::default()
            };
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &fund_page(&state, &who, id, forms, None).await?,
            )
        }
    }
}
