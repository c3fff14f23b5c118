//! Hamyar's web application: a Persian, right-to-left, server-rendered interface on axum with
//! askama templates and htmx, every asset embedded in the binary so that no request ever
//! leaves the machine. Handlers are thin: they take the use-case's input from the request,
//! call the `App` use-cases a page needs with the logged-in actor (a page that shows a group
//! reads several), and render a template — or, for a form, let `pages::form` turn the result
//! into a redirect or a redraw with the problems. Words come from `hamyar-i18n`, values and
//! reports from `hamyar-reports`. This crate is the one place that maps application errors to
//! pages and status codes.

pub mod api;
pub mod assets;
pub mod client;
pub mod context;
pub mod cookies;
pub mod csrf;
pub mod error;
pub mod import_jobs;
pub mod middleware;
pub mod nav;
pub mod ops;
pub mod pages;
pub mod router;
pub mod server;
pub mod state;

pub use router::{route_table, router};
pub use server::{ServeSettings, serve};
pub use state::{AppState, WebSettings};
