//! The registration and edit form's body as it arrives. The woman's fields are plain names
//! (`national_id`, `birth_date`…); the household rows are named `members[N].field`, because a
//! form may carry any number of rows (three blank ones, more added with htmx). The body is
//! read as the list of pairs the browser sent and grouped here; rows left entirely blank are
//! ignored. Nothing is validated here: the text goes to the app as typed.

use std::collections::{BTreeMap, HashMap};

use hamyar_domain::registry::{MemberInput, WomanInput};

use crate::pages::form::FormView;
use hamyar_i18n::Lang;

/// The most household rows one form may carry.
pub const MAX_MEMBER_ROWS: usize = 20;
/// Blank household rows a new form starts with.
pub const BLANK_MEMBER_ROWS: usize = 3;

/// The woman's own fields, in form order (`county` is resolved by the app).
pub const WOMAN_FIELDS: [&str; 16] = [
    "national_id",
    "first_name",
    "last_name",
    "father_name",
    "birth_date",
    "mobile",
    "county",
    "settlement",
    "locality",
    "address",
    "headship_cause",
    "education",
    "income_decile",
    "skills",
    "sheba",
    "notes",
];

/// One household row as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberFields {
    pub first_name: String,
    pub last_name: String,
    pub relation: String,
    pub birth_date: String,
    pub national_id: String,
    pub disability: bool,
    pub activity: String,
}

impl MemberFields {
    fn set(&mut self, field: &str, value: String) {
        match field {
            "first_name" => self.first_name = value,
            "last_name" => self.last_name = value,
            "relation" => self.relation = value,
            "birth_date" => self.birth_date = value,
            "national_id" => self.national_id = value,
            "disability" => self.disability = !value.trim().is_empty(),
            "activity" => self.activity = value,
            _ => {}
        }
    }

    /// Nothing typed, nothing chosen, nothing ticked.
    pub fn is_blank(&self) -> bool {
        !self.disability
            && [
                &self.first_name,
                &self.last_name,
                &self.relation,
                &self.birth_date,
                &self.national_id,
                &self.activity,
            ]
            .iter()
            .all(|text| text.trim().is_empty())
    }

    pub fn to_input(&self) -> MemberInput {
        MemberInput {
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            relation: self.relation.clone(),
            birth_date: self.birth_date.clone(),
            national_id: self.national_id.clone(),
            disability: if self.disability { "1" } else { "" }.to_owned(),
            activity: self.activity.clone(),
        }
    }
}

/// One household row as the template draws it.
#[derive(Debug, Clone)]
pub struct MemberRowView {
    pub index: usize,
    /// «عضو ۲» / "Member 2".
    pub title: String,
    pub fields: MemberFields,
    /// Focus the row's first field (rows added by the "add a row" button).
    pub autofocus: bool,
}

impl MemberRowView {
    pub fn new(index: usize, fields: MemberFields, lang: Lang) -> Self {
        Self {
            index,
            title: format!(
                "{} {}",
                lang.t("women-member"),
                lang.digits(&(index + 1).to_string())
            ),
            fields,
            autofocus: false,
        }
    }
}

/// The submitted form: the woman's fields and the household rows that are not blank.
#[derive(Debug, Clone, Default)]
pub struct WomanForm {
    fields: HashMap<String, String>,
    pub members: Vec<MemberFields>,
}

