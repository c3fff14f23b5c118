//! The reference lists a group draws on: supervising units (the county welfare office or a
//! partner NGO centre, one name per county) and the maintained list of business fields.
//! Units are listed by their folded name key rather than `name`, because the key is
//! `COLLATE "C"` on PostgreSQL and so sorts exactly as on SQLite whatever the server's
//! locale. Business fields keep the administrators' order (`position`) and are replaced in
//! place by code (`INSERT … ON CONFLICT … DO UPDATE`, the same text on both engines); a field
//! is retired by clearing `active`, never deleted, since groups keep referring to it.

use hamyar_app::ports::groups::{BusinessFieldRow, PlaceFilter, SupervisingUnitRow};
use hamyar_app::ports::{Backend, StoreResult};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use super::push_place;
use crate::error::store_error;
use crate::rows::{RowReader, stored};
use crate::sql::{PersianSorted, SqlBuilder, order_in_persian};

const UNIT_COLUMNS: &str = "SELECT id, province_id, county_id, kind, name, name_key, active, \
     created_at FROM supervising_units";

fn unit_from_row(row: &AnyRow) -> StoreResult<SupervisingUnitRow> {
    let reader = RowReader::new(row, "supervising_units");
    Ok(SupervisingUnitRow {
        id: reader.int("id")?,
        province_id: reader.id("province_id")?,
        county_id: reader.id("county_id")?,
        kind: reader.text("kind")?,
        name: reader.text("name")?,
        name_key: reader.text("name_key")?,
        active: reader.flag("active")?,
        created_at: reader.timestamp("created_at")?,
    })
}

fn field_from_row(row: &AnyRow) -> StoreResult<BusinessFieldRow> {
    let reader = RowReader::new(row, "business_fields");
    Ok(BusinessFieldRow {
        code: reader.text("code")?,
        name_fa: reader.text("name_fa")?,
        name_en: reader.text("name_en")?,
        position: reader.int("position")?,
        active: reader.flag("active")?,
    })
}

/// The row's `id` is ignored; the new one is returned. A name already used in the county
/// fails as `supervising_units.name`.
pub(super) async fn insert_supervising_unit(
    conn: &mut AnyConnection,
    unit: &SupervisingUnitRow,
) -> StoreResult<i64> {
    sqlx::query_scalar(
        "INSERT INTO supervising_units (province_id, county_id, kind, name, name_key, active, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(unit.province_id)
    .bind(unit.county_id)
    .bind(unit.kind.as_str())
    .bind(unit.name.as_str())
    .bind(unit.name_key.as_str())
    .bind(i64::from(unit.active))
    .bind(stored(unit.created_at))
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)
}

/// Inactive units included (the caller decides whether to offer them), by name.
pub(super) async fn supervising_units(
    conn: &mut AnyConnection,
    backend: Backend,
    place: PlaceFilter,
) -> StoreResult<Vec<SupervisingUnitRow>> {
    let mut builder = SqlBuilder::new(UNIT_COLUMNS);
    push_place(&mut builder, place);
    builder.push(order_in_persian(PersianSorted::NameKey, backend));
    let rows = builder
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    rows.iter().map(unit_from_row).collect()
}

pub(super) async fn supervising_unit_by_id(
    conn: &mut AnyConnection,
    id: i64,
) -> StoreResult<Option<SupervisingUnitRow>> {
    let mut builder = SqlBuilder::new(UNIT_COLUMNS);
    builder.push_equals("id", id);
    let row = builder
        .build()
        .fetch_optional(&mut *conn)
        .await
        .map_err(store_error)?;
    row.as_ref().map(unit_from_row).transpose()
}

/// Inactive fields included, in the administrators' order.
pub(super) async fn business_fields(
    conn: &mut AnyConnection,
) -> StoreResult<Vec<BusinessFieldRow>> {
    let rows = sqlx::query(
        "SELECT code, name_fa, name_en, position, active FROM business_fields \
         ORDER BY position, code",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    rows.iter().map(field_from_row).collect()
}

pub(super) async fn put_business_field(
    conn: &mut AnyConnection,
    field: &BusinessFieldRow,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO business_fields (code, name_fa, name_en, position, active) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO UPDATE SET \
         name_fa = excluded.name_fa, name_en = excluded.name_en, \
         position = excluded.position, active = excluded.active",
    )
    .bind(field.code.as_str())
    .bind(field.name_fa.as_str())
    .bind(field.name_en.as_str())
    .bind(field.position)
    .bind(i64::from(field.active))
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(())
}
