//! Proposing a payment and attaching evidence. The form arrives as text and is parsed once
//! here: the amount in rials (Persian, Arabic or Latin digits), the date as a Jalali date in
//! the line's fiscal year, the payee and its kind, the groups (by code) and women (by national
//! ID) it was for — each in the actor's scope and at the line's place — and an optional
//! evidence file (PDF, JPEG or PNG by its first bytes). Every problem is reported at once and
//! nothing is written. A proposal that asks for more than is left on the line now is refused
//! early, as a kindness; the binding check is the commitment at approval.

use hamyar_domain::digits::to_latin_digits;
use hamyar_domain::spending::{EvidenceKind, PayeeKind, PaymentStatus};
use hamyar_domain::{JalaliDate, NationalId};
use hamyar_domain::{Message, MessageArg};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::{EVIDENCE_OWNER, payment_in_scope};
use crate::access::{Actor, Permission, PlaceId};
use crate::budget::allocation::{parse_date_or, parse_rials};
use crate::budget::commitment::{outside_year, overdraw_refusal};
use crate::budget::{line_figures_in_tx, line_in_scope};
use crate::error::{AppError, AppResult, FieldError};
use crate::groups::group_in_scope;
use crate::ports::Tx;
use crate::ports::budget::{BudgetLineId, BudgetLineRow};
use crate::ports::spending::{EvidenceId, NewEvidence, NewPayment, PaymentId, PaymentLink};
use crate::ports::training::CourseRunId;
use crate::registry::woman_in_scope;
use crate::service::{App, AuditEntry};

/// A proposal as typed into the form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PaymentInput {
    pub budget_line_id: BudgetLineId,
    pub payee: String,
    /// A `PayeeKind` code or label.
    pub payee_kind: String,
    pub amount: String,
    /// Jalali date as typed; empty means today.
    pub spent_on: String,
    pub reference: String,
    pub description: String,
    /// Group codes separated by spaces, commas or new lines.
    pub group_codes: String,
    /// National IDs separated by spaces, commas or new lines.
    pub woman_national_ids: String,
    pub evidence: Option<EvidenceUpload>,
    /// Chosen by the form, so a double submission proposes once; empty makes a fresh one.
    pub idempotency_key: String,
    /// The course run a payment to a provider is for (its code in the line's province);
    /// blank for none.
    pub course_run_code: String,
}

/// An uploaded evidence file.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct EvidenceUpload {
    pub file_name: String,
    pub content: Vec<u8>,
}

impl std::fmt::Debug for EvidenceUpload {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("EvidenceUpload")
            .field("file_name", &self.file_name)
            .field("size_bytes", &self.content.len())
            .finish()
    }
}

/// What a proposal was for: groups and women, and the course run it pays.
struct Targets {
    links: Vec<PaymentLink>,
    course_run_id: Option<CourseRunId>,
}

/// The parts of a proposal that need no database.
struct Parsed {
    payee: String,
    payee_kind: PayeeKind,
    amount_rials: i64,
    spent_on: JalaliDate,
    reference: String,
    description: String,
    evidence: Option<(EvidenceKind, EvidenceUpload)>,
}

fn split_list(text: &str) -> Vec<String> {
    let mut items: Vec<String> = to_latin_digits(text)
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '،' | ';' | '؛'))
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect();
    items.dedup();
    items
}

fn too_long(field: &'static str, text: &str, most: usize) -> Option<FieldError> {
    (text.chars().count() > most).then(|| {
        FieldError::new(
            field,
            Message::new("propose-text_too_long").arg("most", MessageArg::digits(most)),
        )
    })
}

/// Checks an upload: a named, accepted file.
pub(crate) fn check_evidence(
    upload: &EvidenceUpload,
) -> Result<(EvidenceKind, EvidenceUpload), FieldError> {
    let kind = EvidenceKind::check(&upload.content)
        .map_err(|error| FieldError::new("evidence", error.message()))?;
    let name = upload.file_name.trim();
    let file_name = if name.is_empty() {
        "evidence".to_owned()
    } else {
        name.chars().take(200).collect()
    };
    Ok((
        kind,
        EvidenceUpload {
            file_name,
            content: upload.content.clone(),
        },
    ))
}

