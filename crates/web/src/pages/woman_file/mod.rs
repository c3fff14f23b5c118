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
//!
//! One file per job: the file's page, with its details, groups and duplicate warnings and
//! the one function that draws it, opened or again (`page`); the household and its members
//! (`household`); coverage, eligibility and pension (`coverage`); and what other bodies said
//! and hold — inquiries, the documents checklist and support declared from another body
//! (`papers`). The way back to a section of the file lives here.

mod coverage;
mod household;
mod page;
mod papers;

pub use coverage::record_coverage;
pub use household::{add_member, remove_member};
pub use page::show;
pub use papers::{add_inquiry, declare_facility, set_document};

use axum::response::Response;
use hamyar_app::ports::registry::WomanId;

use crate::pages::back_to;

/// Back to a section of the file with a confirmation.
fn back(id: WomanId, notice_key: &str, section: &str) -> Response {
    back_to(&format!("/women/{id}"), notice_key, section)
}
