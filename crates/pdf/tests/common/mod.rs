//! Helpers shared by the integration tests: a realistic Persian report and a
//! small pure-Rust reader for what a PDF says about its text and pages.

#![allow(dead_code)]

pub mod inspect;
pub mod sample;
