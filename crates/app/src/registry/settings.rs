//! Programme settings the registry depends on: the eligibility rules (stored as JSON in
//! `settings`, defaults from the domain) and the yearly pension table per household-size tier.
//! Both are maintained by national experts (and administrators) and every change is audited.
//! Each province's own threshold for definitive singlehood is a setting too, kept by
//! `registry::singlehood`; the rules here hold the national threshold it falls back to.

use hamyar_domain::Message;
use hamyar_domain::registry::EligibilityRules;
use hamyar_domain::{FiscalYear, Rials};

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult, FieldError};
use crate::ports::Tx;
use crate::ports::registry::PensionRow;
use crate::registry::field_errors;
use crate::service::actor_name;
use crate::service::{App, AuditEntry};

const RULES_KEY: &str = "eligibility_rules";

/// The rules in force (defaults until a national expert saves others).
pub(crate) async fn load_rules(tx: &mut dyn Tx) -> AppResult<EligibilityRules> {
    match tx.get_setting(RULES_KEY).await? {
        Some(json) => serde_json::from_str(&json).map_err(|e| {
            AppError::Internal(format!("stored eligibility rules are unreadable: {e}"))
        }),
        None => Ok(EligibilityRules::default()),
    }
}

impl App {
    pub async fn eligibility_rules(&self, actor: &Actor) -> AppResult<EligibilityRules> {
        actor.require(Permission::ViewRegistry)?;
        let mut tx = self.db.read().await?;
        let rules = load_rules(tx.as_mut()).await?;
        tx.commit().await?;
        Ok(rules)
    }

    pub async fn set_eligibility_rules(
        &self,
        actor: &Actor,
        rules: &EligibilityRules,
    ) -> AppResult<()> {
        actor.require(Permission::ManageProgrammeSettings)?;
        rules
            .validate()
            .map_err(|p| AppError::Invalid(field_errors(p, None)))?;
        let json = serde_json::to_string(rules).map_err(|e| AppError::Internal(e.to_string()))?;
        let mut tx = self.db.write().await?;
        let before = load_rules(tx.as_mut()).await?;
        tx.put_setting(RULES_KEY, &json, &actor.username, self.now())
            .await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "settings.eligibility",
                entity_kind: "settings",
                entity_id: RULES_KEY.into(),
                province_id: None,
                county_id: None,
                before: serde_json::to_value(&before).ok(),
                after: serde_json::to_value(rules).ok(),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The pension table of a fiscal year, if set.
    pub async fn pension_table(
        &self,
        actor: &Actor,
        fiscal_year: i32,
    ) -> AppResult<Option<PensionRow>> {
        actor.require(Permission::ViewRegistry)?;
        let mut tx = self.db.read().await?;
        let row = tx.pension_table(i64::from(fiscal_year)).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Sets the monthly pension per tier (1…5+) for a fiscal year; amounts as typed (rials).
    pub async fn set_pension_table(
        &self,
        actor: &Actor,
        fiscal_year: &str,
        amounts: &[String; 5],
    ) -> AppResult<()> {
        actor.require(Permission::ManageProgrammeSettings)?;
        let mut errors = Vec::new();
        let year = hamyar_domain::to_latin_digits(fiscal_year.trim())
            .parse::<i32>()
            .ok()
            .and_then(|y| FiscalYear::new(y).ok());
        if year.is_none() {
            errors.push(FieldError::new(
                "fiscal_year",
                Message::new("settings-write_fiscal_year_four_digits"),
            ));
        }
        let mut tiers = [0_i64; 5];
        for (index, raw) in amounts.iter().enumerate() {
            match Rials::parse(raw) {
                Ok(amount) if amount.value() > 0 => tiers[index] = amount.value(),
                Ok(_) => errors.push(FieldError::new(
                    TIER_FIELDS[index],
                    Message::new("settings-amount_above_zero"),
                )),
                Err(e) => errors.push(FieldError::new(TIER_FIELDS[index], e.message())),
            }
        }
        if errors.is_empty() && tiers.windows(2).any(|w| w[1] < w[0]) {
            errors.push(FieldError::new(
                "tier5",
                Message::new("settings-larger_household_s_pension_lower"),
            ));
        }
        let Some(year) = year.filter(|_| errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let mut tx = self.db.write().await?;
        let before = tx.pension_table(i64::from(year.year())).await?;
        let row = PensionRow {
            fiscal_year: i64::from(year.year()),
            tier_rials: tiers,
            updated_at: self.now(),
            updated_by: actor_name(tx.as_mut(), actor).await?,
        };
        tx.put_pension_table(&row).await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "settings.pension",
                entity_kind: "pension_table",
                entity_id: year.year().to_string(),
                province_id: None,
                county_id: None,
                before: before.map(|b| serde_json::json!({"tier_rials": b.tier_rials})),
                after: Some(serde_json::json!({"tier_rials": tiers})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

const TIER_FIELDS: [&str; 5] = ["tier1", "tier2", "tier3", "tier4", "tier5"];