impl WomanForm {
    /// Groups the body's pairs; household rows keep their order, blank ones are dropped.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut fields = HashMap::new();
        let mut rows: BTreeMap<usize, MemberFields> = BTreeMap::new();
        for (name, value) in pairs {
            match member_key(&name) {
                Some((index, field)) if index < MAX_MEMBER_ROWS => {
                    rows.entry(index).or_default().set(field, value);
                }
                Some(_) => {}
                None => {
                    fields.insert(name, value);
                }
            }
        }
        Self {
            fields,
            members: rows.into_values().filter(|row| !row.is_blank()).collect(),
        }
    }

    /// A form filled from stored values (editing).
    pub fn from_values(values: impl IntoIterator<Item = (&'static str, String)>) -> Self {
        Self {
            fields: values
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value))
                .collect(),
            members: Vec::new(),
        }
    }

    pub fn get(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or("")
    }

    pub fn county(&self) -> &str {
        self.get("county")
    }

    /// The record version the edit form was drawn from; unreadable text counts as none,
    /// which the app then reports as a conflict.
    pub fn version(&self) -> i64 {
        hamyar_domain::to_latin_digits(self.get("version").trim())
            .parse()
            .unwrap_or(-1)
    }

    pub fn input(&self) -> WomanInput {
        let text = |name: &str| self.get(name).to_owned();
        WomanInput {
            national_id: text("national_id"),
            first_name: text("first_name"),
            last_name: text("last_name"),
            father_name: text("father_name"),
            birth_date: text("birth_date"),
            mobile: text("mobile"),
            locality: text("locality"),
            settlement: text("settlement"),
            address: text("address"),
            education: text("education"),
            skills: text("skills"),
            sheba: text("sheba"),
            headship_cause: text("headship_cause"),
            income_decile: text("income_decile"),
            notes: text("notes"),
        }
    }

    pub fn member_inputs(&self) -> Vec<MemberInput> {
        self.members.iter().map(MemberFields::to_input).collect()
    }

    /// The woman's fields as a form view (for re-rendering with messages).
    pub fn view(&self) -> FormView {
        FormView::with_values(
            WOMAN_FIELDS
                .iter()
                .map(|name| (*name, self.get(name)))
                .chain([("version", self.get("version"))]),
        )
    }

    /// The household rows to draw: those typed, then blank ones up to the starting three.
    pub fn member_rows(&self, lang: Lang) -> Vec<MemberRowView> {
        let mut rows: Vec<MemberRowView> = self
            .members
            .iter()
            .enumerate()
            .map(|(index, fields)| MemberRowView::new(index, fields.clone(), lang))
            .collect();
        while rows.len() < BLANK_MEMBER_ROWS {
            rows.push(MemberRowView::new(
                rows.len(),
                MemberFields::default(),
                lang,
            ));
        }
        rows
    }
}

/// `members[3].first_name` → (3, "first_name").
fn member_key(name: &str) -> Option<(usize, &str)> {
    let rest = name.strip_prefix("members[")?;
    let (index, field) = rest.split_once("].")?;
    Some((index.parse().ok()?, field))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(name: &str, value: &str) -> (String, String) {
        (name.to_owned(), value.to_owned())
    }

    #[test]
    fn household_rows_are_grouped_by_index_and_blank_rows_dropped() {
        let form = WomanForm::from_pairs(vec![
            pair("csrf", "token"),
            pair("first_name", "مریم"),
            pair("members[0].first_name", "علی"),
            pair("members[0].relation", "child"),
            pair("members[1].first_name", "  "),
            pair("members[1].relation", ""),
            pair("members[2].first_name", "زهرا"),
            pair("members[2].disability", "1"),
        ]);
        assert_eq!(form.get("first_name"), "مریم");
        assert_eq!(form.members.len(), 2);
        assert_eq!(form.members[0].first_name, "علی");
        assert_eq!(form.members[0].relation, "child");
        assert_eq!(form.members[1].first_name, "زهرا");
        assert!(form.members[1].disability);
    }

    #[test]
    fn rows_beyond_the_limit_and_malformed_names_are_ignored() {
        let form = WomanForm::from_pairs(vec![
            pair("members[20].first_name", "x"),
            pair("members[abc].first_name", "y"),
            pair("members[1]first_name", "z"),
        ]);
        assert!(form.members.is_empty());
        assert_eq!(form.get("members[abc].first_name"), "y");
    }

    #[test]
    fn a_re_drawn_form_keeps_typed_rows_and_pads_with_blank_ones() {
        let form = WomanForm::from_pairs(vec![pair("members[5].first_name", "علی")]);
        let rows = form.member_rows(Lang::Fa);
        assert_eq!(rows.len(), BLANK_MEMBER_ROWS);
        assert_eq!(rows[0].index, 0);
        assert_eq!(rows[0].fields.first_name, "علی");
        assert_eq!(rows[0].title, "عضو ۱");
        assert!(rows[2].fields.is_blank());
    }

    #[test]
    fn an_unreadable_version_is_never_a_real_one() {
        let form = WomanForm::from_values([("version", "abc".to_owned())]);
        assert_eq!(form.version(), -1);
        let form = WomanForm::from_values([("version", "۳".to_owned())]);
        assert_eq!(form.version(), 3);
    }
}
