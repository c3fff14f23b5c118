//! The outcome report (issue 19): for a place — the country, a province or a county, never
//! wider than the reader's scope — and a span of a fiscal year, what changed for the women
//! followed, from each woman's baseline to her latest form in the span: her own income (her
//! work and her group's business) and her household's, the share earning, the share drawing
//! a pension, and Rosenberg self-esteem; each figure with the number of women behind it; and
//! the women who exited as empowered and who came back to coverage. By county, by the
//! business field of her group and by cohort (the Jalali year her first group started).
//!
//! One definition, here (and in `docs/DESIGN.md`, "Outcome reports"):
//! - a woman's **pair** for a score: her baseline form of the instrument and her latest later
//!   form (follow-up, exit or after exit) taken in the span, both with a value for the score;
//!   the paired change is the mean of (latest − baseline) over the women with a pair;
//! - **earning**: of the women with a pair of `household_economics`' `own_income`, the share
//!   above zero at baseline and at the latest form; **pension dependence** likewise with
//!   `pension_income`; **self-esteem**: Rosenberg's `total`, in tenths of a point;
//! - a pair is placed in the county of her latest form, the business field of the group she
//!   belonged to on its day ("none" when in no group) and the year her first group started
//!   (its earliest stage);
//! - **graduated**: women with a coverage exit as empowered dated in the span; **returned**:
//!   women who once exited as empowered with a later episode other than an exit dated in the
//!   span; both by the county she lives in.
//!
//! Every number comes from [`outcome_cells_in`] (the store's sums per county, field and
//! cohort) through [`PairSums::measured`]: the report's rows and totals here and the
//! catalogue's `outcomes.*` figures (`figures::sheet`). Readers without
//! `Permission::ViewPersonalData` (public relations) get the small cells hidden
//! (`suppression`); the report never holds a woman's answers, only sums.

use std::collections::BTreeMap;

use hamyar_domain::{FiscalYear, JalaliDate};
use serde::Serialize;

use super::suppression::{hidden_cells, is_small};
use crate::access::{Actor, Permission, PlaceId, Scope, ScopeKind};
use crate::dashboard::{AreaRef, DashboardPeriod};
use crate::error::{AppError, AppResult};
use crate::places::{Place, PlaceTree, load_tree};
use crate::ports::Tx;
use crate::ports::outcome_reports::{ExitCell, OutcomeFilter, PairCell, ScoreRef};
use crate::service::App;

/// The first Jalali year a cohort is told apart from (earlier groups count in the year
/// before it).
const FIRST_COHORT_YEAR: i32 = 1370;

/// A paired score the report shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// `household_economics.own_income`: her own work and her group's business, rials.
    OwnIncome,
    /// `household_economics.total_income`, rials.
    TotalIncome,
    /// `household_economics.pension_income` above zero, percent of the women.
    Pension,
    /// `rosenberg.total`, tenths of a point.
    SelfEsteem,
}

impl Measure {
    pub const ALL: [Measure; 4] = [
        Measure::OwnIncome,
        Measure::TotalIncome,
        Measure::Pension,
        Measure::SelfEsteem,
    ];

    pub fn score(self) -> ScoreRef {
        let (instrument_code, score_code) = match self {
            Measure::OwnIncome => ("household_economics", "own_income"),
            Measure::TotalIncome => ("household_economics", "total_income"),
            Measure::Pension => ("household_economics", "pension_income"),
            Measure::SelfEsteem => ("rosenberg", "total"),
        };
        ScoreRef {
            instrument_code,
            score_code,
        }
    }
}

/// The sums of one score's pairs (one cell, a row of a breakdown or a whole place).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PairSums {
    pub women: i64,
    pub baseline_sum: i64,
    pub latest_sum: i64,
    pub positive_at_baseline: i64,
    pub positive_at_latest: i64,
}

