//! Her household: the view of a member and the forms that add and remove one.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use hamyar_app::ports::registry::MemberRow;
use hamyar_app::ports::registry::WomanId;
use hamyar_domain::registry::{MemberActivity, MemberInput, Relation};
use hamyar_i18n::Lang;
use hamyar_reports::format;

use super::back;
use super::page::{FileForms, redraw};
use crate::context::LoggedIn;
use crate::error::WebResult;
use crate::pages::codes;
use crate::pages::form::FormView;
use crate::state::AppState;

pub struct MemberView {
    pub id: i64,
    pub name: String,
    pub relation: String,
    pub birth_date: String,
    pub national_id: String,
    pub disability: bool,
    pub activity: String,
}

pub(super) fn member_view(member: &MemberRow, lang: Lang) -> MemberView {
    MemberView {
        id: member.id,
        name: format!(
            "{} {}",
            member.first_name,
            member.last_name.as_deref().unwrap_or("")
        )
        .trim()
        .to_owned(),
        relation: codes::label_of::<Relation>(&member.relation, lang),
        birth_date: member
            .birth_date
            .as_deref()
            .map(|d| format::iso_date(d, lang))
            .unwrap_or_else(|| "—".to_owned()),
        national_id: format::or_dash(&lang.digits(member.national_id.as_deref().unwrap_or(""))),
        disability: member.disability,
        activity: member
            .activity
            .as_deref()
            .map(|a| codes::label_of::<MemberActivity>(a, lang))
            .unwrap_or_else(|| "—".to_owned()),
    }
}

pub async fn add_member(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<WomanId>,
    Form(input): Form<MemberInput>,
) -> WebResult<Response> {
    let result = state.app.add_member(&who.actor(), id, &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |_| back(id, "women-member_added", "household"),
            |member| {
                let forms = FileForms {
                    member,
                    ..FileForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}

pub async fn remove_member(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, member_id)): Path<(WomanId, i64)>,
) -> WebResult<Response> {
    state.app.remove_member(&who.actor(), id, member_id).await?;
    Ok(back(id, "women-member_removed", "household"))
}
