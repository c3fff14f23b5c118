//! The registry of women heads of household: the searchable list (one box that the app reads
//! as a national ID, a mobile number or a name; filters by county, headship cause, coverage
//! status and group — its current members), the registration form with its household rows (more rows arrive through htmx), and
//! editing a record under an optimistic lock (the version read travels in a hidden field).

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::registry::WomanSort;
use hamyar_app::registry::search::{WomanListItem, WomanQuery};
use hamyar_domain::registry::{
    CoverageStatus, Education, HeadshipCause, MemberActivity, Relation, Settlement,
};
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice, ChoiceGroup};
use crate::pages::form::FormView;
use crate::pages::woman_form::{MAX_MEMBER_ROWS, MemberFields, MemberRowView, WomanForm};
use crate::pages::{done, page};
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

/// Women per page of the list.
const PAGE_SIZE: i64 = 25;

/// One line of the list, ready to print.
pub struct WomanRowView {
    pub id: WomanId,
    pub name: String,
    pub national_id: String,
    pub birth_date: String,
    pub mobile: String,
    pub county: String,
    pub cause: String,
    pub status: String,
    pub status_badge: &'static str,
    pub household_size: String,
}

#[derive(Template)]
#[template(path = "women.html")]
struct WomenTemplate {
    ctx: PageCtx,
    filters: FormView,
    rows: Vec<WomanRowView>,
    counties: Vec<ChoiceGroup>,
    show_county_filter: bool,
    /// The groups of the place to narrow to (none offered to a reader without groups).
    groups: Vec<Choice>,
    /// More groups than offered: choose a county first.
    more_groups: bool,
    causes: Vec<ChoiceGroup>,
    statuses: Vec<Choice>,
    sorts: Vec<Choice>,
    filtered: bool,
    masked: bool,
    can_register: bool,
    can_export: bool,
    page_label: String,
    previous_href: Option<String>,
    next_href: Option<String>,
}

/// The list's query string.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ListParams {
    #[serde(default)]
    q: String,
    #[serde(default)]
    province: String,
    #[serde(default)]
    county: String,
    #[serde(default)]
    cause: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    page: String,
}

impl ListParams {
    fn page_number(&self) -> i64 {
        hamyar_domain::to_latin_digits(self.page.trim())
            .parse::<i64>()
            .unwrap_or(0)
            .max(0)
    }

    fn group_id(&self) -> Option<GroupId> {
        hamyar_domain::to_latin_digits(self.group.trim())
            .parse()
            .ok()
    }

    fn sort(&self) -> WomanSort {
        match self.sort.as_str() {
            "newest" => WomanSort::Newest,
            "birth_date" => WomanSort::BirthDate,
            _ => WomanSort::Name,
        }
    }

    fn is_filtered(&self) -> bool {
        [
            &self.q,
            &self.province,
            &self.county,
            &self.cause,
            &self.status,
            &self.group,
        ]
        .iter()
        .any(|value| !value.trim().is_empty())
    }

    fn href(&self, page: i64) -> String {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("q", self.q.as_str()),
                ("province", self.province.as_str()),
                ("county", self.county.as_str()),
                ("cause", self.cause.as_str()),
                ("status", self.status.as_str()),
                ("group", self.group.as_str()),
                ("sort", self.sort.as_str()),
                ("page", &page.to_string()),
            ])
            .finish();
        format!("/women?{query}")
    }

    fn query(&self) -> WomanQuery {
        WomanQuery {
            text: self.q.clone(),
            province_id: hamyar_domain::to_latin_digits(self.province.trim())
                .parse()
                .ok(),
            county_id: hamyar_domain::to_latin_digits(self.county.trim())
                .parse()
                .ok(),
            headship_cause: Some(self.cause.clone()),
            coverage_status: Some(self.status.clone()),
            group_id: self.group_id(),
            sort: self.sort(),
            page: self.page_number(),
            page_size: PAGE_SIZE,
        }
    }
}

fn sort_choices(lang: Lang) -> Vec<Choice> {
    [
        ("name", "women-sort_name"),
        ("newest", "women-sort_newest"),
        ("birth_date", "women-sort_birth_date"),
    ]
    .into_iter()
    .map(|(value, key)| Choice::new(value, lang.t(key)))
    .collect()
}

