//! A form that arrives as a list of pairs rather than as a use-case's input: the forms whose
//! fields depend on the record they are about — a payment or an attendance mark per member,
//! ticked boxes that share a name, a grant's rows of tranches. Reading such a body (one
//! value, every value of a name, the values named after an id) is written once here so that
//! the pages that take one read it the same way.

use hamyar_app::ports::registry::WomanId;

/// A form's fields as sent: several values may share a name.
pub struct Pairs(pub Vec<(String, String)>);

impl Pairs {
    /// The first value of a field, or empty.
    pub fn one(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Every value of a field (ticked boxes), in the order sent.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Values of fields named `<prefix><woman id>`.
    pub fn per_member(&self, prefix: &str) -> Vec<(WomanId, String)> {
        self.0
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix(prefix)?.parse().ok()?, v.clone())))
            .collect()
    }
}
