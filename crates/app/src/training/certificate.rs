//! Hamyar's own training certificate: what is printed on it and how anyone checks it.
//! A completed enrolment carries a certificate code (`XXXXX-XXXXX`, given by
//! `record_completion`). [`App::certificate`] gathers what the printed certificate says — for
//! staff who may see the run and the woman's personal data, audited as
//! `training.certificate` with her as the subject, since it shows her national ID.
//! [`App::verify_certificate`] is public (no actor): whoever holds the paper types the code
//! and learns only whether Hamyar issued it — the woman's first and last name, the course,
//! the run's county and the day she completed — never her national ID or anything else of
//! her file. The code as typed is normalised (spaces, hyphens, case, Persian and Arabic
//! digits) and refused above [`MAX_CODE_CHARS`] before anything is read; a code that cannot
//! be one is answered "not registered" without a query. Checking is not audited (nothing
//! personal is asked for and no actor is known) and the code is never logged.
//!
//! [`App::verify_certificate_from`] is what the public page calls: the same check behind a
//! throttle of the login throttle's kind (`rate_limit`), charged per client address for each
//! code that is not found and refunded for one that is, so nobody can enumerate codes while
//! a person checking real certificates is never held back. It is its own throttle, kept for
//! the life of the `App` (`kept`), so guessing codes does not spend an office's login budget.

use std::net::IpAddr;
use std::sync::OnceLock;

use hamyar_domain::{JalaliDate, Message, MessageArg, to_latin_digits};
use serde_json::json;

use super::{run_in_scope, status};
use crate::access::{Actor, Permission, PlaceId};
use crate::audit::shown::women_subjects;
use crate::error::{AppError, AppResult};
use crate::places::load_tree;
use crate::ports::registry::WomanId;
use crate::ports::training::{EnrolmentId, EnrolmentRow};
use crate::rate_limit::{LoginAttempt, LoginThrottle, Outcome};
use crate::service::{App, AuditEntry};

/// The longest code (as typed, after trimming) that is looked at at all.
pub const MAX_CODE_CHARS: usize = 20;

/// Letters and digits of a code without its hyphen.
const CODE_CHARS: usize = 10;

/// What the public check of a certificate code tells: nothing but these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateCheck {
    pub first_name: String,
    pub last_name: String,
    /// The course kind's name, in Persian and in English.
    pub course_name: String,
    pub course_name_en: String,
    /// The run's county, in Persian and in English (when the place is known).
    pub county_name: Option<String>,
    pub county_name_en: Option<String>,
    pub completed_on: JalaliDate,
}

/// What the printed certificate says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateFacts {
    pub enrolment_id: EnrolmentId,
    pub woman_id: WomanId,
    pub national_id: String,
    pub first_name: String,
    pub last_name: String,
    pub course_name: String,
    pub course_name_en: String,
    pub hours: i64,
    /// A `CourseCategory` code.
    pub category: String,
    pub skill_standard_code: Option<String>,
    pub run_code: String,
    pub provider_name: String,
    pub starts_on: JalaliDate,
    pub ends_on: JalaliDate,
    pub completed_on: JalaliDate,
    /// The national skill certificate's number, when issued.
    pub skill_certificate_no: Option<String>,
    pub certificate_code: String,
    /// The run's place: the letterhead is its province's.
    pub province_id: PlaceId,
    pub county_id: PlaceId,
}

/// The code as stored (`XXXXX-XXXXX`) from the code as typed; `Ok(None)` when it cannot be a
/// code (so nothing need be looked up); refused when it is longer than [`MAX_CODE_CHARS`].
pub fn normalised_code(typed: &str) -> AppResult<Option<String>> {
    let typed = typed.trim();
    if typed.chars().nth(MAX_CODE_CHARS).is_some() {
        return Err(AppError::invalid(
            "code",
            Message::new("training-certificates-code_too_long")
                .arg("max", MessageArg::digits(MAX_CODE_CHARS)),
        ));
    }
    let bare: String = to_latin_digits(typed)
        .chars()
        .filter(|c| !c.is_whitespace() && !is_dash(*c))
        .flat_map(char::to_uppercase)
        .collect();
    if bare.len() != CODE_CHARS || !bare.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Ok(None);
    }
    Ok(Some(format!("{}-{}", &bare[..5], &bare[5..])))
}

/// A hyphen as a phone or a word processor may write it, and the zero-width non-joiner a
/// Persian keyboard puts where a hyphen was meant.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '_' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' | '\u{200C}'
    )
}

/// The certificate checks' throttle, made from the login limits on first use.
#[derive(Default)]
struct VerifyThrottle(OnceLock<LoginThrottle>);

impl App {
    /// Whether Hamyar issued a certificate with this code, and to whom for what: public,
    /// unthrottled (the web page calls [`App::verify_certificate_from`]).
    pub async fn verify_certificate(&self, code: &str) -> AppResult<Option<CertificateCheck>> {
        match normalised_code(code)? {
            Some(code) => self.check_certificate(&code).await,
            None => Ok(None),
        }
    }

    /// [`App::verify_certificate`] for a client at `address`: a code not found is charged to
    /// the address's hourly budget; when it is spent, `RateLimited` until it refills.
    pub async fn verify_certificate_from(
        &self,
        code: &str,
        address: IpAddr,
    ) -> AppResult<Option<CertificateCheck>> {
        let Some(code) = normalised_code(code)? else {
            return Ok(None);
        };
        let kept = self.kept.get::<VerifyThrottle>();
        let throttle = kept
            .0
            .get_or_init(|| LoginThrottle::new(self.settings.login_limits.clone()));
        // No account: only the address's budget is charged (the rule for unknown usernames).
        let attempt = LoginAttempt {
            account: None,
            address,
            known_device: None,
        };
        let ticket = throttle
            .admit(&attempt, self.now())
            .map_err(|r| AppError::RateLimited {
                retry_after_secs: r.retry_after_secs,
            })?;
        let checked = self.check_certificate(&code).await;
        let outcome = match &checked {
            Ok(Some(_)) => Outcome::Succeeded,
            Ok(None) => Outcome::Failed,
            Err(_) => Outcome::NotChecked,
        };
        throttle.settle(ticket, outcome, self.now());
        checked
    }

