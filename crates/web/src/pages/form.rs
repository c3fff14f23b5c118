//! A submitted form as the template sees it: the values typed (shown again when the form is
//! re-rendered) and the error message for each field, in the page's language — and the one
//! way a form post is answered. Handlers take the use-case's own `*Input` type from the body;
//! [`FormView::of`] turns that input back into the values to show, and [`FormView::answer`]
//! turns the use-case's result into the success redirect or the page drawn again (422) with
//! those values and the messages under their fields. Written once here so that no page lists
//! its fields again to redraw itself.

use std::collections::HashMap;
use std::future::Future;

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use hamyar_app::{AppError, FieldError};
use serde::Serialize;

use crate::error::{WebError, WebResult};
use crate::pages::render;
use hamyar_i18n::Lang;

/// The label of a form field, when the phrase table has one (`field.<name>`).
fn field_label(field: &str, lang: Lang) -> Option<&'static str> {
    let key = match field {
        "scope_place_id" => "field-scope".to_owned(),
        "province_id" => "field-province".to_owned(),
        other => format!("field-{other}"),
    };
    lang.find(&key)
}

#[derive(Debug, Clone, Default)]
pub struct FormView {
    values: HashMap<String, String>,
    errors: Vec<(String, String)>,
    /// A message about the whole form (for example a failed login).
    pub general: Option<String>,
    /// Messages kept as the app wrote them, without the field's name in front.
    unlabelled: bool,
}

impl FormView {
    /// A form pre-filled with values (never pass passwords back).
    pub fn with_values<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self {
            values: pairs
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            ..Self::default()
        }
    }

    /// The values of a submitted input: each text field of any serializable input, under its
    /// (serialized) name. A field whose name contains `password` is never shown again; fields
    /// that are not text (lists, numbers) are left to the page.
    pub fn of<T: Serialize>(input: &T) -> Self {
        let values = match serde_json::to_value(input) {
            Ok(serde_json::Value::Object(fields)) => fields
                .into_iter()
                .filter(|(name, _)| !name.contains("password"))
                .filter_map(|(name, value)| match value {
                    serde_json::Value::String(text) => Some((name, text)),
                    _ => None,
                })
                .collect(),
            _ => HashMap::new(),
        };
        Self {
            values,
            ..Self::default()
        }
    }

    /// Answers a form post from the use-case's result: on success the response `done` makes
    /// of the value (a redirect with a confirmation); on a problem that belongs on the form
    /// (invalid fields, a conflict) the page `redraw` draws from this form — its values and
    /// now the messages — with status 422. Any other error goes to the error page.
    pub async fn answer<T, P, F>(
        mut self,
        result: Result<T, AppError>,
        lang: Lang,
        done: impl FnOnce(T) -> Response,
        redraw: impl FnOnce(FormView) -> F,
    ) -> WebResult<Response>
    where
        P: Template,
        F: Future<Output = WebResult<P>>,
    {
        match result {
            Ok(value) => Ok(done(value)),
            Err(error) => {
                self.absorb(error, lang)?;
                render(StatusCode::UNPROCESSABLE_ENTITY, &redraw(self).await?)
            }
        }
    }

    /// The form with one more value shown, for a field the input holds in another shape (a
    /// box of lines that the input keeps as a list).
    pub fn with(mut self, field: &str, value: impl Into<String>) -> Self {
        self.values.insert(field.to_owned(), value.into());
        self
    }

    /// The form with its messages kept as the app wrote them, without the field's name in
    /// front: for a page that lists them together as well as under their fields (a payment's
    /// decisions).
    pub fn unlabelled(mut self) -> Self {
        self.unlabelled = true;
        self
    }

    /// Every message, in the order the app gave them.
    pub fn messages(&self) -> Vec<String> {
        self.errors.iter().map(|(_, m)| m.clone()).collect()
    }

    pub fn value(&self, field: &str) -> &str {
        self.values.get(field).map(String::as_str).unwrap_or("")
    }

    pub fn err(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// Every message of a field, for fields that gather several (a form's household rows).
    pub fn errs(&self, field: &str) -> Vec<&str> {
        self.errors
            .iter()
            .filter(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
            .collect()
    }

    /// `has-error` when the field has an error, for the field's class.
    pub fn state(&self, field: &str) -> &'static str {
        if self.err(field).is_some() {
            "has-error"
        } else {
            ""
        }
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.general.is_some()
    }

    /// Adds each error under its field, with the field's name in front of the message
    /// ("از تاریخ: اسفند ۱۴۰۴ فقط ۲۹ روز دارد") so that it stands on its own.
    pub fn add_errors(&mut self, errors: &[FieldError], lang: Lang) {
        for error in errors {
            let message = lang.message(&error.message);
            let label = if self.unlabelled {
                None
            } else {
                field_label(error.field, lang)
            };
            let text = match label {
                Some(label) => format!("{label}: {message}"),
                None => message,
            };
            self.errors.push((error.field.to_owned(), text));
        }
    }

    /// Takes an application error that belongs on the form (invalid fields, conflicts);
    /// any other error is handed back for the error page.
    pub fn absorb(&mut self, error: AppError, lang: Lang) -> Result<(), WebError> {
        match error {
            AppError::Invalid(errors) => self.add_errors(&errors, lang),
            AppError::Conflict { field, message } => {
                self.add_errors(&[FieldError { field, message }], lang)
            }
            other => return Err(other.into()),
        }
        Ok(())
    }
}
