//! The `SmsRepo` port on both engines (migration 0039): consents as an append-only history,
//! and the outbox whose three atomic statements the port describes. Enqueueing is
//! `INSERT … ON CONFLICT (idempotency_key) DO NOTHING` then a read by key, so a second
//! enqueue of the same key finds the first row. Claiming is one `UPDATE … RETURNING` of the
//! due rows picked with `LIMIT n`: on PostgreSQL they are picked `FOR UPDATE SKIP LOCKED` in a
//! materialised CTE, so a concurrent claimer passes over them, and a row another claimer
//! committed meanwhile is re-checked against the condition and is no longer due; on SQLite
//! the write transaction already holds the database's one write lock. An attempt's outcome
//! is an `UPDATE` fenced by `state = 'sending' AND attempts = n`.

use async_trait::async_trait;
use hamyar_app::ports::groups::PlaceFilter;
use hamyar_app::ports::sms::{
    MeetingReminderCycle, NewSmsRow, SmsAttemptOutcome, SmsConsentRow, SmsDelivery, SmsRepo,
    SmsRow, SmsState,
};
use hamyar_app::ports::{Backend, StoreResult};
use hamyar_domain::fund::MeetingEvery;
use hamyar_domain::sms::{QuietHours, SmsKind};
use hamyar_domain::{JalaliDate, ids::WomanId};
use jiff::Timestamp;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

macro_rules! outbox_columns {
    () => {
        "id, idempotency_key, woman_id, province_id, county_id, mobile, body, kind, state, \
         attempts, next_attempt_at, quiet_start_minute, quiet_end_minute, provider_message_id, \
         last_error, created_at, sent_at, delivered_at, finished_at"
    };
}

/// An attempt's update, changing the row only while it is still that attempt's.
macro_rules! fenced {
    ($head:literal $(,)?) => {
        concat!(
            $head,
            " WHERE id = $1 AND state = 'sending' AND attempts = $2"
        )
    };
}

const CONSENT_COLUMNS: &str = "SELECT c.id, c.woman_id, c.province_id, c.county_id, \
     c.consented, c.decided_on, c.quiet_start_minute, c.quiet_end_minute, c.recorded_by, \
     c.recorded_by_name, c.recorded_at FROM sms_consents c";

/// On PostgreSQL the due rows are picked in a materialised CTE: a `LIMIT` inside `IN (…)` may
/// be evaluated more than once by the planner and claim more rows than asked for.
const CLAIM_POSTGRES: &str = concat!(
    "WITH due AS MATERIALIZED (SELECT id AS due_id FROM sms_outbox ",
    "WHERE state IN ('queued', 'sending') AND next_attempt_at <= $2 ",
    "ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) ",
    "UPDATE sms_outbox SET state = 'sending', attempts = attempts + 1, next_attempt_at = $1 ",
    "FROM due WHERE id = due.due_id RETURNING ",
    outbox_columns!()
);

const CLAIM_SQLITE: &str = concat!(
    "UPDATE sms_outbox SET state = 'sending', attempts = attempts + 1, next_attempt_at = $1 ",
    "WHERE id IN (SELECT id FROM sms_outbox WHERE state IN ('queued', 'sending') ",
    "AND next_attempt_at <= $2 ORDER BY next_attempt_at, id LIMIT $3) RETURNING ",
    outbox_columns!()
);