    async fn check_certificate(&self, code: &str) -> AppResult<Option<CertificateCheck>> {
        let mut tx = self.db.read().await?;
        let Some(enrolment) = tx.enrolment_by_certificate_code(code).await? else {
            tx.commit().await?;
            return Ok(None);
        };
        let (Some(completed_on), true) = (
            enrolment.completed_on,
            enrolment.status == status::COMPLETED,
        ) else {
            tx.commit().await?;
            return Ok(None);
        };
        let woman = tx
            .woman_by_id(enrolment.woman_id)
            .await?
            .ok_or_else(|| missing(&enrolment, "woman"))?;
        let run = tx
            .course_run_by_id(enrolment.run_id)
            .await?
            .ok_or_else(|| missing(&enrolment, "run"))?;
        let kind = tx
            .course_kind_by_id(run.course_kind_id)
            .await?
            .ok_or_else(|| missing(&enrolment, "course kind"))?;
        let tree = load_tree(tx.as_mut(), &self.today().to_iso_string()).await?;
        tx.commit().await?;
        let county = tree.get(run.county_id);
        Ok(Some(CertificateCheck {
            first_name: woman.record.first_name,
            last_name: woman.record.last_name,
            course_name: kind.name,
            course_name_en: kind.name_en,
            county_name: county.map(|place| place.name(false).to_owned()),
            county_name_en: county.map(|place| place.name(true).to_owned()),
            completed_on,
        }))
    }

    /// What the printed certificate of a completed enrolment says; audited as
    /// `training.certificate` with the woman as its subject.
    pub async fn certificate(&self, actor: &Actor, id: EnrolmentId) -> AppResult<CertificateFacts> {
        actor.require(Permission::ViewGroups)?;
        actor.require(Permission::ViewPersonalData)?;
        let mut tx = self.db.write().await?;
        let enrolment = tx.enrolment_by_id(id).await?.ok_or(AppError::NotFound)?;
        let run = run_in_scope(tx.as_mut(), actor, enrolment.run_id, false).await?;
        let (Some(completed_on), Some(code), true) = (
            enrolment.completed_on,
            enrolment.certificate_code.clone(),
            enrolment.status == status::COMPLETED,
        ) else {
            return Err(AppError::invalid(
                "enrolment",
                Message::new("training-certificates-not_completed"),
            ));
        };
        let woman = tx
            .woman_by_id(enrolment.woman_id)
            .await?
            .ok_or_else(|| missing(&enrolment, "woman"))?;
        let kind = tx
            .course_kind_by_id(run.course_kind_id)
            .await?
            .ok_or_else(|| missing(&enrolment, "course kind"))?;
        let provider = tx
            .provider_by_id(run.provider_id)
            .await?
            .ok_or_else(|| missing(&enrolment, "provider"))?;
        let subjects =
            women_subjects([(woman.id, woman.record.province_id, woman.record.county_id)]);
        self.audit_with_subjects_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "training.certificate",
                entity_kind: "enrolment",
                entity_id: id.to_string(),
                province_id: Some(run.province_id),
                county_id: Some(run.county_id),
                before: None,
                after: Some(json!({"woman_id": woman.id, "run_id": run.id})),
            },
            subjects,
        )
        .await?;
        tx.commit().await?;
        Ok(CertificateFacts {
            enrolment_id: id,
            woman_id: woman.id,
            national_id: woman.record.national_id,
            first_name: woman.record.first_name,
            last_name: woman.record.last_name,
            course_name: kind.name,
            course_name_en: kind.name_en,
            hours: kind.hours,
            category: kind.category,
            skill_standard_code: kind.skill_standard_code,
            run_code: run.code,
            provider_name: provider.name,
            starts_on: run.starts_on,
            ends_on: run.ends_on,
            completed_on,
            skill_certificate_no: enrolment.skill_certificate_no,
            certificate_code: code,
            province_id: run.province_id,
            county_id: run.county_id,
        })
    }
}

fn missing(enrolment: &EnrolmentRow, what: &str) -> AppError {
    AppError::Internal(format!("enrolment {} has no {what}", enrolment.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_read_however_it_was_typed() {
        for typed in [
            "ABCDE-FGH34",
            "  abcde-fgh34 ",
            "ABCDEFGH34",
            "abcde fgh۳۴",
            "ABCDE–FGH٣٤",
            "abcde\u{200C}fgh34",
        ] {
            assert_eq!(
                normalised_code(typed).unwrap().as_deref(),
                Some("ABCDE-FGH34"),
                "{typed:?}"
            );
        }
    }

    #[test]
    fn what_cannot_be_a_code_is_not_looked_up_and_a_long_text_is_refused() {
        for typed in [
            "",
            "ABCDE-FGH3",
            "ABCDE-FGH345",
            "ABCDE-FGH3!",
            "خیاطی-مقدم",
        ] {
            assert_eq!(normalised_code(typed).unwrap(), None, "{typed:?}");
        }
        assert!(normalised_code(&"A".repeat(MAX_CODE_CHARS)).is_ok());
        assert!(matches!(
            normalised_code(&"A".repeat(MAX_CODE_CHARS + 1)),
            Err(AppError::Invalid(_))
        ));
    }
}
