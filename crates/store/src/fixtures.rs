//! Rows the storage contract suites share: a fixed instant, Qazvin province with two of its
//! counties, and a budget line with its three ledger accounts — written through the ports,
//! so each suite states only the rows its own contract is about.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::budget::NewBudgetLine;
use hamyar_app::ports::ledger::NewLedgerAccount;
use hamyar_app::ports::{NewPlaceRow, StoreError, Tx};
use jiff::Timestamp;

/// A fixed instant plus `seconds`, whole seconds so it survives the storage format.
pub fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + seconds).expect("valid instant")
}

/// The country, province Qazvin and its counties Abyek and Takestan:
/// `(qazvin, abyek, takestan)`.
pub async fn qazvin_places(tx: &mut dyn Tx) -> (PlaceId, PlaceId, PlaceId) {
    let mut insert = async |kind: &str, parent_id: Option<PlaceId>, code: &str| {
        tx.insert_place(&NewPlaceRow {
            kind: kind.into(),
            parent_id,
            code: code.into(),
            created_at: at(0),
        })
        .await
        .expect("insert place")
    };
    let country = insert("country", None, "ir").await;
    let qazvin = insert("province", Some(country), "ir.qazvin").await;
    let abyek = insert("county", Some(qazvin), "ir.qazvin.abyek").await;
    let takestan = insert("county", Some(qazvin), "ir.qazvin.takestan").await;
    (qazvin, abyek, takestan)
}

/// A budget line of `category` for `year` at the province (or its county) with its budget,
/// expense and commitment accounts, created at `at(5)`.
pub async fn budget_line(
    tx: &mut dyn Tx,
    year: i32,
    province_id: PlaceId,
    county_id: Option<PlaceId>,
    category: &str,
) -> Result<hamyar_app::ports::budget::BudgetLineId, StoreError> {
    let mut accounts = Vec::new();
    for (prefix, kind) in [
        ("budget", "equity"),
        ("expense", "expense"),
        ("commitments", "liability"),
    ] {
        let code = format!(
            "{prefix}.{category}.{year}.{}",
            county_id.unwrap_or(province_id)
        );
        let id = tx
            .insert_ledger_account(&NewLedgerAccount {
                code: code.clone(),
                name_fa: code.clone(),
                name_en: code,
                kind: kind.into(),
                province_id: Some(province_id),
                county_id,
                created_at: at(0),
            })
            .await?;
        accounts.push(id);
    }
    tx.insert_budget_line(&NewBudgetLine {
        fiscal_year: year,
        province_id,
        county_id,
        category: category.into(),
        budget_account_id: accounts[0],
        expense_account_id: accounts[1],
        commitment_account_id: accounts[2],
        created_by: None,
        created_at: at(5),
    })
    .await
}
