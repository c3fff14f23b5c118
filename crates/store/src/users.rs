//! The `UserRepo` port: staff accounts with their role, place scope (denormalised into
//! province and county for scoping queries), password hash and preferences. Accounts are
//! disabled, never deleted, so audit rows that name a user id stay meaningful.

use async_trait::async_trait;
use hamyar_app::access::{Role, UserId};
use hamyar_app::ports::{NewUserRow, StoreResult, UserFilter, UserRepo, UserRow};
use jiff::Timestamp;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored, stored_opt};
use crate::sql::{PersianSorted, SqlBuilder, order_in_persian};
use crate::tx::AnyTx;

const USER_COLUMNS: &str = "SELECT id, username, display_name, role, scope_place_id, \
     province_id, county_id, password_hash, locale, money_unit, disabled_at, created_at, \
     updated_at FROM users";

fn user_from_row(row: &AnyRow) -> StoreResult<UserRow> {
    let reader = RowReader::new(row, "users");
    Ok(UserRow {
        id: reader.id("id")?,
        username: reader.text("username")?,
        display_name: reader.text("display_name")?,
        role: reader.parsed("role", Role::parse)?,
        scope_place_id: reader.id("scope_place_id")?,
        province_id: reader.opt_id("province_id")?,
        county_id: reader.opt_id("county_id")?,
        password_hash: reader.text("password_hash")?,
        locale: reader.text("locale")?,
        money_unit: reader.text("money_unit")?,
        disabled_at: reader.opt_timestamp("disabled_at")?,
        created_at: reader.timestamp("created_at")?,
        updated_at: reader.timestamp("updated_at")?,
    })
}

impl AnyTx {
    async fn fetch_user(&mut self, builder: SqlBuilder) -> StoreResult<Option<UserRow>> {
        let row = builder
            .build()
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        row.as_ref().map(user_from_row).transpose()
    }
}

#[async_trait]
impl UserRepo for AnyTx {
    async fn count_users(&mut self) -> StoreResult<i64> {
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM users")
            .fetch_one(&mut *self.tx)
            .await
            .map_err(store_error)
    }

    async fn insert_user(&mut self, user: &NewUserRow) -> StoreResult<UserId> {
        let created_at = stored(user.created_at);
        sqlx::query_scalar(
            "INSERT INTO users (username, display_name, role, scope_place_id, province_id, \
             county_id, password_hash, locale, money_unit, disabled_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $10) RETURNING id",
        )
        .bind(user.username.as_str())
        .bind(user.display_name.as_str())
        .bind(user.role.as_str())
        .bind(user.scope_place_id)
        .bind(user.province_id)
        .bind(user.county_id)
        .bind(user.password_hash.as_str())
        .bind(user.locale.as_str())
        .bind(user.money_unit.as_str())
        .bind(created_at)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn user_by_id(&mut self, id: UserId) -> StoreResult<Option<UserRow>> {
        let mut builder = SqlBuilder::new(USER_COLUMNS);
        builder.push_equals("id", id);
        self.fetch_user(builder).await
    }

    async fn user_by_username(&mut self, username: &str) -> StoreResult<Option<UserRow>> {
        let mut builder = SqlBuilder::new(USER_COLUMNS);
        builder.push_equals("username", username);
        self.fetch_user(builder).await
    }

    async fn list_users(&mut self, filter: &UserFilter) -> StoreResult<Vec<UserRow>> {
        let mut builder = SqlBuilder::new(USER_COLUMNS);
        if let Some(province_id) = filter.province_id {
            builder.push_equals("province_id", province_id);
        }
        if let Some(county_id) = filter.county_id {
            builder.push_equals("county_id", county_id);
        }
        // People by their names, in Persian alphabetical order.
        builder
            .push(order_in_persian(PersianSorted::DisplayName, self.backend))
            .push_page(filter.limit, filter.offset);
        let rows = builder
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(user_from_row).collect()
    }

    async fn update_user_password(
        &mut self,
        id: UserId,
        password_hash: &str,
        at: Timestamp,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(password_hash)
            .bind(stored(at))
            .bind(id)
            .execute(&mut *self.tx)
            .await
            .map_err(store_error)?;
        Ok(())
    }

    async fn set_user_disabled(
        &mut self,
        id: UserId,
        disabled_at: Option<Timestamp>,
        at: Timestamp,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE users SET disabled_at = $1, updated_at = $2 WHERE id = $3")
            .bind(stored_opt(disabled_at))
            .bind(stored(at))
            .bind(id)
            .execute(&mut *self.tx)
            .await
            .map_err(store_error)?;
        Ok(())
    }

    async fn update_user_preferences(
        &mut self,
        id: UserId,
        locale: &str,
        money_unit: &str,
        at: Timestamp,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE users SET locale = $1, money_unit = $2, updated_at = $3 WHERE id = $4")
            .bind(locale)
            .bind(money_unit)
            .bind(stored(at))
            .bind(id)
            .execute(&mut *self.tx)
            .await
            .map_err(store_error)?;
        Ok(())
    }
}
