//! The catalogue of course kinds (kept by the national office: `ManageProgrammeSettings`) and
//! a province's training providers (`ManageTraining`). A kind's code is a stable Latin key;
//! its completion rule defaults to 80 % of sessions and no final assessment. A provider's
//! name is stored with Persian letters and is unique in its province however it is spelled.

use hamyar_domain::training::{CompletionRule, CourseCategory, ProviderKind};
use hamyar_domain::{Message, MessageArg, search_key, to_latin_digits};
use serde_json::json;

use crate::access::{Actor, Permission, PlaceId};
use crate::error::{AppError, AppResult, FieldError};
use crate::ports::StoreError;
use crate::ports::training::{CourseKindId, CourseKindRow, ProviderId, ProviderRow};
use crate::service::{App, AuditEntry, actor_name};

/// A course kind as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CourseKindInput {
    pub code: String,
    pub name: String,
    pub name_en: String,
    /// A `CourseCategory` code or label.
    pub category: String,
    pub skill_standard_code: String,
    pub hours: String,
    /// Blank: 80.
    pub min_attendance_percent: String,
    pub final_assessment: bool,
}

/// A provider as typed. `province_id` is read only from a country-wide user; others
/// register providers of their own province.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProviderInput {
    pub name: String,
    /// A `ProviderKind` code or label.
    pub kind: String,
    pub phone: String,
    pub province_id: Option<PlaceId>,
}

fn required(field: &'static str, text: &str, problems: &mut Vec<FieldError>) -> String {
    let text = hamyar_domain::persian_letters(text.trim());
    if text.is_empty() {
        problems.push(FieldError::new(field, Message::new("training-required")));
    } else if text.chars().count() > 200 {
        problems.push(FieldError::new(field, Message::new("training-too_long")));
    }
    text
}

fn number(
    field: &'static str,
    text: &str,
    range: std::ops::RangeInclusive<i64>,
) -> Result<i64, FieldError> {
    to_latin_digits(text.trim())
        .parse::<i64>()
        .ok()
        .filter(|value| range.contains(value))
        .ok_or_else(|| {
            FieldError::new(
                field,
                Message::new("training-number_out_of_range")
                    .arg("min", MessageArg::digits(range.start()))
                    .arg("max", MessageArg::digits(range.end())),
            )
        })
}

/// A kind's code: Latin letters, digits and `-`, folded to lower case.
fn kind_code(text: &str) -> Option<String> {
    let code = to_latin_digits(text.trim()).to_ascii_lowercase();
    let plain = !code.is_empty()
        && code.len() <= 50
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    plain.then_some(code)
}