#[async_trait]
impl SmsRepo for AnyTx {
    async fn insert_sms_consent(&mut self, consent: &SmsConsentRow) -> StoreResult<i64> {
        let row = sqlx::query(
            "INSERT INTO sms_consents (woman_id, province_id, county_id, consented, decided_on, \
             quiet_start_minute, quiet_end_minute, recorded_by, recorded_by_name, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(consent.woman_id)
        .bind(consent.province_id)
        .bind(consent.county_id)
        .bind(i64::from(consent.consented))
        .bind(consent.decided_on.to_iso_string())
        .bind(i64::from(consent.quiet.start_minute()))
        .bind(i64::from(consent.quiet.end_minute()))
        .bind(consent.recorded_by)
        .bind(consent.recorded_by_name.as_str())
        .bind(stored(consent.recorded_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)?;
        RowReader::new(&row, "sms_consents").int("id")
    }

    async fn sms_consents_in_force(
        &mut self,
        women: &[WomanId],
    ) -> StoreResult<Vec<SmsConsentRow>> {
        let mut consents = Vec::new();
        for chunk in women.chunks(500) {
            let mut sql = SqlBuilder::bulk(CONSENT_COLUMNS, self.backend, chunk.len());
            sql.push_condition("c.woman_id IN (");
            for (index, woman) in chunk.iter().enumerate() {
                if index > 0 {
                    sql.push(", ");
                }
                sql.push_bound(*woman);
            }
            sql.push(")");
            sql.push_condition(
                "c.id = (SELECT l.id FROM sms_consents l WHERE l.woman_id = c.woman_id \
                 ORDER BY l.decided_on DESC, l.id DESC LIMIT 1)",
            );
            sql.push(" ORDER BY c.woman_id");
            let rows = sql
                .build()
                .fetch_all(&mut *self.tx)
                .await
                .map_err(store_error)?;
            for row in &rows {
                consents.push(read_consent(row)?);
            }
        }
        Ok(consents)
    }

    async fn enqueue_sms(&mut self, message: &NewSmsRow) -> StoreResult<(SmsRow, bool)> {
        let finished_at = matches!(message.state, SmsState::Cancelled | SmsState::Failed)
            .then(|| stored(message.created_at));
        let inserted = sqlx::query(
            "INSERT INTO sms_outbox (idempotency_key, woman_id, province_id, county_id, mobile, \
             body, kind, state, attempts, next_attempt_at, quiet_start_minute, \
             quiet_end_minute, last_error, created_at, finished_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11, $12, $13, $14) \
             ON CONFLICT (idempotency_key) DO NOTHING",
        )
        .bind(message.idempotency_key.as_str())
        .bind(message.woman_id)
        .bind(message.province_id)
        .bind(message.county_id)
        .bind(message.mobile.as_str())
        .bind(message.body.as_str())
        .bind(message.kind.code())
        .bind(message.state.code())
        .bind(stored(message.next_attempt_at))
        .bind(i64::from(message.quiet.start_minute()))
        .bind(i64::from(message.quiet.end_minute()))
        .bind(message.last_error.as_deref())
        .bind(stored(message.created_at))
        .bind(finished_at)
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?
        .rows_affected()
            == 1;
        let row = self
            .sms_by_key(&message.idempotency_key)
            .await?
            .ok_or_else(|| crate::error::corrupt("sms_outbox", "enqueued row not found"))?;
        Ok((row, inserted))
    }

    async fn sms_by_key(&mut self, key: &str) -> StoreResult<Option<SmsRow>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            outbox_columns!(),
            " FROM sms_outbox WHERE idempotency_key = $1"
        ))
        .bind(key)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(store_error)?;
        row.as_ref().map(read_sms).transpose()
    }

    async fn claim_due_sms(
        &mut self,
        now: Timestamp,
        lease_until: Timestamp,
        limit: i64,
    ) -> StoreResult<Vec<SmsRow>> {
        let statement = match self.backend {
            Backend::Postgres => CLAIM_POSTGRES,
            Backend::Sqlite => CLAIM_SQLITE,
        };
        let rows = sqlx::query(statement)
            .bind(stored(lease_until))
            .bind(stored(now))
            .bind(limit.max(0))
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        let mut claimed = rows.iter().map(read_sms).collect::<StoreResult<Vec<_>>>()?;
        claimed.sort_by_key(|row| row.id);
        Ok(claimed)
    }

    async fn finish_sms_attempt(
        &mut self,
        id: i64,
        attempt: i64,
        outcome: &SmsAttemptOutcome,
    ) -> StoreResult<bool> {
        let query = match outcome {
            SmsAttemptOutcome::Sent {
                provider_message_id,
                at,
            } => sqlx::query(fenced!(
                "UPDATE sms_outbox SET state = 'sent', provider_message_id = $3, sent_at = $4, \
                 last_error = NULL",
            ))
            .bind(id)
            .bind(attempt)
            .bind(provider_message_id.clone())
            .bind(stored(*at)),
            SmsAttemptOutcome::Retry {
                next_attempt_at,
                error,
            } => sqlx::query(fenced!(
                "UPDATE sms_outbox SET state = 'queued', next_attempt_at = $3, last_error = $4",
            ))
            .bind(id)
            .bind(attempt)
            .bind(stored(*next_attempt_at))
            .bind(error.clone()),
            SmsAttemptOutcome::Postpone { next_attempt_at } => sqlx::query(fenced!(
                "UPDATE sms_outbox SET state = 'queued', next_attempt_at = $3, \
                 attempts = attempts - 1",
            ))
            .bind(id)
            .bind(attempt)
            .bind(stored(*next_attempt_at)),
            SmsAttemptOutcome::Failed { error, at } => sqlx::query(fenced!(
                "UPDATE sms_outbox SET state = 'failed', last_error = $3, finished_at = $4",
            ))
            .bind(id)
            .bind(attempt)
            .bind(error.clone())
            .bind(stored(*at)),
        };
        let done = query.execute(&mut *self.tx).await.map_err(store_error)?;
        Ok(done.rows_affected() == 1)
    }

    async fn sms_awaiting_report(&mut self, limit: i64) -> StoreResult<Vec<SmsRow>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            outbox_columns!(),
            " FROM sms_outbox WHERE state = 'sent' ORDER BY sent_at, id LIMIT $1"
        ))
        .bind(limit.max(0))
        .fetch_all(&mut *self.tx)
        .await
        .map_err(store_error)?;
        rows.iter().map(read_sms).collect()
    }

    async fn record_sms_delivery(&mut self, id: i64, delivery: &SmsDelivery) -> StoreResult<bool> {
        let query = match delivery {
            SmsDelivery::Delivered { at } => sqlx::query(
                "UPDATE sms_outbox SET state = 'delivered', delivered_at = $2 \
                 WHERE id = $1 AND state = 'sent'",
            )
            .bind(id)
            .bind(stored(*at)),
            SmsDelivery::Undelivered { error, at } => sqlx::query(
                "UPDATE sms_outbox SET state = 'failed', last_error = $2, finished_at = $3 \
                 WHERE id = $1 AND state = 'sent'",
            )
            .bind(id)
            .bind(error.clone())
            .bind(stored(*at)),
        };
        let done = query.execute(&mut *self.tx).await.map_err(store_error)?;
        Ok(done.rows_affected() == 1)
    }

    async fn cancel_queued_sms_of(
        &mut self,
        woman_id: WomanId,
        reason: &str,
        at: Timestamp,
    ) -> StoreResult<u64> {
        let done = sqlx::query(
            "UPDATE sms_outbox SET state = 'cancelled', last_error = $2, finished_at = $3 \
             WHERE woman_id = $1 AND state = 'queued'",
        )
        .bind(woman_id)
        .bind(reason)
        .bind(stored(at))
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(done.rows_affected())
    }

    async fn sms_counts(&mut self, place: PlaceFilter) -> StoreResult<Vec<(SmsState, i64)>> {
        let mut sql =
            SqlBuilder::new("SELECT state, CAST(COUNT(*) AS BIGINT) AS n FROM sms_outbox");
        if let Some(province) = place.province_id {
            sql.push_equals("province_id", province);
        }
        if let Some(county) = place.county_id {
            sql.push_equals("county_id", county);
        }
        sql.push(" GROUP BY state");
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        let mut counts = rows
            .iter()
            .map(|row| {
                let reader = RowReader::new(row, "sms_outbox");
                Ok((reader.parsed("state", SmsState::parse)?, reader.int("n")?))
            })
            .collect::<StoreResult<Vec<_>>>()?;
        counts.sort();
        Ok(counts)
    }

    async fn sms_of_woman(&mut self, woman_id: WomanId, limit: i64) -> StoreResult<Vec<SmsRow>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            outbox_columns!(),
            " FROM sms_outbox WHERE woman_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2"
        ))
        .bind(woman_id)
        .bind(limit.max(0))
        .fetch_all(&mut *self.tx)
        .await
        .map_err(store_error)?;
        rows.iter().map(read_sms).collect()
    }

    async fn meeting_reminder_cycles(
        &mut self,
        day: JalaliDate,
    ) -> StoreResult<Vec<MeetingReminderCycle>> {
        let iso = day.to_iso_string();
        let rows = sqlx::query(
            "SELECT c.id, c.group_id, c.province_id, c.county_id, g.name AS group_name, c.meeting_every, c.starts_on, \
             (SELECT MAX(m.held_on) FROM fund_meetings m \
              WHERE m.cycle_id = c.id AND m.held_on < $1) AS last_held_on \
             FROM fund_cycles c JOIN hamyar_groups g ON g.id = c.group_id \
             WHERE c.state = 'open' AND c.starts_on <= $2 AND c.ends_on >= $3 ORDER BY c.id",
        )
        .bind(iso.clone())
        .bind(iso.clone())
        .bind(iso)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(store_error)?;
        rows.iter()
            .map(|row| {
                let reader = RowReader::new(row, "fund_cycles");
                Ok(MeetingReminderCycle {
                    cycle_id: reader.int("id")?,
                    group_id: reader.id("group_id")?,
                    province_id: reader.id("province_id")?,
                    county_id: reader.id("county_id")?,
                    group_name: reader.text("group_name")?,
                    meeting_every: reader.parsed("meeting_every", MeetingEvery::parse)?,
                    starts_on: reader.date("starts_on")?,
                    last_held_on: reader.opt_date("last_held_on")?,
                })
            })
            .collect()
    }
}

