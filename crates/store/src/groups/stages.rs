//! A group's lifecycle: the append-only history of its moves (registered, active, inactive,
//! reactivated, dissolved, …) and the questions about the past that only the history can
//! answer. A move may be recorded after the fact with an earlier `effective_on`, so the
//! current stage is never simply the last row written: it is the stage of the latest row by
//! `(effective_on, id)`, recomputed on the group row after every append (bumping
//! `updated_at` but not `version`, which guards the group's own fields only).
//!
//! "Active on a date" looks, for each group, at its latest move effective on or before that
//! date (one backward step along the `(group_id, effective_on, id)` index); a group with no
//! move by then did not exist yet. "Registered in a year" asks when a group FIRST entered a
//! stage, so a group that left and re-entered it is counted in its first year only.

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::groups::{GroupId, PlaceFilter, StageRow};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use super::push_place;
use crate::error::store_error;
use crate::rows::{RowReader, stored};
use crate::sql::SqlBuilder;

fn stage_from_row(row: &AnyRow) -> StoreResult<StageRow> {
    let reader = RowReader::new(row, "group_stage_history");
    Ok(StageRow {
        id: reader.int("id")?,
        group_id: reader.id("group_id")?,
        stage: reader.code("stage")?,
        inactive_reason: reader.opt_code("inactive_reason")?,
        note: reader.text("note")?,
        effective_on: reader.date("effective_on")?,
        decided_by: reader.opt_id("decided_by")?,
        decided_by_name: reader.text("decided_by_name")?,
        recorded_at: reader.timestamp("recorded_at")?,
    })
}

/// Appends `stage` to the history of `group_id` (the row's own `id` and `group_id` are
/// ignored) without touching the group row; returns the new id.
pub(super) async fn append(
    conn: &mut AnyConnection,
    group_id: GroupId,
    stage: &StageRow,
) -> StoreResult<i64> {
    sqlx::query_scalar(
        "INSERT INTO group_stage_history (group_id, stage, inactive_reason, note, \
         effective_on, decided_by, decided_by_name, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(group_id)
    .bind(stage.stage.code())
    .bind(stage.inactive_reason.map(|reason| reason.code()))
    .bind(stage.note.as_str())
    .bind(stage.effective_on.to_iso_string())
    .bind(stage.decided_by)
    .bind(stage.decided_by_name.as_str())
    .bind(stored(stage.recorded_at))
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)
}

/// Appends the move, then copies the stage of the group's latest move onto the group row
/// (which is not this move when it was back-dated behind a later one).
pub(super) async fn insert(conn: &mut AnyConnection, stage: &StageRow) -> StoreResult<i64> {
    let id = append(conn, stage.group_id, stage).await?;
    sqlx::query(
        "UPDATE hamyar_groups SET stage = (SELECT h.stage FROM group_stage_history AS h \
         WHERE h.group_id = $1 ORDER BY h.effective_on DESC, h.id DESC LIMIT 1), \
         updated_at = $2 WHERE id = $1",
    )
    .bind(stage.group_id)
    .bind(stored(stage.recorded_at))
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    refresh_life_span(conn, stage.group_id).await?;
    Ok(id)
}

/// Recomputes the group row's `registered_on` (its first move into a stage from `registered`
/// on, short of an end) and `ended_on` (its first move into `dissolved` or `graduated`) from
/// the history; dashboards read these instead of the history.
pub(super) async fn refresh_life_span(
    conn: &mut AnyConnection,
    group_id: GroupId,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE hamyar_groups SET \
         registered_on = (SELECT MIN(h.effective_on) FROM group_stage_history h \
         WHERE h.group_id = $1 \
         AND h.stage IN ('registered', 'funded', 'active', 'inactive', 'reactivated')), \
         ended_on = (SELECT MIN(h.effective_on) FROM group_stage_history h \
         WHERE h.group_id = $1 AND h.stage IN ('dissolved', 'graduated')) \
         WHERE id = $1",
    )
    .bind(group_id)
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(())
}

