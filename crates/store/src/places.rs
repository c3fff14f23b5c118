//! The `PlaceRepo` port: the country → province → county tree and the names each place has
//! carried over time. Names are history, not attributes: a renamed county gets a new row from
//! the date of the change, and old records keep showing the name they were made under.

use std::collections::HashMap;

use async_trait::async_trait;
use hamyar_app::access::PlaceId;
use hamyar_app::ports::{
    NewPlaceNameRow, NewPlaceRow, PlaceNameRow, PlaceRepo, PlaceRow, StoreError, StoreResult,
};
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

const PLACE_COLUMNS: &str = "SELECT id, kind, parent_id, code, created_at FROM places";

/// Rows per multi-row insert: 4 or 5 values a row stays far below either engine's limit on
/// bound values, and ~500 reference places take three statements.
const ROWS_PER_INSERT: usize = 200;

fn place_from_row(row: &AnyRow) -> StoreResult<PlaceRow> {
    let reader = RowReader::new(row, "places");
    Ok(PlaceRow {
        id: reader.id("id")?,
        kind: reader.text("kind")?,
        parent_id: reader.opt_id("parent_id")?,
        code: reader.text("code")?,
        created_at: reader.timestamp("created_at")?,
    })
}

fn place_name_from_row(row: &AnyRow) -> StoreResult<PlaceNameRow> {
    let reader = RowReader::new(row, "place_names");
    Ok(PlaceNameRow {
        id: reader.int("id")?,
        place_id: reader.id("place_id")?,
        name_fa: reader.text("name_fa")?,
        name_en: reader.text("name_en")?,
        valid_from: reader.text("valid_from")?,
        recorded_at: reader.timestamp("recorded_at")?,
    })
}

impl AnyTx {
    async fn fetch_place(&mut self, builder: SqlBuilder) -> StoreResult<Option<PlaceRow>> {
        let row = builder
            .build()
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        row.as_ref().map(place_from_row).transpose()
    }
}

#[async_trait]
impl PlaceRepo for AnyTx {
    async fn all_places(&mut self) -> StoreResult<Vec<PlaceRow>> {
        let rows =
            sqlx::query("SELECT id, kind, parent_id, code, created_at FROM places ORDER BY id")
                .fetch_all(&mut *self.tx)
                .await
                .map_err(store_error)?;
        rows.iter().map(place_from_row).collect()
    }

    async fn all_place_names(&mut self) -> StoreResult<Vec<PlaceNameRow>> {
        let rows = sqlx::query(
            "SELECT id, place_id, name_fa, name_en, valid_from, recorded_at FROM place_names \
             ORDER BY place_id, valid_from",
        )
        .fetch_all(&mut *self.tx)
        .await
        .map_err(store_error)?;
        rows.iter().map(place_name_from_row).collect()
    }

    async fn place_by_id(&mut self, id: PlaceId) -> StoreResult<Option<PlaceRow>> {
        let mut builder = SqlBuilder::new(PLACE_COLUMNS);
        builder.push_equals("id", id);
        self.fetch_place(builder).await
    }

    async fn place_by_code(&mut self, code: &str) -> StoreResult<Option<PlaceRow>> {
        let mut builder = SqlBuilder::new(PLACE_COLUMNS);
        builder.push_equals("code", code);
        self.fetch_place(builder).await
    }

    async fn insert_place(&mut self, place: &NewPlaceRow) -> StoreResult<PlaceId> {
        sqlx::query_scalar(
            "INSERT INTO places (kind, parent_id, code, created_at) VALUES ($1, $2, $3, $4) \
             RETURNING id",
        )
        .bind(place.kind.as_str())
        .bind(place.parent_id)
        .bind(place.code.as_str())
        .bind(stored(place.created_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn insert_place_name(&mut self, name: &NewPlaceNameRow) -> StoreResult<i64> {
        sqlx::query_scalar(
            "INSERT INTO place_names (place_id, name_fa, name_en, valid_from, recorded_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(name.place_id)
        .bind(name.name_fa.as_str())
        .bind(name.name_en.as_str())
        .bind(name.valid_from.as_str())
        .bind(stored(name.recorded_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn insert_places(&mut self, places: &[NewPlaceRow]) -> StoreResult<Vec<PlaceId>> {
        let mut ids = Vec::with_capacity(places.len());
        for chunk in places.chunks(ROWS_PER_INSERT) {
            let mut builder = SqlBuilder::bulk(
                "INSERT INTO places (kind, parent_id, code, created_at) VALUES ",
                self.backend,
                chunk.len() * 4,
            );
            for (index, place) in chunk.iter().enumerate() {
                builder.push(if index == 0 { "(" } else { ", (" });
                builder.push_bound(place.kind.as_str());
                builder.push(", ").push_bound(place.parent_id);
                builder.push(", ").push_bound(place.code.as_str());
                builder
                    .push(", ")
                    .push_bound(stored(place.created_at))
                    .push(")");
            }
            builder.push(" RETURNING id, code");
            let rows = builder
                .build()
                .fetch_all(&mut *self.tx)
                .await
                .map_err(store_error)?;
            // RETURNING promises no order: match the rows back by their unique code.
            let mut by_code = HashMap::with_capacity(rows.len());
            for row in &rows {
                let reader = RowReader::new(row, "places");
                by_code.insert(reader.text("code")?, reader.id("id")?);
            }
            for place in chunk {
                let id = by_code
                    .get(&place.code)
                    .ok_or_else(|| StoreError::Corrupt {
                        table: "places",
                        detail: format!("no id returned for {}", place.code),
                    })?;
                ids.push(*id);
            }
        }
        Ok(ids)
    }

    async fn insert_place_names(&mut self, names: &[NewPlaceNameRow]) -> StoreResult<()> {
        for chunk in names.chunks(ROWS_PER_INSERT) {
            let mut builder = SqlBuilder::bulk(
                "INSERT INTO place_names (place_id, name_fa, name_en, valid_from, recorded_at) \
                 VALUES ",
                self.backend,
                chunk.len() * 5,
            );
            for (index, name) in chunk.iter().enumerate() {
                builder.push(if index == 0 { "(" } else { ", (" });
                builder.push_bound(name.place_id);
                builder.push(", ").push_bound(name.name_fa.as_str());
                builder.push(", ").push_bound(name.name_en.as_str());
                builder.push(", ").push_bound(name.valid_from.as_str());
                builder
                    .push(", ")
                    .push_bound(stored(name.recorded_at))
                    .push(")");
            }
            builder
                .build()
                .execute(&mut *self.tx)
                .await
                .map_err(store_error)?;
        }
        Ok(())
    }
}