fn row_view(item: WomanListItem, tree: &hamyar_app::places::PlaceTree, lang: Lang) -> WomanRowView {
    WomanRowView {
        id: item.id,
        name: format!("{} {}", item.first_name, item.last_name),
        national_id: lang.digits(&item.national_id),
        birth_date: format::iso_date(&item.birth_date, lang),
        mobile: lang.digits(&item.mobile),
        county: tree.label(item.county_id, lang.is_english()),
        cause: codes::label_of::<HeadshipCause>(&item.headship_cause, lang),
        status: codes::label_of::<CoverageStatus>(&item.coverage_status, lang),
        status_badge: codes::status_badge(&item.coverage_status),
        household_size: lang.number(item.household_size),
    }
}

pub async fn list(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(params): Query<ListParams>,
) -> WebResult<Response> {
    let actor = who.actor();
    let lang = who.lang();
    let found = state.app.search_women(&actor, &params.query()).await?;
    let (tree, counties) = codes::counties_in_scope(&state.app, &actor, lang).await?;
    let county = params.query().county_id;
    let (groups, more_groups) = if actor.can(Permission::ViewGroups) {
        state
            .app
            .group_choices(&actor, county, params.group_id())
            .await?
    } else {
        (Vec::new(), false)
    };
    let page_number = params.page_number();
    // The app masks; the page only explains it when it did.
    let masked = found.items.iter().any(|item| item.masked);
    page(&WomenTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "women-title"),
        filters: FormView::with_values([
            ("q", params.q.as_str()),
            ("county", params.county.as_str()),
            ("cause", params.cause.as_str()),
            ("status", params.status.as_str()),
            ("group", params.group.as_str()),
            ("sort", params.sort.as_str()),
        ]),
        rows: found
            .items
            .into_iter()
            .map(|item| row_view(item, &tree, lang))
            .collect(),
        show_county_filter: codes::county_count(&counties) > 1,
        counties,
        groups: groups
            .into_iter()
            .map(|(id, label)| Choice::new(id.to_string(), label))
            .collect(),
        more_groups,
        causes: codes::headship_cause_groups(lang),
        statuses: codes::choices::<CoverageStatus>(lang),
        sorts: sort_choices(lang),
        filtered: params.is_filtered(),
        masked,
        can_register: actor.can(Permission::RegisterWomen),
        can_export: actor.can(Permission::SeeUnmaskedLists),
        page_label: lang.digits(&(page_number + 1).to_string()),
        previous_href: (page_number > 0).then(|| params.href(page_number - 1)),
        next_href: found.has_next.then(|| params.href(page_number + 1)),
    })
}

/// The options every household row offers.
pub struct MemberChoices {
    pub relations: Vec<Choice>,
    pub activities: Vec<Choice>,
}

impl MemberChoices {
    pub fn new(lang: Lang) -> Self {
        Self {
            relations: codes::choices::<Relation>(lang),
            activities: codes::choices::<MemberActivity>(lang),
        }
    }
}

#[derive(Template)]
#[template(path = "woman_form.html")]
struct WomanFormTemplate {
    ctx: PageCtx,
    form: FormView,
    /// `None` while registering; the record's id while editing.
    editing: Option<WomanId>,
    action: String,
    cancel_href: String,
    counties: Vec<ChoiceGroup>,
    causes: Vec<ChoiceGroup>,
    settlements: Vec<Choice>,
    educations: Vec<Choice>,
    deciles: Vec<Choice>,
    members: Vec<MemberRowView>,
    member_choices: MemberChoices,
    next_index: usize,
    max_rows: usize,
}

fn decile_choices(lang: Lang) -> Vec<Choice> {
    (1..=10)
        .map(|decile: i64| Choice::new(decile.to_string(), lang.number(decile)))
        .collect()
}

