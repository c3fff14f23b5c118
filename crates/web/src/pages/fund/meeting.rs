//! The meeting screen of a group's fund, phone first (`/groups/{id}/fund/meeting`): one card
//! per member — her name, whether she came, the shares she buys (up to the cycle's maximum),
//! her social-fund contribution, her repayment (only when she owes, with what she owes) and a
//! fine — then the loans given (the borrower, the amount, the term in months, her guarantors
//! among the other members, the draw she won when the loan goes by lottery), the cash taken to
//! the bank, the cash counted at the end and a note. The cash the books say is in the box
//! before the meeting is shown above the count.
//!
//! The fields depend on the group, so the form arrives as pairs: `member` (each member's id,
//! in the order of the cards), `present.<id>`, `shares.<id>`, `social.<id>`,
//! `repayment.<id>`, `fine.<id>`; `loan.<n>.woman`, `loan.<n>.amount`, `loan.<n>.term`,
//! `loan.<n>.guarantor` (one per ticked box) and `loan.<n>.draw`, a loan row left blank being
//! skipped; they become one `MeetingInput`. A hidden random `key` (new at each drawing of the
//! empty screen, kept when a refused screen is drawn again) lets the app record a screen sent
//! twice once. A refused screen is drawn again (422) from that input, every message listed.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::fund::FundScreen;
use hamyar_app::ports::groups::GroupId;
use hamyar_domain::MoneyUnit;
use hamyar_domain::fund::{LoanRequestInput, MeetingInput, MemberLineInput};
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::format;
use rand::Rng;

use super::{may_keep, money_typed};
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::form::FormView;
use crate::pages::pairs::Pairs;
use crate::pages::{back_to, number, page, render};
use crate::state::AppState;

/// The loan rows an empty screen offers (a refused screen shows those typed and one more).
const LOAN_ROWS: usize = 2;
/// The most loan rows read from a screen (the domain refuses more than thirty loans).
const LOAN_ROWS_MAX: usize = 40;

/// A member's card.
pub struct MemberSlot {
    /// Her row's number, as the messages name it.
    pub number: String,
    pub woman_id: i64,
    pub name: String,
    pub present: bool,
    pub shares: String,
    pub social: String,
    pub repayment: String,
    pub fine: String,
    /// What she owes, when she has a loan.
    pub owes: Option<String>,
    pub savings: String,
}

/// A loan row.
pub struct LoanSlot {
    pub index: usize,
    pub number: String,
    pub woman: i64,
    pub amount: String,
    pub term: String,
    pub guarantors: Vec<i64>,
    pub draw: Option<i64>,
}

impl LoanSlot {
    /// Whether the member's box is ticked among the guarantors.
    pub fn guarantees(&self, woman: &i64) -> bool {
        self.guarantors.contains(woman)
    }

    /// Whether the loan goes by this draw.
    pub fn drawn(&self, draw: &i64) -> bool {
        self.draw == Some(*draw)
    }
}

#[derive(Template)]
#[template(path = "fund_meeting.html")]
struct MeetingTemplate {
    ctx: PageCtx,
    id: GroupId,
    name: String,
    /// «دورهٔ ۱: ۱۴۰۵/۰۱/۰۱ تا …»; `None` when no cycle is open (the screen is not offered).
    cycle: Option<String>,
    key: String,
    held_on: String,
    to_bank: String,
    cash_counted: String,
    note: String,
    /// «۰ تا ۵».
    shares_range: String,
    share_value: String,
    social_rule: String,
    cash_before: String,
    /// The same and the share's value in rials, for a reader (or a test) that adds them up.
    cash_before_rials: i64,
    share_value_rials: i64,
    bank: String,
    members: Vec<MemberSlot>,
    choices: Vec<(i64, String)>,
    draws: Vec<(i64, String)>,
    loans: Vec<LoanSlot>,
    errors: Vec<String>,
    form: FormView,
    keep: bool,
}

fn fresh_key() -> String {
    let value: u128 = rand::rng().random();
    format!("{value:032x}")
}

fn slots(screen: &FundScreen, input: Option<&MeetingInput>, lang: Lang) -> Vec<MemberSlot> {
    let unit_free = |rials: i64| lang.number(rials);
    screen
        .members
        .iter()
        .enumerate()
        .map(|(index, m)| {
            let typed = input.and_then(|i| {
                i.lines
                    .iter()
                    .find(|line| line.woman_id == m.woman_id.get())
            });
            MemberSlot {
                number: lang.number(index as i64 + 1),
                woman_id: m.woman_id.get(),
                name: m.name.clone(),
                present: typed.is_none_or(|t| t.present),
                shares: typed.map(|t| t.shares.clone()).unwrap_or_default(),
                social: typed.map(|t| t.social.clone()).unwrap_or_default(),
                repayment: typed.map(|t| t.repayment.clone()).unwrap_or_default(),
                fine: typed.map(|t| t.fine.clone()).unwrap_or_default(),
                owes: m.loan.map(|(_, owed, _)| unit_free(owed)),
                savings: unit_free(m.savings),
            }
        })
        .collect()
}

