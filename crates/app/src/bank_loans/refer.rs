//! Referring a woman, or each current member of a group, to an agent bank: the form is read
//! whole first, her place checked, the guarantors found (a registry woman must be one the
//! actor reaches; nobody guarantees her own loan), then the double-support check; the warning
//! stops the referral until the expert confirms it (`acknowledged`).

use hamyar_domain::Message;
use hamyar_domain::bank_loans::referral::GUARANTOR_FIELDS;
use hamyar_domain::bank_loans::{
    GuarantorDraft, GuarantorInput, LoanStatus, ReferralDraft, ReferralInput,
};
use serde_json::json;

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult};
use crate::facilities::SupportWarning;
use crate::facilities::history::HISTORY_VIEW;
use crate::group_life::{group_facts_in_scope, invalid};
use crate::ports::Tx;
use crate::ports::bank_loans::{BankLoanId, BankLoanRow, GuarantorRow};
use crate::ports::groups::GroupId;
use crate::ports::registry::{WomanId, WomanRow};
use crate::registry::woman_in_scope;
use crate::service::{App, actor_name};

use super::{guarantors_snapshot, snapshot};

/// The audit action of a referral.
pub const REFERRED: &str = "bank_loan.refer";

/// What a referral form came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferralOutcome {
    /// Written: one referral per woman.
    Referred(Vec<BankLoanId>),
    /// Nothing written: these women already had support within the window; confirm to refer.
    Warned(Vec<SupportWarning>),
}

/// The slot (0-based) of each guarantor the form filled, in the order the draft lists them.
fn filled_slots(inputs: &[GuarantorInput]) -> Vec<usize> {
    inputs
        .iter()
        .enumerate()
        .filter(|(_, g)| {
            !(g.woman_id.trim().is_empty()
                && g.name.trim().is_empty()
                && g.national_id.trim().is_empty())
        })
        .map(|(slot, _)| slot)
        .collect()
}

/// A guarantor of the form, resolved: a registry woman's name and national id are copied.
struct Resolved {
    slot: usize,
    woman_id: Option<WomanId>,
    name: String,
    national_id: String,
}

async fn resolve_guarantors(
    tx: &mut dyn Tx,
    actor: &Actor,
    input: &ReferralInput,
    draft: &ReferralDraft,
) -> AppResult<Vec<Resolved>> {
    let mut resolved = Vec::new();
    for (slot, guarantor) in filled_slots(&input.guarantors)
        .into_iter()
        .zip(&draft.guarantors)
    {
        resolved.push(match guarantor {
            GuarantorDraft::Registry(id) => {
                let woman = woman_in_scope(tx, actor, *id)
                    .await
                    .map_err(|error| match error {
                        AppError::NotFound => AppError::invalid(
                            GUARANTOR_FIELDS[slot].0,
                            Message::new("bank-loans-guarantor_woman_unknown"),
                        ),
                        other => other,
                    })?;
                Resolved {
                    slot,
                    woman_id: Some(woman.id),
                    name: crate::facilities::display_name(&woman),
                    national_id: woman.record.national_id.clone(),
                }
            }
            GuarantorDraft::Named { name, national_id } => Resolved {
                slot,
                woman_id: None,
                name: name.clone(),
                national_id: national_id.as_str().to_owned(),
            },
        });
    }
    Ok(resolved)
}

/// Her guarantors: everyone but herself. `refuse` says whether naming her is an error (a
/// woman's own form) or just leaves her off (a group's letter, where members guarantee each
/// other).
fn guarantors_of(woman: &WomanRow, all: &[Resolved], refuse: bool) -> AppResult<Vec<GuarantorRow>> {
    let mut rows = Vec::new();
    for guarantor in all {
        let herself = guarantor.woman_id == Some(woman.id)
            || guarantor.national_id == woman.record.national_id;
        if herself && refuse {
            let (woman_field, _, id_field) = GUARANTOR_FIELDS[guarantor.slot];
            let field = if guarantor.woman_id.is_some() {
                woman_field
            } else {
                id_field
            };
            return Err(AppError::invalid(
                field,
                Message::new("bank-loans-guarantor_is_borrower"),
            ));
        }
        if herself {
            continue;
        }
        rows.push(GuarantorRow {
            loan_id: BankLoanId::default(),
            province_id: woman.record.province_id,
            county_id: woman.record.county_id,
            position: i64::try_from(rows.len() + 1).unwrap_or(i64::MAX),
            woman_id: guarantor.woman_id,
            name: guarantor.name.clone(),
            national_id: guarantor.national_id.clone(),
        });
    }
    Ok(rows)
}

