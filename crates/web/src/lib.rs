//! Hamyar's web application: a Persian, right-to-left, server-rendered interface on axum with
//! askama templates and htmx, every asset embedded in the binary so that no request ever
//! leaves the machine. Handlers are thin: they parse input, call one `App` use-case with the
//! logged-in actor, and render. This crate is the one place that maps application errors to
//! pages and status codes.

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
