//! The interface's words, in Persian (the source language), English, and any language added
//! later. The words are data, not code: Fluent resource files (`locales/<code>/<area>.ftl`),
//! one folder per language and one file per area of the app, compiled into the binary. A
//! translator edits those files only; `docs/TRANSLATING.md` says how to add a language.
//!
//! Code asks for a message by its id (`lang.t("nav-home")`, or `lang.tr(id, args)` for a
//! message with arguments, plural or select rules). Numbers given as arguments are written
//! with the language's digits and thousands separator. The crate's tests fail when a language
//! lacks a message another has, when code asks for an id no language has, and when a message
//! is no longer asked for anywhere.

mod catalogue;
mod lang;

pub use catalogue::Arg;
pub use lang::Lang;

#[cfg(test)]
mod checks;
