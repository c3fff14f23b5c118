//! The catalogue's own checks: every language has the same files and messages with the same
//! arguments, every message renders, every id the code asks for exists, and every message
//! is still asked for somewhere — so a translator is never asked to translate dead words,
//! and no page ever shows `??`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_bundle::FluentResource;
use fluent_syntax::ast;

use crate::catalogue::{message_ids, resources};
use crate::{Arg, Lang};

fn locales() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

#[test]
fn every_folder_is_a_language_and_every_file_is_compiled_in() {
    let mut folders = BTreeSet::new();
    for entry in std::fs::read_dir(locales()).unwrap() {
        let entry = entry.unwrap();
        let code = entry.file_name().to_string_lossy().into_owned();
        let lang = Lang::parse(&code)
            .unwrap_or_else(|| panic!("locales/{code} is not a language of Lang::ALL"));
        let mut on_disk: Vec<String> = std::fs::read_dir(entry.path())
            .unwrap()
            .map(|file| file.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut compiled: Vec<String> = resources(lang)
            .iter()
            .map(|(area, _)| format!("{area}.ftl"))
            .collect();
        compiled.sort();
        assert_eq!(
            on_disk, compiled,
            "locales/{code} and the compiled-in list differ"
        );
        for (area, text) in resources(lang) {
            let path = entry.path().join(format!("{area}.ftl"));
            assert_eq!(
                std::fs::read_to_string(&path).unwrap(),
                *text,
                "{} is not what was compiled in",
                path.display()
            );
        }
        folders.insert(code);
    }
    let languages: BTreeSet<String> = Lang::ALL.iter().map(|l| l.code().to_owned()).collect();
    assert_eq!(folders, languages, "a language without its folder");
}

/// Message id → the variables it uses, for one language.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut all = BTreeMap::new();
    for (area, text) in resources(lang) {
        let resource = FluentResource::try_new((*text).to_owned())
            .unwrap_or_else(|(_, errors)| panic!("locales/{}/{area}.ftl: {errors:?}", lang.code()));
        for entry in resource.entries() {
            if let ast::Entry::Message(message) = entry {
                let mut variables = BTreeSet::new();
                if let Some(pattern) = &message.value {
                    pattern_variables(pattern, &mut variables);
                }
                let id = message.id.name.to_owned();
                assert!(
                    all.insert(id.clone(), variables).is_none(),
                    "{id} is twice in {}",
                    lang.code()
                );
            }
        }
    }
    all
}

/// Message id → the arguments its comment declares (`# $length: …`) although the language's
/// text leaves them out: the Persian says "must have 10 digits" where the English adds
/// "(got 9)". Another language may use a declared argument; any other is a typo.
fn declared_arguments(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut all = BTreeMap::new();
    for (_, text) in resources(lang) {
        // The bundle's parser drops comments; the full parser keeps them.
        let Ok(resource) = fluent_syntax::parser::parse(*text) else {
            continue;
        };
        for entry in &resource.body {
            if let ast::Entry::Message(message) = entry
                && let Some(comment) = &message.comment
            {
                let names: BTreeSet<String> = comment
                    .content
                    .iter()
                    .filter_map(|line| line.trim().strip_prefix('$'))
                    .filter_map(|rest| rest.split(':').next())
                    .map(str::to_owned)
                    .collect();
                all.insert(message.id.name.to_owned(), names);
            }
        }
    }
    all
}

fn pattern_variables(pattern: &ast::Pattern<&str>, into: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, into);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, into: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Inline(inline) => inline_variables(inline, into),
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, into);
            for variant in variants {
                pattern_variables(&variant.value, into);
            }
        }
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, into: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            into.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, into),
        _ => {}
    }
}

#[test]
fn every_language_has_every_message_with_the_same_arguments() {
    let source = messages(Lang::Fa);
    let optional = declared_arguments(Lang::Fa);
    assert!(source.len() > 500, "only {} messages", source.len());
    for lang in Lang::ALL {
        let other = messages(lang);
        for (id, variables) in &source {
            let theirs = other
                .get(id)
                .unwrap_or_else(|| panic!("{} lacks {id}", lang.code()));
            let declared = optional.get(id).cloned().unwrap_or_default();
            let allowed: BTreeSet<String> = variables.union(&declared).cloned().collect();
            assert!(
                theirs.is_superset(variables) && theirs.is_subset(&allowed),
                "{id} takes other arguments in {}: {theirs:?}, not {variables:?}",
                lang.code()
            );
        }
        for id in other.keys() {
            assert!(source.contains_key(id), "{id} is in {} only", lang.code());
        }
    }
}

