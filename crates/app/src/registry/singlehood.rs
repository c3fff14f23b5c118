//! A province's own age threshold for definitive singlehood (تجرد قطعی): 45, 50 or 55 years
//! instead of the national threshold of the eligibility rules.
//!
//! Each province's threshold is one programme setting of its own (`singlehood_age.<province
//! id>`, its value the number of years, or `null` once a province has gone back to the
//! national threshold), so setting one province never rewrites another's and two experts
//! saving different provinces at once cannot undo each other. A province without a value
//! follows the national threshold, which therefore keeps applying when it changes.
//!
//! National experts and administrators (`ManageProgrammeSettings`) set them, for provinces in
//! their scope; everyone who sees the registry may read them. Every change — a removal too —
//! is audited as `settings.singlehood_age` with the setting's key as its entity, the province
//! as its place, and the years before and after (`null` meaning the national threshold).

use hamyar_domain::Message;
use hamyar_domain::registry::{
    EligibilityRules, ProvincialSinglehoodAge, SINGLEHOOD_AGE_FIELD, SinglehoodThreshold,
};
use hamyar_domain::{JalaliDate, to_latin_digits};

use crate::access::{Actor, Permission, PlaceId, Scope, ScopeKind};
use crate::error::{AppError, AppResult, FieldError};
use crate::places::{PlaceTree, load_tree};
use crate::ports::Tx;
use crate::registry::settings::load_rules;
use crate::service::{App, AuditEntry};

/// The form field naming the province.
pub const PROVINCE_FIELD: &str = "province";

fn key(province: PlaceId) -> String {
    format!("singlehood_age.{province}")
}

/// A province's own threshold, if it has one.
async fn load_own(
    tx: &mut dyn Tx,
    province: PlaceId,
) -> AppResult<Option<ProvincialSinglehoodAge>> {
    match tx.get_setting(&key(province)).await? {
        Some(json) => serde_json::from_str(&json).map_err(|e| {
            AppError::Internal(format!(
                "stored singlehood age of province {province} is unreadable: {e}"
            ))
        }),
        None => Ok(None),
    }
}

/// The threshold that applies to the women of `province` on `today`: its own, named with the
/// province's name of that day, or the national one of `rules`.
pub(crate) async fn threshold_for(
    tx: &mut dyn Tx,
    rules: &EligibilityRules,
    province: PlaceId,
    today: JalaliDate,
) -> AppResult<SinglehoodThreshold> {
    let Some(age) = load_own(tx, province).await? else {
        return Ok(SinglehoodThreshold::national(rules));
    };
    let tree = load_tree(tx, &today.to_iso_string()).await?;
    Ok(match tree.get(province) {
        Some(place) => SinglehoodThreshold::provincial(age, &place.name_fa, &place.name_en),
        None => SinglehoodThreshold::provincial(age, province.to_string(), province.to_string()),
    })
}

/// One province and its own threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvinceSinglehoodAge {
    pub province_id: PlaceId,
    pub name_fa: String,
    pub name_en: String,
    /// `None`: the province follows the national threshold.
    pub own: Option<ProvincialSinglehoodAge>,
}

/// Every province's threshold, as the programme page shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinglehoodAges {
    /// The national threshold of the eligibility rules.
    pub national_years: u8,
    /// Every province in tree order.
    pub provinces: Vec<ProvinceSinglehoodAge>,
}

impl SinglehoodAges {
    /// The threshold in years that applies in `province`.
    pub fn years_in(&self, province: PlaceId) -> u8 {
        self.provinces
            .iter()
            .find(|p| p.province_id == province)
            .and_then(|p| p.own)
            .map_or(self.national_years, ProvincialSinglehoodAge::years)
    }
}

/// The province chosen in the form, if it is one the actor may set.
fn chosen_province(tree: &PlaceTree, actor: &Actor, text: &str) -> Result<PlaceId, FieldError> {
    to_latin_digits(text.trim())
        .parse::<PlaceId>()
        .ok()
        .and_then(|id| tree.get(id))
        .filter(|place| place.kind == ScopeKind::Province)
        .filter(|place| actor.scope.contains(Scope::Province(place.id)))
        .map(|place| place.id)
        .ok_or_else(|| {
            FieldError::new(
                PROVINCE_FIELD,
                Message::new("singlehood-choose_one_provinces_scope"),
            )
        })
}

impl App {
    /// The national threshold and every province's own.
    pub async fn singlehood_ages(&self, actor: &Actor) -> AppResult<SinglehoodAges> {
        actor.require(Permission::ViewRegistry)?;
        let mut tx = self.db.read().await?;
        let rules = load_rules(tx.as_mut()).await?;
        let tree = load_tree(tx.as_mut(), &self.today().to_iso_string()).await?;
        let mut provinces = Vec::new();
        for place in tree.provinces() {
            provinces.push(ProvinceSinglehoodAge {
                province_id: place.id,
                name_fa: place.name_fa.clone(),
                name_en: place.name_en.clone(),
                own: load_own(tx.as_mut(), place.id).await?,
            });
        }
        tx.commit().await?;
        Ok(SinglehoodAges {
            national_years: rules.singlehood_min_age_years,
            provinces,
        })
    }

    /// Sets a province's own threshold, as typed: 45, 50 or 55; empty text sends the province
    /// back to the national threshold.
    pub async fn set_singlehood_age(
        &self,
        actor: &Actor,
        province: &str,
        years: &str,
    ) -> AppResult<()> {
        actor.require(Permission::ManageProgrammeSettings)?;
        let tree = self.place_tree().await?;
        let province = chosen_province(&tree, actor, province);
        let own = if years.trim().is_empty() {
            Ok(None)
        } else {
            ProvincialSinglehoodAge::parse(years)
                .map(Some)
                .map_err(|problem| FieldError::new(SINGLEHOOD_AGE_FIELD, problem.message))
        };
        let (province, own) = match (province, own) {
            (Ok(province), Ok(own)) => (province, own),
            (province, own) => {
                return Err(AppError::Invalid(
                    [province.err(), own.err()].into_iter().flatten().collect(),
                ));
            }
        };
        let mut tx = self.db.write().await?;
        let before = load_own(tx.as_mut(), province).await?;
        let value = serde_json::to_string(&own).map_err(|e| AppError::Internal(e.to_string()))?;
        tx.put_setting(&key(province), &value, &actor.username, self.now())
            .await?;
        let years_of = |age: Option<ProvincialSinglehoodAge>| {
            let years = age.map(ProvincialSinglehoodAge::years);
            serde_json::json!({ "singlehood_min_age_years": years })
        };
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "settings.singlehood_age",
                entity_kind: "settings",
                entity_id: key(province),
                province_id: Some(province),
                county_id: None,
                before: Some(years_of(before)),
                after: Some(years_of(own)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
