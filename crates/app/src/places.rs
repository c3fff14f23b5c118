//! Places as dated reference data: the country, its provinces and their counties, each with
//! a history of names (a rename holds from a given date). Every later record belongs to a
//! county, and every user is scoped to the country, a province or a county, so this module
//! also turns a place into a [`Scope`] and filters places by what an actor may see.

use hamyar_domain::JalaliDate;
use hamyar_domain::Message;
use serde::Serialize;

use crate::access::{Actor, Permission, PlaceId, Scope, ScopeKind};
use crate::error::{AppError, AppResult, FieldError};
use crate::ports::{NewPlaceNameRow, NewPlaceRow, PlaceNameRow, PlaceRow, Tx};
use crate::reference::{
    self, COUNTRY_CODE, PROVINCES, QAZVIN_COUNTIES, REFERENCE_NAMES_VALID_FROM,
};
use crate::service::{App, AuditEntry, conflict_on, snapshot};

/// One name of a place and the date it holds from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlaceName {
    pub name_fa: String,
    pub name_en: String,
    /// Gregorian ISO date.
    pub valid_from: String,
}

/// A place with the name it carries on the day the tree was built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub id: PlaceId,
    pub kind: ScopeKind,
    pub parent_id: Option<PlaceId>,
    pub code: String,
    pub name_fa: String,
    pub name_en: String,
    /// Every name, oldest first.
    pub names: Vec<PlaceName>,
}

impl Place {
    pub fn name(&self, english: bool) -> &str {
        if english && !self.name_en.is_empty() {
            &self.name_en
        } else {
            &self.name_fa
        }
    }
}

/// The whole place tree as of one day.
#[derive(Debug, Clone, Default)]
pub struct PlaceTree {
    places: Vec<Place>,
}

impl PlaceTree {
    fn build(rows: Vec<PlaceRow>, names: Vec<PlaceNameRow>, as_of_iso: &str) -> AppResult<Self> {
        let mut places = Vec::with_capacity(rows.len());
        for row in rows {
            let kind = parse_kind(&row.kind)?;
            let history: Vec<PlaceName> = names
                .iter()
                .filter(|n| n.place_id == row.id)
                .map(|n| PlaceName {
                    name_fa: n.name_fa.clone(),
                    name_en: n.name_en.clone(),
                    valid_from: n.valid_from.clone(),
                })
                .collect();
            let current = history
                .iter()
                .rev()
                .find(|n| n.valid_from.as_str() <= as_of_iso)
                .or_else(|| history.first());
            let (name_fa, name_en) = current
                .map(|n| (n.name_fa.clone(), n.name_en.clone()))
                .unwrap_or_else(|| (row.code.clone(), row.code.clone()));
            places.push(Place {
                id: row.id,
                kind,
                parent_id: row.parent_id,
                code: row.code,
                name_fa,
                name_en,
                names: history,
            });
        }
        Ok(Self { places })
    }

