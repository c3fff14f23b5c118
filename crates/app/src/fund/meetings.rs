//! The meeting screen of a group's fund: what the facilitator sees before a meeting (each
//! member with her shares, savings and loan, the cash the books say is in the box, this
//! cycle's open draws) and recording the meeting — the journal lines, the loans with their
//! guarantors and schedules, the meeting row and one balanced ledger transaction on the
//! group's book — in one database transaction with its audit row. Submitting the same screen
//! twice (the same key) records it once. The JSON API and the field app's sync record the same
//! meeting through [`App::record_fund_meeting_once`] and `record_fund_meeting_in_tx`, under the
//! person's `Idempotency-Key` (`crate::once`) instead of the screen's key.

use std::collections::{BTreeMap, BTreeSet};

use hamyar_domain::JalaliDate;
use hamyar_domain::fund::meeting::{MeetingContext, MeetingDraft, MeetingInput};
use hamyar_domain::fund::{EntryKind, FundPosition, loan::days_late};
use serde_json::json;

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult};
use crate::fund::book::BookPosting;
use crate::fund::cycles::rules_of;
use crate::fund::{fund_group, open_cycle, refuse};
use crate::group_life::member_between;
use crate::groups::invalid;
use crate::once::{KeyedRequest, Once};
use crate::ports::AuditSubject;
use crate::ports::Tx;
use crate::ports::fund::{
    FundCycleRow, FundLoanId, FundLoanRow, FundLotteryRow, FundMeetingId, FundMeetingRow,
    NewFundEntry,
};
use crate::ports::groups::{GroupId, GroupRow};
use crate::ports::registry::WomanId;
use crate::service::{App, AuditEntry, actor_name};

/// The most characters of an idempotency key from a form.
const KEY_MAX: usize = 100;

/// A member as the screen shows her.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundMember {
    pub woman_id: WomanId,
    pub name: String,
    /// Shares bought in the open cycle.
    pub shares: i64,
    pub savings: i64,
    /// Her loan still owed: id, what is left, days late today.
    pub loan: Option<(FundLoanId, i64, i64)>,
}

/// Everything the fund's page and meeting screen show.
#[derive(Debug, Clone)]
pub struct FundScreen {
    pub group: GroupRow,
    pub cycles: Vec<FundCycleRow>,
    pub cycle: Option<FundCycleRow>,
    pub position: FundPosition,
    pub members: Vec<FundMember>,
    pub meetings: Vec<FundMeetingRow>,
    pub loans: Vec<FundLoanRow>,
    pub draws: Vec<FundLotteryRow>,
    /// Draws with winners not yet lent to: draw id → those winners.
    pub open_draws: BTreeMap<i64, BTreeSet<i64>>,
    pub today: JalaliDate,
}

impl FundScreen {
    pub fn member_name(&self, woman: i64) -> String {
        self.members
            .iter()
            .find(|m| m.woman_id.get() == woman)
            .map(|m| m.name.clone())
            .unwrap_or_default()
    }
}

