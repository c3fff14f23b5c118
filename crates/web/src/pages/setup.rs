//! The one-time page that creates the first administrator. It exists only while no user
//! exists and only for the token printed at the console.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hamyar_app::users::NewUserInput;
use serde::Deserialize;

use crate::context::{PageCtx, RequestContext};
use crate::error::{ErrorPage, WebError, WebResult};
use crate::pages::form::FormView;
use crate::pages::{done, page, render};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupTemplate {
    ctx: PageCtx,
    token: String,
    form: FormView,
}

#[derive(Debug, Deserialize)]
pub struct SetupForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

fn is_token_shaped(token: &str) -> bool {
    (20..=100).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub async fn show(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(token): Path<String>,
) -> WebResult<Response> {
    if !is_token_shaped(&token) || !state.app.setup_token_is_valid(&token).await? {
        return Err(WebError::Page(ErrorPage::NotFound));
    }
    page(&SetupTemplate {
        ctx: PageCtx::bare(&state.app, &ctx, "setup-title"),
        token,
        form: FormView::default(),
    })
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(token): Path<String>,
    Form(input): Form<SetupForm>,
) -> WebResult<Response> {
    if !is_token_shaped(&token) {
        return Err(WebError::Page(ErrorPage::NotFound));
    }
    let new_user = NewUserInput {
        username: input.username.clone(),
        display_name: input.display_name.clone(),
        password: input.password,
        password_confirm: input.password_confirm,
        ..NewUserInput::default()
    };
    match state.app.create_first_admin(&token, &new_user).await {
        Ok(_) => Ok(done("/login", "setup-done")),
        Err(error) => {
            let mut form = FormView::with_values([
                ("username", input.username.as_str()),
                ("display_name", input.display_name.as_str()),
            ]);
            form.absorb(error, ctx.lang)?;
            let template = SetupTemplate {
                ctx: PageCtx::bare(&state.app, &ctx, "setup-title"),
                token,
                form,
            };
            render(StatusCode::UNPROCESSABLE_ENTITY, &template)
        }
    }
}
