//! Today's money work under four eyes: the payments proposed and not yet decided, and the
//! proposed tranches whose release conditions all hold today (judged by the grants area, as
//! the approver is shown before deciding). For a user who may approve, the ones someone else
//! proposed are hers to decide; the rest — her own proposals, or a county expert's county's
//! — are listed as waiting for the province. Both are read through the areas' own use-cases,
//! so they are scoped and disclosed as the payments and grants lists are. Waiting longest
//! first.

use hamyar_domain::JalaliDate;
use hamyar_domain::grants::{GrantStatus, TrancheStatus};
use hamyar_domain::spending::PaymentStatus;

use super::{Clears, Concerns, ItemKind, Section, SectionKind, TodayItem};
use crate::access::{Actor, Permission};
use crate::error::AppResult;
use crate::grants::{GrantListFilter, GrantListItem};
use crate::service::App;
use crate::spending::PaymentQuery;

/// Payments read at most (the payments list's own default page).
const PAYMENTS_READ: i64 = 200;
/// Pages of the grants list read for each status at most.
const GRANT_PAGES: i64 = 4;

impl App {
    pub(super) async fn today_payments(
        &self,
        actor: &Actor,
        today: JalaliDate,
    ) -> AppResult<Section> {
        let approver = actor.can(Permission::ApproveSpending);
        let mut proposed = self
            .payments(
                actor,
                &PaymentQuery {
                    status: Some(PaymentStatus::Proposed),
                    limit: PAYMENTS_READ,
                    ..PaymentQuery::default()
                },
            )
            .await?;
        proposed.sort_by_key(|p| (p.row.proposed_at, p.row.id));
        let items: Vec<TodayItem> = proposed
            .into_iter()
            .map(|payment| {
                let row = payment.row;
                let proposed_on = hamyar_domain::today_in_tehran(row.proposed_at);
                let mine = approver && row.proposed_by != actor.user_id;
                TodayItem {
                    kind: if mine {
                        ItemKind::PaymentToDecide
                    } else {
                        ItemKind::PaymentAwaiting
                    },
                    concerns: Concerns::Payment {
                        id: row.id,
                        payee: row.payee,
                        amount_rials: row.amount_rials,
                    },
                    due_on: Some(proposed_on),
                    days_late: proposed_on.days_until(today),
                    clears: Clears::DecidePayment(row.id),
                }
            })
            .collect();
        let total = items.len() as i64;
        Ok(super::section(SectionKind::Payments, total, items))
    }

    pub(super) async fn today_tranches(
        &self,
        actor: &Actor,
        today: JalaliDate,
    ) -> AppResult<Section> {
        let mut grants: Vec<GrantListItem> = Vec::new();
        for status in [GrantStatus::Proposed, GrantStatus::Open] {
            for page in 0..GRANT_PAGES {
                let found = self
                    .grants(
                        actor,
                        &GrantListFilter {
                            status: status.code().to_owned(),
                            page,
                            ..GrantListFilter::default()
                        },
                    )
                    .await?;
                if found.is_empty() {
                    break;
                }
                grants.extend(found);
            }
        }
        let mut items = Vec::new();
        for grant in grants {
            let mut tx = self.db.read().await?;
            let tranches = tx.tranches_of(grant.grant.id).await?;
            tx.commit().await?;
            for tranche in tranches
                .into_iter()
                .filter(|t| t.status == TrancheStatus::Proposed)
            {
                let results = self.check_tranche_conditions(actor, tranche.id).await?;
                if !results.iter().all(|result| result.passed) {
                    continue;
                }
                let decides = actor.can(Permission::ApproveSpending)
                    && grant.grant.proposed_by != actor.user_id;
                let ready_on = tranche.planned_on;
                items.push(TodayItem {
                    kind: if decides {
                        ItemKind::TrancheReady { seq: tranche.seq }
                    } else {
                        ItemKind::TrancheAwaiting { seq: tranche.seq }
                    },
                    concerns: Concerns::Tranche {
                        grant_id: grant.grant.id,
                        recipient: grant.recipient_name.clone(),
                        amount_rials: tranche.amount_rials,
                    },
                    due_on: Some(ready_on),
                    days_late: ready_on.days_until(today),
                    clears: Clears::DecideTranche(grant.grant.id, tranche.id),
                });
            }
        }
        // Planned longest ago first.
        items.sort_by_key(|item| std::cmp::Reverse(item.days_late));
        let total = items.len() as i64;
        Ok(super::section(SectionKind::Tranches, total, items))
    }
}
