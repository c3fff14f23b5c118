//! A group's permits: the view of a permit with its state on a day (valid, expiring soon,
//! expired), and the handler that records one.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use hamyar_app::ports::groups::GroupId;
use hamyar_domain::JalaliDate;
use hamyar_domain::group_life::{PermitInput, PermitKind, PermitState};

use super::back;
use super::page::{LifeForms, redraw};
use crate::context::LoggedIn;
use crate::error::WebResult;
use crate::pages::codes;
use crate::pages::form::FormView;
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

pub struct PermitView {
    pub kind: String,
    pub number: String,
    pub issued: String,
    pub expires: String,
    pub state: &'static str,
    pub badge: &'static str,
}

pub(super) fn permit_view(
    permit: &hamyar_app::ports::group_life::PermitRow,
    today: JalaliDate,
    lang: Lang,
) -> PermitView {
    let state = PermitState::on(permit.expires_on, today);
    let (label, badge) = match state {
        PermitState::Valid => ("life-permit_valid", "badge-ok"),
        PermitState::ExpiringSoon => ("life-permit_expiring", "badge-warning"),
        PermitState::Expired => ("life-permit_expired", "badge-danger"),
    };
    PermitView {
        kind: codes::label_of::<PermitKind>(&permit.kind, lang),
        number: lang.digits(&permit.number),
        issued: format::date(permit.issued_on, lang),
        expires: format::date(permit.expires_on, lang),
        state: lang.t(label),
        badge,
    }
}

pub async fn record_permit(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Form(input): Form<PermitInput>,
) -> WebResult<Response> {
    let result = state.app.record_permit(&who.actor(), id, &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| back(id, "life-permit_saved", "permits"),
            |permit| {
                let forms = LifeForms {
                    permit,
                    ..LifeForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}
