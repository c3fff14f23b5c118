//! Staff accounts: the list within scope, the new-account form, one account (opening it is
//! audited as a view), disabling and re-enabling, and setting a new password.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::access::UserId;
use hamyar_app::places::PlaceTree;
use hamyar_app::users::{NewUserInput, User};
use hamyar_app::{Permission, Role};
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{Choice, ChoiceGroup};
use crate::pages::form::FormView;
use crate::pages::{Notice, done, page};
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

pub struct UserRowView {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: &'static str,
    pub scope: String,
    pub disabled: bool,
    pub created_at: String,
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersTemplate {
    ctx: PageCtx,
    rows: Vec<UserRowView>,
    can_manage: bool,
}

#[derive(Template)]
#[template(path = "user_new.html")]
struct NewUserTemplate {
    ctx: PageCtx,
    form: FormView,
    roles: Vec<(&'static str, &'static str)>,
    /// Choices outside any province (the whole country).
    scopes: Vec<(String, String)>,
    /// Each province with its counties (a national administrator's list holds ~515 places;
    /// `places.js` narrows it to one province).
    scope_groups: Vec<ChoiceGroup>,
}

#[derive(Template)]
#[template(path = "user_detail.html")]
struct UserTemplate {
    ctx: PageCtx,
    user: User,
    role: &'static str,
    scope: String,
    created_at: String,
    can_manage: bool,
    form: FormView,
}

fn role_label(role: Role, lang: Lang) -> &'static str {
    if lang.is_english() {
        role.label_en()
    } else {
        role.label_fa()
    }
}

fn scope_label(tree: &PlaceTree, user: &User, lang: Lang) -> String {
    tree.label(user.scope_place_id, lang.is_english())
}

const PAGE_SIZE: i64 = 1000;

pub async fn list(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    let actor = who.actor();
    let lang = who.lang();
    let users = state.app.list_users(&actor, PAGE_SIZE, 0).await?;
    let tree = state.app.place_tree().await?;
    let rows = users
        .iter()
        .map(|u| UserRowView {
            id: u.id,
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            role: role_label(u.role, lang),
            scope: scope_label(&tree, u, lang),
            disabled: u.disabled,
            created_at: format::date_time(u.created_at, lang),
        })
        .collect();
    page(&UsersTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "users-title").with_notice(notice.done.as_deref()),
        rows,
        can_manage: actor.can(Permission::ManageUsers),
    })
}

/// The places a person may choose as a scope inside her own: the country first when she is
/// country-wide, then each province of her scope with its counties (a national list holds
/// ~515 places; `places.js` narrows it to one province). Also the API tokens' form.
pub(crate) async fn scope_choices(
    state: &AppState,
    actor: &hamyar_app::Actor,
    lang: Lang,
) -> WebResult<(Vec<(String, String)>, Vec<ChoiceGroup>)> {
    let english = lang.is_english();
    let (tree, visible) = state.app.visible_places(actor).await?;
    let mut scopes = Vec::new();
    if actor.scope == hamyar_app::Scope::Country
        && let Some(country) = tree.country()
    {
        scopes.push((country.id.to_string(), country.name(english).to_owned()));
    }
    let mut scope_groups: Vec<(hamyar_app::access::PlaceId, ChoiceGroup)> = Vec::new();
    for place in visible.iter().filter_map(|id| tree.get(*id)) {
        let province = match place.kind {
            hamyar_app::access::ScopeKind::Province => place.id,
            _ => place.parent_id.unwrap_or(place.id),
        };
        let choice = Choice::new(place.id.to_string(), tree.label(place.id, english));
        match scope_groups.last_mut() {
            Some((id, group)) if *id == province => group.choices.push(choice),
            _ => scope_groups.push((
                province,
                ChoiceGroup {
                    label: tree
                        .get(province)
                        .map_or_else(String::new, |p| p.name(english).to_owned()),
                    choices: vec![choice],
                },
            )),
        }
    }
    let groups = scope_groups.into_iter().map(|(_, group)| group).collect();
    Ok((scopes, groups))
}

async fn new_user_template(
    state: &AppState,
    who: &LoggedIn,
    form: FormView,
) -> WebResult<NewUserTemplate> {
    let lang = who.lang();
    let (scopes, scope_groups) = scope_choices(state, &who.actor(), lang).await?;
    Ok(NewUserTemplate {
        ctx: PageCtx::for_user(&state.app, who, "users-new_title"),
        form,
        roles: Role::ALL
            .iter()
            .map(|r| (r.as_str(), role_label(*r, lang)))
            .collect(),
        scopes,
        scope_groups,
    })
}

pub async fn new_form(State(state): State<AppState>, who: LoggedIn) -> WebResult<Response> {
    who.actor().require(Permission::ManageUsers)?;
    page(&new_user_template(&state, &who, FormView::default()).await?)
}

pub async fn create(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(input): Form<NewUserInput>,
) -> WebResult<Response> {
    let result = state.app.create_user(&who.actor(), &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |_| done("/users", "users-created"),
            |form| new_user_template(&state, &who, form),
        )
        .await
}

async fn user_page(
    state: &AppState,
    who: &LoggedIn,
    id: UserId,
    form: FormView,
    notice: Option<&str>,
) -> WebResult<UserTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let user = state.app.open_user(&actor, id).await?;
    let tree = state.app.place_tree().await?;
    Ok(UserTemplate {
        ctx: PageCtx::for_user(&state.app, who, "users-title").with_notice(notice),
        role: role_label(user.role, lang),
        scope: scope_label(&tree, &user, lang),
        created_at: format::date_time(user.created_at, lang),
        can_manage: actor.can(Permission::ManageUsers),
        user,
        form,
    })
}

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<UserId>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    page(
        &user_page(
            &state,
            &who,
            id,
            FormView::default(),
            notice.done.as_deref(),
        )
        .await?,
    )
}

pub async fn disable(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<UserId>,
) -> WebResult<Response> {
    set_disabled(state, who, id, true).await
}

pub async fn enable(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<UserId>,
) -> WebResult<Response> {
    set_disabled(state, who, id, false).await
}

async fn set_disabled(
    state: AppState,
    who: LoggedIn,
    id: UserId,
    disabled: bool,
) -> WebResult<Response> {
    let result = state
        .app
        .set_user_disabled(&who.actor(), id, disabled)
        .await;
    FormView::default()
        .answer(
            result,
            who.lang(),
            |()| done(&format!("/users/{id}"), "users-updated"),
            |mut form| {
                // The app's reason is about the account as a whole: shown above the page.
                form.general = form.err("user").map(str::to_owned);
                user_page(&state, &who, id, form, None)
            },
        )
        .await
}

/// A new password typed twice: the use-case takes the two values, and they are never shown
/// again.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResetForm {
    password: String,
    password_confirm: String,
}

pub async fn reset_password(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<UserId>,
    Form(input): Form<ResetForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .reset_password(&who.actor(), id, &input.password, &input.password_confirm)
        .await;
    FormView::default()
        .answer(
            result,
            who.lang(),
            |()| done(&format!("/users/{id}"), "users-password_reset"),
            |form| user_page(&state, &who, id, form, None),
        )
        .await
}