impl PairSums {
    fn add(&mut self, cell: &PairCell) {
        self.women += cell.women;
        self.baseline_sum = self.baseline_sum.saturating_add(cell.baseline_sum);
        self.latest_sum = self.latest_sum.saturating_add(cell.latest_sum);
        self.positive_at_baseline += cell.positive_at_baseline;
        self.positive_at_latest += cell.positive_at_latest;
    }

    /// The means at baseline and at the latest form and the mean change, each `× scale`
    /// and rounded half away from zero (scale 1: rials; 10: tenths of a point); none
    /// without a pair.
    pub fn measured(&self, scale: i64) -> Option<Measured> {
        (self.women > 0).then(|| Measured {
            women: self.women,
            baseline: ratio(self.baseline_sum, scale, self.women),
            latest: ratio(self.latest_sum, scale, self.women),
            change: ratio(self.latest_sum - self.baseline_sum, scale, self.women),
        })
    }

    /// The shares above zero at baseline and at the latest form, in whole percent, and the
    /// change in percentage points; none without a pair.
    pub fn shares(&self) -> Option<Measured> {
        (self.women > 0).then(|| Measured {
            women: self.women,
            baseline: ratio(self.positive_at_baseline, 100, self.women),
            latest: ratio(self.positive_at_latest, 100, self.women),
            change: ratio(
                self.positive_at_latest - self.positive_at_baseline,
                100,
                self.women,
            ),
        })
    }
}

/// `value × scale / women`, rounded half away from zero.
fn ratio(value: i64, scale: i64, women: i64) -> i64 {
    let numerator = i128::from(value) * i128::from(scale);
    let denominator = i128::from(women);
    let half = denominator / 2;
    let rounded = if numerator >= 0 {
        (numerator + half) / denominator
    } else {
        (numerator - half) / denominator
    };
    i64::try_from(rounded).unwrap_or(if rounded > 0 { i64::MAX } else { i64::MIN })
}

/// One figure: the women behind it, its value at baseline and at the latest form, and the
/// change (units per [`Measure`] and the row's field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Measured {
    pub women: i64,
    pub baseline: i64,
    pub latest: i64,
    pub change: i64,
}

/// A figure as a reader sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Cell {
    /// No woman has a pair here.
    Empty,
    Shown(Measured),
    /// Fewer than five women, or hidden so that such a cell cannot be recovered.
    Hidden,
}

/// A count of women as a reader sees it (`None`: hidden).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", content = "women", rename_all = "snake_case")]
pub enum Count {
    Shown(i64),
    Hidden,
}

/// The sums of every measure, and the exits, of one row or place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct OutcomeSums {
    pub own_income: PairSums,
    pub total_income: PairSums,
    pub pension: PairSums,
    pub self_esteem: PairSums,
    pub graduated: i64,
    pub returned: i64,
}

impl OutcomeSums {
    fn of_mut(&mut self, measure: Measure) -> &mut PairSums {
        match measure {
            Measure::OwnIncome => &mut self.own_income,
            Measure::TotalIncome => &mut self.total_income,
            Measure::Pension => &mut self.pension,
            Measure::SelfEsteem => &mut self.self_esteem,
        }
    }

    pub fn of(&self, measure: Measure) -> &PairSums {
        match measure {
            Measure::OwnIncome => &self.own_income,
            Measure::TotalIncome => &self.total_income,
            Measure::Pension => &self.pension,
            Measure::SelfEsteem => &self.self_esteem,
        }
    }

    /// The figure of `measure`: means for money and self-esteem, shares for pension; and
    /// for earning, the shares of `own_income` ([`OutcomeSums::earning`]).
    pub fn figure(&self, measure: Measure) -> Option<Measured> {
        let sums = self.of(measure);
        match measure {
            Measure::OwnIncome | Measure::TotalIncome => sums.measured(1),
            Measure::Pension => sums.shares(),
            Measure::SelfEsteem => sums.measured(10),
        }
    }

