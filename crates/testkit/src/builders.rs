//! Builders for the records most use-case tests start from — a registered woman, a formed
//! group, a province's year budget — so that a test's world says only what its story needs
//! and takes the rest from one place instead of each test file writing its own inputs. Every
//! record is made through the app's use-case, by the actor the test names, so it is scoped,
//! validated and audited as if typed; a builder panics when the use-case refuses, since a
//! world that cannot be built is a broken test, not a finding.
//!
//! ```ignore
//! let woman = WomanBuilder::new(&app, &worker, takestan, "0013542419").first_name("مریم").register().await;
//! let group = GroupBuilder::new(&app, &worker, takestan, "نخل").create().await;
//! let budget = BudgetBuilder::new(&app, &expert, qazvin).amount(BudgetCategory::Grant, "900000000").set().await;
//! let line = budget.line(BudgetCategory::Grant);
//! ```

use hamyar_app::access::PlaceId;
use hamyar_app::budget::YearBudgetInput;
use hamyar_app::ports::budget::BudgetLineId;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::{Actor, App};
use hamyar_domain::FiscalYear;
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::groups::GroupInput;
use hamyar_domain::registry::{MemberInput, WomanInput};

/// A woman registered with `App::register_woman`. Unless set: «مریم کریمی», born
/// 1360/01/01, an urban widow of «تاکستان» living on «خیابان», with no household members.
pub struct WomanBuilder<'a> {
    app: &'a App,
    by: &'a Actor,
    county: PlaceId,
    input: WomanInput,
    members: Vec<MemberInput>,
}

impl<'a> WomanBuilder<'a> {
    /// A woman of `county` (a place id) with this national id, registered by `by`.
    pub fn new(
        app: &'a App,
        by: &'a Actor,
        county: PlaceId,
        national_id: impl Into<String>,
    ) -> Self {
        WomanBuilder {
            app,
            by,
            county,
            input: WomanInput {
                national_id: national_id.into(),
                first_name: "مریم".into(),
                last_name: "کریمی".into(),
                birth_date: "1360/01/01".into(),
                settlement: "urban".into(),
                locality: "تاکستان".into(),
                address: "خیابان".into(),
                headship_cause: "widow".into(),
                ..WomanInput::default()
            },
            members: Vec::new(),
        }
    }

    pub fn first_name(mut self, first_name: impl Into<String>) -> Self {
        self.input.first_name = first_name.into();
        self
    }

    pub fn last_name(mut self, last_name: impl Into<String>) -> Self {
        self.input.last_name = last_name.into();
        self
    }

    /// Any other field of the form, as typed.
    pub fn with(mut self, edit: impl FnOnce(&mut WomanInput)) -> Self {
        edit(&mut self.input);
        self
    }

    /// A member of her household, registered with her.
    pub fn member(mut self, member: MemberInput) -> Self {
        self.members.push(member);
        self
    }

    /// Registers her and returns her id.
    pub async fn register(self) -> WomanId {
        self.app
            .register_woman(
                self.by,
                &self.county.to_string(),
                &self.input,
                &self.members,
            )
            .await
            .unwrap_or_else(|error| {
                panic!(
                    "cannot register {} {}: {error:?}",
                    self.input.first_name, self.input.last_name
                )
            })
            .id
    }
}

/// A group formed with `App::create_group`. Unless set: a tailoring group in rented premises,
/// identified on 1405/01/20, numbered automatically.
pub struct GroupBuilder<'a> {
    app: &'a App,
    by: &'a Actor,
    input: GroupInput,
}

impl<'a> GroupBuilder<'a> {
    /// A group of `county` (a place id) with this name, formed by `by`.
    pub fn new(app: &'a App, by: &'a Actor, county: PlaceId, name: impl Into<String>) -> Self {
        GroupBuilder {
            app,
            by,
            input: GroupInput {
                name: name.into(),
                county: county.to_string(),
                business_field: "tailoring".into(),
                premises: "rented".into(),
                identified_on: "1405/01/20".into(),
                ..GroupInput::default()
            },
        }
    }

    /// When the group was identified, as typed (`1405/01/20`).
    pub fn identified_on(mut self, date: impl Into<String>) -> Self {
        self.input.identified_on = date.into();
        self
    }

    /// Any other field of the form, as typed.
    pub fn with(mut self, edit: impl FnOnce(&mut GroupInput)) -> Self {
        edit(&mut self.input);
        self
    }

    /// Forms the group and returns its id.
    pub async fn create(self) -> GroupId {
        self.app
            .create_group(self.by, &self.input)
            .await
            .unwrap_or_else(|error| panic!("cannot form {}: {error:?}", self.input.name))
    }
}

/// A year budget set with `App::set_year_budget` on a province's lines (or a county's).
/// Unless set: fiscal year 1405, effective 1405/01/15, no description, idempotency key
/// `budget-1405`.
pub struct BudgetBuilder<'a> {
    app: &'a App,
    by: &'a Actor,
    input: YearBudgetInput,
}

impl<'a> BudgetBuilder<'a> {
    /// The budget of `province` (a place id), set by `by`; add its amounts with
    /// [`BudgetBuilder::amount`].
    pub fn new(app: &'a App, by: &'a Actor, province: PlaceId) -> Self {
        BudgetBuilder {
            app,
            by,
            input: YearBudgetInput {
                fiscal_year: 1405,
                province_id: province,
                county_id: None,
                amounts: Vec::new(),
                effective_on: "1405/01/15".into(),
                description: String::new(),
                idempotency_key: "budget-1405".into(),
            },
        }
    }

    /// The amount of one category, as typed (`500000000`, `۲۰۰٬۰۰۰٬۰۰۰`).
    pub fn amount(mut self, category: BudgetCategory, amount: impl Into<String>) -> Self {
        self.input.amounts.push((category, amount.into()));
        self
    }

    /// When the budget takes effect, as typed.
    pub fn effective_on(mut self, date: impl Into<String>) -> Self {
        self.input.effective_on = date.into();
        self
    }

    /// The idempotency key of the use-case.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.input.idempotency_key = key.into();
        self
    }

    /// Sets the budget and returns its lines.
    pub async fn set(self) -> YearBudget {
        let input = self.input;
        self.app
            .set_year_budget(self.by, &input)
            .await
            .unwrap_or_else(|error| panic!("cannot set the budget {input:?}: {error:?}"));
        let year = FiscalYear::new(input.fiscal_year).expect("a fiscal year");
        let lines = self
            .app
            .budget_lines(self.by, year, None, None)
            .await
            .expect("the budget's lines")
            .into_iter()
            .filter(|view| {
                view.line.province_id == input.province_id && view.line.county_id == input.county_id
            })
            .map(|view| (view.category, view.line.id))
            .collect();
        YearBudget { lines }
    }
}

/// The lines of a budget set by a [`BudgetBuilder`].
#[derive(Debug, Clone)]
pub struct YearBudget {
    lines: Vec<(BudgetCategory, BudgetLineId)>,
}

impl YearBudget {
    /// The id of the line of `category`.
    pub fn line(&self, category: BudgetCategory) -> BudgetLineId {
        self.lines
            .iter()
            .find(|(line_category, _)| *line_category == category)
            .map(|(_, id)| *id)
            .unwrap_or_else(|| panic!("no {category:?} line in {:?}", self.lines))
    }
}
