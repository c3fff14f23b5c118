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
//! more than `call_log::MOST_PENDING` rows wait: a call that finds that many writes the batch itself
//! before it is answered, so memory stays bounded and no row is dropped to make room.

use std::time::Duration;

use super::authenticate::TOUCH_INTERVAL;
use crate::call_log::Then;
use crate::error::AppResult;
use crate::ports::api_tokens::{ApiTokenId, ApiTokenUseRow};
use crate::service::App;

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
