//! The money a dashboard draws: the fiscal year's budget lines summed per area and category,
//! from the kept balances (now) or, for a span, from the accounts' kept months and, at a cut
//! month's edges, kept days; and the year's grants per area from their tranches as they stood
//! at the span's end (committed from the approval day, paid from the payment day), the women
//! granted counting both grants of their own and shares of their group's grants.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::StoreResult;
use hamyar_app::ports::dashboard::{AreaGrants, AreaLineBalances, DashboardFilter};

use super::{Columns, push_place, push_place_on, select_area, span};
use crate::rows::RowReader;
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

const LINE: Columns = Columns {
    province: "b.province_id",
    county: "b.county_id",
};

const GRANT: Columns = Columns {
    province: "gr.province_id",
    county: "gr.county_id",
};

/// A province's undivided lines have no county; at county level they are area 0
/// («ستاد استان»).
fn area_expression(filter: DashboardFilter) -> &'static str {
    match filter.level {
        hamyar_app::ports::dashboard::AreaLevel::Province => "b.province_id",
        hamyar_app::ports::dashboard::AreaLevel::County => "COALESCE(b.county_id, 0)",
    }
}

/// The sum of `account`'s postings over `cut`: its kept months, then its kept days at the
/// edges.
fn push_account_sum(sql: &mut SqlBuilder, account: &'static str, cut: &span::MonthCut) {
    sql.push("0");
    if let Some((first, last)) = cut.months {
        sql.push(
            " + COALESCE((SELECT SUM(m.amount_rials) FROM ledger_account_months m \
             WHERE m.account_id = ",
        )
        .push(account);
        if first > i64::MIN {
            sql.push(" AND m.month >= ").push_bound(first);
        }
        sql.push(" AND m.month <= ").push_bound(last).push("), 0)");
    }
    for (from, until) in &cut.days {
        sql.push(
            " + COALESCE((SELECT SUM(d.amount_rials) FROM ledger_account_days d \
             WHERE d.account_id = ",
        )
        .push(account)
        .push(" AND d.day >= ")
        .push_bound(from.as_str())
        .push(" AND d.day < ")
        .push_bound(until.as_str())
        .push("), 0)");
    }
}

pub(super) async fn line_balances(
    tx: &mut AnyTx,
    filter: DashboardFilter,
    fiscal_year: i32,
    span: Option<(&str, &str)>,
) -> StoreResult<Vec<AreaLineBalances>> {
    let mut sql = SqlBuilder::new("SELECT ");
    sql.push(area_expression(filter))
        .push(" AS area_id, b.category AS category, ");
    match span {
        None => {
            sql.push(
                "CAST(SUM(COALESCE(kb.balance_rials, 0)) AS BIGINT) AS budget, \
                 CAST(SUM(COALESCE(ke.balance_rials, 0)) AS BIGINT) AS expense, \
                 CAST(SUM(COALESCE(kc.balance_rials, 0)) AS BIGINT) AS commitments \
                 FROM budget_lines b \
                 LEFT JOIN ledger_balances kb ON kb.account_id = b.budget_account_id \
                 LEFT JOIN ledger_balances ke ON ke.account_id = b.expense_account_id \
                 LEFT JOIN ledger_balances kc ON kc.account_id = b.commitment_account_id",
            );
        }
        Some((from, until)) => {
            // Whole months from the accounts' kept months, the days at a cut month's edge
            // from their kept days.
            let budget = span::before(until)?;
            let movements = span::between(from, until)?;
            sql.push("CAST(SUM(");
            push_account_sum(&mut sql, "b.budget_account_id", &budget);
            sql.push(") AS BIGINT) AS budget, CAST(SUM(");
            push_account_sum(&mut sql, "b.expense_account_id", &movements);
            sql.push(") AS BIGINT) AS expense, CAST(SUM(");
            push_account_sum(&mut sql, "b.commitment_account_id", &movements);
            sql.push(") AS BIGINT) AS commitments FROM budget_lines b");
        }
    }
    sql.push_condition("b.fiscal_year = ")
        .push_bound(i64::from(fiscal_year));
    push_place(&mut sql, filter, LINE);
    sql.push(" GROUP BY ")
        .push(area_expression(filter))
        .push(", b.category");
    tx.dashboard_rows(sql, |row| {
        let reader = RowReader::new(row, "dashboard_line_balances");
        Ok(AreaLineBalances {
            area_id: reader.id("area_id")?,
            category: reader.text("category")?,
            budget: reader.int("budget")?,
            expense: reader.int("expense")?,
            commitments: reader.int("commitments")?,
        })
    })
    .await
}

