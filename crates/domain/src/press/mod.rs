//! The provincial press summary: figures written the way Persian news writes them, and the
//! paragraph a public-relations office publishes («۳۰ گروه همیار … ۷۴۳ میلیون ریال …»).
//!
//! Pure: no I/O, no clock. The application gathers a [`PressFigures`] from the data and
//! [`compose_paragraph`] turns it into Persian sentences.
//!
//! # Writing an amount of rials ([`news_amount`])
//!
//! The amount is split into the groups news uses — میلیارد (10⁹), میلیون (10⁶), هزار (10³)
//! and the rest — each written in Persian digits, the non-zero groups joined with «و», the
//! unit «ریال» at the end: «۷۴۳ میلیون ریال», «یک میلیارد و ۲۵۰ میلیون ریال» (one million
//! or one billion is the word «یک», as the press writes it),
//! «۸۵۰ هزار ریال», «۱۲ میلیارد ریال». From 10¹² up the billions are themselves written with
//! «هزار»: «۱۲ هزار و ۳۴۵ میلیارد ریال».
//!
//! Rounding keeps the two leading groups and never hides that it rounded:
//!
//! | amount | written to the nearest |
//! |---|---|
//! | below one million | rial (exact: «۸۵۰ هزار و ۲۰۰ ریال») |
//! | one million to below one billion | thousand rials |
//! | one billion to below 10¹² | million rials |
//! | 10¹² and above | billion rials |
//!
//! Halves round up. The error is therefore below one part in two thousand (0.05%) of the
//! amount. Whenever the written figure differs from the amount, it is preceded by «حدود»
//! («حدود ۷۴۳ میلیون و ۴۰۰ هزار ریال» for 743,400,123 rials); an exact figure never is.
//! Zero and negative amounts have no news form ([`news_amount`] returns `None`): the
//! paragraph drops the clause instead of writing «۰ ریال».
//!
//! # Counts ([`news_count`])
//!
//! Whole numbers in Persian digits, grouped by thousands with the Arabic thousands separator
//! «٬» from 1,000 up («۱٬۲۵۰»). A counted noun stays singular after a number, as Persian
//! grammar wants: «۳۰ گروه», «۱۸۰ عضو». One is the word: «یک گروه».
//!
//! # The paragraph ([`compose_paragraph`])
//!
//! Modelled on the seed press release: which groups are active and how many members they have;
//! what Behzisti spent on training, job preparation and strengthening the groups; grants
//! committed and paid and to how many groups and women; groups that graduated and women who
//! left support as self-sufficient. Every clause whose figure is zero is left out, and a
//! sentence with nothing left is left out; if nothing at all is left, one sentence says no
//! figure is recorded. The text holds no Latin letter and no ASCII digit. The province's
//! office speaks («ادارهٔ کل بهزیستی استان …»), and the outcomes open with «افزون بر این،»
//! when the grants' sentence already opened with «همچنین».

mod amount;
mod paragraph;

pub use amount::{news_amount, news_count, news_year};
pub use paragraph::{PressFigures, compose_paragraph};