    pub fn get(&self, id: PlaceId) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }

    pub fn by_code(&self, code: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.code == code)
    }

    pub fn country(&self) -> Option<&Place> {
        self.places.iter().find(|p| p.kind == ScopeKind::Country)
    }

    pub fn provinces(&self) -> impl Iterator<Item = &Place> {
        self.places.iter().filter(|p| p.kind == ScopeKind::Province)
    }

    pub fn counties_of(&self, province: PlaceId) -> impl Iterator<Item = &Place> {
        self.places
            .iter()
            .filter(move |p| p.kind == ScopeKind::County && p.parent_id == Some(province))
    }

    pub fn all(&self) -> &[Place] {
        &self.places
    }

    /// The scope a user anchored at `place_id` has.
    pub fn scope_of(&self, place_id: PlaceId) -> Option<Scope> {
        let place = self.get(place_id)?;
        Some(match place.kind {
            ScopeKind::Country => Scope::Country,
            ScopeKind::Province => Scope::Province(place.id),
            ScopeKind::County => Scope::County {
                province: place.parent_id?,
                county: place.id,
            },
        })
    }

    /// The places inside `scope`, in tree order (each province followed by its counties).
    pub fn within(&self, scope: Scope) -> Vec<&Place> {
        let mut visible = Vec::new();
        for province in self.provinces() {
            let province_scope = Scope::Province(province.id);
            if scope.contains(province_scope) {
                visible.push(province);
            }
            for county in self.counties_of(province.id) {
                let county_scope = Scope::County {
                    province: province.id,
                    county: county.id,
                };
                if scope.contains(county_scope) {
                    visible.push(county);
                }
            }
        }
        visible
    }

    /// A human label: "Abyek (Qazvin)" for a county, the name for others.
    pub fn label(&self, place_id: PlaceId, english: bool) -> String {
        let Some(place) = self.get(place_id) else {
            return String::new();
        };
        match (place.kind, place.parent_id.and_then(|p| self.get(p))) {
            (ScopeKind::County, Some(province)) => {
                format!("{} ({})", place.name(english), province.name(english))
            }
            _ => place.name(english).to_owned(),
        }
    }
}

fn parse_kind(kind: &str) -> AppResult<ScopeKind> {
    match kind {
        "country" => Ok(ScopeKind::Country),
        "province" => Ok(ScopeKind::Province),
        "county" => Ok(ScopeKind::County),
        other => Err(AppError::Internal(format!("unknown place kind {other:?}"))),
    }
}

/// Input of "add a county", as typed.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct NewCountyInput {
    pub province_id: String,
    pub name_fa: String,
    pub name_en: String,
}

/// Input of "rename a place from a date", as typed.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct RenameInput {
    pub name_fa: String,
    pub name_en: String,
    /// A Jalali date in any accepted form (`۱۴۰۵/۰۹/۰۷`, `1405-9-7`, `۷ آذر ۱۴۰۵`).
    pub valid_from: String,
}

fn parse_place_name(field: &'static str, raw: &str, required: bool) -> Result<String, FieldError> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() && required {
        return Err(FieldError::new(field, Message::new("places-enter_name")));
    }
    if name.chars().count() > 80 {
        return Err(FieldError::new(
            field,
            Message::new("places-name_exceed_80_characters"),
        ));
    }
    Ok(name)
}

fn parse_place_id(field: &'static str, raw: &str) -> Result<PlaceId, FieldError> {
    hamyar_domain::digits::to_latin_digits(raw.trim())
        .parse()
        .map_err(|_| FieldError::new(field, Message::new("places-choose_place_from_list")))
}

/// A code suffix from an English name: lowercase ASCII words joined by dashes.
fn slug(text: &str) -> String {
    let mut slug = String::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    slug
}

impl App {
    /// The place tree with names as of today.
    pub async fn place_tree(&self) -> AppResult<PlaceTree> {
        let mut tx = self.db.read().await?;
        let tree = load_tree(tx.as_mut(), &self.today().to_iso_string()).await?;
        tx.commit().await?;
        Ok(tree)
    }

    /// Places the actor may see, with today's names.
    pub async fn visible_places(&self, actor: &Actor) -> AppResult<(PlaceTree, Vec<PlaceId>)> {
        actor.require(Permission::ViewPlaces)?;
        let tree = self.place_tree().await?;
        let ids = tree.within(actor.scope).into_iter().map(|p| p.id).collect();
        Ok((tree, ids))
    }