    /// The share earning (her own income above zero), in percent.
    pub fn earning(&self) -> Option<Measured> {
        self.own_income.shares()
    }

    fn add_exits(&mut self, cell: &ExitCell) {
        self.graduated += cell.graduated;
        self.returned += cell.returned;
    }
}

/// The store's cells of a place and span: each measure's pairs, and the exits.
#[derive(Debug, Clone, Default)]
pub struct OutcomeCells {
    pub pairs: Vec<(Measure, Vec<PairCell>)>,
    pub exits: Vec<ExitCell>,
}

impl OutcomeCells {
    /// The place's sums: every cell added.
    pub fn total(&self) -> OutcomeSums {
        let mut sums = OutcomeSums::default();
        for (measure, cells) in &self.pairs {
            cells
                .iter()
                .for_each(|cell| sums.of_mut(*measure).add(cell));
        }
        self.exits.iter().for_each(|cell| sums.add_exits(cell));
        sums
    }

    /// The sums per key of a breakdown, in key order.
    fn by<K: Ord>(&self, key: impl Fn(&PairCell) -> K) -> BTreeMap<K, OutcomeSums> {
        let mut by: BTreeMap<K, OutcomeSums> = BTreeMap::new();
        for (measure, cells) in &self.pairs {
            for cell in cells {
                by.entry(key(cell)).or_default().of_mut(*measure).add(cell);
            }
        }
        by
    }
}

/// The outcome filter of a place (a province, one county, or the country with neither) and
/// a resolved span (its days that have happened), with the cohort years up to the span's;
/// `placed`: by business field and cohort too (the report; the sheet needs only totals).
pub(crate) fn outcome_filter(
    province_id: Option<PlaceId>,
    county_id: Option<PlaceId>,
    period: &DashboardPeriod,
    placed: bool,
) -> OutcomeFilter {
    let cohort_years = if placed {
        (FIRST_COHORT_YEAR..=period.year.year())
            .filter_map(|year| FiscalYear::new(year).ok())
            .map(|year| (year.year(), year.first_day()))
            .collect()
    } else {
        Vec::new()
    };
    OutcomeFilter {
        province_id,
        county_id,
        from: period.from,
        until: period.state_on.add_days(1),
        cohort_years,
        placed,
    }
}

/// The measures the catalogue's figures need (`outcomes.women_paired`, `.earning_share`,
/// `.self_esteem_change`): the sheet is made on every dashboard view, so it asks for no more.
pub(crate) const SHEET_MEASURES: [Measure; 2] = [Measure::OwnIncome, Measure::SelfEsteem];

/// The one computation behind the report and the catalogue's `outcomes.*` figures: the
/// store's pairs of each measure asked for (the sheet asks only for those it shows) and the
/// exits, per county, field and cohort.
pub(crate) async fn outcome_cells_in(
    tx: &mut dyn Tx,
    filter: &OutcomeFilter,
    measures: &[Measure],
) -> AppResult<OutcomeCells> {
    let mut pairs = Vec::with_capacity(measures.len());
    for measure in measures {
        pairs.push((*measure, tx.outcome_pairs(filter, measure.score()).await?));
    }
    let exits = tx.outcome_exits(filter).await?;
    Ok(OutcomeCells { pairs, exits })
}

/// What an outcome report is asked for; the span defaults as a dashboard's does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeReportRequest {
    /// The place to report on; the actor's own place when `None`.
    pub place_id: Option<PlaceId>,
    pub year: FiscalYear,
    pub from: Option<JalaliDate>,
    pub to: Option<JalaliDate>,
}

/// One row of a report: a county, a business field, a cohort, or the whole place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeRow {
    /// The county's code, the field's code, the cohort's year; `none` for the women in no
    /// group (or never in one); `total` for the place.
    pub code: String,
    pub name_fa: String,
    pub name_en: String,
    pub own_income: Cell,
    pub total_income: Cell,
    pub earning: Cell,
    pub pension: Cell,
    pub self_esteem: Cell,
    /// By county and for the place only (exits are not placed in a group).
    pub graduated: Option<Count>,
    pub returned: Option<Count>,
}

