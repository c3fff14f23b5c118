//! The problems an import found, bounded: the first problems by line (as many as the caller
//! keeps), and exact counts by column and kind for all of them. A hostile or simply bad file
//! can have millions of problems; the report and the page need the first ones to fix and the
//! counts to see the shape of the rest, so memory never depends on how bad the file is.
//! A problem's value is cut to a few hundred characters for the same reason.

use std::collections::BTreeMap;

use super::ImportProblem;

/// Longest value a problem keeps, in characters.
const MAX_VALUE_CHARS: usize = 200;

/// What kind of problem a row had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProblemKind {
    /// A cell that does not pass the registration form's rules.
    Invalid,
    /// A national ID that an earlier row of the same file has.
    RepeatedInFile,
    /// A national ID of a woman already registered.
    AlreadyRegistered,
    /// A row of a group-history import whose record is already in the database (by its
    /// natural key): skipped, so a re-run imports nothing twice.
    AlreadyPresent,
}

impl ProblemKind {
    pub fn code(self) -> &'static str {
        match self {
            ProblemKind::Invalid => "invalid",
            ProblemKind::RepeatedInFile => "repeated_in_file",
            ProblemKind::AlreadyRegistered => "already_registered",
            ProblemKind::AlreadyPresent => "already_present",
        }
    }

    pub fn label_fa(self) -> &'static str {
        match self {
            ProblemKind::Invalid => "مقدار نادرست",
            ProblemKind::RepeatedInFile => "کد ملی تکراری در همین فایل",
            ProblemKind::AlreadyRegistered => "پیش‌تر ثبت شده",
            ProblemKind::AlreadyPresent => "پیش‌تر وارد شده؛ کنار گذاشته شد",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            ProblemKind::Invalid => "invalid value",
            ProblemKind::RepeatedInFile => "national ID repeated in the file",
            ProblemKind::AlreadyRegistered => "already registered",
            ProblemKind::AlreadyPresent => "already present; skipped",
        }
    }
}

/// How many problems of one kind one column had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemCount {
    /// The column's key (`national_id`, `county`…).
    pub field: String,
    pub kind: ProblemKind,
    pub count: u64,
}

/// Problems kept in line order up to a limit, and counted without one.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProblemLog {
    limit: usize,
    kept: Vec<ImportProblem>,
    counts: BTreeMap<(String, ProblemKind), u64>,
    total: u64,
}

impl ProblemLog {
    pub fn new(limit: usize) -> Self {
        Self {
            limit,
            ..Self::default()
        }
    }

    /// Counts the problem and keeps it if the log is not full. Problems arrive in line order
    /// from each stage, so the kept ones are each stage's first.
    pub fn record(&mut self, mut problem: ImportProblem) {
        self.total += 1;
        *self
            .counts
            .entry((problem.field.clone(), problem.kind))
            .or_insert(0) += 1;
        if self.kept.len() < self.limit {
            if problem.value.chars().count() > MAX_VALUE_CHARS {
                let mut cut: String = problem.value.chars().take(MAX_VALUE_CHARS).collect();
                cut.push('…');
                problem.value = cut;
            }
            self.kept.push(problem);
        }
    }

    /// Joins another stage's log: the first problems by line of both, all counts.
    pub fn merge(mut self, other: ProblemLog) -> ProblemLog {
        self.total += other.total;
        for (key, count) in other.counts {
            *self.counts.entry(key).or_insert(0) += count;
        }
        self.kept.extend(other.kept);
        self.kept.sort_by_key(|problem| problem.line);
        self.kept.truncate(self.limit);
        self
    }

    /// The kept problems, every problem's count, and the count by column and kind.
    pub fn finish(self) -> (Vec<ImportProblem>, u64, Vec<ProblemCount>) {
        let counts = self
            .counts
            .into_iter()
            .map(|((field, kind), count)| ProblemCount { field, kind, count })
            .collect();
        (self.kept, self.total, counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(line: u64, field: &str, kind: ProblemKind) -> ImportProblem {
        ImportProblem {
            line,
            field: field.into(),
            kind,
            value: "x".into(),
            message: hamyar_domain::Message::new("name-empty"),
        }
    }

    #[test]
    fn only_the_first_problems_are_kept_but_all_are_counted() {
        let mut log = ProblemLog::new(3);
        for line in 1..=1_000 {
            log.record(problem(line, "mobile", ProblemKind::Invalid));
        }
        let (kept, total, counts) = log.finish();
        assert_eq!(kept.len(), 3);
        assert_eq!(kept[2].line, 3);
        assert_eq!(total, 1_000);
        assert_eq!(
            counts,
            vec![ProblemCount {
                field: "mobile".into(),
                kind: ProblemKind::Invalid,
                count: 1_000
            }]
        );
    }

    #[test]
    fn merging_two_stages_keeps_the_first_lines_of_both() {
        let mut checked = ProblemLog::new(2);
        checked.record(problem(5, "birth_date", ProblemKind::Invalid));
        checked.record(problem(9, "national_id", ProblemKind::RepeatedInFile));
        let mut written = ProblemLog::new(2);
        written.record(problem(2, "national_id", ProblemKind::AlreadyRegistered));
        let (kept, total, counts) = checked.merge(written).finish();
        assert_eq!(kept.iter().map(|p| p.line).collect::<Vec<_>>(), [2, 5]);
        assert_eq!(total, 3);
        assert_eq!(counts.len(), 3);
    }

    #[test]
    fn a_long_value_is_cut() {
        let mut log = ProblemLog::new(1);
        let mut long = problem(1, "notes", ProblemKind::Invalid);
        long.value = "ب".repeat(100_000);
        log.record(long);
        let (kept, _, _) = log.finish();
        assert_eq!(kept[0].value.chars().count(), MAX_VALUE_CHARS + 1);
    }
}
