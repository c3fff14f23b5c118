//! What the demo's steps share while one province is filled: the application, the seeded
//! random stream, today and the fiscal year, the province and its counties, the national IDs
//! drawn so far and the count of women registered. Every step draws from the one stream held
//! here, in the order the steps are called, so the same seed and clock give the same
//! province; the steps' own results (the staff, the groups formed, the budget lines) are
//! passed from step to step as arguments, so each step shows what it needs.

use hamyar_app::access::PlaceId;
use hamyar_app::error::{AppError, AppResult};
use hamyar_app::places::PlaceTree;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::{Actor, App};
use hamyar_domain::{FiscalYear, JalaliDate};

use crate::people::NationalIds;
use crate::plan::{self, GroupFate};
use crate::rng::SplitMix64;

/// One county of the province, in the order of `plan::COUNTIES`.
pub(crate) struct County {
    pub id: PlaceId,
    pub name_fa: &'static str,
}

/// The state one fill of the demo carries from step to step.
pub(crate) struct DemoRun<'a> {
    pub app: &'a App,
    pub rng: SplitMix64,
    pub today: JalaliDate,
    pub year: FiscalYear,
    /// The places of the country, for the users' scopes.
    pub tree: PlaceTree,
    pub province: PlaceId,
    pub counties: Vec<County>,
    /// National IDs already drawn, so none repeats.
    pub ids: NationalIds,
    /// Women registered so far (the admission minutes are numbered from it).
    pub women: usize,
}

impl<'a> DemoRun<'a> {
    /// Starts a fill of `app` with the stream of `seed`, on the application's today.
    pub async fn start(app: &'a App, seed: u64) -> AppResult<Self> {
        let today = app.today();
        let tree = app.place_tree().await?;
        let province = place(&tree, "ir.qazvin")?;
        let mut counties = Vec::new();
        for (suffix, name_fa, _) in plan::COUNTIES {
            counties.push(County {
                id: place(&tree, &format!("ir.qazvin.{suffix}"))?,
                name_fa,
            });
        }
        Ok(Self {
            app,
            rng: SplitMix64::new(seed),
            today,
            year: FiscalYear::of(today),
            tree,
            province,
            counties,
            ids: NationalIds::default(),
            women: 0,
        })
    }

    /// The id of the place with `code`, which the reference data always has.
    pub fn place(&self, code: &str) -> AppResult<PlaceId> {
        place(&self.tree, code)
    }

    /// The first day of the fiscal year.
    pub fn first_day(&self) -> JalaliDate {
        self.year.first_day()
    }
}

fn place(tree: &PlaceTree, code: &str) -> AppResult<PlaceId> {
    tree.by_code(code)
        .map(|place| place.id)
        .ok_or_else(|| AppError::Internal(format!("the place {code} is missing")))
}

/// The staff the demo acts as.
pub(crate) struct Staff {
    pub provincial: Actor,
    pub second_provincial: Actor,
    pub county_expert: Actor,
    /// The facilitator of the provincial capital's county.
    pub facilitator: Option<hamyar_app::access::UserId>,
    /// One social worker per county, in the order of `plan::COUNTIES`.
    pub workers: Vec<Actor>,
}

/// A group's members as (woman id, national ID).
pub(crate) type Members = Vec<(WomanId, String)>;

/// One group as it was formed, with its members (woman ids) and dates.
pub(crate) struct Formed {
    pub id: GroupId,
    pub code: String,
    pub fate: GroupFate,
    /// Index of its county, and so of its social worker.
    pub worker: usize,
    pub members: Vec<WomanId>,
    /// Days on which it ran (active or reactivated) this year, as (from, until).
    pub running: Vec<(JalaliDate, JalaliDate)>,
}