impl App {
    /// Refers a woman the actor reaches to an agent bank. With earlier support within her
    /// province's window and `acknowledged` false, writes nothing but the showing of her
    /// history and returns the warning.
    pub async fn refer_to_bank(
        &self,
        actor: &Actor,
        woman_id: WomanId,
        input: &ReferralInput,
        acknowledged: bool,
    ) -> AppResult<ReferralOutcome> {
        actor.require(Permission::ProposeSpending)?;
        let mut tx = self.db.write().await?;
        // Her place before the form: a woman out of reach is not found, whatever was typed.
        let woman = woman_in_scope(tx.as_mut(), actor, woman_id).await?;
        let draft = ReferralDraft::parse(input, self.today()).map_err(invalid)?;
        let resolved = resolve_guarantors(tx.as_mut(), actor, input, &draft).await?;
        let guarantors = guarantors_of(&woman, &resolved, true)?;
        self.refer_in_tx(
            tx,
            actor,
            vec![(woman, guarantors)],
            None,
            &draft,
            acknowledged,
        )
        .await
    }

    /// Refers every current member of a group the actor reaches, each for the form's amount
    /// and terms (see the module notes); warned like a woman's referral.
    pub async fn refer_group_to_bank(
        &self,
        actor: &Actor,
        group_id: GroupId,
        input: &ReferralInput,
        acknowledged: bool,
    ) -> AppResult<ReferralOutcome> {
        actor.require(Permission::ProposeSpending)?;
        let mut tx = self.db.write().await?;
        group_facts_in_scope(tx.as_mut(), actor, group_id).await?;
        let draft = ReferralDraft::parse(input, self.today()).map_err(invalid)?;
        let resolved = resolve_guarantors(tx.as_mut(), actor, input, &draft).await?;
        let mut members = Vec::new();
        for member in tx.members_of_group(group_id).await? {
            if member.membership.left_on.is_some() {
                continue;
            }
            let woman = woman_in_scope(tx.as_mut(), actor, member.membership.woman_id).await?;
            let guarantors = guarantors_of(&woman, &resolved, false)?;
            members.push((woman, guarantors));
        }
        if members.is_empty() {
            return Err(AppError::invalid(
                "group",
                Message::new("bank-loans-group_has_no_members"),
            ));
        }
        self.refer_in_tx(tx, actor, members, Some(group_id), &draft, acknowledged)
            .await
    }

    async fn refer_in_tx(
        &self,
        mut tx: Box<dyn Tx>,
        actor: &Actor,
        women: Vec<(WomanRow, Vec<GuarantorRow>)>,
        group_id: Option<GroupId>,
        draft: &ReferralDraft,
        acknowledged: bool,
    ) -> AppResult<ReferralOutcome> {
        let mut warnings = Vec::new();
        for (woman, _) in &women {
            warnings.extend(
                self.support_warnings_in_tx(
                    tx.as_mut(),
                    &[woman.id],
                    woman.record.province_id,
                    draft.referred_on,
                )
                .await?,
            );
        }
        if !warnings.is_empty() && !acknowledged {
            // The warning shows part of her history: recorded like any showing of it.
            for warning in &warnings {
                let woman = women
                    .iter()
                    .map(|(w, _)| w)
                    .find(|w| w.id == warning.woman_id);
                if let Some(woman) = woman {
                    let detail = json!({
                        "support_warning_on": draft.referred_on.to_iso_string(),
                        "facilities": warning.prior.len(),
                    });
                    self.record_showing(tx.as_mut(), actor, HISTORY_VIEW, woman, Some(detail))
                        .await?;
                }
            }
            tx.commit().await?;
            return Ok(ReferralOutcome::Warned(warnings));
        }
        let recorder = actor_name(tx.as_mut(), actor).await?;
        let mut ids = Vec::new();
        for (woman, guarantors) in women {
            let warned = warnings
                .iter()
                .filter(|w| w.woman_id == woman.id)
                .map(|w| w.prior.len())
                .sum::<usize>();
            let mut loan = BankLoanRow {
                id: BankLoanId::default(),
                province_id: woman.record.province_id,
                county_id: woman.record.county_id,
                woman_id: woman.id,
                group_id,
                bank: draft.bank,
                bank_name: draft.bank_name.clone(),
                amount_rials: draft.amount.value(),
                fee_basis_points: i64::from(draft.fee_basis_points),
                term_months: i64::from(draft.term_months),
                referred_on: draft.referred_on,
                note: draft.note.clone(),
                warned_facilities: i64::try_from(warned).unwrap_or(i64::MAX),
                status: LoanStatus::Referred,
                decided_on: None,
                approved_amount_rials: None,
                decision_note: String::new(),
                disbursed_on: None,
                disbursed_amount_rials: None,
                facility_id: None,
                closed_on: None,
                closing_note: String::new(),
                created_by: actor.user_id,
                created_by_name: recorder.clone(),
                recorded_at: self.now(),
                updated_at: self.now(),
            };
            loan.id = tx.insert_bank_loan(&loan).await?;
            for guarantor in &guarantors {
                let row = GuarantorRow {
                    loan_id: loan.id,
                    ..guarantor.clone()
                };
                tx.insert_bank_loan_guarantor(&row).await?;
            }
            let mut after = snapshot(&loan);
            after["guarantors"] = guarantors_snapshot(&guarantors);
            self.audit_loan(tx.as_mut(), actor, REFERRED, &loan, None, after)
                .await?;
            ids.push(loan.id);
        }
        tx.commit().await?;
        Ok(ReferralOutcome::Referred(ids))
    }
}