impl App {
    /// The group's fund as it stands; audited as a showing of its members' money.
    pub async fn fund_screen(&self, actor: &Actor, group_id: GroupId) -> AppResult<FundScreen> {
        let mut tx = self.db.write().await?;
        let group = fund_group(tx.as_mut(), actor, group_id, false).await?;
        let screen = self.fund_screen_in(tx.as_mut(), group).await?;
        let subjects = screen
            .members
            .iter()
            .map(|m| {
                AuditSubject::woman(
                    m.woman_id,
                    Some(screen.group.record.province_id),
                    Some(screen.group.record.county_id),
                )
            })
            .collect();
        self.audit_with_subjects_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "fund.view",
                entity_kind: "group",
                entity_id: group_id.to_string(),
                province_id: Some(screen.group.record.province_id),
                county_id: Some(screen.group.record.county_id),
                before: None,
                after: Some(json!({ "cycle": screen.cycle.as_ref().map(|c| c.id.get()) })),
            },
            subjects,
        )
        .await?;
        tx.commit().await?;
        Ok(screen)
    }

    pub(crate) async fn fund_screen_in(
        &self,
        tx: &mut dyn Tx,
        group: GroupRow,
    ) -> AppResult<FundScreen> {
        let today = self.today();
        let cycles = tx.fund_cycles_of_group(group.id).await?;
        let cycle = cycles.iter().find(|c| c.shared_out_on.is_none()).cloned();
        let current = cycle
            .as_ref()
            .or(cycles.last())
            .map(|c| c.id.get())
            .unwrap_or(0);
        let journal = tx.fund_journal(group.id).await?;
        let position = FundPosition::fold(&journal, current);
        let (meetings, loans, draws) = match cycles.iter().find(|c| c.id.get() == current) {
            Some(shown) => (
                tx.fund_meetings_of_cycle(shown.id).await?,
                tx.fund_loans_of_cycle(shown.id).await?,
                tx.fund_lotteries_of_cycle(shown.id).await?,
            ),
            None => Default::default(),
        };
        let mut open_draws = BTreeMap::new();
        for draw in &draws {
            let lent: BTreeSet<i64> = loans
                .iter()
                .filter(|loan| loan.lottery_id == Some(draw.id))
                .map(|loan| loan.woman_id.get())
                .collect();
            let left: BTreeSet<i64> = draw
                .winners
                .iter()
                .copied()
                .filter(|w| !lent.contains(w))
                .collect();
            if !left.is_empty() {
                open_draws.insert(draw.id.get(), left);
            }
        }
        let spans = tx.member_spans(group.id).await?;
        let mut members = Vec::new();
        for span in spans
            .iter()
            .filter(|s| s.left_on.is_none_or(|left| left > today))
        {
            let woman = span.woman_id.get();
            if members
                .iter()
                .any(|m: &FundMember| m.woman_id == span.woman_id)
            {
                continue;
            }
            let standing = position.members.get(&woman).copied().unwrap_or_default();
            let mut loan = None;
            if let Some((loan_id, money)) = position.open_loan_of(woman) {
                let late = match tx
                    .fund_schedules(FundLoanId::new(loan_id))
                    .await?
                    .into_iter()
                    .rev()
                    .find(|v| v.effective_on <= today)
                {
                    Some(version) => days_late(
                        &version.instalments,
                        money.repaid + money.written_off,
                        today,
                    ),
                    None => 0,
                };
                loan = Some((FundLoanId::new(loan_id), money.outstanding(), late));
            }
            members.push(FundMember {
                woman_id: span.woman_id,
                name: format!("{} {}", span.first_name, span.last_name),
                shares: standing.shares,
                savings: standing.savings,
                loan,
            });
        }
        Ok(FundScreen {
            group,
            cycles,
            cycle,
            position,
            members,
            meetings,
            loans,
            draws,
            open_draws,
            today,
        })
    }

    /// Records a meeting of the group's open cycle (the meeting screen): the same `key` from
    /// the screen records it once.
    pub async fn record_fund_meeting(
        &self,
        actor: &Actor,
        group_id: GroupId,
        input: &MeetingInput,
        key: &str,
    ) -> AppResult<FundMeetingId> {
        if key.is_empty() || key.len() > KEY_MAX || !key.chars().all(|c| c.is_ascii_graphic()) {
            return Err(refuse("key", "fund-bad_key"));
        }
        let key = format!("fund.meeting.{group_id}.{key}");
        let mut tx = self.db.write().await?;
        let group = fund_group(tx.as_mut(), actor, group_id, true).await?;
        if let Some(done) = tx.fund_meeting_by_key(&key).await? {
            return Ok(done.id);
        }
        let id = self
            .write_fund_meeting_in_tx(tx.as_mut(), actor, group, input, &key)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// [`App::record_fund_meeting`] done once per idempotency key of the JSON API (and the
    /// field app's sync): a meeting sent again under the same key is not recorded twice, and
    /// the repeat is answered with the first one's id.
    pub async fn record_fund_meeting_once(
        &self,
        actor: &Actor,
        group_id: GroupId,
        input: &MeetingInput,
        request: KeyedRequest<'_>,
    ) -> AppResult<Once<i64>> {
        actor.require(Permission::KeepFund)?;
        let mut tx = self.db.write().await?;
        if let Some(first) = self.recall(tx.as_mut(), actor, request).await? {
            return Ok(first);
        }
        let id = self
            .record_fund_meeting_in_tx(tx.as_mut(), actor, group_id, input, request)
            .await?;
        self.remember(tx, actor, request, id.get()).await
    }

    /// [`App::record_fund_meeting`] inside the caller's transaction, for a write done once
    /// under an API key (the caller recalls and remembers the key around it, and commits).
    /// A refusal may come after the first writes: the caller must then roll back.
    pub(crate) async fn record_fund_meeting_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        group_id: GroupId,
        input: &MeetingInput,
        request: KeyedRequest<'_>,
    ) -> AppResult<FundMeetingId> {
        let group = fund_group(tx, actor, group_id, true).await?;
        let key = api_book_key(group_id, actor, request)?;
        self.write_fund_meeting_in_tx(tx, actor, group, input, &key)
            .await
    }

    /// The meeting checked and written under `key` (the meeting's and its ledger
    /// transaction's unique key), for a group whose fund the actor keeps.
    async fn write_fund_meeting_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        group: GroupRow,
        input: &MeetingInput,
        key: &str,
    ) -> AppResult<FundMeetingId> {
        let group_id = group.id;
        let key = key.to_owned();
        let cycle = open_cycle(tx, group_id)
            .await?
            .ok_or_else(|| refuse("held_on", "fund-no_open_cycle"))?;
        let rules = rules_of(&cycle);
        let journal = tx.fund_journal(group_id).await?;
        let position = FundPosition::fold(&journal, cycle.id.get());
        let meetings = tx.fund_meetings_of_cycle(cycle.id).await?;
        let draws = tx.fund_lotteries_of_cycle(cycle.id).await?;
        let loans = tx.fund_loans_of_cycle(cycle.id).await?;
        let mut open_draws = BTreeMap::new();
        for draw in &draws {
            let left: BTreeSet<i64> = draw
                .winners
                .iter()
                .copied()
                .filter(|w| {
                    !loans
                        .iter()
                        .any(|l| l.lottery_id == Some(draw.id) && l.woman_id.get() == *w)
                })
                .collect();
            open_draws.insert(draw.id.get(), left);
        }
        let spans = tx.member_spans(group_id).await?;
        let held_on = hamyar_domain::JalaliDate::parse(&input.held_on).ok();
        let on = held_on.unwrap_or_else(|| self.today());
        let members: BTreeSet<i64> = spans
            .iter()
            .filter(|s| member_between(&spans, s.woman_id, on, on))
            .map(|s| s.woman_id.get())
            .collect();
        let context = MeetingContext {
            rules: &rules,
            position: &position,
            members: &members,
            last_meeting_on: meetings.last().map(|m| m.held_on),
            open_draws: &open_draws,
            today: self.today(),
        };
        let draft = MeetingDraft::check(input, &context).map_err(invalid)?;
        let number = meetings.last().map(|m| m.number).unwrap_or(0) + 1;
        let recorded_by_name = actor_name(tx, actor).await?;
        let meeting_row = FundMeetingRow {
            id: FundMeetingId::new(0),
            cycle_id: cycle.id,
            group_id,
            province_id: group.record.province_id,
            county_id: group.record.county_id,
            number,
            held_on: draft.held_on,
            cash_before_rials: draft.cash_before,
            cash_expected_rials: draft.cash_expected,
            cash_counted_rials: draft.cash_counted,
            ledger_transaction_id: None,
            idempotency_key: key.clone(),
            note: draft.note.clone(),
            recorded_by: actor.user_id,
            recorded_by_name: recorded_by_name.clone(),
            recorded_at: self.now(),
        };
        // The ledger transaction first, so its id goes on the meeting and the lines.
        let mut ledger_lines: Vec<(EntryKind, i64, i64)> = draft
            .lines
            .iter()
            .map(|l| (l.kind, l.woman_id.unwrap_or_default(), l.amount))
            .collect();
        for loan in &draft.loans {
            ledger_lines.push((
                EntryKind::Disbursement,
                loan.woman_id,
                loan.principal.value(),
            ));
            ledger_lines.push((EntryKind::Fee, loan.woman_id, loan.fee.value()));
        }
        let description = format!(
            "جلسهٔ {number} صندوق گروه {} — {}",
            group.record.name,
            draft.held_on.to_iso_string()
        );
        let transaction = self
            .post_fund_lines_in_tx(
                tx,
                actor,
                &group,
                BookPosting {
                    key: &key,
                    on: draft.held_on,
                    description: &description,
                    lines: &ledger_lines,
                    closing: &[],
                },
            )
            .await?;
        let meeting_id = tx
            .insert_fund_meeting(&FundMeetingRow {
                ledger_transaction_id: transaction,
                ..meeting_row
            })
            .await
            .map_err(|error| match error {
                crate::ports::StoreError::Unique(_) => refuse("held_on", "fund-meeting_same_day"),
                other => AppError::from(other),
            })?;
        let entry = |kind, woman: Option<i64>, loan, shares, amount| NewFundEntry {
            group_id,
            cycle_id: cycle.id,
            province_id: group.record.province_id,
            county_id: group.record.county_id,
            meeting_id: Some(meeting_id),
            loan_id: loan,
            woman_id: woman.map(WomanId::new),
            kind,
            shares,
            amount_rials: amount,
            happened_on: draft.held_on,
            ledger_transaction_id: transaction,
        };
        let mut entries: Vec<NewFundEntry> = draft
            .lines
            .iter()
            .map(|l| {
                entry(
                    l.kind,
                    l.woman_id,
                    l.loan_id.map(FundLoanId::new),
                    l.shares,
                    l.amount,
                )
            })
            .collect();
        for loan in &draft.loans {
            let loan_id = tx
                .insert_fund_loan(
                    &FundLoanRow {
                        id: FundLoanId::new(0),
                        cycle_id: cycle.id,
                        group_id,
                        woman_id: WomanId::new(loan.woman_id),
                        province_id: group.record.province_id,
                        county_id: group.record.county_id,
                        meeting_id,
                        disbursed_on: draft.held_on,
                        principal_rials: loan.principal.value(),
                        fee_rials: loan.fee.value(),
                        term_months: i64::from(loan.term_months),
                        allocation: loan.allocation,
                        lottery_id: loan.lottery_id.map(crate::ports::fund::FundLotteryId::new),
                        state: "active".into(),
                        closed_on: None,
                        write_off_reason: None,
                        guarantors: loan.guarantors.iter().copied().map(WomanId::new).collect(),
                    },
                    &loan.instalments,
                )
                .await?;
            entries.push(entry(
                EntryKind::Disbursement,
                Some(loan.woman_id),
                Some(loan_id),
                0,
                loan.principal.value(),
            ));
            if loan.fee.value() > 0 {
                entries.push(entry(
                    EntryKind::Fee,
                    Some(loan.woman_id),
                    Some(loan_id),
                    0,
                    loan.fee.value(),
                ));
            }
        }
        tx.insert_fund_entries(&entries).await?;
        // A loan paid off at this meeting is closed as repaid.
        let mut after = position.clone();
        for e in &entries {
            after.apply(
                &hamyar_domain::fund::JournalLine {
                    cycle_id: cycle.id.get(),
                    kind: e.kind,
                    woman_id: e.woman_id.map(|w| w.get()),
                    loan_id: e.loan_id.map(|l| l.get()),
                    shares: e.shares,
                    amount: e.amount_rials,
                    on: e.happened_on,
                },
                cycle.id.get(),
            );
        }
        for (loan_id, money) in &after.loans {
            if money.outstanding() == 0
                && position
                    .loans
                    .get(loan_id)
                    .is_some_and(|m| m.outstanding() > 0)
            {
                tx.close_fund_loan(FundLoanId::new(*loan_id), "repaid", draft.held_on, None)
                    .await?;
            }
        }
        // Her receipts go in the outbox with the meeting, or not at all.
        self.enqueue_meeting_receipts_in_tx(
            tx,
            &crate::sms::receipts::MeetingReceipts {
                meeting_id: meeting_id.get(),
                group_name: &group.record.name,
                held_on: draft.held_on,
                lines: &draft.lines,
                loans_after: &after.loans,
            },
        )
        .await?;
        let subjects = members
            .iter()
            .map(|w| {
                AuditSubject::woman(
                    WomanId::new(*w),
                    Some(group.record.province_id),
                    Some(group.record.county_id),
                )
            })
            .collect();
        self.audit_with_subjects_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "fund.meeting",
                entity_kind: "group",
                entity_id: group_id.to_string(),
                province_id: Some(group.record.province_id),
                county_id: Some(group.record.county_id),
                before: None,
                after: Some(json!({
                    "meeting": meeting_id.get(),
                    "cycle": cycle.id.get(),
                    "held_on": draft.held_on.to_iso_string(),
                    "present": draft.present(),
                    "loans": draft.loans.len(),
                    "cash_expected_rials": draft.cash_expected,
                    "cash_counted_rials": draft.cash_counted,
                    "difference_rials": draft.difference(),
                })),
            },
            subjects,
        )
        .await?;
        Ok(meeting_id)
    }
}

/// The unique key of a meeting recorded through the API: the person's key is hers alone
/// (`api_requests` is keyed by person), so the meeting's key names her, under a prefix the
/// screen's keys (`fund.meeting.…`) never take.
fn api_book_key(group_id: GroupId, actor: &Actor, request: KeyedRequest<'_>) -> AppResult<String> {
    let user_id = actor.user_id.ok_or(AppError::Forbidden)?;
    Ok(format!(
        "fund.api_meeting.{group_id}.{user_id}.{}",
        request.key.as_str()
    ))
}
