//! The programme's starting chart of accounts (see `docs/LEDGER.md` for what each money event
//! posts to them and why). Seeding creates the accounts that are missing and leaves existing
//! ones alone, so it can run at every start or after an upgrade that adds an account.

use serde_json::json;

use crate::access::{Actor, Permission, Scope};
use crate::error::{AppError, AppResult};
use crate::ports::ledger::NewLedgerAccount;
use crate::service::{App, AuditEntry};

/// One account of the starting chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartAccount {
    pub code: &'static str,
    pub kind: &'static str,
    pub name_fa: &'static str,
    pub name_en: &'static str,
}

const fn account(
    code: &'static str,
    kind: &'static str,
    name_fa: &'static str,
    name_en: &'static str,
) -> ChartAccount {
    ChartAccount {
        code,
        kind,
        name_fa,
        name_en,
    }
}

/// Programme-wide accounts (no province): later budget lines add per-province sub-accounts.
pub const CHART_OF_ACCOUNTS: [ChartAccount; 14] = [
    account(
        "bank.treasury",
        "asset",
        "خزانه و حساب بانکی برنامه",
        "Treasury and bank",
    ),
    account(
        "equity.appropriation",
        "equity",
        "اعتبار مصوب تخصیص‌نیافته",
        "Budget appropriation (unallocated)",
    ),
    account(
        "budget.training",
        "equity",
        "بودجه آموزش",
        "Training budget",
    ),
    account(
        "budget.job_preparation",
        "equity",
        "بودجه آماده‌سازی شغلی",
        "Job-preparation budget",
    ),
    account(
        "budget.grant",
        "equity",
        "بودجه سرمایه کار بلاعوض",
        "Working-capital grant budget",
    ),
    account(
        "budget.strengthening",
        "equity",
        "بودجه تقویت و تشکیل گروه",
        "Group-strengthening budget",
    ),
    account("budget.other", "equity", "بودجه سایر", "Other budget"),
    account(
        "commitments",
        "liability",
        "تعهدات تأییدشده پرداخت‌نشده",
        "Approved commitments not yet due",
    ),
    account("payables", "liability", "بدهی به پرداخت‌شوندگان", "Payables"),
    account(
        "expense.training",
        "expense",
        "هزینه آموزش",
        "Training expense",
    ),
    account(
        "expense.job_preparation",
        "expense",
        "هزینه آماده‌سازی شغلی",
        "Job-preparation expense",
    ),
    account(
        "expense.grant",
        "expense",
        "هزینه کمک بلاعوض",
        "Grant expense",
    ),
    account(
        "expense.strengthening",
        "expense",
        "هزینه تقویت و تشکیل گروه",
        "Group-strengthening expense",
    ),
    account("expense.other", "expense", "هزینه سایر", "Other expense"),
];

impl App {
    /// Creates the accounts of [`CHART_OF_ACCOUNTS`] that do not exist yet and returns their
    /// codes; one audit row names them. Country-wide posters only: the chart is national.
    pub async fn seed_chart_of_accounts(&self, actor: &Actor) -> AppResult<Vec<String>> {
        actor.require(Permission::PostLedger)?;
        if actor.scope != Scope::Country {
            return Err(AppError::Forbidden);
        }
        let mut tx = self.db.write().await?;
        let mut created = Vec::new();
        for chart in CHART_OF_ACCOUNTS {
            if tx.ledger_account_by_code(chart.code).await?.is_some() {
                continue;
            }
            tx.insert_ledger_account(&NewLedgerAccount {
                code: chart.code.to_owned(),
                name_fa: chart.name_fa.to_owned(),
                name_en: chart.name_en.to_owned(),
                kind: chart.kind.to_owned(),
                province_id: None,
                county_id: None,
                created_at: self.now(),
            })
            .await?;
            created.push(chart.code.to_owned());
        }
        if !created.is_empty() {
            self.audit_in_tx(
                tx.as_mut(),
                AuditEntry {
                    actor,
                    action: "ledger.chart_seed",
                    entity_kind: "ledger_chart",
                    entity_id: "programme".to_owned(),
                    province_id: None,
                    county_id: None,
                    before: None,
                    after: Some(json!({ "created": created })),
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(created)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hamyar_domain::ledger::AccountKind;

    #[test]
    fn every_chart_account_has_a_known_kind_and_a_unique_code() {
        let mut codes: Vec<_> = CHART_OF_ACCOUNTS.iter().map(|a| a.code).collect();
        for chart in CHART_OF_ACCOUNTS {
            assert!(AccountKind::parse(chart.kind).is_ok(), "{}", chart.code);
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), CHART_OF_ACCOUNTS.len());
    }
}