async fn form_template(
    state: &AppState,
    who: &LoggedIn,
    submitted: &WomanForm,
    form: FormView,
    editing: Option<WomanId>,
) -> WebResult<WomanFormTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let (_, counties) = codes::counties_in_scope(&state.app, &actor, lang).await?;
    let members = if editing.is_some() {
        Vec::new()
    } else {
        submitted.member_rows(lang)
    };
    let (title, action, cancel_href) = match editing {
        Some(id) => (
            "women-edit_title",
            format!("/women/{id}/edit"),
            format!("/women/{id}"),
        ),
        None => ("women-new_title", "/women".to_owned(), "/women".to_owned()),
    };
    Ok(WomanFormTemplate {
        ctx: PageCtx::for_user(&state.app, who, title),
        form,
        editing,
        action,
        cancel_href,
        counties,
        causes: codes::headship_cause_groups(lang),
        settlements: codes::choices::<Settlement>(lang),
        educations: codes::choices::<Education>(lang),
        deciles: decile_choices(lang),
        next_index: members.len(),
        members,
        member_choices: MemberChoices::new(lang),
        max_rows: MAX_MEMBER_ROWS,
    })
}

pub async fn new_form(State(state): State<AppState>, who: LoggedIn) -> WebResult<Response> {
    who.actor().require(Permission::RegisterWomen)?;
    let blank = WomanForm::default();
    page(&form_template(&state, &who, &blank, blank.view(), None).await?)
}

pub async fn create(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let submitted = WomanForm::from_pairs(pairs);
    let registered = state
        .app
        .register_woman(
            &who.actor(),
            submitted.county(),
            &submitted.input(),
            &submitted.member_inputs(),
        )
        .await;
    submitted
        .view()
        .answer(
            registered,
            who.lang(),
            |registered| done(&format!("/women/{}", registered.id), "women-registered"),
            |form| form_template(&state, &who, &submitted, form, None),
        )
        .await
}

#[derive(Template)]
#[template(path = "member_row_fragment.html")]
struct MemberRowFragment {
    ctx: PageCtx,
    row: MemberRowView,
    member_choices: MemberChoices,
    next_index: usize,
    max_rows: usize,
}

#[derive(Debug, Deserialize)]
pub struct RowParams {
    #[serde(default)]
    index: usize,
}

/// One more blank household row (htmx), with the "add a row" button moved on by one.
pub async fn member_row(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(params): Query<RowParams>,
) -> WebResult<Response> {
    who.actor().require(Permission::RegisterWomen)?;
    let lang = who.lang();
    let index = params.index.min(MAX_MEMBER_ROWS - 1);
    let mut row = MemberRowView::new(index, MemberFields::default(), lang);
    row.autofocus = true;
    page(&MemberRowFragment {
        ctx: PageCtx::for_user(&state.app, &who, "women-new_title"),
        row,
        member_choices: MemberChoices::new(lang),
        next_index: index + 1,
        max_rows: MAX_MEMBER_ROWS,
    })
}

pub async fn edit_form(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<WomanId>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::RegisterWomen)?;
    let woman = state.app.open_woman_for_edit(&actor, id).await?;
    let record = &woman.record;
    let input = hamyar_app::registry::women::input_from_record(record);
    let stored = WomanForm::from_values([
        ("national_id", input.national_id),
        ("first_name", input.first_name),
        ("last_name", input.last_name),
        ("father_name", input.father_name),
        ("birth_date", input.birth_date),
        ("mobile", input.mobile),
        ("county", record.county_id.to_string()),
        // Selects carry codes, so the stored codes are used rather than labels.
        ("settlement", record.settlement.clone()),
        ("locality", input.locality),
        ("address", input.address),
        ("headship_cause", record.headship_cause.clone()),
        ("education", record.education.clone().unwrap_or_default()),
        ("income_decile", input.income_decile),
        ("skills", input.skills),
        ("sheba", input.sheba),
        ("notes", input.notes),
        ("version", woman.version.to_string()),
    ]);
    page(&form_template(&state, &who, &stored, stored.view(), Some(id)).await?)
}

pub async fn update(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<WomanId>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let submitted = WomanForm::from_pairs(pairs);
    let updated = state
        .app
        .update_woman(
            &who.actor(),
            id,
            submitted.version(),
            submitted.county(),
            &submitted.input(),
        )
        .await;
    submitted
        .view()
        .answer(
            updated,
            who.lang(),
            |()| done(&format!("/women/{id}"), "women-updated"),
            |form| form_template(&state, &who, &submitted, form, Some(id)),
        )
        .await
}