#[test]
fn every_message_renders_in_every_language() {
    for lang in Lang::ALL {
        for (id, variables) in messages(lang) {
            let text = if variables.is_empty() {
                lang.find(&id).map(str::to_owned)
            } else {
                let args: Vec<(&str, Arg<'_>)> = variables
                    .iter()
                    .map(|v| (v.as_str(), Arg::Number(2)))
                    .collect();
                Some(lang.tr(&id, &args))
            };
            let text = text.unwrap_or_else(|| panic!("{id} does not render in {}", lang.code()));
            assert!(
                !text.trim().is_empty() && text != "??",
                "{id} in {}",
                lang.code()
            );
        }
    }
}

/// The text of every source file that may ask for a message: the crates' code (not their
/// tests) and the web templates.
fn sources() -> Vec<(PathBuf, String)> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned();
    let mut found = Vec::new();
    let mut stack: Vec<PathBuf> = std::fs::read_dir(&crates)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| !path.ends_with("i18n"))
        .flat_map(|krate| [krate.join("src"), krate.join("templates")])
        .filter(|path| path.is_dir())
        .collect();
    while let Some(directory) = stack.pop() {
        for entry in std::fs::read_dir(&directory).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs" || e == "html") {
                let text = std::fs::read_to_string(&path).unwrap();
                found.push((path, text));
            }
        }
    }
    assert!(found.len() > 100, "only {} source files found", found.len());
    found
}

/// Every string literal of the sources (roughly: text between double quotes).
fn literals(text: &str) -> impl Iterator<Item = &str> {
    text.split('"').skip(1).step_by(2)
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// The ids passed to `t("…")`, `tr("…"` and `Message::new("…")`, and those the catalogue
/// of figures names (`name_id: "…"`, `definition_id: "…"`, rendered later by whoever shows
/// the figure), but not to `expect("…")` and the like.
fn requested_ids(text: &str) -> Vec<&str> {
    let mut ids = Vec::new();
    for call in [
        "t(\"",
        "tr(\"",
        "Message::new(\"",
        "name_id: \"",
        "definition_id: \"",
    ] {
        for (at, _) in text.match_indices(call) {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &text[at + call.len()..];
            let id = rest.split('"').next().unwrap_or_default();
            if !id.is_empty() && id.chars().all(is_id_char) {
                ids.push(id);
            }
        }
    }
    ids
}

#[test]
fn every_id_the_code_asks_for_exists() {
    let known = messages(Lang::Fa);
    let mut asked = 0;
    for (path, text) in sources() {
        for id in requested_ids(&text) {
            assert!(
                known.contains_key(id),
                "{} asks for {id}, which no language has",
                path.display()
            );
            asked += 1;
        }
    }
    assert!(asked > 500, "only {asked} requests for a message found");
}

/// A message counts as asked for when its id is a word of any literal (`"nav-home"`,
/// `"…?done=groups-created"`), or when a literal builds ids from a prefix
/// (`format!("field-{name}")` asks for every `field-…`).
#[test]
fn every_message_is_asked_for_somewhere() {
    let mut words = BTreeSet::new();
    let mut prefixes = BTreeSet::new();
    for (_, text) in sources() {
        words.extend(requested_ids(&text).into_iter().map(str::to_owned));
        for literal in literals(&text) {
            for (at, _) in literal.match_indices("-{") {
                let start = literal[..at]
                    .rfind(|c: char| !is_id_char(c))
                    .map_or(0, |i| {
                        i + literal[i..].chars().next().map_or(1, char::len_utf8)
                    });
                prefixes.insert(literal[start..=at].to_owned());
            }
            for word in literal.split(|c: char| !is_id_char(c)) {
                words.insert(word.to_owned());
            }
        }
    }
    let unused: Vec<String> = message_ids(Lang::Fa)
        .into_iter()
        .filter(|id| !words.contains(id) && !prefixes.iter().any(|p| id.starts_with(p.as_str())))
        .collect();
    assert!(unused.is_empty(), "messages nobody asks for: {unused:?}");
}

/// The catalogue of figures (`figures.ftl`): every figure has a name and a definition in every
/// language, and a definition is a sentence, ending with a full stop.
#[test]
fn every_figure_has_a_name_and_a_definition_that_is_a_sentence() {
    let source = messages(Lang::Fa);
    let names: Vec<&String> = source
        .keys()
        .filter(|id| id.starts_with("figure-") && !id.ends_with("-definition"))
        .collect();
    assert!(names.len() >= 20, "only {} figures", names.len());
    for id in source.keys().filter(|id| id.starts_with("figure-")) {
        let name = id.strip_suffix("-definition").unwrap_or(id);
        assert!(source.contains_key(name), "{id} defines no figure's name");
    }
    for lang in Lang::ALL {
        for name in &names {
            let definition = format!("{name}-definition");
            let text = lang.find(name).unwrap_or_default();
            assert!(!text.trim().is_empty(), "{name} in {}", lang.code());
            assert!(!text.ends_with('.'), "{name} is a name, not a sentence");
            let text = lang
                .find(&definition)
                .unwrap_or_else(|| panic!("{name} has no definition in {}", lang.code()));
            assert!(
                text.ends_with('.'),
                "{definition} in {}: {text}",
                lang.code()
            );
        }
    }
}
