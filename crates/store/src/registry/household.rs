//! A woman's household: the members who live with her. `women.household_size` (the woman
//! plus her members, which sets the pension tier) is recounted from this table by every
//! change here, in the same transaction, so it cannot drift from the rows it summarises.
//! Members are looked up by national ID to find a person registered in two households.
//!
//! The port gives `insert_member` no instant, so the adapter's clock stamps `created_at`.

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::registry::{MemberRow, WomanId};
use jiff::Timestamp;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};

fn member_from_row(row: &AnyRow) -> StoreResult<MemberRow> {
    let reader = RowReader::new(row, "household_members");
    Ok(MemberRow {
        id: reader.int("id")?,
        woman_id: reader.id("woman_id")?,
        first_name: reader.text("first_name")?,
        last_name: reader.opt_text("last_name")?,
        relation: reader.text("relation")?,
        birth_date: reader.opt_text("birth_date")?,
        national_id: reader.opt_text("national_id")?,
        disability: reader.flag("disability")?,
        activity: reader.opt_text("activity")?,
    })
}

/// Sets the woman's household size to herself plus her members as they are now.
async fn recount_household(conn: &mut AnyConnection, woman_id: WomanId) -> StoreResult<()> {
    sqlx::query(
        "UPDATE women SET household_size = 1 + \
         (SELECT COUNT(*) FROM household_members WHERE woman_id = $1) WHERE id = $1",
    )
    .bind(woman_id)
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(())
}

pub(super) async fn insert_member(
    conn: &mut AnyConnection,
    member: &MemberRow,
    at: Timestamp,
) -> StoreResult<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO household_members (woman_id, first_name, last_name, relation, birth_date, \
         national_id, disability, activity, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(member.woman_id)
    .bind(member.first_name.as_str())
    .bind(member.last_name.as_deref())
    .bind(member.relation.as_str())
    .bind(member.birth_date.as_deref())
    .bind(member.national_id.as_deref())
    .bind(i64::from(member.disability))
    .bind(member.activity.as_deref())
    .bind(stored(at))
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)?;
    recount_household(conn, member.woman_id).await?;
    Ok(id)
}

/// Deletes the member only if she or he belongs to `woman_id`; false when nothing matched.
pub(super) async fn delete_member(
    conn: &mut AnyConnection,
    woman_id: WomanId,
    member_id: i64,
) -> StoreResult<bool> {
    let result = sqlx::query("DELETE FROM household_members WHERE id = $1 AND woman_id = $2")
        .bind(member_id)
        .bind(woman_id)
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    if result.rows_affected() == 0 {
        return Ok(false);
    }
    recount_household(conn, woman_id).await?;
    Ok(true)
}

/// In the order they were added.
pub(super) async fn members_of(
    conn: &mut AnyConnection,
    woman_id: WomanId,
) -> StoreResult<Vec<MemberRow>> {
    let rows = sqlx::query(
        "SELECT id, woman_id, first_name, last_name, relation, birth_date, national_id, \
         disability, activity FROM household_members WHERE woman_id = $1 ORDER BY id",
    )
    .bind(woman_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    rows.iter().map(member_from_row).collect()
}

/// Each woman once, by id.
pub(super) async fn women_with_member(
    conn: &mut AnyConnection,
    national_id: &str,
    except: WomanId,
) -> StoreResult<Vec<WomanId>> {
    sqlx::query_scalar(
        "SELECT DISTINCT woman_id FROM household_members \
         WHERE national_id = $1 AND woman_id <> $2 ORDER BY woman_id",
    )
    .bind(national_id)
    .bind(except)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)
}

pub(super) async fn move_members(
    conn: &mut AnyConnection,
    from: WomanId,
    to: WomanId,
) -> StoreResult<()> {
    sqlx::query("UPDATE household_members SET woman_id = $1 WHERE woman_id = $2")
        .bind(to)
        .bind(from)
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    recount_household(conn, from).await?;
    recount_household(conn, to).await
}
