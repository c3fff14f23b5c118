//! A payment's evidence: adding a file to a payment (answered like a decision) and fetching
//! one, under an ASCII name and never cached.

use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use hamyar_app::ports::spending::{EvidenceId, PaymentId};
use hamyar_app::{AppError, Permission};

use super::decisions::after_decision;
use super::read_multipart;
use crate::context::LoggedIn;
use crate::error::WebResult;
use crate::pages::form::FormView;
use crate::state::AppState;

pub async fn attach(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<PaymentId>,
    mut multipart: Multipart,
) -> WebResult<Response> {
    let actor = who.actor();
    // Refuse before reading the upload: a role that may not add evidence gets 403, not a
    // complaint about the file.
    if !actor.can(Permission::ProposeSpending) && !actor.can(Permission::ApproveSpending) {
        return Err(AppError::Forbidden.into());
    }
    let (_, file) = read_multipart(&mut multipart).await?;
    let result = match file {
        Some(upload) => {
            state
                .app
                .attach_payment_evidence(&who.actor(), id, &upload)
                .await
        }
        None => Err(AppError::invalid(
            "evidence",
            hamyar_domain::Message::new("evidence-file_was_chosen"),
        )),
    };
    after_decision(
        &state,
        &who,
        id,
        result,
        "payments-evidence_added",
        FormView::default(),
    )
    .await
}

pub async fn evidence(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, evidence_id)): Path<(PaymentId, EvidenceId)>,
) -> WebResult<Response> {
    let (meta, content) = state
        .app
        .payment_evidence(&who.actor(), id, evidence_id)
        .await?;
    let extension = match meta.content_type.as_str() {
        "application/pdf" => "pdf",
        "image/png" => "png",
        _ => "jpg",
    };
    // An ASCII name: the stored one (often Persian) is on the page and in the audit trail.
    let disposition =
        format!("attachment; filename=\"payment-{id}-evidence-{evidence_id}.{extension}\"");
    Ok((
        [
            (header::CONTENT_TYPE, meta.content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        content,
    )
        .into_response())
}
