//! A woman's household, other-body inquiries and documents checklist. Household size is
//! derived (she plus her members) and maintained by the store with each change; adding a
//! member whose national ID is registered elsewhere queues a likely duplicate.

use hamyar_domain::JalaliDate;
use hamyar_domain::registry::{DocumentKind, InquiryResult, MemberDraft, MemberInput, OtherBody};
use hamyar_domain::{Message, MessageArg};

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult, FieldError};
use crate::ports::registry::{DocumentRow, InquiryRow, WomanId};
use crate::registry::duplicates::{DuplicateHint, detect_for_woman};
use crate::registry::women::member_row;
use crate::registry::{field_errors, woman_in_scope};
use crate::service::{App, AuditEntry};

/// An inquiry to another body, as typed.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct InquiryInput {
    pub body: String,
    pub inquired_on: String,
    pub result: String,
    pub notes: String,
}

/// A documents-checklist entry, as typed (`received_on` empty = not received).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct DocumentInput {
    pub kind: String,
    pub received_on: String,
    pub notes: String,
}

fn clean(text: &str, field: &'static str, max: usize, errors: &mut Vec<FieldError>) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > max {
        errors.push(FieldError::new(
            field,
            Message::new("household-text_too_long").arg("max", MessageArg::digits(max)),
        ));
    }
    text
}

fn parse_day(
    raw: &str,
    field: &'static str,
    today: JalaliDate,
    errors: &mut Vec<FieldError>,
) -> Option<JalaliDate> {
    match JalaliDate::parse(raw) {
        Ok(day) if day > today => {
            errors.push(FieldError::new(
                field,
                Message::new("household-date_cannot_future"),
            ));
            None
        }
        Ok(day) => Some(day),
        Err(e) => {
            errors.push(FieldError::new(field, e.message()));
            None
        }
    }
}

impl App {
    /// Adds a household member; returns likely duplicates found by her national ID.
    pub async fn add_member(
        &self,
        actor: &Actor,
        id: WomanId,
        input: &MemberInput,
    ) -> AppResult<Vec<DuplicateHint>> {
        actor.require(Permission::RegisterWomen)?;
        let member = MemberDraft::parse(input, self.today())
            .map_err(|p| AppError::Invalid(field_errors(p, None)))?;
        let mut tx = self.db.write().await?;
        let woman = woman_in_scope(tx.as_mut(), actor, id).await?;
        if member
            .national_id
            .as_ref()
            .is_some_and(|n| n.as_str() == woman.record.national_id)
        {
            return Err(AppError::invalid(
                "national_id",
                Message::new("household-member_s_national_id_woman"),
            ));
        }
        let row = member_row(id, &member);
        let member_id = tx.insert_member(&row, self.now()).await?;
        let hints = detect_for_woman(
            tx.as_mut(),
            id,
            &woman.record,
            std::slice::from_ref(&member),
            self.now(),
        )
        .await?;
        self.audit_in_tx(tx.as_mut(), AuditEntry {
            actor, action: "woman.member_add", entity_kind: "woman", entity_id: id.to_string(),
            province_id: Some(woman.record.province_id), county_id: Some(woman.record.county_id),
            before: None,
            after: Some(serde_json::json!({"member_id": member_id, "first_name": row.first_name, "last_name": row.last_name, "relation": row.relation, "birth_date": row.birth_date, "national_id": row.national_id, "disability": row.disability, "activity": row.activity})),
        }).await?;
        tx.commit().await?;
        Ok(hints)
    }

