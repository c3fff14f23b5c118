//! The tokens' use log, written in batches. Every API call is one row of the log (who, which
//! route template, what status), and writing each row in its own transaction made every
//! read of the API a write as well: on SQLite, whose writes queue one behind another, the log
//! alone held a busy API to the pace of its disk.
//!
//! So a call's row waits here, in memory, and rows are written together — a few hundred in
//! one transaction — by whoever comes first: the server's flusher (every second,
//! [`App::keep_writing_api_token_uses`]), a call that finds the batch full or its oldest row a
//! second old, or a person reading her token's log (she sees every call made before she
//! asked). The server writes what is left when it stops.
//!
//! What this changes: a call's row was already written beside the answer, not before it, so
//! a crash lost the rows of calls in flight; it may now lose up to a second's rows. Never
//! more than [`MOST_PENDING`] rows wait: a call that finds that many writes the batch itself
//! before it is answered, so memory stays bounded and no row is dropped to make room.

use std::sync::Mutex;
use std::time::Duration;

use jiff::SignedDuration;

use super::authenticate::TOUCH_INTERVAL;
use crate::error::AppResult;
use crate::ports::api_tokens::{ApiTokenId, ApiTokenUseRow};
use crate::service::App;

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
    writing: tokio::sync::Mutex<()>,
}

/// What the caller of [`PendingUses::add`] should do.
#[derive(Debug, PartialEq, Eq)]
enum Then {
    Nothing,
    /// Write soon: the batch is full or old (another call or the flusher may beat it).
    Write,
    /// Write before answering: memory's bound is reached.
    WriteNow,
}

impl PendingUses {
    fn add(&self, row: ApiTokenUseRow) -> Then {
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

    fn take(&self) -> Vec<ApiTokenUseRow> {
        std::mem::take(&mut *self.rows.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Puts rows a failed write took back at the front, in their order.
    fn give_back(&self, mut taken: Vec<ApiTokenUseRow>) {
        let mut rows = self.rows.lock().unwrap_or_else(|e| e.into_inner());
        taken.append(&mut rows);
        *rows = taken;
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.rows.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

impl App {
    /// Keeps one call's row of the use log, written with the next batch (see the module).
    pub(crate) async fn keep_api_token_use(&self, row: ApiTokenUseRow) -> AppResult<()> {
        match self.api_uses.add(row) {
            Then::Nothing => Ok(()),
            Then::Write | Then::WriteNow => self.write_api_token_uses().await,
        }
    }

    /// Writes every waiting row of the use log in one transaction, refreshing each token's
    /// `last_used_at` once. Rows a failed write took are kept for the next try.
    pub async fn write_api_token_uses(&self) -> AppResult<()> {
        let _one_at_a_time = self.api_uses.writing.lock().await;
        let rows = self.api_uses.take();
        if rows.is_empty() {
            return Ok(());
        }
        match self.write_uses(&rows).await {
            Ok(()) => Ok(()),
            Err(error) => {
                self.api_uses.give_back(rows);
                Err(error)
            }
        }
    }

    async fn write_uses(&self, rows: &[ApiTokenUseRow]) -> AppResult<()> {
        let mut tx = self.db.write().await?;
        let mut tokens: Vec<ApiTokenId> = Vec::new();
        for row in rows {
            tx.insert_api_token_use(row).await?;
            if !tokens.contains(&row.token_id) {
                tokens.push(row.token_id);
            }
        }
        // `last_used_at` as the calls one by one would have left it (refreshed when a minute
        // old), found in memory from the stored value and written once a token.
        for token in tokens {
            let Some(stored) = tx.api_token_by_id(token).await? else {
                continue;
            };
            let mut last = stored.last_used_at;
            for row in rows.iter().filter(|r| r.token_id == token) {
                if last.is_none_or(|at| at < row.used_at - TOUCH_INTERVAL) {
                    last = Some(row.used_at);
                }
            }
            if let Some(at) = last.filter(|at| Some(*at) != stored.last_used_at) {
                tx.touch_api_token(token, at, at).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Writes the use log every `every` until the task is stopped; the server runs it.
    pub async fn keep_writing_api_token_uses(self, every: Duration) {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(error) = self.write_api_token_uses().await {
                tracing::warn!(%error, "the API tokens' use log could not be written; kept for the next try");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
