//! The group's book on the ledger: its accounts, coded `fund.<group id>.<account>` and marked
//! with the group so the programme's chart never lists them, made the first time they are
//! needed (a member's savings account when she first saves); and posting journal lines as one
//! balanced ledger transaction. The fund is the women's money, not the programme's, so the
//! programme's fiscal-year closing does not apply to it; the ledger's own checks (balance,
//! idempotency, append-only) do, and `hamyar ledger verify` covers the books.

use std::collections::BTreeMap;

use hamyar_domain::JalaliDate;
use hamyar_domain::fund::FundAccount;
use hamyar_domain::fund::journal::postings;

use crate::access::Actor;
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::groups::GroupRow;
use crate::ports::ledger::{
    AccountId, LedgerTransactionId, NewLedgerAccount, NewLedgerTransaction, PostingLine,
};
use crate::service::{App, actor_name};

/// The code of one of the group's accounts.
pub fn account_code(group: &GroupRow, account: FundAccount) -> String {
    format!("fund.{}.{}", group.id.get(), account.code())
}

/// What one ledger transaction of a group's book posts: journal lines (kind, woman, amount)
/// and, at a share-out, the closing postings of accounts straight to the surplus.
pub(crate) struct BookPosting<'a> {
    pub key: &'a str,
    pub on: JalaliDate,
    pub description: &'a str,
    pub lines: &'a [(hamyar_domain::fund::EntryKind, i64, i64)],
    pub closing: &'a [(FundAccount, i64)],
}

impl App {
    /// Posts the lines as one transaction on the group's book, making any account it lacks;
    /// `None` when the lines move no money (marks of presence only).
    pub(crate) async fn post_fund_lines_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        group: &GroupRow,
        posting: BookPosting<'_>,
    ) -> AppResult<Option<LedgerTransactionId>> {
        let BookPosting {
            key,
            on,
            description,
            lines,
            closing,
        } = posting;
        let mut sums: BTreeMap<FundAccount, i64> = postings(lines).into_iter().collect();
        for (account, amount) in closing {
            *sums.entry(*account).or_default() += amount;
        }
        sums.retain(|_, amount| *amount != 0);
        if sums.is_empty() {
            return Ok(None);
        }
        let known: BTreeMap<String, AccountId> = tx
            .fund_accounts(group.id)
            .await?
            .into_iter()
            .map(|account| (account.code, account.id))
            .collect();
        let mut posting_lines = Vec::with_capacity(sums.len());
        for (account, amount) in &sums {
            let code = account_code(group, *account);
            let id = match known.get(&code) {
                Some(id) => *id,
                None => {
                    let (fa, en) = account.names();
                    let (name_fa, name_en) = match account {
                        FundAccount::Savings(woman) => {
                            let name = tx
                                .woman_by_id(crate::ports::registry::WomanId::new(*woman))
                                .await?
                                .map(|w| format!("{} {}", w.record.first_name, w.record.last_name))
                                .unwrap_or_default();
                            (format!("{fa} — {name}"), format!("{en} — {name}"))
                        }
                        _ => (
                            format!("{fa} — {}", group.record.name),
                            format!("{en} — {}", group.record.name),
                        ),
                    };
                    tx.insert_fund_account(
                        group.id,
                        &NewLedgerAccount {
                            code,
                            name_fa,
                            name_en,
                            kind: account.kind().to_owned(),
                            province_id: Some(group.record.province_id),
                            county_id: Some(group.record.county_id),
                            created_at: self.now(),
                        },
                    )
                    .await?
                }
            };
            posting_lines.push(PostingLine {
                account_id: id,
                amount_rials: *amount,
            });
        }
        let recorded_by_name = actor_name(tx, actor).await?;
        let id = tx
            .post_ledger_transaction(&NewLedgerTransaction {
                idempotency_key: key.to_owned(),
                effective_on: on.to_iso_string(),
                description: description.chars().take(500).collect(),
                reverses_id: None,
                recorded_by: actor.user_id,
                recorded_by_name,
                recorded_at: self.now(),
                province_id: Some(group.record.province_id),
                county_id: Some(group.record.county_id),
                postings: posting_lines,
            })
            .await
            .map_err(|error| match error {
                crate::ports::StoreError::Unique(_) => {
                    super::refuse("key", "fund-already_recorded")
                }
                other => AppError::from(other),
            })?;
        Ok(Some(id))
    }
}
