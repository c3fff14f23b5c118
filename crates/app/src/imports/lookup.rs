//! Finding what an imported row names: a group by its code within the importer's scope,
//! and, for a group row, the supervising unit and business field by the names an office
//! writes (the form offers them as choices; a spreadsheet has their names).

use hamyar_domain::{Message, search_key, to_latin_digits};

use crate::access::Actor;
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::groups::{GroupRow, GroupSearch, PlaceFilter};

/// A group code as the group form stores it: Latin digits, upper case.
pub(super) fn normalized_code(text: &str) -> String {
    to_latin_digits(text.trim()).to_ascii_uppercase()
}

/// The actor's place, as a group search's filter.
pub(super) fn scope_of(actor: &Actor) -> PlaceFilter {
    PlaceFilter {
        province_id: actor.scope.province(),
        county_id: actor.scope.county(),
    }
}

/// The group with this code in the actor's scope. A code is unique within a province, so
/// a country-wide importer whose code names groups of two provinces is asked to import as
/// a provincial user.
pub(super) async fn group_by_code(
    tx: &mut dyn Tx,
    actor: &Actor,
    code: &str,
) -> AppResult<Option<GroupRow>> {
    let code = normalized_code(code);
    if code.is_empty() {
        return Err(AppError::invalid(
            "group_code",
            Message::new("imports-group_code_required"),
        ));
    }
    let found = tx
        .search_groups(&GroupSearch {
            place: scope_of(actor),
            text: Some(code.clone()),
            limit: 50,
            ..GroupSearch::default()
        })
        .await?;
    let mut exact = found.into_iter().filter(|group| group.record.code == code);
    let first = exact.next();
    if exact.next().is_some() {
        return Err(AppError::invalid(
            "group_code",
            Message::new("imports-group_code_in_two_provinces"),
        ));
    }
    Ok(first)
}

/// The group with this code, or the row's refusal naming the column.
pub(super) async fn existing_group(
    tx: &mut dyn Tx,
    actor: &Actor,
    code: &str,
) -> AppResult<GroupRow> {
    group_by_code(tx, actor, code)
        .await?
        .ok_or_else(|| AppError::invalid("group_code", Message::new("imports-no_group_with_code")))
}

/// The id (as the form sends it) of the supervising unit named `text` in the actor's
/// scope; the text itself when it names none (an id typed as digits, or a name the form's
/// rule then refuses with its own message).
pub(super) async fn supervising_unit(
    tx: &mut dyn Tx,
    actor: &Actor,
    text: &str,
) -> AppResult<String> {
    let wanted = search_key(text);
    if wanted.is_empty() {
        return Ok(String::new());
    }
    let units = tx.supervising_units(scope_of(actor)).await?;
    Ok(units
        .iter()
        .find(|unit| search_key(&unit.name) == wanted)
        .map_or_else(|| text.to_owned(), |unit| unit.id.to_string()))
}

/// The code of the business field named `text` (its code, Persian or English name); the
/// text itself when it names none, for the form's rule to refuse.
pub(super) async fn business_field(tx: &mut dyn Tx, text: &str) -> AppResult<String> {
    let wanted = search_key(text);
    if wanted.is_empty() {
        return Ok(String::new());
    }
    let fields = tx.business_fields().await?;
    Ok(fields
        .iter()
        .find(|field| {
            [&field.code, &field.name_fa, &field.name_en]
                .iter()
                .any(|name| search_key(name) == wanted)
        })
        .map_or_else(|| text.trim().to_owned(), |field| field.code.clone()))
}
