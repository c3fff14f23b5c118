//! The API tokens' calls not yet written to their use log, held in memory between batches
//! (`api_tokens::use_log` writes them). Kept apart from the writing so the application's
//! state (`service::App`) can hold it without depending on the tokens' use-cases: a list that
//! says when a batch is due, gives its rows up in order, and takes back those a failed write
//! could not keep.

use std::sync::Mutex;

use jiff::SignedDuration;

use crate::ports::api_tokens::ApiTokenUseRow;

/// Rows that make a batch worth writing at once.
const BATCH_ROWS: usize = 256;
/// Rows that may wait at most; a call finding more writes them before it is answered.
pub(crate) const MOST_PENDING: usize = 20_000;
/// How long a row may wait before the next call writes it.
const OLDEST_WAIT: SignedDuration = SignedDuration::from_secs(1);

/// The rows not yet written.
#[derive(Debug, Default)]
pub(crate) struct PendingUses {
    rows: Mutex<Vec<ApiTokenUseRow>>,
    /// Only one batch is written at a time, so rows reach the log in the order they came.
    pub(crate) writing: tokio::sync::Mutex<()>,
}

/// What the caller of [`PendingUses::add`] should do.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Then {
    Nothing,
    /// Write soon: the batch is full or old (another call or the flusher may beat it).
    Write,
    /// Write before answering: memory's bound is reached.
    WriteNow,
}

impl PendingUses {
    pub(crate) fn add(&self, row: ApiTokenUseRow) -> Then {
        let mut rows = self.rows.lock().unwrap_or_else(|e| e.into_inner());
        let oldest = rows.first().map(|r| r.used_at);
        let now = row.used_at;
        rows.push(row);
        if rows.len() >= MOST_PENDING {
            Then::WriteNow
        } else if rows.len() >= BATCH_ROWS || oldest.is_some_and(|o| now - o >= OLDEST_WAIT) {
            Then::Write
        } else {
            Then::Nothing
        }
    }

    pub(crate) fn take(&self) -> Vec<ApiTokenUseRow> {
        std::mem::take(&mut *self.rows.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Puts rows a failed write took back at the front, in their order.
    pub(crate) fn give_back(&self, mut taken: Vec<ApiTokenUseRow>) {
        let mut rows = self.rows.lock().unwrap_or_else(|e| e.into_inner());
        taken.append(&mut rows);
        *rows = taken;
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.rows.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::api_tokens::ApiTokenId;
    use jiff::Timestamp;

    fn row(at: i64) -> ApiTokenUseRow {
        ApiTokenUseRow {
            token_id: ApiTokenId::new(1),
            used_at: Timestamp::from_second(1_800_000_000 + at).unwrap(),
            method: "GET".into(),
            route: "/api/v1/groups".into(),
            status: 200,
        }
    }

    #[test]
    fn a_batch_is_written_when_full_or_old_and_before_answering_at_the_bound() {
        let pending = PendingUses::default();
        assert_eq!(pending.add(row(0)), Then::Nothing);
        assert_eq!(pending.add(row(0)), Then::Nothing);
        assert_eq!(
            pending.add(row(1)),
            Then::Write,
            "the oldest waited a second"
        );
        pending.take();
        for _ in 1..BATCH_ROWS {
            assert_eq!(pending.add(row(0)), Then::Nothing);
        }
        assert_eq!(pending.add(row(0)), Then::Write);
        while pending.len() < MOST_PENDING - 1 {
            pending.add(row(0));
        }
        assert_eq!(pending.add(row(0)), Then::WriteNow);
    }

    #[test]
    fn rows_given_back_come_before_those_added_meanwhile() {
        let pending = PendingUses::default();
        pending.add(row(0));
        pending.add(row(1));
        let taken = pending.take();
        pending.add(row(2));
        pending.give_back(taken);
        let order: Vec<i64> = pending
            .take()
            .iter()
            .map(|r| r.used_at.as_second())
            .collect();
        assert_eq!(order, vec![1_800_000_000, 1_800_000_001, 1_800_000_002]);
    }
}