impl App {
    /// Adds a course kind to the catalogue.
    pub async fn add_course_kind(
        &self,
        actor: &Actor,
        input: &CourseKindInput,
    ) -> AppResult<CourseKindId> {
        actor.require(Permission::ManageProgrammeSettings)?;
        let mut problems = Vec::new();
        let code = kind_code(&input.code);
        if code.is_none() {
            problems.push(FieldError::new("code", Message::new("training-code_latin")));
        }
        let name = required("name", &input.name, &mut problems);
        let name_en = input.name_en.trim().chars().take(200).collect::<String>();
        let category = CourseCategory::parse(&input.category);
        if category.is_none() {
            problems.push(FieldError::new(
                "category",
                Message::new("training-choose_category"),
            ));
        }
        let hours = number("hours", &input.hours, 1..=5000)
            .map_err(|e| problems.push(e))
            .ok();
        let percent = if input.min_attendance_percent.trim().is_empty() {
            Some(i64::from(CompletionRule::default().min_attendance_percent))
        } else {
            number(
                "min_attendance_percent",
                &input.min_attendance_percent,
                1..=100,
            )
            .map_err(|e| problems.push(e))
            .ok()
        };
        let skill_standard_code = to_latin_digits(input.skill_standard_code.trim());
        if skill_standard_code.chars().count() > 50 {
            problems.push(FieldError::new(
                "skill_standard_code",
                Message::new("training-too_long"),
            ));
        }
        let (Some(code), Some(category), Some(hours), Some(percent)) =
            (code, category, hours, percent)
        else {
            return Err(AppError::Invalid(problems));
        };
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let row = CourseKindRow {
            id: CourseKindId::default(),
            code,
            name,
            name_en,
            category: category.code().to_owned(),
            skill_standard_code: (!skill_standard_code.is_empty()).then_some(skill_standard_code),
            hours,
            min_attendance_percent: percent,
            final_assessment: input.final_assessment,
            active: true,
            created_at: self.now(),
        };
        let mut tx = self.db.write().await?;
        let id = match tx.insert_course_kind(&row).await {
            Err(StoreError::Unique(_)) => {
                return Err(AppError::invalid(
                    "code",
                    Message::new("training-code_in_use"),
                ));
            }
            other => other?,
        };
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "training.course_kind",
                entity_kind: "course_kind",
                entity_id: id.to_string(),
                province_id: None,
                county_id: None,
                before: None,
                after: Some(json!({
                    "code": row.code, "name": row.name, "category": row.category,
                    "hours": row.hours, "min_attendance_percent": row.min_attendance_percent,
                    "final_assessment": row.final_assessment,
                    "skill_standard_code": row.skill_standard_code,
                })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The catalogue, active kinds only unless `all`.
    pub async fn course_kinds(&self, actor: &Actor, all: bool) -> AppResult<Vec<CourseKindRow>> {
        actor.require(Permission::ViewGroups)?;
        let mut tx = self.db.read().await?;
        let rows = tx.course_kinds(!all).await?;
        tx.commit().await?;
        Ok(rows)
    }

    /// Registers a provider in the actor's province (or, country-wide, the province named).
    pub async fn add_provider(
        &self,
        actor: &Actor,
        input: &ProviderInput,
    ) -> AppResult<ProviderId> {
        actor.require(Permission::ManageTraining)?;
        let mut problems = Vec::new();
        let name = required("name", &input.name, &mut problems);
        let kind = ProviderKind::parse(&input.kind);
        if kind.is_none() {
            problems.push(FieldError::new(
                "kind",
                Message::new("training-choose_provider_kind"),
            ));
        }
        let phone = to_latin_digits(input.phone.trim());
        if phone.chars().count() > 30 {
            problems.push(FieldError::new("phone", Message::new("training-too_long")));
        }
        let province_id = actor.scope.province().or(input.province_id);
        if province_id.is_none() {
            problems.push(FieldError::new(
                "province_id",
                Message::new("training-choose_province"),
            ));
        }
        let (Some(kind), Some(province_id)) = (kind, province_id) else {
            return Err(AppError::Invalid(problems));
        };
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let mut tx = self.db.write().await?;
        let row = ProviderRow {
            id: ProviderId::default(),
            province_id,
            name_key: search_key(&name),
            name,
            kind: kind.code().to_owned(),
            phone: (!phone.is_empty()).then_some(phone),
            created_by: actor.user_id,
            created_by_name: actor_name(tx.as_mut(), actor).await?,
            created_at: self.now(),
        };
        let id = match tx.insert_provider(&row).await {
            Err(StoreError::Unique(_)) => {
                return Err(AppError::invalid(
                    "name",
                    Message::new("training-provider_exists"),
                ));
            }
            other => other?,
        };
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "training.provider",
                entity_kind: "training_provider",
                entity_id: id.to_string(),
                province_id: Some(province_id),
                county_id: None,
                before: None,
                after: Some(json!({"name": row.name, "kind": row.kind, "phone": row.phone})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The providers of the actor's province (country-wide: of the province given).
    pub async fn providers(
        &self,
        actor: &Actor,
        province_id: Option<PlaceId>,
    ) -> AppResult<Vec<ProviderRow>> {
        actor.require(Permission::ViewGroups)?;
        let Some(province_id) = actor.scope.province().or(province_id) else {
            return Ok(Vec::new());
        };
        let mut tx = self.db.read().await?;
        let rows = tx.providers_of(province_id).await?;
        tx.commit().await?;
        Ok(rows)
    }
}
