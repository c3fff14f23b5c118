//! The first stage of an import: checking rows. Each row is parsed exactly like the
//! registration form (the same `WomanDraft` rules, the same county resolution within the
//! importer's scope); a national ID repeated inside the file is reported. The checker runs on
//! a thread of its own, a batch at a time, so that checking the next batch overlaps with
//! writing the previous one; it touches no database.

use hamyar_domain::Message;
use std::collections::{HashMap, HashSet};

use hamyar_domain::JalaliDate;
use hamyar_domain::registry::WomanDraft;
use tokio::sync::mpsc;

use super::problems::{ProblemKind, ProblemLog};
use super::{ImportProblem, ImportRow};
use crate::access::PlaceId;
use crate::error::FieldError;
use crate::ports::registry::WomanRecord;
use crate::registry::women::{CountyIndex, record_from_draft};

/// Distinct county texts remembered (files repeat a handful of names).
const MAX_CACHED_COUNTY_TEXTS: usize = 10_000;

/// A batch's valid rows, with their line numbers, ready for writing.
pub(super) struct CheckedBatch {
    pub rows: Vec<(u64, WomanRecord)>,
    /// Whether any row so far (this batch included) had a problem.
    pub problems_so_far: bool,
}

/// What checking the whole file found.
#[derive(Debug, Default)]
pub(super) struct CheckOutcome {
    pub rejected: u64,
    /// Rows whose national ID repeats an earlier row of the file.
    pub repeated: u64,
    pub problems: ProblemLog,
}

pub(super) struct Checker {
    counties: CountyIndex,
    county_cache: HashMap<String, Result<(PlaceId, PlaceId), FieldError>>,
    today: JalaliDate,
    /// National IDs of the file's valid rows so far, as numbers (no allocation per row).
    seen: HashSet<u64>,
    outcome: CheckOutcome,
}

fn field_value<'a>(row: &'a ImportRow, field: &str) -> &'a str {
    let input = &row.input;
    match field {
        "national_id" => &input.national_id,
        "first_name" => &input.first_name,
        "last_name" => &input.last_name,
        "father_name" => &input.father_name,
        "birth_date" => &input.birth_date,
        "mobile" => &input.mobile,
        "county" => &row.county,
        "locality" => &input.locality,
        "settlement" => &input.settlement,
        "address" => &input.address,
        "education" => &input.education,
        "skills" => &input.skills,
        "sheba" => &input.sheba,
        "headship_cause" => &input.headship_cause,
        "income_decile" => &input.income_decile,
        "notes" => &input.notes,
        _ => "",
    }
}

/// A validated national ID (ten ASCII digits) as a number; distinct IDs give distinct numbers
/// because all have ten digits.
fn national_id_number(national_id: &str) -> u64 {
    national_id.bytes().fold(0, |number, digit| {
        number * 10 + u64::from(digit.wrapping_sub(b'0'))
    })
}

impl Checker {
    pub fn new(counties: CountyIndex, today: JalaliDate, problems: ProblemLog) -> Self {
        Self {
            counties,
            county_cache: HashMap::new(),
            today,
            seen: HashSet::new(),
            outcome: CheckOutcome {
                problems,
                ..CheckOutcome::default()
            },
        }
    }

    /// Checks batches from `input` until it closes (or `output` does: the writer stopped),
    /// then says what it found.
    pub fn run(
        mut self,
        mut input: mpsc::Receiver<Vec<ImportRow>>,
        output: mpsc::Sender<CheckedBatch>,
    ) -> CheckOutcome {
        while let Some(batch) = input.blocking_recv() {
            let checked = self.check(batch);
            if output.blocking_send(checked).is_err() {
                break;
            }
        }
        self.outcome
    }

    fn problem(&mut self, row: &ImportRow, field: &str, kind: ProblemKind, message: Message) {
        self.outcome.problems.record(ImportProblem {
            line: row.line,
            field: field.to_owned(),
            kind,
            value: field_value(row, field).to_owned(),
            message,
        });
    }

    fn county(&mut self, text: &str) -> Result<(PlaceId, PlaceId), FieldError> {
        if let Some(known) = self.county_cache.get(text) {
            return known.clone();
        }
        let resolved = self.counties.resolve(text);
        if self.county_cache.len() < MAX_CACHED_COUNTY_TEXTS {
            self.county_cache.insert(text.to_owned(), resolved.clone());
        }
        resolved
    }

    pub fn check(&mut self, batch: Vec<ImportRow>) -> CheckedBatch {
        let mut rows = Vec::with_capacity(batch.len());
        for row in batch {
            if let Some(record) = self.check_row(&row) {
                rows.push((row.line, record));
            }
        }
        CheckedBatch {
            rows,
            problems_so_far: self.outcome.rejected > 0 || self.outcome.repeated > 0,
        }
    }

    fn check_row(&mut self, row: &ImportRow) -> Option<WomanRecord> {
        let county = self.county(&row.county);
        let draft = WomanDraft::parse(&row.input, self.today);
        let (draft, place) = match (draft, county) {
            (Ok(draft), Ok(place)) => (draft, place),
            (draft, county) => {
                self.outcome.rejected += 1;
                if let Err(error) = county {
                    self.problem(row, "county", ProblemKind::Invalid, error.message);
                }
                for problem in draft.err().unwrap_or_default() {
                    self.problem(row, problem.field, ProblemKind::Invalid, problem.message);
                }
                return None;
            }
        };
        if !self
            .seen
            .insert(national_id_number(draft.national_id.as_str()))
        {
            self.outcome.repeated += 1;
            self.problem(
                row,
                "national_id",
                ProblemKind::RepeatedInFile,
                Message::new("check-national_id_appears_earlier_row"),
            );
            return None;
        }
        Some(record_from_draft(draft, place, None))
    }
}

#[cfg(test)]
mod tests {
    use super::national_id_number;

    #[test]
    fn national_ids_become_distinct_numbers_leading_zeros_included() {
        assert_eq!(national_id_number("0012345679"), 12_345_679);
        assert_eq!(national_id_number("4608968882"), 4_608_968_882);
        assert_ne!(
            national_id_number("0012345679"),
            national_id_number("0123456790")
        );
    }
}