/// A place's outcome report for a span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeReport {
    pub place: AreaRef,
    pub place_kind: ScopeKind,
    pub fiscal_year: i32,
    pub from: JalaliDate,
    pub to: JalaliDate,
    /// The span's last day that has happened: the forms counted were taken by it.
    pub counted_on: JalaliDate,
    /// Whether small cells are hidden (a reader without personal data).
    pub small_cells_hidden: bool,
    pub total: OutcomeRow,
    pub by_county: Vec<OutcomeRow>,
    pub by_field: Vec<OutcomeRow>,
    pub by_cohort: Vec<OutcomeRow>,
}

/// A row's code and names.
#[derive(Debug, Clone, Default)]
struct Label {
    code: String,
    name_fa: String,
    name_en: String,
}

impl Label {
    fn new(
        code: impl Into<String>,
        name_fa: impl Into<String>,
        name_en: impl Into<String>,
    ) -> Self {
        Label {
            code: code.into(),
            name_fa: name_fa.into(),
            name_en: name_en.into(),
        }
    }
}

/// Every figure of a row, hidden where `hide` says: `[own income, total income, earning,
/// pension, self-esteem, graduated, returned]`.
type Hide = [bool; 7];

fn row(label: Label, sums: &OutcomeSums, hide: Hide, exits: bool) -> OutcomeRow {
    let cell = |figure: Option<Measured>, hidden: bool| match figure {
        None => Cell::Empty,
        Some(_) if hidden => Cell::Hidden,
        Some(measured) => Cell::Shown(measured),
    };
    let count = |women: i64, hidden: bool| {
        if hidden {
            Count::Hidden
        } else {
            Count::Shown(women)
        }
    };
    OutcomeRow {
        code: label.code,
        name_fa: label.name_fa,
        name_en: label.name_en,
        own_income: cell(sums.figure(Measure::OwnIncome), hide[0]),
        total_income: cell(sums.figure(Measure::TotalIncome), hide[1]),
        earning: cell(sums.earning(), hide[2]),
        pension: cell(sums.figure(Measure::Pension), hide[3]),
        self_esteem: cell(sums.figure(Measure::SelfEsteem), hide[4]),
        graduated: exits.then(|| count(sums.graduated, hide[5])),
        returned: exits.then(|| count(sums.returned, hide[6])),
    }
}

/// The women behind each figure of a row, in [`Hide`]'s order.
fn women_of(sums: &OutcomeSums) -> [i64; 7] {
    [
        sums.own_income.women,
        sums.total_income.women,
        sums.own_income.women,
        sums.pension.women,
        sums.self_esteem.women,
        sums.graduated,
        sums.returned,
    ]
}

/// The rows of one breakdown, each figure's cells hidden together when `suppress`.
fn breakdown(rows: Vec<(Label, OutcomeSums)>, suppress: bool, exits: bool) -> Vec<OutcomeRow> {
    let women: Vec<[i64; 7]> = rows.iter().map(|(_, sums)| women_of(sums)).collect();
    let columns: [Vec<bool>; 7] = std::array::from_fn(|figure| {
        let column: Vec<i64> = women.iter().map(|row| row[figure]).collect();
        if suppress {
            hidden_cells(&column)
        } else {
            vec![false; column.len()]
        }
    });
    rows.into_iter()
        .enumerate()
        .map(|(index, (label, sums))| {
            let hide: Hide = std::array::from_fn(|figure| columns[figure][index]);
            row(label, &sums, hide, exits)
        })
        .collect()
}

