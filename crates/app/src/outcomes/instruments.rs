//! The instruments Hamyar asks with: the two it ships (Rosenberg's self-esteem scale and the
//! household economics form), installed with the reference data at every start when missing,
//! and the versions a national expert adds from a JSON definition without a release.
//!
//! A version, once added, never changes: forms keep the code and version they were answered
//! on, so a revised questionnaire is a new version and old forms still score as they did. A
//! definition is input like any other: at most [`MAX_DEFINITION_BYTES`], parsed off the async
//! workers by the caller's page (it is small), and accepted only when
//! `Instrument::check` finds nothing wrong; a new version of a code must be the next number.

use hamyar_domain::outcomes::instrument::Instrument;
use hamyar_domain::outcomes::{HOUSEHOLD_ECONOMICS, ROSENBERG};
use hamyar_domain::{Message, MessageArg};
use serde_json::json;

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult, FieldError};
use crate::ports::Tx;
use crate::ports::assessments::InstrumentRow;
use crate::service::{App, AuditEntry, actor_name};

/// The largest definition accepted, in bytes.
pub const MAX_DEFINITION_BYTES: usize = 256 * 1024;

/// The codes of the shipped instruments, in the order forms show them.
pub const SHIPPED: [&str; 2] = ["household_economics", "rosenberg"];

/// An instrument version with its parsed definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstrumentVersion {
    pub row: InstrumentRow,
    pub definition: Instrument,
}

/// Parses and checks a definition.
pub fn parse_definition(text: &str) -> AppResult<Instrument> {
    if text.len() > MAX_DEFINITION_BYTES {
        return Err(AppError::invalid(
            "definition",
            Message::new("outcomes-definition_too_large").arg(
                "kib",
                MessageArg::Number((MAX_DEFINITION_BYTES / 1024) as i64),
            ),
        ));
    }
    let instrument: Instrument = serde_json::from_str(text).map_err(|error| {
        AppError::invalid(
            "definition",
            Message::new("outcomes-definition_not_json").arg(
                "line",
                MessageArg::Number(i64::try_from(error.line()).unwrap_or(0)),
            ),
        )
    })?;
    let problems = instrument.check();
    if !problems.is_empty() {
        return Err(AppError::Invalid(
            problems
                .into_iter()
                .map(|message| FieldError::new("definition", message))
                .collect(),
        ));
    }
    Ok(instrument)
}

/// A stored version, parsed (a stored definition that no longer parses is corrupt data).
pub(crate) fn parsed(row: InstrumentRow) -> AppResult<InstrumentVersion> {
    let definition: Instrument = serde_json::from_str(&row.definition).map_err(|error| {
        AppError::Internal(format!(
            "instrument {} v{} does not parse: {error}",
            row.code, row.version
        ))
    })?;
    Ok(InstrumentVersion { row, definition })
}

/// The latest version of each instrument, in code order.
pub(crate) async fn latest_versions(tx: &mut dyn Tx) -> AppResult<Vec<InstrumentVersion>> {
    let mut rows = tx.instruments().await?;
    // Rows come by code then version: keep the last of each code.
    rows.reverse();
    let mut seen = std::collections::BTreeSet::new();
    let mut latest = Vec::new();
    for row in rows {
        if seen.insert(row.code.clone()) {
            latest.push(parsed(row)?);
        }
    }
    latest.sort_by(|a, b| a.row.code.cmp(&b.row.code));
    Ok(latest)
}

/// The latest version of one instrument.
pub(crate) async fn latest_version(tx: &mut dyn Tx, code: &str) -> AppResult<InstrumentVersion> {
    latest_versions(tx)
        .await?
        .into_iter()
        .find(|version| version.row.code == code)
        .ok_or_else(|| {
            AppError::invalid(
                "instrument",
                Message::new("outcomes-unknown_instrument")
                    .arg("code", MessageArg::Text(code.chars().take(40).collect())),
            )
        })
}

impl App {
    /// Installs the shipped instruments that are missing (version 1 of each); safe at every
    /// start. Returns how many it added.
    pub async fn install_shipped_instruments(&self) -> AppResult<usize> {
        let mut tx = self.db.write().await?;
        let mut added = 0;
        for text in [HOUSEHOLD_ECONOMICS, ROSENBERG] {
            let definition = parse_definition(text)?;
            if tx
                .instrument(&definition.code, definition.version)
                .await?
                .is_some()
            {
                continue;
            }
            tx.insert_instrument(&InstrumentRow {
                code: definition.code.clone(),
                version: definition.version,
                definition: text.to_string(),
                scheduled: true,
                created_by: None,
                created_by_name: "Hamyar".into(),
                created_at: self.now(),
            })
            .await?;
            added += 1;
        }
        tx.commit().await?;
        Ok(added)
    }

    /// The latest version of every instrument (anyone who may read forms may read the
    /// questionnaires).
    pub async fn instruments(&self, actor: &Actor) -> AppResult<Vec<InstrumentVersion>> {
        actor.require(Permission::ViewGroups)?;
        let mut tx = self.db.read().await?;
        let latest = latest_versions(tx.as_mut()).await?;
        tx.commit().await?;
        Ok(latest)
    }

    /// Every version of one instrument, oldest first.
    pub async fn instrument_versions(
        &self,
        actor: &Actor,
        code: &str,
    ) -> AppResult<Vec<InstrumentVersion>> {
        actor.require(Permission::ViewGroups)?;
        let mut tx = self.db.read().await?;
        let rows = tx.instruments().await?;
        tx.commit().await?;
        let versions: Vec<_> = rows
            .into_iter()
            .filter(|row| row.code == code)
            .map(parsed)
            .collect::<AppResult<_>>()?;
        if versions.is_empty() {
            return Err(AppError::NotFound);
        }
        Ok(versions)
    }

    /// Adds an instrument, or the next version of one, from its JSON definition (the national
    /// office: `ManageProgrammeSettings`). Audited with the definition.
    pub async fn add_instrument_version(
        &self,
        actor: &Actor,
        text: &str,
        scheduled: bool,
    ) -> AppResult<InstrumentVersion> {
        actor.require(Permission::ManageProgrammeSettings)?;
        let definition = parse_definition(text)?;
        let mut tx = self.db.write().await?;
        let newest = tx
            .instruments()
            .await?
            .into_iter()
            .filter(|row| row.code == definition.code)
            .map(|row| row.version)
            .max()
            .unwrap_or(0);
        if definition.version != newest + 1 {
            return Err(AppError::invalid(
                "definition",
                Message::new("outcomes-definition_next_version")
                    .arg("version", MessageArg::Number(newest + 1)),
            ));
        }
        let row = InstrumentRow {
            code: definition.code.clone(),
            version: definition.version,
            definition: text.to_string(),
            scheduled,
            created_by: actor.user_id,
            created_by_name: actor_name(tx.as_mut(), actor).await?,
            created_at: self.now(),
        };
        match tx.insert_instrument(&row).await {
            Ok(()) => {}
            Err(crate::ports::StoreError::Unique(_)) => {
                return Err(AppError::invalid(
                    "definition",
                    Message::new("outcomes-definition_next_version")
                        .arg("version", MessageArg::Number(newest + 2)),
                ));
            }
            Err(error) => return Err(error.into()),
        }
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "outcomes.instrument_add",
                entity_kind: "instrument",
                entity_id: format!("{}:{}", row.code, row.version),
                province_id: None,
                county_id: None,
                before: None,
                after: Some(json!({"scheduled": scheduled, "items": definition.items.len()})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(InstrumentVersion { row, definition })
    }
}