async fn meeting_page(
    state: &AppState,
    who: &LoggedIn,
    id: GroupId,
    input: Option<&MeetingInput>,
    key: String,
    form: FormView,
) -> WebResult<MeetingTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let unit: MoneyUnit = who.session.user.money_unit;
    let screen = state.app.fund_screen(&actor, id).await?;
    let today = format::date(screen.today, lang);
    let cycle = screen.cycle.as_ref();
    let mut loans: Vec<LoanSlot> = input
        .map(|i| {
            i.loans
                .iter()
                .enumerate()
                .map(|(index, l)| LoanSlot {
                    index,
                    number: lang.number(index as i64 + 1),
                    woman: l.woman_id,
                    amount: l.amount.clone(),
                    term: l.term_months.clone(),
                    guarantors: l.guarantors.clone(),
                    draw: l.lottery_id,
                })
                .collect()
        })
        .unwrap_or_default();
    let blank = if loans.is_empty() { LOAN_ROWS } else { 1 };
    for _ in 0..blank {
        let index = loans.len();
        loans.push(LoanSlot {
            index,
            number: lang.number(index as i64 + 1),
            woman: 0,
            amount: String::new(),
            term: String::new(),
            guarantors: Vec::new(),
            draw: None,
        });
    }
    let draws = screen
        .open_draws
        .iter()
        .map(|(draw, winners)| {
            let day = screen
                .draws
                .iter()
                .find(|d| d.id.get() == *draw)
                .map(|d| format::date(d.drawn_on, lang))
                .unwrap_or_default();
            let names: Vec<String> = winners.iter().map(|w| screen.member_name(*w)).collect();
            (
                *draw,
                lang.tr(
                    "fund-page-open_draw",
                    &[
                        ("day", Arg::Text(&day)),
                        ("winners", Arg::Text(&names.join("، "))),
                    ],
                ),
            )
        })
        .collect();
    Ok(MeetingTemplate {
        ctx: PageCtx::for_user(&state.app, who, "fund-page-meeting_screen"),
        id,
        name: screen.group.record.name.clone(),
        cycle: cycle.map(|c| {
            lang.tr(
                "fund-page-cycle_title",
                &[
                    ("number", Arg::Number(c.number)),
                    ("from", Arg::Text(&format::date(c.starts_on, lang))),
                    ("to", Arg::Text(&format::date(c.ends_on, lang))),
                ],
            )
        }),
        key,
        held_on: input.map_or(today, |i| i.held_on.clone()),
        to_bank: input.map(|i| i.to_bank.clone()).unwrap_or_default(),
        cash_counted: input.map(|i| i.cash_counted.clone()).unwrap_or_default(),
        note: input.map(|i| i.note.clone()).unwrap_or_default(),
        shares_range: lang.tr(
            "fund-page-shares_range",
            &[("max", Arg::Number(cycle.map_or(0, |c| c.max_shares)))],
        ),
        share_value: cycle.map_or_else(String::new, |c| {
            money_typed(c.share_value_rials, unit, lang)
        }),
        social_rule: cycle.map_or_else(String::new, |c| lang.number(c.social_rials)),
        cash_before: money_typed(screen.position.cash, unit, lang),
        cash_before_rials: screen.position.cash,
        share_value_rials: cycle.map_or(0, |c| c.share_value_rials),
        bank: money_typed(screen.position.bank, unit, lang),
        members: slots(&screen, input, lang),
        choices: screen
            .members
            .iter()
            .map(|m| (m.woman_id.get(), m.name.clone()))
            .collect(),
        draws,
        loans,
        errors: form.messages(),
        form,
        keep: may_keep(&actor, &screen.group),
    })
}

/// `GET /groups/{id}/fund/meeting`: the empty screen with a new key.
pub async fn screen(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
) -> WebResult<Response> {
    who.actor().require(Permission::KeepFund)?;
    page(&meeting_page(&state, &who, id, None, fresh_key(), FormView::default()).await?)
}

/// The screen's pairs as the use-case's input, and the key sent with them.
pub fn meeting_input(pairs: &Pairs) -> MeetingInput {
    let mut lines: Vec<MemberLineInput> = Vec::new();
    for member in pairs.all("member") {
        let Some(woman_id) = number::<i64>(&member) else {
            continue;
        };
        if lines.iter().any(|l| l.woman_id == woman_id) {
            continue;
        }
        let field = |name: &str| pairs.one(&format!("{name}.{woman_id}"));
        lines.push(MemberLineInput {
            woman_id,
            present: !field("present").is_empty(),
            shares: field("shares"),
            social: field("social"),
            repayment: field("repayment"),
            fine: field("fine"),
        });
    }
    let mut loans = Vec::new();
    for row in 0..LOAN_ROWS_MAX {
        let field = |name: &str| pairs.one(&format!("loan.{row}.{name}"));
        let woman = field("woman");
        let amount = field("amount");
        let term = field("term");
        let guarantors: Vec<i64> = pairs
            .all(&format!("loan.{row}.guarantor"))
            .iter()
            .filter_map(|g| number::<i64>(g))
            .collect();
        if woman.trim().is_empty() && amount.trim().is_empty() && term.trim().is_empty() {
            continue;
        }
        loans.push(LoanRequestInput {
            woman_id: number::<i64>(&woman).unwrap_or(0),
            amount,
            term_months: term,
            guarantors,
            lottery_id: number::<i64>(&field("draw")),
        });
    }
    MeetingInput {
        held_on: pairs.one("held_on"),
        lines,
        loans,
        to_bank: pairs.one("to_bank"),
        cash_counted: pairs.one("cash_counted"),
        note: pairs.one("note"),
    }
}

/// `POST /groups/{id}/fund/meeting`: records the meeting once.
pub async fn record(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::KeepFund)?;
    let pairs = Pairs(pairs);
    let input = meeting_input(&pairs);
    let key = pairs.one("key");
    match state
        .app
        .record_fund_meeting(&actor, id, &input, &key)
        .await
    {
        Ok(_) => Ok(back_to(
            &format!("/groups/{id}/fund"),
            "fund-page-meeting_saved",
            "meetings",
        )),
        Err(error) => {
            let mut form = FormView::of(&input).unlabelled();
            form.absorb(error, who.lang())?;
            let key = if key.is_empty() { fresh_key() } else { key };
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &meeting_page(&state, &who, id, Some(&input), key, form).await?,
            )
        }
    }
}
