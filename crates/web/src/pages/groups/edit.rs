//! The form that forms a group or edits one. The body is the domain's `GroupInput` itself;
//! editing adds the version the form was read at.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use hamyar_app::access::PlaceId;
use hamyar_app::groups::GroupFormOptions;
use hamyar_app::ports::groups::GroupId;
use hamyar_domain::groups::{GroupInput, SupervisingUnitKind};
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice, ChoiceGroup};
use crate::pages::form::FormView;
use crate::pages::number;
use crate::pages::{done, page};
use crate::state::AppState;
use hamyar_i18n::Lang;

#[derive(Template)]
#[template(path = "group_form.html")]
struct FormTemplate {
    ctx: PageCtx,
    form: FormView,
    action: String,
    editing: Option<GroupId>,
    version: i64,
    /// By province: a national user's form offers every county of Iran.
    counties: Vec<ChoiceGroup>,
    units: Vec<Choice>,
    fields: Vec<Choice>,
    premises: Vec<Choice>,
}

fn form_template(
    ctx: PageCtx,
    options: &GroupFormOptions,
    counties: Vec<ChoiceGroup>,
    form: FormView,
    editing: Option<(GroupId, i64)>,
    lang: Lang,
) -> FormTemplate {
    FormTemplate {
        ctx,
        form,
        action: match editing {
            Some((id, _)) => format!("/groups/{id}/edit"),
            None => "/groups".to_owned(),
        },
        editing: editing.map(|(id, _)| id),
        version: editing.map_or(0, |(_, v)| v),
        counties,
        units: options
            .units
            .iter()
            .filter(|u| u.active)
            .map(|u| {
                let kind = codes::label_of::<SupervisingUnitKind>(&u.kind, lang);
                Choice::new(u.id.to_string(), format!("{} ({kind})", u.name))
            })
            .collect(),
        fields: options
            .fields
            .iter()
            .filter(|f| f.active)
            .map(|f| {
                let label = if lang.is_english() {
                    &f.name_en
                } else {
                    &f.name_fa
                };
                Choice::new(f.code.clone(), label.clone())
            })
            .collect(),
        premises: codes::choices_of(&options.premises, lang),
    }
}

/// The form drawn again after a refusal, with the options read afresh.
async fn form_page(
    state: &AppState,
    who: &LoggedIn,
    form: FormView,
    editing: Option<(GroupId, i64)>,
) -> WebResult<FormTemplate> {
    let options = state.app.group_form_options(&who.actor()).await?;
    let title = match editing {
        Some(_) => "groups-edit_title",
        None => "groups-new_title",
    };
    let ctx = PageCtx::for_user(&state.app, who, title);
    let counties = county_groups(state, &options, who.lang()).await?;
    Ok(form_template(
        ctx,
        &options,
        counties,
        form,
        editing,
        who.lang(),
    ))
}

/// The form's counties grouped under their provinces, in the tree's order.
async fn county_groups(
    state: &AppState,
    options: &GroupFormOptions,
    lang: Lang,
) -> WebResult<Vec<ChoiceGroup>> {
    let tree = state.app.place_tree().await?;
    let english = lang.is_english();
    let mut groups: Vec<(Option<PlaceId>, ChoiceGroup)> = Vec::new();
    for county in &options.counties {
        let choice = Choice::new(county.id.to_string(), county.name(english).to_owned());
        match groups.last_mut() {
            Some((province, group)) if *province == county.parent_id => group.choices.push(choice),
            _ => groups.push((
                county.parent_id,
                ChoiceGroup {
                    label: county
                        .parent_id
                        .and_then(|id| tree.get(id))
                        .map_or_else(String::new, |p| p.name(english).to_owned()),
                    choices: vec![choice],
                },
            )),
        }
    }
    Ok(groups.into_iter().map(|(_, group)| group).collect())
}

pub async fn new_form(State(state): State<AppState>, who: LoggedIn) -> WebResult<Response> {
    let actor = who.actor();
    let options = state.app.group_form_options(&actor).await?;
    let mut input = GroupInput::default();
    if let [only] = options.counties.as_slice() {
        input.county = only.id.to_string();
    }
    let ctx = PageCtx::for_user(&state.app, &who, "groups-new_title");
    let counties = county_groups(&state, &options, who.lang()).await?;
    page(&form_template(
        ctx,
        &options,
        counties,
        FormView::of(&input),
        None,
        who.lang(),
    ))
}

pub async fn create(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(input): Form<GroupInput>,
) -> WebResult<Response> {
    let result = state.app.create_group(&who.actor(), &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |id| done(&format!("/groups/{id}"), "groups-created"),
            |form| form_page(&state, &who, form, None),
        )
        .await
}

pub async fn edit_form(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
) -> WebResult<Response> {
    let actor = who.actor();
    let (input, version) = state.app.group_input(&actor, id).await?;
    let options = state.app.group_form_options(&actor).await?;
    let ctx = PageCtx::for_user(&state.app, &who, "groups-edit_title");
    let counties = county_groups(&state, &options, who.lang()).await?;
    page(&form_template(
        ctx,
        &options,
        counties,
        FormView::of(&input),
        Some((id, version)),
        who.lang(),
    ))
}

/// The edit form's body: the group as typed and the version it was read at (the optimistic
/// lock is the web form's, not part of the group, so it stays beside the input).
#[derive(Debug, Default, Deserialize)]
pub struct EditedGroup {
    #[serde(flatten)]
    group: GroupInput,
    #[serde(default)]
    version: String,
}

pub async fn update(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Form(form): Form<EditedGroup>,
) -> WebResult<Response> {
    let version = number(&form.version).unwrap_or(0);
    let result = state
        .app
        .update_group(&who.actor(), id, version, &form.group)
        .await;
    FormView::of(&form.group)
        .answer(
            result,
            who.lang(),
            |()| done(&format!("/groups/{id}"), "groups-updated"),
            |form| form_page(&state, &who, form, Some((id, version))),
        )
        .await
}