/// Oldest first: by effective date, then in the order recorded.
pub(super) async fn of_group(
    conn: &mut AnyConnection,
    group_id: GroupId,
) -> StoreResult<Vec<StageRow>> {
    let rows = sqlx::query(
        "SELECT id, group_id, stage, inactive_reason, note, effective_on, decided_by, \
         decided_by_name, recorded_at FROM group_stage_history WHERE group_id = $1 \
         ORDER BY effective_on, id",
    )
    .bind(group_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    rows.iter().map(stage_from_row).collect()
}

async fn fetch_group_ids(
    conn: &mut AnyConnection,
    builder: SqlBuilder,
) -> StoreResult<Vec<GroupId>> {
    let rows = builder
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    rows.iter()
        .map(|row| RowReader::new(row, "hamyar_groups").id("id"))
        .collect()
}

/// Sorted by id. A group without any move effective by `date` is left out (its latest stage
/// is NULL, which is in no list).
pub(super) async fn groups_in_stages_on(
    conn: &mut AnyConnection,
    place: PlaceFilter,
    stages: &[&str],
    date: &str,
) -> StoreResult<Vec<GroupId>> {
    // `IN ()` is not SQL; no stage asked for is no group.
    if stages.is_empty() {
        return Ok(Vec::new());
    }
    let mut builder = SqlBuilder::new("SELECT id FROM hamyar_groups");
    push_place(&mut builder, place);
    let date = builder.bind(date);
    builder
        .push_condition(
            "(SELECT h.stage FROM group_stage_history AS h \
             WHERE h.group_id = hamyar_groups.id AND h.effective_on <= ",
        )
        .push_placeholder(date)
        .push(" ORDER BY h.effective_on DESC, h.id DESC LIMIT 1) IN (");
    for (index, stage) in stages.iter().enumerate() {
        if index > 0 {
            builder.push(", ");
        }
        builder.push_bound(*stage);
    }
    builder.push(") ORDER BY id");
    fetch_group_ids(conn, builder).await
}

/// One `COUNT(DISTINCT woman_id)` over the open memberships of the groups
/// [`groups_in_stages_on`] would list, that list written as a subquery.
pub(super) async fn members_of_groups_in_stages_on(
    conn: &mut AnyConnection,
    place: PlaceFilter,
    stages: &[&str],
    date: &str,
    current_stage: bool,
) -> StoreResult<i64> {
    if stages.is_empty() {
        return Ok(0);
    }
    let mut builder = SqlBuilder::new(
        "SELECT CAST(COUNT(DISTINCT m.woman_id) AS BIGINT) AS women FROM group_members AS m \
         WHERE m.joined_on <= ",
    );
    let day = builder.bind(date);
    builder.push_placeholder(day);
    builder.push(" AND (m.left_on IS NULL OR m.left_on >= ");
    builder.push_placeholder(day);
    builder.push(") AND m.group_id IN (SELECT id FROM hamyar_groups");
    push_place(&mut builder, place);
    if current_stage {
        builder.push_condition("stage IN (");
    } else {
        builder
            .push_condition(
                "(SELECT h.stage FROM group_stage_history AS h \
                 WHERE h.group_id = hamyar_groups.id AND h.effective_on <= ",
            )
            .push_placeholder(day)
            .push(" ORDER BY h.effective_on DESC, h.id DESC LIMIT 1) IN (");
    }
    for (index, stage) in stages.iter().enumerate() {
        if index > 0 {
            builder.push(", ");
        }
        builder.push_bound(*stage);
    }
    builder.push("))");
    let row = builder.build().fetch_one(conn).await.map_err(store_error)?;
    RowReader::new(&row, "members_of_groups_in_stages_on").int("women")
}

/// The catalogue's jobs (`business.jobs`): over the groups [`groups_in_stages_on`] would
/// list, each group's latest business month among the months `first..=last` (keys
/// `year * 100 + month`), its members working plus the people it hired; one sum.
pub(super) async fn jobs_in_groups_in_stages_on(
    conn: &mut AnyConnection,
    place: PlaceFilter,
    stages: &[&str],
    date: &str,
    current_stage: bool,
    months: (i64, i64),
) -> StoreResult<i64> {
    if stages.is_empty() || months.0 > months.1 {
        return Ok(0);
    }
    let mut builder = SqlBuilder::new(
        "SELECT CAST(COALESCE(SUM(b.members_working + b.people_hired), 0) AS BIGINT) AS jobs \
         FROM group_business_months AS b WHERE b.year * 100 + b.month >= ",
    );
    builder
        .push_bound(months.0)
        .push(" AND b.year * 100 + b.month <= ");
    let last = builder.bind(months.1);
    builder.push_placeholder(last).push(
        " AND NOT EXISTS (SELECT 1 FROM group_business_months AS later \
         WHERE later.group_id = b.group_id \
         AND later.year * 100 + later.month > b.year * 100 + b.month \
         AND later.year * 100 + later.month <= ",
    );
    builder
        .push_placeholder(last)
        .push(") AND b.group_id IN (SELECT id FROM hamyar_groups");
    push_place(&mut builder, place);
    if current_stage {
        builder.push_condition("stage IN (");
    } else {
        builder
            .push_condition(
                "(SELECT h.stage FROM group_stage_history AS h \
                 WHERE h.group_id = hamyar_groups.id AND h.effective_on <= ",
            )
            .push_bound(date)
            .push(" ORDER BY h.effective_on DESC, h.id DESC LIMIT 1) IN (");
    }
    for (index, stage) in stages.iter().enumerate() {
        if index > 0 {
            builder.push(", ");
        }
        builder.push_bound(*stage);
    }
    builder.push("))");
    let row = builder.build().fetch_one(conn).await.map_err(store_error)?;
    RowReader::new(&row, "jobs_in_groups_in_stages_on").int("jobs")
}

/// Sorted by id. The first move into `stage` is the earliest by effective date, so its date
/// is the minimum over the group's own moves into that stage. For a province or a county it
/// is read per group of the place from the `(group_id, …, stage)` index, once per group: a
/// county's groups cost a county's lookups (grouping every move of the country first took
/// 74 ms for a county at national scale, now under 1 ms). For the whole country the moves
/// into the stage are grouped by group from the `(stage, effective_on)` index instead: a
/// lookup for each of 50,000 groups took 260–440 ms on PostgreSQL.
pub(super) async fn groups_entering_stage_between(
    conn: &mut AnyConnection,
    place: PlaceFilter,
    stage: &str,
    from: &str,
    until: &str,
) -> StoreResult<Vec<GroupId>> {
    let builder = if place.province_id.is_none() && place.county_id.is_none() {
        let mut builder = SqlBuilder::new(
            "SELECT h.group_id AS id FROM group_stage_history AS h WHERE h.stage = ",
        );
        builder
            .push_bound(stage)
            .push(" GROUP BY h.group_id HAVING MIN(h.effective_on) >= ")
            .push_bound(from)
            .push(" AND MIN(h.effective_on) < ")
            .push_bound(until)
            .push(" ORDER BY h.group_id");
        builder
    } else {
        let mut builder = SqlBuilder::new(
            "SELECT id FROM (SELECT id, (SELECT MIN(h.effective_on) FROM group_stage_history AS h \
             WHERE h.group_id = hamyar_groups.id AND h.stage = ",
        );
        builder
            .push_bound(stage)
            .push(") AS first_on FROM hamyar_groups");
        push_place(&mut builder, place);
        builder
            .push(") AS entered WHERE first_on >= ")
            .push_bound(from)
            .push(" AND first_on < ")
            .push_bound(until)
            .push(" ORDER BY id");
        builder
    };
    fetch_group_ids(conn, builder).await
}