    /// Inserts the country, provinces and Qazvin's counties that are missing. Safe to run at
    /// every start.
    pub async fn seed_reference_places(&self) -> AppResult<usize> {
        let mut tx = self.db.write().await?;
        let now = self.now();
        let mut added = 0;
        let country = ensure_place(
            tx.as_mut(),
            now,
            ("country", None, COUNTRY_CODE),
            ("ایران", "Iran"),
            &mut added,
        )
        .await?;
        for (suffix, fa, en) in PROVINCES {
            let code = reference::province_code(suffix);
            let province = ensure_place(
                tx.as_mut(),
                now,
                ("province", Some(country), &code),
                (fa, en),
                &mut added,
            )
            .await?;
            if suffix == "qazvin" {
                for (county_suffix, fa, en) in QAZVIN_COUNTIES {
                    let code = reference::county_code(suffix, county_suffix);
                    ensure_place(
                        tx.as_mut(),
                        now,
                        ("county", Some(province), &code),
                        (fa, en),
                        &mut added,
                    )
                    .await?;
                }
            }
        }
        tx.commit().await?;
        Ok(added)
    }

    /// Adds a county to a province (administrators whose scope contains the province).
    pub async fn add_county(&self, actor: &Actor, input: &NewCountyInput) -> AppResult<PlaceId> {
        actor.require(Permission::ManagePlaces)?;
        let mut errors = Vec::new();
        let province_id = parse_place_id("province_id", &input.province_id)
            .map_err(|e| errors.push(e))
            .ok();
        let name_fa = parse_place_name("name_fa", &input.name_fa, true)
            .map_err(|e| errors.push(e))
            .ok();
        let name_en = parse_place_name("name_en", &input.name_en, false)
            .map_err(|e| errors.push(e))
            .ok();
        let (Some(province_id), Some(name_fa), Some(name_en)) = (province_id, name_fa, name_en)
        else {
            return Err(AppError::Invalid(errors));
        };
        let mut tx = self.db.write().await?;
        let province = tx
            .place_by_id(province_id)
            .await?
            .filter(|p| p.kind == "province");
        let Some(province) = province else {
            return Err(AppError::invalid(
                "province_id",
                Message::new("places-chosen_province_does_exist"),
            ));
        };
        if !actor.scope.contains(Scope::Province(province.id)) {
            return Err(AppError::NotFound);
        }
        let suffix = match slug(&name_en) {
            s if s.is_empty() => format!("c{}", self.now().as_millisecond()),
            s => s,
        };
        let now = self.now();
        let new_place = NewPlaceRow {
            kind: "county".into(),
            parent_id: Some(province.id),
            code: format!("{}.{suffix}", province.code),
            created_at: now,
        };
        let id = tx.insert_place(&new_place).await.map_err(|e| {
            conflict_on(
                e,
                "places.code",
                "name_en",
                Message::new("places-county_english_name_already_exists"),
            )
        })?;
        let today = self.today().to_iso_string();
        let name = NewPlaceNameRow {
            place_id: id,
            name_fa: name_fa.clone(),
            name_en: name_en.clone(),
            valid_from: today.clone(),
            recorded_at: now,
        };
        tx.insert_place_name(&name).await?;
        let after = serde_json::json!({"kind": "county", "code": new_place.code, "province_id": province.id, "name_fa": name_fa, "name_en": name_en, "valid_from": today});
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "place.create",
                entity_kind: "place",
                entity_id: id.to_string(),
                province_id: Some(province.id),
                county_id: Some(id),
                before: None,
                after: Some(after),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records a new name for a place, holding from a given Jalali date.
    pub async fn rename_place(
        &self,
        actor: &Actor,
        place_id: PlaceId,
        input: &RenameInput,
    ) -> AppResult<()> {
        actor.require(Permission::ManagePlaces)?;
        let mut errors = Vec::new();
        let name_fa = parse_place_name("name_fa", &input.name_fa, true)
            .map_err(|e| errors.push(e))
            .ok();
        let name_en = parse_place_name("name_en", &input.name_en, false)
            .map_err(|e| errors.push(e))
            .ok();
        let valid_from = JalaliDate::parse(&input.valid_from)
            .map_err(|e| errors.push(FieldError::new("valid_from", e.message())))
            .ok();
        let (Some(name_fa), Some(name_en), Some(valid_from)) = (name_fa, name_en, valid_from)
        else {
            return Err(AppError::Invalid(errors));
        };
        let mut tx = self.db.write().await?;
        let tree = load_tree(tx.as_mut(), &valid_from.to_iso_string()).await?;
        let place = tree.get(place_id).ok_or(AppError::NotFound)?;
        let scope = tree.scope_of(place_id).ok_or(AppError::NotFound)?;
        if !actor.scope.contains(scope) {
            return Err(AppError::NotFound);
        }
        let before = snapshot(&PlaceName {
            name_fa: place.name_fa.clone(),
            name_en: place.name_en.clone(),
            valid_from: String::new(),
        });
        let row = NewPlaceNameRow {
            place_id,
            name_fa: name_fa.clone(),
            name_en: name_en.clone(),
            valid_from: valid_from.to_iso_string(),
            recorded_at: self.now(),
        };
        tx.insert_place_name(&row).await.map_err(|e| {
            conflict_on(
                e,
                "place_names.valid_from",
                "valid_from",
                Message::new("places-place_already_has_name_from"),
            )
        })?;
        let after = snapshot(&PlaceName {
            name_fa,
            name_en,
            valid_from: row.valid_from.clone(),
        });
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "place.rename",
                entity_kind: "place",
                entity_id: place_id.to_string(),
                province_id: scope.province(),
                county_id: scope.county(),
                before,
                after,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

pub(crate) async fn load_tree(tx: &mut dyn Tx, as_of_iso: &str) -> AppResult<PlaceTree> {
    let rows = tx.all_places().await?;
    let names = tx.all_place_names().await?;
    PlaceTree::build(rows, names, as_of_iso)
}

async fn ensure_place(
    tx: &mut dyn Tx,
    now: jiff::Timestamp,
    (kind, parent_id, code): (&str, Option<PlaceId>, &str),
    (name_fa, name_en): (&str, &str),
    added: &mut usize,
) -> AppResult<PlaceId> {
    if let Some(existing) = tx.place_by_code(code).await? {
        return Ok(existing.id);
    }
    let id = tx
        .insert_place(&NewPlaceRow {
            kind: kind.into(),
            parent_id,
            code: code.into(),
            created_at: now,
        })
        .await?;
    tx.insert_place_name(&NewPlaceNameRow {
        place_id: id,
        name_fa: name_fa.into(),
        name_en: name_en.into(),
        valid_from: REFERENCE_NAMES_VALID_FROM.into(),
        recorded_at: now,
    })
    .await?;
    *added += 1;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii_words() {
        assert_eq!(slug("Buin Zahra"), "buin-zahra");
        assert_eq!(
            slug("  Kohgiluyeh & Boyer-Ahmad "),
            "kohgiluyeh-boyer-ahmad"
        );
        assert_eq!(slug("آبیک"), "");
    }

    #[test]
    fn the_name_in_force_is_the_latest_that_started_on_or_before_the_day() {
        let t = jiff::Timestamp::UNIX_EPOCH;
        let rows = vec![PlaceRow {
            id: PlaceId::new(1),
            kind: "county".into(),
            parent_id: None,
            code: "x".into(),
            created_at: t,
        }];
        let name = |id, fa: &str, from: &str| PlaceNameRow {
            id,
            place_id: PlaceId::new(1),
            name_fa: fa.into(),
            name_en: String::new(),
            valid_from: from.into(),
            recorded_at: t,
        };
        let names = vec![name(1, "قدیم", "1921-03-21"), name(2, "جدید", "2026-01-01")];
        assert_eq!(
            PlaceTree::build(rows.clone(), names.clone(), "2025-12-31")
                .unwrap()
                .get(PlaceId::new(1))
                .unwrap()
                .name_fa,
            "قدیم"
        );
        assert_eq!(
            PlaceTree::build(rows, names, "2026-01-01")
                .unwrap()
                .get(PlaceId::new(1))
                .unwrap()
                .name_fa,
            "جدید"
        );
    }
}
