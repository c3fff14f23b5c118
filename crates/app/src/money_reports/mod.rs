//! Money reports: what a province's budget lines hold, read off the ledger. The budget report
//! sets budget against committed against paid by county × category for a fiscal year (now or
//! as of any day), with subtotals per county and per category and a grand total; every figure
//! of a line can be drilled down to the ledger transactions that make it up; and the headline
//! figure of the press summary ("spent this year on training, job preparation and
//! strengthening") is computed here so the summary and the report never disagree. Spending
//! per group and per woman (`recipients`) is summed from the payment and grant records.
//!
//! Nothing here writes. Who sees what follows the budget lines' own rule
//! (`budget::scope_reaches_line`): `ViewMoney` is needed, a county user sees its county's row
//! and the province's own row, and names (who recorded a transaction, its description) need
//! `ViewPersonalData` — public relations sees the figures only. On a province's own line a
//! county user reads no description written for another county's payment or grant
//! (`drill`). The lists per group and per woman need `ViewMoneyRecords`. How each figure is
//! read from the accounts is written down in `docs/LEDGER.md` ("Reading the reports").

mod drill;
mod recipients;
mod report;

pub use drill::{DrillEntry, DrillPageRequest, Figure, LineTransactions};
pub use recipients::RecipientKind;
pub use report::{BudgetReport, HeadlineSpent, ReportCell, ReportFigures, ReportRow};
