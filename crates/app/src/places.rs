//! Places as dated reference data: the country, its provinces and their counties, each with
//! a history of names (a rename holds from a given date). Every later record belongs to a
//! county, and every user is scoped to the country, a province or a county, so this module
//! also turns a place into a [`Scope`] and filters places by what an actor may see.

use std::collections::{HashMap, HashSet};

use hamyar_domain::JalaliDate;
use hamyar_domain::Message;
use hamyar_domain::search_key;
use serde::Serialize;

use crate::access::{Actor, Permission, PlaceId, Scope, ScopeKind};
use crate::error::{AppError, AppResult, FieldError};
use crate::ports::{NewPlaceNameRow, NewPlaceRow, PlaceNameRow, PlaceRow, Tx};
use crate::reference::{
    self, COUNTRY_CODE, ChangeKind, CountyChange, PROVINCES, REFERENCE_NAMES_VALID_FROM,
    ReferenceCounty, ReferenceData,
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
    /// Position of each place in `places`: pages label hundreds of rows from ~520 places.
    index: HashMap<PlaceId, usize>,
}

impl PlaceTree {
    fn build(rows: Vec<PlaceRow>, names: Vec<PlaceNameRow>, as_of_iso: &str) -> AppResult<Self> {
        let mut histories: HashMap<PlaceId, Vec<PlaceName>> = HashMap::new();
        for n in names {
            histories.entry(n.place_id).or_default().push(PlaceName {
                name_fa: n.name_fa,
                name_en: n.name_en,
                valid_from: n.valid_from,
            });
        }
        let mut places = Vec::with_capacity(rows.len());
        for row in rows {
            let kind = parse_kind(&row.kind)?;
            let history = histories.remove(&row.id).unwrap_or_default();
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
        let index = places.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        Ok(Self { places, index })
    }

    pub fn get(&self, id: PlaceId) -> Option<&Place> {
        self.index.get(&id).map(|i| &self.places[*i])
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

    /// Inserts the reference places that are missing: the country, the provinces, the
    /// counties of the embedded list and its dated changes ([`ReferenceData::embedded`]).
    /// Safe to run at every start; returns how many places and names it added. The shipped
    /// instruments of the outcomes area are reference data too and are installed with them
    /// (`App::install_shipped_instruments`).
    pub async fn seed_reference_places(&self) -> AppResult<usize> {
        let data = ReferenceData::embedded()
            .map_err(|e| AppError::Internal(format!("reference places: {e}")))?;
        let added = self.apply_reference_places(&data).await?;
        self.install_shipped_instruments().await?;
        Ok(added)
    }

    /// Applies `data` as [`App::seed_reference_places`] applies the embedded list: in one
    /// transaction, inserting only what is missing by stable code and never changing a row,
    /// so a place an administrator added or renamed keeps what they gave it.
    pub async fn apply_reference_places(&self, data: &ReferenceData) -> AppResult<usize> {
        let mut tx = self.db.write().await?;
        let mut seeding = Seeding::load(tx.as_mut(), self.now(), data).await?;
        let long_ago = REFERENCE_NAMES_VALID_FROM;
        seeding.queue(("country", None, COUNTRY_CODE), ("ایران", "Iran"), long_ago);
        seeding.flush(tx.as_mut()).await?;
        let country = seeding.id(COUNTRY_CODE)?;
        for (suffix, fa, en) in PROVINCES {
            let code = reference::province_code(suffix);
            seeding.queue(("province", Some(country), &code), (fa, en), long_ago);
        }
        seeding.flush(tx.as_mut()).await?;
        for (suffix, _, _) in PROVINCES {
            let province = seeding.id(&reference::province_code(suffix))?;
            for county in data.counties_of(suffix) {
                seeding.queue_county(province, county, long_ago);
            }
        }
        seeding.flush(tx.as_mut()).await?;
        for change in &data.changes {
            seeding.apply_change(tx.as_mut(), change).await?;
        }
        tx.commit().await?;
        Ok(seeding.added)
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

/// What the reference seeding knows of the places already stored, read once, and the places
/// it is about to add: a start of a seeded database costs two reads, a new database a few
/// multi-row inserts, and only missing rows are ever written.
struct Seeding {
    now: jiff::Timestamp,
    by_code: HashMap<String, PlaceId>,
    /// Each county an administrator added (its code is not one of the reference list's), by
    /// its province and the folded key of every Persian name it has had.
    county_by_name: HashMap<(PlaceId, String), PlaceId>,
    /// Every stored name of each place: (valid from, folded Persian name).
    names: HashMap<PlaceId, Vec<(String, String)>>,
    /// Places waiting for [`Seeding::flush`], with their first name.
    queued: Vec<(NewPlaceRow, (String, String, String))>,
    added: usize,
}

impl Seeding {
    async fn load(tx: &mut dyn Tx, now: jiff::Timestamp, data: &ReferenceData) -> AppResult<Self> {
        let reference_codes: HashSet<String> = data
            .counties
            .iter()
            .chain(data.changes.iter().map(|c| &c.county))
            .map(ReferenceCounty::code)
            .collect();
        let places = tx.all_places().await?;
        let mut names: HashMap<PlaceId, Vec<(String, String)>> = HashMap::new();
        for name in tx.all_place_names().await? {
            names
                .entry(name.place_id)
                .or_default()
                .push((name.valid_from, search_key(&name.name_fa)));
        }
        let mut county_by_name = HashMap::new();
        let added_by_hand = places
            .iter()
            .filter(|p| p.kind == "county" && !reference_codes.contains(&p.code));
        for place in added_by_hand {
            let (Some(province), Some(history)) = (place.parent_id, names.get(&place.id)) else {
                continue;
            };
            for (_, key) in history {
                county_by_name.insert((province, key.clone()), place.id);
            }
        }
        let by_code = places.into_iter().map(|p| (p.code, p.id)).collect();
        Ok(Self {
            now,
            by_code,
            county_by_name,
            names,
            queued: Vec::new(),
            added: 0,
        })
    }

    /// The id of a stored (or flushed) place.
    fn id(&self, code: &str) -> AppResult<PlaceId> {
        self.by_code
            .get(code)
            .copied()
            .ok_or_else(|| AppError::Internal(format!("reference place {code} is missing")))
    }

    /// Queues the place with `code` and its first name (from `valid_from`), unless it is
    /// stored or queued already.
    fn queue(
        &mut self,
        (kind, parent_id, code): (&str, Option<PlaceId>, &str),
        (name_fa, name_en): (&str, &str),
        valid_from: &str,
    ) {
        let queued = self.queued.iter().any(|(place, _)| place.code == code);
        if self.by_code.contains_key(code) || queued {
            return;
        }
        let place = NewPlaceRow {
            kind: kind.into(),
            parent_id,
            code: code.into(),
            created_at: self.now,
        };
        let name = (name_fa.into(), name_en.into(), valid_from.into());
        self.queued.push((place, name));
    }

    /// Queues a reference county, unless its province already has a county of that Persian
    /// name under another code (added by an administrator before the list shipped): that one
    /// is kept and stands for it, so the county is not listed twice.
    fn queue_county(&mut self, province: PlaceId, county: &ReferenceCounty, valid_from: &str) {
        let code = county.code();
        if !self.by_code.contains_key(&code)
            && let Some(id) = self
                .county_by_name
                .get(&(province, search_key(&county.name_fa)))
        {
            let id = *id;
            self.by_code.insert(code, id);
            return;
        }
        let names = (county.name_fa.as_str(), county.name_en.as_str());
        self.queue(("county", Some(province), &code), names, valid_from);
    }

    /// Writes the queued places and their names.
    async fn flush(&mut self, tx: &mut dyn Tx) -> AppResult<()> {
        if self.queued.is_empty() {
            return Ok(());
        }
        let (places, first_names): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.queued).into_iter().unzip();
        let ids = tx.insert_places(&places).await?;
        let mut rows = Vec::with_capacity(ids.len());
        for ((place, (name_fa, name_en, valid_from)), id) in
            places.into_iter().zip(first_names).zip(ids)
        {
            self.by_code.insert(place.code, id);
            self.remember(id, &name_fa, &valid_from);
            rows.push(NewPlaceNameRow {
                place_id: id,
                name_fa,
                name_en,
                valid_from,
                recorded_at: self.now,
            });
        }
        tx.insert_place_names(&rows).await?;
        self.added += rows.len();
        Ok(())
    }

    fn remember(&mut self, place_id: PlaceId, name_fa: &str, valid_from: &str) {
        self.names
            .entry(place_id)
            .or_default()
            .push((valid_from.into(), search_key(name_fa)));
    }

    async fn apply_change(&mut self, tx: &mut dyn Tx, change: &CountyChange) -> AppResult<()> {
        let county = &change.county;
        match change.kind {
            ChangeKind::New => {
                let province = self.id(&reference::province_code(&county.province))?;
                self.queue_county(province, county, &change.valid_from);
                self.flush(tx).await
            }
            ChangeKind::Rename => {
                let id = self.id(&county.code())?;
                let key = search_key(&county.name_fa);
                let recorded = self.names.get(&id).is_some_and(|history| {
                    history
                        .iter()
                        .any(|(from, name)| *from == change.valid_from || *name == key)
                });
                if recorded {
                    return Ok(());
                }
                tx.insert_place_name(&NewPlaceNameRow {
                    place_id: id,
                    name_fa: county.name_fa.clone(),
                    name_en: county.name_en.clone(),
                    valid_from: change.valid_from.clone(),
                    recorded_at: self.now,
                })
                .await?;
                self.remember(id, &county.name_fa, &change.valid_from);
                self.added += 1;
                Ok(())
            }
        }
    }
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