fn quiet(reader: &RowReader<'_>, table: &'static str) -> StoreResult<QuietHours> {
    let minute = |column: &str| -> StoreResult<u16> {
        u16::try_from(reader.int(column)?)
            .map_err(|_| crate::error::corrupt(table, format!("{column}: out of range")))
    };
    QuietHours::new(minute("quiet_start_minute")?, minute("quiet_end_minute")?)
        .ok_or_else(|| crate::error::corrupt(table, "quiet hours out of range".to_owned()))
}

fn read_consent(row: &AnyRow) -> StoreResult<SmsConsentRow> {
    let reader = RowReader::new(row, "sms_consents");
    Ok(SmsConsentRow {
        id: reader.int("id")?,
        woman_id: reader.id("woman_id")?,
        province_id: reader.id("province_id")?,
        county_id: reader.id("county_id")?,
        consented: reader.flag("consented")?,
        decided_on: reader.date("decided_on")?,
        quiet: quiet(&reader, "sms_consents")?,
        recorded_by: reader.opt_id("recorded_by")?,
        recorded_by_name: reader.text("recorded_by_name")?,
        recorded_at: reader.timestamp("recorded_at")?,
    })
}

fn read_sms(row: &AnyRow) -> StoreResult<SmsRow> {
    let reader = RowReader::new(row, "sms_outbox");
    Ok(SmsRow {
        id: reader.int("id")?,
        idempotency_key: reader.text("idempotency_key")?,
        woman_id: reader.id("woman_id")?,
        province_id: reader.id("province_id")?,
        county_id: reader.id("county_id")?,
        mobile: reader.text("mobile")?,
        body: reader.text("body")?,
        kind: reader.parsed("kind", SmsKind::parse)?,
        state: reader.parsed("state", SmsState::parse)?,
        attempts: reader.int("attempts")?,
        next_attempt_at: reader.timestamp("next_attempt_at")?,
        quiet: quiet(&reader, "sms_outbox")?,
        provider_message_id: reader.opt_text("provider_message_id")?,
        last_error: reader.opt_text("last_error")?,
        created_at: reader.timestamp("created_at")?,
        sent_at: reader.opt_timestamp("sent_at")?,
        delivered_at: reader.opt_timestamp("delivered_at")?,
        finished_at: reader.opt_timestamp("finished_at")?,
    })
}
