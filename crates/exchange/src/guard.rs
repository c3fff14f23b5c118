//! Protection of CSV cells against formula injection.
//!
//! Spreadsheet programs run a CSV cell that starts with `=`, `+`, `-` or `@`
//! as a formula, so a note typed as `=HYPERLINK(…)` could act when an export
//! is opened. The CSV writer puts an apostrophe before such cells (the usual
//! defence; Excel shows the text as typed) and the CSV reader takes it away
//! again. The rule is applied recursively to cells that already start with an
//! apostrophe before such a character, so every cell survives a round trip
//! unchanged. XLSX needs none of this: its cells are written as text.

/// Whether `cell` (ignoring leading whitespace) would be taken for a formula
/// or could be mistaken for a protected one.
pub(crate) fn needs_guard(cell: &str) -> bool {
    let text = cell.trim_start();
    match text.chars().next() {
        Some('=' | '+' | '-' | '@') => true,
        Some('\'') => needs_guard(&text[1..]),
        _ => false,
    }
}

/// The cell as read back: one protecting apostrophe removed.
pub(crate) fn unguard(cell: &str) -> &str {
    let text = cell.trim_start();
    match text.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_and_their_lookalikes_are_guarded() {
        for cell in ["=1+2", "+98912", "-3", "@SUM(A1)", "  =x", "'=x", "''+y"] {
            assert!(needs_guard(cell), "{cell}");
        }
        for cell in ["", "مریم", "0013542419", "'quoted'", "it's", "a=b"] {
            assert!(!needs_guard(cell), "{cell}");
        }
    }

    #[test]
    fn unguarding_a_guarded_cell_gives_the_cell_back() {
        for cell in ["=1+2", "'=x", "''+y", "-", "@"] {
            let guarded = format!("'{cell}");
            assert_eq!(unguard(&guarded), cell);
        }
        assert_eq!(unguard("'quoted'"), "'quoted'");
        assert_eq!(unguard("it's"), "it's");
    }
}