impl App {
    /// The outcome report of a place and span; see the module documentation.
    pub async fn outcome_report(
        &self,
        actor: &Actor,
        request: &OutcomeReportRequest,
    ) -> AppResult<OutcomeReport> {
        actor.require(Permission::ViewDashboards)?;
        let today = self.today();
        let period = DashboardPeriod::resolve(request.year, request.from, request.to, today)?;
        let mut tx = self.db.read().await?;
        let tree = load_tree(tx.as_mut(), &today.to_iso_string()).await?;
        let place = match request.place_id {
            Some(id) => tree.get(id),
            None => own_place(&tree, actor.scope),
        }
        .ok_or(AppError::NotFound)?
        .clone();
        let scope = tree.scope_of(place.id).ok_or(AppError::NotFound)?;
        if !actor.scope.contains(scope) {
            return Err(AppError::NotFound);
        }
        let filter = outcome_filter(scope.province(), scope.county(), &period, true);
        let cells = outcome_cells_in(tx.as_mut(), &filter, &Measure::ALL).await?;
        let fields = tx.business_fields().await?;
        tx.commit().await?;

        let suppress = !actor.can(Permission::ViewPersonalData);
        let total_sums = cells.total();
        let total_hide = women_of(&total_sums).map(is_small);
        let total_hide = if suppress { total_hide } else { [false; 7] };
        let total = row(
            Label::new("total", "جمع", "Total"),
            &total_sums,
            total_hide,
            true,
        );

        let mut counties = cells.by(|cell| cell.county_id);
        for exit in &cells.exits {
            counties.entry(exit.county_id).or_default().add_exits(exit);
        }
        let by_county = counties
            .into_iter()
            .map(|(id, sums)| {
                let label = tree.get(id).map_or_else(
                    || Label::new(id.to_string(), id.to_string(), id.to_string()),
                    |county| Label::new(&county.code, &county.name_fa, &county.name_en),
                );
                (label, sums)
            })
            .collect();
        let by_field = cells
            .by(|cell| cell.business_field.clone())
            .into_iter()
            .map(|(code, sums)| {
                let label = match code {
                    None => Label::new("none", "بی‌گروه", "In no group"),
                    Some(code) => match fields.iter().find(|field| field.code == code) {
                        Some(field) => Label::new(&code, &field.name_fa, &field.name_en),
                        None => Label::new(&code, &code, &code),
                    },
                };
                (label, sums)
            })
            .collect();
        let by_cohort = cells
            .by(|cell| cell.cohort)
            .into_iter()
            .map(|(year, sums)| {
                let label = match year {
                    None => Label::new("none", "بی‌گروه", "Never in a group"),
                    Some(year) => Label::new(year.to_string(), year.to_string(), year.to_string()),
                };
                (label, sums)
            })
            .collect();
        Ok(OutcomeReport {
            place: AreaRef {
                id: place.id,
                code: place.code.clone(),
                name_fa: place.name_fa.clone(),
                name_en: place.name_en.clone(),
            },
            place_kind: place.kind,
            fiscal_year: period.year.year(),
            from: period.from,
            to: period.to,
            counted_on: period.state_on,
            small_cells_hidden: suppress,
            total,
            by_county: breakdown(sort_rows(by_county), suppress, true),
            by_field: breakdown(sort_rows(by_field), suppress, false),
            by_cohort: breakdown(by_cohort, suppress, false),
        })
    }
}

/// A breakdown's rows by Persian name (the women in no group last).
fn sort_rows(mut rows: Vec<(Label, OutcomeSums)>) -> Vec<(Label, OutcomeSums)> {
    rows.sort_by(|(a, _), (b, _)| {
        (a.code == "none", &a.name_fa, &a.code).cmp(&(b.code == "none", &b.name_fa, &b.code))
    });
    rows
}

fn own_place(tree: &PlaceTree, scope: Scope) -> Option<&Place> {
    match scope {
        Scope::Country => tree.country(),
        Scope::Province(id) => tree.get(id),
        Scope::County { county, .. } => tree.get(county),
    }
}