fn parse(input: &PaymentInput, today: JalaliDate) -> Result<Parsed, Vec<FieldError>> {
    let mut problems = Vec::new();
    let payee = hamyar_domain::persian_letters(input.payee.trim());
    if payee.is_empty() {
        problems.push(FieldError::new(
            "payee",
            Message::new("propose-payee_required"),
        ));
    }
    problems.extend(too_long("payee", &payee, 200));
    let payee_kind = PayeeKind::parse(&input.payee_kind);
    if payee_kind.is_none() {
        problems.push(FieldError::new(
            "payee_kind",
            Message::new("propose-choose_kind_payee"),
        ));
    }
    let amount = parse_rials("amount", &input.amount);
    let amount_rials = match amount {
        Ok(value) if value > 0 => Some(value),
        Ok(_) => {
            problems.push(FieldError::new(
                "amount",
                Message::new("propose-amount_more_than_zero"),
            ));
            None
        }
        Err(AppError::Invalid(errors)) => {
            problems.extend(errors);
            None
        }
        Err(_) => None,
    };
    let spent_on = match parse_date_or("spent_on", &input.spent_on, today) {
        Ok(date) => Some(date),
        Err(AppError::Invalid(errors)) => {
            problems.extend(errors);
            None
        }
        Err(_) => None,
    };
    let reference = hamyar_domain::persian_letters(input.reference.trim());
    problems.extend(too_long("reference", &reference, 100));
    let description = hamyar_domain::persian_letters(input.description.trim());
    problems.extend(too_long("description", &description, 1000));
    let evidence = match input.evidence.as_ref().filter(|e| !e.content.is_empty()) {
        None => None,
        Some(upload) => match check_evidence(upload) {
            Ok(checked) => Some(checked),
            Err(problem) => {
                problems.push(problem);
                None
            }
        },
    };
    match (payee_kind, amount_rials, spent_on) {
        (Some(payee_kind), Some(amount_rials), Some(spent_on)) if problems.is_empty() => {
            Ok(Parsed {
                payee,
                payee_kind,
                amount_rials,
                spent_on,
                reference,
                description,
                evidence,
            })
        }
        _ => Err(problems),
    }
}

impl App {
    /// Proposes a payment against a line the actor's scope reaches; returns its id (the first
    /// proposal's, when the same form is submitted again).
    pub async fn propose_payment(
        &self,
        actor: &Actor,
        input: &PaymentInput,
    ) -> AppResult<PaymentId> {
        actor.require(Permission::ProposeSpending)?;
        let key = if input.idempotency_key.trim().is_empty() {
            format!("payment.{}", crate::tokens::random_token())
        } else {
            input.idempotency_key.trim().chars().take(100).collect()
        };
        let mut tx = self.db.write().await?;
        let id = self
            .propose_payment_in_tx(tx.as_mut(), actor, input, &key)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The whole proposal inside the caller's transaction, under the idempotency key `key`
    /// (the form's, or an import's natural key): the form parsed, the line in scope and of
    /// the date's year, enough left on it now, the groups and women at the line's place.
    pub(crate) async fn propose_payment_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        input: &PaymentInput,
        key: &str,
    ) -> AppResult<PaymentId> {
        actor.require(Permission::ProposeSpending)?;
        let parsed = parse(input, self.today()).map_err(AppError::Invalid)?;
        if let Some(existing) = tx.payment_by_key(key).await? {
            return if existing.proposed_by == actor.user_id {
                Ok(existing.id)
            } else {
                Err(AppError::Conflict {
                    field: "idempotency_key",
                    message: Message::new("propose-form_was_already_submitted"),
                })
            };
        }
        let line = line_in_scope(tx, actor, input.budget_line_id).await?;
        if parsed.spent_on.year() != line.fiscal_year {
            return Err(outside_year("spent_on", &line));
        }
        let figures = line_figures_in_tx(tx, &line).await?;
        if !figures.can_commit(parsed.amount_rials) {
            return Err(overdraw_refusal("amount", &figures, parsed.amount_rials));
        }
        let targets = Targets {
            links: resolve_links(tx, actor, &line, input).await?,
            course_run_id: course_run_of(tx, actor, &line, &input.course_run_code).await?,
        };
        self.insert_proposal(tx, actor, &line, &parsed, key, &targets)
            .await
    }

