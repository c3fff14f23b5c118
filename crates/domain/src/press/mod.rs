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
//! In the reader's unit ([`news_amount_in`]) the amount is first rounded to a whole toman or
//! new rial (half up), then as above; «حدود» says when either rounding changed it
//! («حدود ۷۴ میلیون و ۳۰۰ هزار تومان» for 743,000,005 rials). [`news_amount_en`] writes the
//! same rounded figure in English («743.4 million rials», «1.25 billion tomans»).
//!
//! # Counts ([`news_count`])
//!
//! One to nine are words, as Persian press writes small counts in running text («دو گروه»,
//! «نه زن»); from ten up, Persian digits, grouped by thousands with the Arabic thousands
//! separator «٬» from 1,000 up («۱٬۲۵۰»). A counted noun stays singular after a number, as
//! Persian grammar wants: «۳۰ گروه», «۱۸۰ عضو». Amounts keep their digits («۲ میلیارد»),
//! except one («یک میلیارد»).
//!
//! # The period and the date ([`news_period`], [`news_date`])
//!
//! The figures run from the fiscal year's first day to the day counted on: «از ابتدای
//! فروردین تا پایان آبان ۱۴۰۵» when that is a month's last day, «… تا ۱۵ آذر ۱۴۰۵» inside a
//! month. The paragraph names the period once, in the first sentence about the span, and
//! says «در این مدت» after.
//!
//! # The paragraph ([`compose_paragraph`], [`compose_paragraph_en`])
//!
//! Modelled on the seed press release: which groups are active and how many members they have;
//! what Behzisti spent on training, job preparation and strengthening the groups in the
//! period; how many women completed a training course in it, and in how many courses (a
//! sentence that opens with the period, not a connective); grants committed and paid and to how many groups and women; the groups' sales and
//! the jobs in their businesses; groups that graduated and women who left support as
//! self-sufficient. Every clause whose figure is zero is left out, and a sentence with nothing
//! left is left out; if nothing at all is left, one sentence says no figure is recorded in
//! the period. The Persian text holds no Latin letter and no ASCII digit. The province's
//! office speaks («ادارهٔ کل بهزیستی استان …»). The sentences joined to those before open with
//! the connectives of [`CONNECTIVES_FA`] in turn («همچنین», «افزون بر این،», «هم‌زمان،»), each
//! at most once, so no two sentences in a row open alike. The English paragraph says the
//! same in the same order. Amounts are in the reader's unit.
//!
//! # The attribution ([`attribution`])
//!
//! Who issues the paragraph and when: «روابط عمومی ادارهٔ کل بهزیستی استان قزوین، ۱۵ آذر ۱۴۰۵».

mod amount;
mod paragraph;
mod period;

pub use amount::{
    news_amount, news_amount_en, news_amount_in, news_count, news_count_en, news_year,
};
pub use paragraph::{
    CONNECTIVES_EN, CONNECTIVES_FA, PressFigures, attribution, attribution_en, compose_paragraph,
    compose_paragraph_en,
};
pub use period::{news_date, news_date_en, news_period, news_period_en};
