//! The spreadsheet exchange's tests: reading, writing, round trips, large and hostile files.
//! One test binary for all of them, since linking a binary per file cost more than running
//! them. The peak-memory tests are `tests/memory.rs`, a binary of their own: they count every
//! allocation of the process with a global allocator, so no other test may run beside them.

mod hostile;
mod kinds;
mod large;
mod messages;
mod reading;
mod round_trip;
mod template_and_report;
mod xlsx_parts;

use hamyar_exchange::ExchangeError;
use hamyar_i18n::Lang;

/// The error as a Persian reader sees it.
fn fa(error: &ExchangeError) -> String {
    Lang::Fa.message(&error.message())
}

/// The error as an English reader sees it.
fn en(error: &ExchangeError) -> String {
    Lang::En.message(&error.message())
}