    async fn insert_proposal(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        line: &BudgetLineRow,
        parsed: &Parsed,
        key: &str,
        targets: &Targets,
    ) -> AppResult<PaymentId> {
        let (links, course_run_id) = (&targets.links, targets.course_run_id);
        let stamp = self.stamp(tx, actor).await?;
        let row = NewPayment {
            budget_line_id: line.id,
            province_id: line.province_id,
            county_id: line.county_id,
            payee: parsed.payee.clone(),
            payee_kind: parsed.payee_kind.code().to_owned(),
            amount_rials: parsed.amount_rials,
            spent_on: parsed.spent_on,
            reference: parsed.reference.clone(),
            description: parsed.description.clone(),
            idempotency_key: key.to_owned(),
            proposed_by: stamp.by,
            proposed_by_name: stamp.by_name,
            proposed_at: stamp.at,
            course_run_id,
        };
        let id = tx.insert_payment(&row).await?;
        for link in links {
            tx.insert_payment_link(id, *link).await?;
        }
        let evidence = match &parsed.evidence {
            Some((kind, upload)) => Some(self.store_evidence(tx, actor, id, *kind, upload).await?),
            None => None,
        };
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "payment.propose",
                entity_kind: "payment",
                entity_id: id.to_string(),
                province_id: Some(line.province_id),
                county_id: line.county_id,
                before: None,
                after: Some(json!({
                    "budget_line_id": line.id,
                    "payee": row.payee,
                    "payee_kind": row.payee_kind,
                    "amount_rials": row.amount_rials,
                    "spent_on": row.spent_on.to_iso_string(),
                    "reference": row.reference,
                    "description": row.description,
                    "groups": links.iter().filter_map(|l| match l {
                        PaymentLink::Group(g) => Some(*g), PaymentLink::Woman(_) => None,
                    }).collect::<Vec<_>>(),
                    "women": links.iter().filter_map(|l| match l {
                        PaymentLink::Woman(w) => Some(*w), PaymentLink::Group(_) => None,
                    }).collect::<Vec<_>>(),
                    "evidence_id": evidence,
                    "course_run_id": course_run_id,
                })),
            },
        )
        .await?;
        Ok(id)
    }

    /// Attaches an evidence file to a payment that is proposed or approved.
    pub async fn attach_payment_evidence(
        &self,
        actor: &Actor,
        payment_id: PaymentId,
        upload: &EvidenceUpload,
    ) -> AppResult<EvidenceId> {
        if !actor.can(Permission::ProposeSpending) && !actor.can(Permission::ApproveSpending) {
            return Err(AppError::Forbidden);
        }
        let (kind, upload) = check_evidence(upload).map_err(|e| AppError::Invalid(vec![e]))?;
        let mut tx = self.db.write().await?;
        let (row, _) = payment_in_scope(tx.as_mut(), actor, payment_id, true).await?;
        let status = row.status;
        if !matches!(status, PaymentStatus::Proposed | PaymentStatus::Approved) {
            return Err(AppError::invalid(
                "evidence",
                Message::new("propose-evidence_on_closed_payment").arg(
                    "status",
                    MessageArg::label(status.label_fa(), status.label_en().to_lowercase()),
                ),
            ));
        }
        let id = self
            .store_evidence(tx.as_mut(), actor, payment_id, kind, &upload)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Stores the file and audits it (name, type, size and hash; never the content).
    async fn store_evidence(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        payment_id: PaymentId,
        kind: EvidenceKind,
        upload: &EvidenceUpload,
    ) -> AppResult<EvidenceId> {
        let stamp = self.stamp(tx, actor).await?;
        let sha256 = hex::encode(Sha256::digest(&upload.content));
        let row = NewEvidence {
            owner_kind: EVIDENCE_OWNER.to_owned(),
            owner_id: payment_id.get(),
            file_name: upload.file_name.clone(),
            content_type: kind.content_type().to_owned(),
            sha256: sha256.clone(),
            content: upload.content.clone(),
            uploaded_by: stamp.by,
            uploaded_by_name: stamp.by_name,
            uploaded_at: stamp.at,
        };
        let id = tx.insert_evidence(&row).await?;
        let payment = tx
            .payment_by_id(payment_id)
            .await?
            .ok_or(AppError::NotFound)?;
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "payment.evidence_add",
                entity_kind: "payment",
                entity_id: payment_id.to_string(),
                province_id: Some(payment.province_id),
                county_id: payment.county_id,
                before: None,
                after: Some(json!({
                    "evidence_id": id,
                    "file_name": row.file_name,
                    "content_type": row.content_type,
                    "size_bytes": row.content.len(),
                    "sha256": sha256,
                })),
            },
        )
        .await?;
        Ok(id)
    }
}

