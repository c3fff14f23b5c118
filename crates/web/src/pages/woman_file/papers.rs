//! What other bodies said and hold: inquiries to other bodies, the documents checklist and
//! support declared from another body, each with the form that records it.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::registry::{DocumentRow, InquiryRow};
use hamyar_app::registry::household::{DocumentInput, InquiryInput};
use hamyar_domain::facilities::DeclarationInput;
use hamyar_domain::registry::{DocumentKind, InquiryResult, OtherBody};
use hamyar_i18n::Lang;
use hamyar_reports::format;

use super::back;
use super::page::{FileForms, redraw};
use crate::context::LoggedIn;
use crate::error::WebResult;
use crate::pages::codes;
use crate::pages::form::FormView;
use crate::state::AppState;

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

pub(super) fn inquiry_view(inquiry: &InquiryRow, lang: Lang) -> InquiryView {
    let result = InquiryResult::parse(&inquiry.result);
    InquiryView {
        body: codes::label_of::<OtherBody>(&inquiry.body, lang),
        date: format::date(inquiry.inquired_on, lang),
        result: codes::label_of::<InquiryResult>(&inquiry.result, lang),
        badge: match result {
            Some(InquiryResult::NotCovered) => "badge-ok",
            Some(InquiryResult::Covered) => "badge-danger",
            _ => "badge-warning",
        },
        notes: inquiry.notes.clone(),
    }
}

pub(super) fn document_views(rows: &[DocumentRow], lang: Lang) -> Vec<DocumentView> {
    DocumentKind::ALL
        .iter()
        .map(|kind| {
            let row = rows.iter().find(|row| row.kind == kind.code());
            DocumentView {
                kind: codes::label(*kind, lang),
                received_on: row
                    .and_then(|row| row.received_on)
                    .map(|d| format::date(d, lang)),
                notes: row.map(|row| row.notes.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

pub async fn add_inquiry(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<WomanId>,
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
    Path(id): Path<WomanId>,
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
    Path(id): Path<WomanId>,
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
