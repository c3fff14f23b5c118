//! A group's life in the browser, one file per job: the life page itself (`/groups/{id}/life`)
//! with its forms (`page`); the summary the group page shows — chart, last visit, open
//! requests, permits about to expire, the no-visit flag (`summary`); the monthly business
//! records (`business`), meetings with attendance (`meetings`), monitoring visits with their
//! requests, referrals and follow-ups (`visits`) and permits (`permits`), each with the view
//! of a record and the handler of the small form that records it; and the office's list of
//! visits due and overdue per county with the provincial "no visit for N months" setting
//! (`due`).
//!
//! Forms whose fields depend on the group (a payment per member, attendance per member,
//! ticked channels and referrals) arrive as a list of pairs. Each form posts to its own route;
//! on a problem the page is drawn again (422) with the messages under that form's fields, and
//! on success the browser returns to the form's section with a confirmation. What the pieces
//! share — reading pairs, the way back to a section, a coded list's labels, a member's name —
//! lives here.

mod business;
mod due;
mod meetings;
mod page;
mod permits;
mod summary;
mod visits;

pub use business::record_business;
pub(crate) use due::{follow_up_when, not_visited_when, record_visit_href};
pub use due::{save_no_visit_months, visits_due};
pub use meetings::record_meeting;
pub use page::show;
pub use permits::record_permit;
pub use summary::{LifeSummary, summary};
pub use visits::{complete_follow_up, record_visit, resolve_request};

use axum::response::Response;
use hamyar_app::ports::group_life::MemberSpan;
use hamyar_app::ports::groups::GroupId;
use hamyar_domain::registry::codes::CodedList;

use crate::pages::back_to;
use crate::pages::codes;
use crate::pages::pairs::Pairs;
use hamyar_i18n::Lang;

fn labels_of<T: CodedList>(codes: &str, other: &str, lang: Lang) -> String {
    let labels: Vec<String> = codes
        .split(',')
        .filter(|c| !c.is_empty())
        .map(|code| codes::label_of::<T>(code, lang))
        .collect();
    let mut text = labels.join("، ");
    if !other.is_empty() {
        text = format!("{text} ({other})");
    }
    if text.is_empty() {
        "—".to_owned()
    } else {
        text
    }
}

fn name_of(span: &MemberSpan) -> String {
    format!("{} {}", span.first_name, span.last_name)
}

/// Back to a section of the life page with a confirmation.
fn back(id: GroupId, notice_key: &str, section: &str) -> Response {
    back_to(&format!("/groups/{id}/life"), notice_key, section)
}
