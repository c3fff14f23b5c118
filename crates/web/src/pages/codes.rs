//! The registry's coded lists and places as the pages show them. Storage carries stable
//! snake_case codes (`husband_addicted`); people read labels in their language. Forms send
//! codes back (the app's parsers accept codes as well as labels), so a label can be reworded
//! without breaking a saved form. An unknown stored code is shown as stored, never hidden.

use hamyar_app::places::PlaceTree;
use hamyar_app::{Actor, App};
use hamyar_domain::registry::codes::CodedList;
use hamyar_domain::registry::{CoverageStatus, HeadshipCause, HeadshipGroup};
pub use hamyar_reports::format::{label, label_of};

use crate::error::WebResult;
use hamyar_i18n::Lang;

/// One `<option>`: the code sent back and the label shown.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// An `<optgroup>` of choices.
#[derive(Debug, Clone)]
pub struct ChoiceGroup {
    pub label: String,
    pub choices: Vec<Choice>,
}

/// Every value of a list as options, in the list's display order.
pub fn choices<T: CodedList>(lang: Lang) -> Vec<Choice> {
    choices_of(T::all(), lang)
}

/// The given values as options.
pub fn choices_of<T: CodedList>(values: &[T], lang: Lang) -> Vec<Choice> {
    values
        .iter()
        .map(|value| Choice::new(value.code(), label(*value, lang)))
        .collect()
}

/// Headship causes grouped under the two legal umbrella terms (بی‌سرپرست / بدسرپرست).
pub fn headship_cause_groups(lang: Lang) -> Vec<ChoiceGroup> {
    HeadshipGroup::ALL
        .iter()
        .map(|group| ChoiceGroup {
            label: label(*group, lang).to_owned(),
            choices: HeadshipCause::ALL
                .iter()
                .filter(|cause| cause.group() == *group)
                .map(|cause| Choice::new(cause.code(), label(*cause, lang)))
                .collect(),
        })
        .collect()
}

/// The badge class that colours a coverage status.
pub fn status_badge(code: &str) -> &'static str {
    CoverageStatus::parse(code).map_or("", coverage_badge)
}

/// The badge class of a coverage status already read.
pub fn coverage_badge(status: CoverageStatus) -> &'static str {
    match status {
        CoverageStatus::Applicant => "badge-info",
        CoverageStatus::WaitingList => "badge-warning",
        CoverageStatus::Covered | CoverageStatus::Pensioner => "badge-ok",
        CoverageStatus::Exited => "badge-muted",
    }
}

/// The counties the actor works in, grouped by province, with the place tree for labels.
pub async fn counties_in_scope(
    app: &App,
    actor: &Actor,
    lang: Lang,
) -> WebResult<(PlaceTree, Vec<ChoiceGroup>)> {
    let (tree, visible) = app.visible_places(actor).await?;
    let english = lang.is_english();
    let mut groups: Vec<ChoiceGroup> = Vec::new();
    for place in visible.iter().filter_map(|id| tree.get(*id)) {
        if place.kind != hamyar_app::access::ScopeKind::County {
            continue;
        }
        let province = place
            .parent_id
            .and_then(|id| tree.get(id))
            .map(|p| p.name(english).to_owned())
            .unwrap_or_default();
        let choice = Choice::new(place.id.to_string(), place.name(english));
        match groups.last_mut() {
            Some(group) if group.label == province => group.choices.push(choice),
            _ => groups.push(ChoiceGroup {
                label: province,
                choices: vec![choice],
            }),
        }
    }
    Ok((tree, groups))
}

/// How many counties the groups hold.
pub fn county_count(groups: &[ChoiceGroup]) -> usize {
    groups.iter().map(|g| g.choices.len()).sum()
}
