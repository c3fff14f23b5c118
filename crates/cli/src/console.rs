//! What the `hamyar` command writes to standard output. A reader may go away before the
//! command is done — `hamyar places | head` closes the pipe after ten lines — and Rust's
//! `println!` then panics with a backtrace. Everything the commands print goes through
//! [`outln!`] instead: when the reader has gone, the rest of the output is dropped and the
//! command finishes its work and exits as it would have, quietly. Any other failure to write
//! (a full disk behind a redirection) is said once on standard error, never silently lost.

use std::io::{ErrorKind, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once the reader of standard output has gone; later lines are dropped unwritten.
static READER_GONE: AtomicBool = AtomicBool::new(false);
/// Set once a write failed for another reason and that was said on standard error.
static FAILURE_SAID: AtomicBool = AtomicBool::new(false);

/// Writes `text` to standard output, unless its reader has gone.
pub(crate) fn write_out(text: std::fmt::Arguments<'_>) {
    if READER_GONE.load(Ordering::Relaxed) {
        return;
    }
    let mut out = std::io::stdout().lock();
    let written = out.write_fmt(text).and_then(|()| out.flush());
    match written {
        Ok(()) => {}
        Err(error) if error.kind() == ErrorKind::BrokenPipe => {
            READER_GONE.store(true, Ordering::Relaxed);
        }
        Err(error) => {
            if !FAILURE_SAID.swap(true, Ordering::Relaxed) {
                let _ = writeln!(
                    std::io::stderr(),
                    "hamyar: could not write to standard output: {error}"
                );
            }
        }
    }
}

/// `println!` for the commands' output: see the module documentation.
macro_rules! outln {
    () => {
        $crate::console::write_out(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::console::write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}
