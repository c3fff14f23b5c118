//! Searching and listing the registry within the actor's scope. One search box understands a
//! national ID (any digit forms, legacy short codes padded), a mobile number in any accepted
//! form, or a name — folded so that Arabic/Persian letter forms, ZWNJ and spacing do not
//! matter, matched as a prefix of "first last" or of "last first", so partial names and either
//! order work. Lists mask national ID, mobile and address for roles that do not need them;
//! a page shown unmasked is recorded in the audit trail as `woman.view_in_list`, naming
//! every woman on it (see `registry::viewing`).

use hamyar_domain::{Mobile, NationalId, search_key};

use crate::access::{Actor, Permission, PlaceId};
use crate::audit::shown::women_subjects;
use crate::error::AppResult;
use crate::ports::groups::GroupId;
use crate::ports::registry::WomanId;
use crate::ports::registry::{WomanRow, WomanSearch, WomanSort};
use crate::service::App;

/// What a person typed and chose in the list's filters.
#[derive(Debug, Clone, Default)]
pub struct WomanQuery {
    pub text: String,
    /// A province to narrow to; only a country-wide actor can widen beyond their own.
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub headship_cause: Option<String>,
    pub coverage_status: Option<String>,
    /// Only the current members of this group (a group outside the scope finds nobody:
    /// the search stays within the scope's place).
    pub group_id: Option<GroupId>,
    pub sort: WomanSort,
    pub page: i64,
    pub page_size: i64,
}

/// One line of a list, already masked as the actor's role requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WomanListItem {
    pub id: WomanId,
    pub national_id: String,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: String,
    pub mobile: String,
    pub county_id: PlaceId,
    pub locality: String,
    pub address: String,
    pub headship_cause: String,
    pub coverage_status: String,
    pub household_size: i64,
    pub masked: bool,
}

#[derive(Debug, Clone)]
pub struct WomenPage {
    pub items: Vec<WomanListItem>,
    pub has_next: bool,
}

/// How the search text is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchText {
    Nothing,
    NationalId(String),
    Mobile(String),
    Name(String),
}

pub fn interpret(text: &str) -> SearchText {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return SearchText::Nothing;
    }
    let digits: String = hamyar_domain::to_latin_digits(trimmed)
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .collect();
    if digits.chars().all(|c| c.is_ascii_digit())
        && (8..=10).contains(&digits.len())
        && let Ok(id) = NationalId::parse(&digits)
    {
        return SearchText::NationalId(id.as_str().to_owned());
    }
    if let Ok(mobile) = Mobile::parse(trimmed) {
        return SearchText::Mobile(mobile.as_str().to_owned());
    }
    SearchText::Name(search_key(trimmed))
}

fn mask_middle(text: &str, keep_start: usize, keep_end: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= keep_start + keep_end {
        return "*".repeat(chars.len());
    }
    let hidden = chars.len() - keep_start - keep_end;
    chars[..keep_start]
        .iter()
        .chain(std::iter::repeat_n(&'*', hidden))
        .chain(chars[chars.len() - keep_end..].iter())
        .collect()
}

pub(crate) fn list_item(row: WomanRow, masked: bool) -> WomanListItem {
    let record = row.record;
    let mobile = record.mobile.unwrap_or_default();
    WomanListItem {
        id: row.id,
        national_id: if masked {
            mask_middle(&record.national_id, 3, 3)
        } else {
            record.national_id
        },
        first_name: record.first_name,
        last_name: record.last_name,
        birth_date: record.birth_date,
        mobile: if masked && !mobile.is_empty() {
            mask_middle(&mobile, 4, 2)
        } else {
            mobile
        },
        county_id: record.county_id,
        locality: record.locality,
        address: if masked {
            String::new()
        } else {
            record.address
        },
        headship_cause: record.headship_cause,
        coverage_status: row.coverage_status,
        household_size: row.household_size,
        masked,
    }
}

/// What an unmasked list page's audit row says: the women shown, the page, what was
/// searched for (the text as typed, and how it was read) and the filters.
fn list_detail(query: &WomanQuery, search: &WomanSearch, rows: &[WomanRow]) -> serde_json::Value {
    let searched_by = match (&search.national_id, &search.mobile, &search.name_prefix) {
        (Some(_), _, _) => "national_id",
        (_, Some(_), _) => "mobile",
        (_, _, Some(_)) => "name",
        _ => "nothing",
    };
    serde_json::json!({
        "women": rows.iter().map(|row| row.id).collect::<Vec<_>>(),
        "page": query.page.max(0),
        "search": {"by": searched_by, "text": query.text.trim()},
        "province_id": search.province_id,
        "county_id": search.county_id,
        "headship_cause": search.headship_cause,
        "coverage_status": search.coverage_status,
        "group_id": search.group_id,
    })
}

impl App {
    /// One page of women in scope matching the query. A page shown unmasked is audited
    /// (one row naming every woman on it) before it is returned.
    pub async fn search_women(&self, actor: &Actor, query: &WomanQuery) -> AppResult<WomenPage> {
        actor.require(Permission::ViewRegistry)?;
        let page_size = query.page_size.clamp(1, 200);
        let mut search = WomanSearch {
            province_id: actor.scope.province().or(query.province_id),
            county_id: actor.scope.county().or(query.county_id),
            headship_cause: query.headship_cause.clone().filter(|c| !c.is_empty()),
            coverage_status: query.coverage_status.clone().filter(|c| !c.is_empty()),
            group_id: query.group_id,
            sort: query.sort,
            limit: page_size + 1,
            offset: query.page.max(0) * page_size,
            ..WomanSearch::default()
        };
        match interpret(&query.text) {
            SearchText::Nothing => {}
            SearchText::NationalId(id) => search.national_id = Some(id),
            SearchText::Mobile(mobile) => search.mobile = Some(mobile),
            SearchText::Name(key) => search.name_prefix = Some(key),
        }
        let mut tx = self.db.read().await?;
        let mut rows = tx.search_women(&search).await?;
        tx.commit().await?;
        let has_next = rows.len() as i64 > page_size;
        rows.truncate(page_size as usize);
        let masked = !actor.can(Permission::SeeUnmaskedLists);
        if !masked && !rows.is_empty() {
            let women = rows
                .iter()
                .map(|row| (row.id, row.record.province_id, row.record.county_id));
            let detail = list_detail(query, &search, &rows);
            self.record_list_view(actor, women_subjects(women), detail)
                .await?;
        }
        Ok(WomenPage {
            items: rows.into_iter().map(|r| list_item(r, masked)).collect(),
            has_next,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_that_form_a_valid_national_id_search_by_national_id() {
        assert_eq!(
            interpret("۰۰۱۳۵۴۲۴۱۹"),
            SearchText::NationalId("0013542419".into())
        );
        assert_eq!(
            interpret("13542419"),
            SearchText::NationalId("0013542419".into())
        );
    }

    #[test]
    fn a_mobile_in_any_form_searches_by_mobile() {
        assert_eq!(
            interpret("+98 912 345 6789"),
            SearchText::Mobile("09123456789".into())
        );
    }

    #[test]
    fn anything_else_is_a_folded_name() {
        assert_eq!(
            interpret("فاطمه‌ زهرا"),
            SearchText::Name(search_key("فاطمه زهرا"))
        );
        assert_eq!(interpret("علي"), interpret("علی"));
    }

    #[test]
    fn masking_keeps_only_the_ends() {
        assert_eq!(mask_middle("0013542419", 3, 3), "001****419");
        assert_eq!(mask_middle("09123456789", 4, 2), "0912*****89");
    }
}
