//! The `MoneyReportsRepo` port on both engines: one grouped query per kind of recipient over
//! the payments linked to it and the grants made to it, committed = approved or paid. A
//! payment linked to several groups (or several women) is shared equally among them, the
//! remainder one rial each to the lowest ids (window functions, on both engines), so a
//! list's rows add up to the money spent and nothing is counted twice. Sums are cast to
//! BIGINT because PostgreSQL widens a sum of BIGINT to NUMERIC.

use async_trait::async_trait;
use hamyar_app::ports::StoreResult;
use hamyar_app::ports::money_reports::{MoneyReportsRepo, RecipientMoneyFilter, RecipientMoneyRow};
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::RowReader;
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

/// The year's committed and paid amounts per group, from linked payments and group grants.
const BY_GROUP: &str = "SELECT g.id AS recipient_id, g.code AS code, g.name AS name, \
     g.county_id AS county_id, \
     CAST(SUM(m.pay_committed) AS BIGINT) AS payments_committed, \
     CAST(SUM(m.pay_paid) AS BIGINT) AS payments_paid, \
     CAST(SUM(m.grant_committed) AS BIGINT) AS grants_committed, \
     CAST(SUM(m.grant_paid) AS BIGINT) AS grants_paid \
     FROM (\
     SELECT s.recipient AS recipient, \
     CASE WHEN s.status IN ('approved', 'paid') THEN s.share ELSE 0 END AS pay_committed, \
     CASE WHEN s.status = 'paid' THEN s.share ELSE 0 END AS pay_paid, \
     0 AS grant_committed, 0 AS grant_paid \
     FROM (SELECT l.group_id AS recipient, p.status AS status, \
     p.amount_rials / COUNT(*) OVER (PARTITION BY l.payment_id) \
     + CASE WHEN ROW_NUMBER() OVER (PARTITION BY l.payment_id ORDER BY l.group_id) \
     <= p.amount_rials % COUNT(*) OVER (PARTITION BY l.payment_id) THEN 1 ELSE 0 END AS share \
     FROM payment_links l JOIN payments p ON p.id = l.payment_id \
     JOIN budget_lines b ON b.id = p.budget_line_id \
     WHERE l.group_id IS NOT NULL AND b.fiscal_year = $1 AND p.province_id = $2) s \
     UNION ALL \
     SELECT gr.group_id AS recipient, 0, 0, \
     CASE WHEN t.status IN ('approved', 'paid') THEN t.amount_rials ELSE 0 END, \
     CASE WHEN t.status = 'paid' THEN t.amount_rials ELSE 0 END \
     FROM grant_tranches t JOIN grants gr ON gr.id = t.grant_id \
     WHERE gr.group_id IS NOT NULL AND gr.fiscal_year = $1 AND gr.province_id = $2\
     ) m JOIN hamyar_groups g ON g.id = m.recipient";

/// The same per woman, from payments linked to her and grants made to her alone.
const BY_WOMAN: &str = "SELECT w.id AS recipient_id, w.national_id AS code, \
     w.first_name || ' ' || w.last_name AS name, w.county_id AS county_id, \
     CAST(SUM(m.pay_committed) AS BIGINT) AS payments_committed, \
     CAST(SUM(m.pay_paid) AS BIGINT) AS payments_paid, \
     CAST(SUM(m.grant_committed) AS BIGINT) AS grants_committed, \
     CAST(SUM(m.grant_paid) AS BIGINT) AS grants_paid \
     FROM (\
     SELECT s.recipient AS recipient, \
     CASE WHEN s.status IN ('approved', 'paid') THEN s.share ELSE 0 END AS pay_committed, \
     CASE WHEN s.status = 'paid' THEN s.share ELSE 0 END AS pay_paid, \
     0 AS grant_committed, 0 AS grant_paid \
     FROM (SELECT l.woman_id AS recipient, p.status AS status, \
     p.amount_rials / COUNT(*) OVER (PARTITION BY l.payment_id) \
     + CASE WHEN ROW_NUMBER() OVER (PARTITION BY l.payment_id ORDER BY l.woman_id) \
     <= p.amount_rials % COUNT(*) OVER (PARTITION BY l.payment_id) THEN 1 ELSE 0 END AS share \
     FROM payment_links l JOIN payments p ON p.id = l.payment_id \
     JOIN budget_lines b ON b.id = p.budget_line_id \
     WHERE l.woman_id IS NOT NULL AND b.fiscal_year = $1 AND p.province_id = $2) s \
     UNION ALL \
     SELECT gr.woman_id AS recipient, 0, 0, \
     CASE WHEN t.status IN ('approved', 'paid') THEN t.amount_rials ELSE 0 END, \
     CASE WHEN t.status = 'paid' THEN t.amount_rials ELSE 0 END \
     FROM grant_tranches t JOIN grants gr ON gr.id = t.grant_id \
     WHERE gr.woman_id IS NOT NULL AND gr.fiscal_year = $1 AND gr.province_id = $2\
     ) m JOIN women w ON w.id = m.recipient";

#[async_trait]
impl MoneyReportsRepo for AnyTx {
    async fn money_by_group(
        &mut self,
        filter: RecipientMoneyFilter,
    ) -> StoreResult<Vec<RecipientMoneyRow>> {
        self.recipients(
            BY_GROUP,
            " GROUP BY g.id, g.code, g.name, g.county_id",
            " ORDER BY g.code, g.id",
            "g.county_id",
            filter,
        )
        .await
    }

    async fn money_by_woman(
        &mut self,
        filter: RecipientMoneyFilter,
    ) -> StoreResult<Vec<RecipientMoneyRow>> {
        self.recipients(
            BY_WOMAN,
            " GROUP BY w.id, w.national_id, w.first_name, w.last_name, w.county_id",
            // The reversed name key is spelled in Persian alphabetical order.
            " ORDER BY w.name_key_reversed, w.id",
            "w.county_id",
            filter,
        )
        .await
    }
}

impl AnyTx {
    async fn recipients(
        &mut self,
        select: &'static str,
        group_by: &'static str,
        order_by: &'static str,
        county_column: &'static str,
        filter: RecipientMoneyFilter,
    ) -> StoreResult<Vec<RecipientMoneyRow>> {
        let mut sql = SqlBuilder::new(select);
        // $1 and $2 inside the union.
        sql.bind(i64::from(filter.fiscal_year));
        sql.bind(filter.province_id);
        if let Some(county) = filter.county_id {
            sql.push_equals(county_column, county);
        }
        sql.push(group_by);
        sql.push(
            " HAVING SUM(m.pay_committed) + SUM(m.grant_committed) + SUM(m.pay_paid) \
             + SUM(m.grant_paid) > 0",
        );
        sql.push(order_by);
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read).collect()
    }
}

fn read(row: &AnyRow) -> StoreResult<RecipientMoneyRow> {
    let reader = RowReader::new(row, "money_by_recipient");
    Ok(RecipientMoneyRow {
        recipient_id: reader.int("recipient_id")?,
        code: reader.text("code")?,
        name: reader.text("name")?,
        county_id: reader.id("county_id")?,
        payments_committed_rials: reader.int("payments_committed")?,
        payments_paid_rials: reader.int("payments_paid")?,
        grants_committed_rials: reader.int("grants_committed")?,
        grants_paid_rials: reader.int("grants_paid")?,
    })
}