/// The course run the form names, by code: in the line's province and the actor's scope,
/// in a county the line reaches, and paid from this very line when the run names one.
async fn course_run_of(
    tx: &mut dyn Tx,
    actor: &Actor,
    line: &BudgetLineRow,
    code: &str,
) -> AppResult<Option<CourseRunId>> {
    if code.trim().is_empty() {
        return Ok(None);
    }
    let refused = || {
        AppError::invalid(
            "course_run_code",
            Message::new("propose-course_run_not_for_line").arg("code", code.trim()),
        )
    };
    let Some(code) = crate::training::run_code(code) else {
        return Err(refused());
    };
    let run = tx
        .course_run_by_code(line.province_id, &code)
        .await?
        .filter(|run| {
            actor
                .scope
                .covers(Some(run.province_id), Some(run.county_id))
        })
        .filter(|run| line.county_id.is_none_or(|county| county == run.county_id))
        .filter(|run| {
            run.budget_line_id
                .is_none_or(|paid_from| paid_from == line.id)
        })
        .ok_or_else(refused)?;
    Ok(Some(run.id))
}

/// The groups and women named in the form: each must exist, lie in the actor's scope and at
/// the line's place (its county, for a county line).
async fn resolve_links(
    tx: &mut dyn Tx,
    actor: &Actor,
    line: &BudgetLineRow,
    input: &PaymentInput,
) -> AppResult<Vec<PaymentLink>> {
    let at_line = |province: PlaceId, county: PlaceId| {
        province == line.province_id && line.county_id.is_none_or(|c| c == county)
    };
    let mut links = Vec::new();
    let mut problems = Vec::new();
    for code in split_list(&input.group_codes) {
        let found = match tx.group_id_by_code(line.province_id, &code).await? {
            Some(id) => match group_in_scope(tx, actor, id).await {
                Ok(group) => {
                    at_line(group.record.province_id, group.record.county_id).then_some(group.id)
                }
                Err(AppError::NotFound) => None,
                Err(other) => return Err(other),
            },
            None => None,
        };
        match found {
            Some(id) => links.push(PaymentLink::Group(id)),
            None => problems.push(FieldError::new(
                "group_codes",
                Message::new("propose-group_not_at_line").arg("code", code.as_str()),
            )),
        }
    }
    for text in split_list(&input.woman_national_ids) {
        let found = match NationalId::parse(&text) {
            Ok(national_id) => match tx.woman_by_national_id(national_id.as_str()).await? {
                Some(woman) => match woman_in_scope(tx, actor, woman.id).await {
                    Ok(woman) => at_line(woman.record.province_id, woman.record.county_id)
                        .then_some(woman.id),
                    Err(AppError::NotFound) => None,
                    Err(other) => return Err(other),
                },
                None => None,
            },
            Err(_) => None,
        };
        match found {
            Some(id) => links.push(PaymentLink::Woman(id)),
            None => problems.push(FieldError::new(
                "woman_national_ids",
                Message::new("propose-woman_not_at_line").arg("national_id", text.as_str()),
            )),
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    links.sort_by_key(|link| match link {
        PaymentLink::Group(id) => (0, id.get()),
        PaymentLink::Woman(id) => (1, id.get()),
    });
    links.dedup();
    Ok(links)
}
