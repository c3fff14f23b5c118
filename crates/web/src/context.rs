//! Per-request context: who is asking (if anyone), in which language, with which CSRF token,
//! and the page chrome every template needs (menu, today's Jalali date). The request
//! middleware builds [`RequestContext`]; handlers turn it into a [`PageCtx`] for templates.

use std::net::IpAddr;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use hamyar_app::sessions::CurrentSession;
use hamyar_app::{Actor, App};
use hamyar_domain::jalali::{DateStyle, Digits};

use crate::error::WebError;
use crate::nav::{self, NavItem};
use hamyar_i18n::Lang;

/// Built once per request by [`crate::middleware::request_context`].
#[derive(Debug, Clone)]
pub struct RequestContext {
    pub session: Option<CurrentSession>,
    pub csrf_token: String,
    pub lang: Lang,
    pub secure: bool,
    /// The client's address, as the trusted proxies let us see it (`client.rs`).
    pub client_address: IpAddr,
    pub path: String,
    /// A session cookie came with the request but named no live session.
    pub session_expired: bool,
}

impl<S: Send + Sync> FromRequestParts<S> for RequestContext {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<RequestContext>()
            .cloned()
            .ok_or_else(|| WebError::internal("request context missing"))
    }
}

/// A request from a logged-in user; anyone else is sent to the login page.
#[derive(Debug, Clone)]
pub struct LoggedIn {
    pub ctx: RequestContext,
    pub session: CurrentSession,
}

impl LoggedIn {
    pub fn actor(&self) -> Actor {
        self.session.actor()
    }

    pub fn lang(&self) -> Lang {
        self.ctx.lang
    }
}

impl<S: Send + Sync> FromRequestParts<S> for LoggedIn {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = RequestContext::from_request_parts(parts, state).await?;
        match ctx.session.clone() {
            Some(session) => Ok(LoggedIn { ctx, session }),
            None => Err(WebError::login_required(ctx.session_expired)),
        }
    }
}

/// What the page layout shows around the content.
#[derive(Debug, Clone)]
pub struct PageCtx {
    pub lang: Lang,
    pub csrf_token: String,
    pub title: String,
    pub today: String,
    pub user_name: String,
    pub role_label: String,
    pub nav: Vec<NavItem>,
    pub notice: Option<&'static str>,
}

impl PageCtx {
    /// Chrome for a logged-in page.
    pub fn for_user(app: &App, who: &LoggedIn, title_key: &str) -> Self {
        let lang = who.lang();
        let actor = who.actor();
        Self {
            lang,
            csrf_token: crate::csrf::masked(&who.ctx.csrf_token),
            title: lang.t(title_key).to_owned(),
            today: today_text(app, lang),
            user_name: who.session.user.display_name.clone(),
            role_label: if lang.is_english() {
                actor.role.label_en()
            } else {
                actor.role.label_fa()
            }
            .to_owned(),
            nav: nav::items_for(&actor, lang, &who.ctx.path),
            notice: None,
        }
    }

    /// Chrome for a page without login (login, setup, errors).
    pub fn bare(app: &App, ctx: &RequestContext, title_key: &str) -> Self {
        Self {
            lang: ctx.lang,
            csrf_token: crate::csrf::masked(&ctx.csrf_token),
            title: ctx.lang.t(title_key).to_owned(),
            today: today_text(app, ctx.lang),
            user_name: String::new(),
            role_label: String::new(),
            nav: Vec::new(),
            notice: None,
        }
    }

    /// Shows a confirmation message named by a catalogue key (from `?done=` after a redirect).
    pub fn with_notice(mut self, key: Option<&str>) -> Self {
        self.notice = key.and_then(|key| self.lang.find(key));
        self
    }

    pub fn t(&self, key: &str) -> &'static str {
        self.lang.t(key)
    }

    /// A number (or a record's id) in the reader's digits.
    pub fn n(&self, value: &impl Counted) -> String {
        self.lang.number(value.count())
    }

    /// The URL of an embedded asset under its fingerprinted name (see `assets`).
    pub fn asset(&self, path: &str) -> String {
        crate::assets::url(path)
    }

    pub fn d(&self, text: &str) -> String {
        self.lang.digits(text)
    }

    pub fn dir(&self) -> &'static str {
        self.lang.dir()
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn other_lang_code(&self) -> &'static str {
        self.lang.other().code()
    }
}

/// Today's date in Asia/Tehran, e.g. «شنبه ۸ آذر ۱۴۰۵» or "Saturday 8 Azar 1405".
pub fn today_text(app: &App, lang: Lang) -> String {
    let today = app.today();
    match lang {
        Lang::Fa => today.format(DateStyle::LongWithWeekday, Digits::Persian),
        Lang::En => today.format_en(DateStyle::LongWithWeekday),
    }
}

/// What a template may print as a number: a count, or a record's id.
pub trait Counted {
    fn count(&self) -> i64;
}

impl Counted for i64 {
    fn count(&self) -> i64 {
        *self
    }
}

impl<T: Counted> Counted for &T {
    fn count(&self) -> i64 {
        (**self).count()
    }
}

macro_rules! counted_ids {
    ($($id:ty),*) => {$(
        impl Counted for $id {
            fn count(&self) -> i64 {
                self.get()
            }
        }
    )*};
}

counted_ids!(
    hamyar_app::ports::groups::GroupId,
    hamyar_app::ports::registry::WomanId,
    hamyar_app::ports::grants::GrantId,
    hamyar_app::ports::grants::TrancheId,
    hamyar_app::ports::spending::PaymentId,
    hamyar_app::ports::spending::EvidenceId,
    hamyar_app::ports::budget::BudgetLineId,
    hamyar_app::access::UserId,
    hamyar_app::access::PlaceId,
    hamyar_app::ids::ApiTokenId
);
