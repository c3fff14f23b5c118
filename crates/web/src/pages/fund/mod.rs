//! A group's fund in the browser (issue 20): the fund's page (`/groups/{id}/fund`) with the open
//! cycle's rules or the form that opens one, where the fund stands, each member's shares,
//! savings and loan, the meetings, loans and recorded draws, and the draw's form (`page`); the
//! meeting screen, phone first, one card per member (`meeting`); one loan with its schedules,
//! repayments and the rescheduling and write-off forms (`loan`); the share-out's plan and the
//! form that makes it (`share_out`); and the savings-group metrics of a place for a period
//! (`report`). Handlers stay thin: who may read or keep a fund, and every rule of a meeting, a
//! loan or a share-out, live in `hamyar_app::fund` and `hamyar_domain::fund`; the pages turn
//! their rows into words and amounts in the reader's language and unit. Amounts are typed in
//! rials in any digits; a refused form is drawn again (422) with what was typed and the app's
//! messages, nothing written.

mod loan;
mod meeting;
mod page;
mod report;
mod share_out;

pub use loan::{reschedule, show as loan, write_off};
pub use meeting::{record as record_meeting, screen as meeting};
pub use page::{draw, open_cycle, show};
pub use report::show as report;
pub use share_out::{plan as share_out_plan, share_out};

use hamyar_app::Actor;
use hamyar_app::Permission;
use hamyar_app::Role;
use hamyar_app::ports::groups::GroupRow;
use hamyar_domain::MoneyUnit;
use hamyar_i18n::Lang;
use hamyar_reports::format;

/// The largest meeting screen accepted (a group of thirty members with every field filled and
/// thirty loans takes a few kilobytes).
pub const MAX_MEETING_FORM_BYTES: usize = 64 * 1024;

/// An amount in the reader's unit; when that is not the rial, the rials follow, since amounts
/// are typed in rials.
fn money_typed(rials: i64, unit: MoneyUnit, lang: Lang) -> String {
    let shown = format::money(rials, unit, lang);
    if unit == MoneyUnit::Rial {
        shown
    } else {
        format!("{shown} ({})", format::money(rials, MoneyUnit::Rial, lang))
    }
}

/// Basis points as a percent with two decimals in the reader's digits: «۱۲٫۳۴٪».
fn percent(basis_points: i64, lang: Lang) -> String {
    let sign = if basis_points < 0 { "-" } else { "" };
    let value = basis_points.saturating_abs();
    let text = format!("{sign}{}.{:02}", value / 100, value % 100);
    match lang {
        Lang::Fa => format!("{}٪", lang.digits(&text.replace('.', "٫"))),
        Lang::En => format!("{text}%"),
    }
}

/// Whether the actor may keep this group's fund (a facilitator only the groups she
/// facilitates): the pages show their forms only then.
fn may_keep(actor: &Actor, group: &GroupRow) -> bool {
    actor.can(Permission::KeepFund)
        && (actor.role != Role::Facilitator
            || (actor.user_id.is_some() && group.facilitator_id == actor.user_id))
}