pub(super) async fn grants(
    tx: &mut AnyTx,
    filter: DashboardFilter,
    fiscal_year: i32,
    until: &str,
) -> StoreResult<Vec<AreaGrants>> {
    let mut sql = select_area(filter, GRANT);
    sql.push(
        "COUNT(DISTINCT gr.id) AS grants, COUNT(DISTINCT gr.group_id) AS groups_granted, \
         CAST(SUM(t.amount_rials) AS BIGINT) AS committed, \
         CAST(SUM(CASE WHEN t.status = 'paid' AND t.paid_on < ",
    )
    .push_bound(until.to_owned())
    .push(
        " THEN t.amount_rials ELSE 0 END) AS BIGINT) AS paid \
         FROM grants gr JOIN grant_tranches t ON t.grant_id = gr.id",
    );
    sql.push_condition("gr.fiscal_year = ")
        .push_bound(i64::from(fiscal_year));
    push_committed_by(&mut sql, until);
    push_place(&mut sql, filter, GRANT);
    sql.push(" GROUP BY ").push(GRANT.area(filter.level));
    let mut areas = tx
        .dashboard_rows(sql, |row| {
            let reader = RowReader::new(row, "dashboard_grants");
            Ok(AreaGrants {
                area_id: reader.id("area_id")?,
                grants: reader.int("grants")?,
                groups: reader.int("groups_granted")?,
                women: 0,
                committed_rials: reader.int("committed")?,
                paid_rials: reader.int("paid")?,
            })
        })
        .await?;
    for (area_id, women) in women_granted(tx, filter, fiscal_year, until).await? {
        if let Some(area) = areas.iter_mut().find(|a| a.area_id == area_id) {
            area.women = women;
        }
    }
    Ok(areas)
}

/// Adds, to a `WHERE` already open, that the tranche was committed before `until`: approved
/// or paid, and approved on an earlier day.
fn push_committed_by(sql: &mut SqlBuilder, until: &str) {
    sql.push(" AND t.status IN ('approved', 'paid') AND t.approved_on < ")
        .push_bound(until.to_owned());
}

/// Women granted per area: a grant of her own, or a share (in her facility history, not
/// withdrawn) of an approved or paid tranche of her group's grant; each woman once per area.
async fn women_granted(
    tx: &mut AnyTx,
    filter: DashboardFilter,
    fiscal_year: i32,
    until: &str,
) -> StoreResult<Vec<(PlaceId, i64)>> {
    let area = GRANT.area(filter.level);
    let mut sql = SqlBuilder::new("SELECT x.area_id AS area_id, ");
    sql.push("CAST(COUNT(DISTINCT x.woman_id) AS BIGINT) AS women FROM (SELECT ")
        .push(area)
        .push(
            " AS area_id, gr.woman_id AS woman_id FROM grants gr \
         JOIN grant_tranches t ON t.grant_id = gr.id \
         WHERE gr.woman_id IS NOT NULL AND gr.fiscal_year = ",
        )
        .push_bound(i64::from(fiscal_year));
    push_committed_by(&mut sql, until);
    push_place_on(&mut sql, filter, GRANT);
    sql.push(" UNION ALL SELECT ")
        .push(area)
        .push(
            " AS area_id, f.woman_id AS woman_id FROM woman_facilities f \
         JOIN grant_tranches t ON t.id = f.grant_tranche_id JOIN grants gr ON gr.id = t.grant_id \
         WHERE f.source = 'programme' AND f.withdrawn_on IS NULL AND gr.fiscal_year = ",
        )
        .push_bound(i64::from(fiscal_year));
    push_committed_by(&mut sql, until);
    push_place_on(&mut sql, filter, GRANT);
    sql.push(") x GROUP BY x.area_id");
    tx.dashboard_rows(sql, |row| {
        let reader = RowReader::new(row, "dashboard_women_granted");
        Ok((reader.id("area_id")?, reader.int("women")?))
    })
    .await
}