    /// Removes a household member (she moved out, or was entered by mistake).
    pub async fn remove_member(&self, actor: &Actor, id: WomanId, member_id: i64) -> AppResult<()> {
        actor.require(Permission::RegisterWomen)?;
        let mut tx = self.db.write().await?;
        let woman = woman_in_scope(tx.as_mut(), actor, id).await?;
        let member = tx
            .members_of(id)
            .await?
            .into_iter()
            .find(|m| m.id == member_id)
            .ok_or(AppError::NotFound)?;
        tx.delete_member(id, member_id).await?;
        self.audit_in_tx(tx.as_mut(), AuditEntry {
            actor, action: "woman.member_remove", entity_kind: "woman", entity_id: id.to_string(),
            province_id: Some(woman.record.province_id), county_id: Some(woman.record.county_id),
            before: Some(serde_json::json!({"member_id": member_id, "first_name": member.first_name, "last_name": member.last_name, "relation": member.relation, "national_id": member.national_id})),
            after: None,
        }).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records an inquiry to another body (is she covered by the Relief Committee…?).
    pub async fn add_inquiry(
        &self,
        actor: &Actor,
        id: WomanId,
        input: &InquiryInput,
    ) -> AppResult<()> {
        actor.require(Permission::RegisterWomen)?;
        let mut errors = Vec::new();
        let body = OtherBody::parse(&input.body);
        if body.is_none() {
            errors.push(FieldError::new(
                "body",
                Message::new("household-choose_body_from_list"),
            ));
        }
        let result = InquiryResult::parse(&input.result);
        if result.is_none() {
            errors.push(FieldError::new(
                "result",
                Message::new("household-choose_inquiry_s_result"),
            ));
        }
        let day = parse_day(&input.inquired_on, "inquired_on", self.today(), &mut errors);
        let notes = clean(&input.notes, "notes", 500, &mut errors);
        let (Some(body), Some(result), Some(day)) = (body, result, day) else {
            return Err(AppError::Invalid(errors));
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let mut tx = self.db.write().await?;
        let woman = woman_in_scope(tx.as_mut(), actor, id).await?;
        let row = InquiryRow {
            id: 0,
            woman_id: id,
            body: body.code().into(),
            inquired_on: day,
            result: result.code().into(),
            notes,
            recorded_at: self.now(),
        };
        tx.insert_inquiry(&row).await?;
        self.audit_in_tx(tx.as_mut(), AuditEntry {
            actor, action: "woman.inquiry", entity_kind: "woman", entity_id: id.to_string(),
            province_id: Some(woman.record.province_id), county_id: Some(woman.record.county_id),
            before: None, after: Some(serde_json::json!({"body": row.body, "inquired_on": row.inquired_on.to_iso_string(), "result": row.result, "notes": row.notes})),
        }).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Marks a document received on a date (or not yet received).
    pub async fn set_document(
        &self,
        actor: &Actor,
        id: WomanId,
        input: &DocumentInput,
    ) -> AppResult<()> {
        actor.require(Permission::RegisterWomen)?;
        let mut errors = Vec::new();
        let kind = DocumentKind::parse(&input.kind);
        if kind.is_none() {
            errors.push(FieldError::new(
                "kind",
                Message::new("household-choose_document_from_list"),
            ));
        }
        let received = if input.received_on.trim().is_empty() {
            None
        } else {
            parse_day(&input.received_on, "received_on", self.today(), &mut errors)
        };
        let notes = clean(&input.notes, "notes", 300, &mut errors);
        let Some(kind) = kind.filter(|_| errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let mut tx = self.db.write().await?;
        let woman = woman_in_scope(tx.as_mut(), actor, id).await?;
        let before = tx
            .documents_of(id)
            .await?
            .into_iter()
            .find(|d| d.kind == kind.code());
        let row = DocumentRow {
            woman_id: id,
            kind: kind.code().into(),
            received_on: received,
            notes,
        };
        tx.upsert_document(&row, self.now()).await?;
        self.audit_in_tx(tx.as_mut(), AuditEntry {
            actor, action: "woman.document", entity_kind: "woman", entity_id: id.to_string(),
            province_id: Some(woman.record.province_id), county_id: Some(woman.record.county_id),
            before: before.map(|d| serde_json::json!({"kind": d.kind, "received_on": d.received_on.map(|day| day.to_iso_string()), "notes": d.notes})),
            after: Some(serde_json::json!({"kind": row.kind, "received_on": row.received_on.map(|day| day.to_iso_string()), "notes": row.notes})),
        }).await?;
        tx.commit().await?;
        Ok(())
    }
}
