//! What happened to a woman's case over time: coverage episodes (each decision that changed
//! her status, from the date it holds), inquiries to other support bodies, and the documents
//! checklist. Episodes and inquiries are only ever appended and are listed in the order they
//! were recorded (an import's first episodes are written with its records, in `import`); a
//! document kind has one checklist entry per woman, replaced in place by an
//! upsert (`INSERT … ON CONFLICT … DO UPDATE`, the same text on both engines).

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::registry::{DocumentRow, EpisodeRow, InquiryRow, WomanId};
use jiff::Timestamp;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};

fn episode_from_row(row: &AnyRow) -> StoreResult<EpisodeRow> {
    let reader = RowReader::new(row, "coverage_episodes");
    Ok(EpisodeRow {
        id: reader.int("id")?,
        woman_id: reader.id("woman_id")?,
        status: reader.code("status")?,
        exit_reason: reader.opt_code("exit_reason")?,
        started_on: reader.date("started_on")?,
        decided_by: reader.opt_id("decided_by")?,
        decided_by_name: reader.text("decided_by_name")?,
        reason: reader.text("reason")?,
        recorded_at: reader.timestamp("recorded_at")?,
    })
}

fn inquiry_from_row(row: &AnyRow) -> StoreResult<InquiryRow> {
    let reader = RowReader::new(row, "other_body_inquiries");
    Ok(InquiryRow {
        id: reader.int("id")?,
        woman_id: reader.id("woman_id")?,
        body: reader.text("body")?,
        inquired_on: reader.date("inquired_on")?,
        result: reader.text("result")?,
        notes: reader.text("notes")?,
        recorded_at: reader.timestamp("recorded_at")?,
    })
}

fn document_from_row(row: &AnyRow) -> StoreResult<DocumentRow> {
    let reader = RowReader::new(row, "woman_documents");
    Ok(DocumentRow {
        woman_id: reader.id("woman_id")?,
        kind: reader.text("kind")?,
        received_on: reader.opt_date("received_on")?,
        notes: reader.text("notes")?,
    })
}

/// The row's `id` is ignored; the new one is returned.
pub(super) async fn insert_episode(
    conn: &mut AnyConnection,
    episode: &EpisodeRow,
) -> StoreResult<i64> {
    sqlx::query_scalar(
        "INSERT INTO coverage_episodes (woman_id, status, exit_reason, started_on, decided_by, \
         decided_by_name, reason, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         RETURNING id",
    )
    .bind(episode.woman_id)
    .bind(episode.status.code())
    .bind(episode.exit_reason.map(|reason| reason.code()))
    .bind(episode.started_on.to_iso_string())
    .bind(episode.decided_by)
    .bind(episode.decided_by_name.as_str())
    .bind(episode.reason.as_str())
    .bind(stored(episode.recorded_at))
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)
}

/// Oldest first: in the order they were recorded.
pub(super) async fn episodes_of(
    conn: &mut AnyConnection,
    woman_id: WomanId,
) -> StoreResult<Vec<EpisodeRow>> {
    let rows = sqlx::query(
        "SELECT id, woman_id, status, exit_reason, started_on, decided_by, decided_by_name, \
         reason, recorded_at FROM coverage_episodes WHERE woman_id = $1 ORDER BY id",
    )
    .bind(woman_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    rows.iter().map(episode_from_row).collect()
}

/// The row's `id` is ignored; the new one is returned.
pub(super) async fn insert_inquiry(
    conn: &mut AnyConnection,
    inquiry: &InquiryRow,
) -> StoreResult<i64> {
    sqlx::query_scalar(
        "INSERT INTO other_body_inquiries (woman_id, body, inquired_on, result, notes, \
         recorded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(inquiry.woman_id)
    .bind(inquiry.body.as_str())
    .bind(inquiry.inquired_on.to_iso_string())
    .bind(inquiry.result.as_str())
    .bind(inquiry.notes.as_str())
    .bind(stored(inquiry.recorded_at))
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)
}

/// Oldest first: in the order they were recorded.
pub(super) async fn inquiries_of(
    conn: &mut AnyConnection,
    woman_id: WomanId,
) -> StoreResult<Vec<InquiryRow>> {
    let rows = sqlx::query(
        "SELECT id, woman_id, body, inquired_on, result, notes, recorded_at \
         FROM other_body_inquiries WHERE woman_id = $1 ORDER BY id",
    )
    .bind(woman_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    rows.iter().map(inquiry_from_row).collect()
}

pub(super) async fn upsert_document(
    conn: &mut AnyConnection,
    document: &DocumentRow,
    at: Timestamp,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO woman_documents (woman_id, kind, received_on, notes, updated_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (woman_id, kind) DO UPDATE SET \
         received_on = excluded.received_on, notes = excluded.notes, \
         updated_at = excluded.updated_at",
    )
    .bind(document.woman_id)
    .bind(document.kind.as_str())
    .bind(document.received_on.map(|day| day.to_iso_string()))
    .bind(document.notes.as_str())
    .bind(stored(at))
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(())
}

/// By kind (byte order).
pub(super) async fn documents_of(
    conn: &mut AnyConnection,
    woman_id: WomanId,
) -> StoreResult<Vec<DocumentRow>> {
    let rows = sqlx::query(
        "SELECT woman_id, kind, received_on, notes FROM woman_documents \
         WHERE woman_id = $1 ORDER BY kind",
    )
    .bind(woman_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    rows.iter().map(document_from_row).collect()
}
