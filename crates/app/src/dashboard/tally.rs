//! What a dashboard counts for one area, and how the store's grouped rows fold into it:
//! groups per stage (and the buckets a chart draws: forming, registered, active, inactive,
//! dissolved, graduated), women per coverage status, grants, visits, business and money.
//! Every tally adds up, so the total row is the sum of the area rows (members excepted: a
//! woman may belong to groups in two areas, so their total is counted once by the store).

use hamyar_domain::budget::{BudgetCategory, LineFigures};
use hamyar_domain::groups::GroupStage;
use hamyar_domain::registry::CoverageStatus;
use serde::Serialize;

use crate::access::PlaceId;

/// Groups per stage, in [`GroupStage::ALL`] order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StageTally {
    pub counts: [i64; GroupStage::ALL.len()],
}

/// The buckets a chart draws, each a set of stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StageBucket {
    Forming,
    Registered,
    Active,
    Inactive,
    Dissolved,
    Graduated,
}

impl StageBucket {
    pub const ALL: [StageBucket; 6] = [
        StageBucket::Forming,
        StageBucket::Registered,
        StageBucket::Active,
        StageBucket::Inactive,
        StageBucket::Dissolved,
        StageBucket::Graduated,
    ];

    pub fn stages(self) -> &'static [GroupStage] {
        match self {
            StageBucket::Forming => &[GroupStage::Identified, GroupStage::Trained],
            StageBucket::Registered => &[GroupStage::Registered, GroupStage::Funded],
            StageBucket::Active => &[GroupStage::Active, GroupStage::Reactivated],
            StageBucket::Inactive => &[GroupStage::Inactive],
            StageBucket::Dissolved => &[GroupStage::Dissolved],
            StageBucket::Graduated => &[GroupStage::Graduated],
        }
    }

    pub fn label_fa(self) -> &'static str {
        match self {
            StageBucket::Forming => "در حال تشکیل",
            StageBucket::Registered => "ثبت‌شده",
            StageBucket::Active => "فعال و فعال‌شدهٔ دوباره",
            StageBucket::Inactive => "غیرفعال",
            StageBucket::Dissolved => "منحل",
            StageBucket::Graduated => "مستقل‌شده",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            StageBucket::Forming => "Forming",
            StageBucket::Registered => "Registered",
            StageBucket::Active => "Active and reactivated",
            StageBucket::Inactive => "Inactive",
            StageBucket::Dissolved => "Dissolved",
            StageBucket::Graduated => "Graduated",
        }
    }
}

impl StageTally {
    pub fn add_code(&mut self, code: &str, count: i64) {
        if let Some(index) = GroupStage::ALL.iter().position(|s| s.code() == code) {
            self.counts[index] += count;
        }
    }

    pub fn of(&self, stage: GroupStage) -> i64 {
        GroupStage::ALL
            .iter()
            .position(|s| *s == stage)
            .map_or(0, |index| self.counts[index])
    }

    pub fn bucket(&self, bucket: StageBucket) -> i64 {
        bucket.stages().iter().map(|stage| self.of(*stage)).sum()
    }

    pub fn total(&self) -> i64 {
        self.counts.iter().sum()
    }

    pub fn add(&mut self, other: &StageTally) {
        for (mine, theirs) in self.counts.iter_mut().zip(other.counts) {
            *mine += theirs;
        }
    }
}

/// Women of the registry per coverage status, in [`CoverageStatus::ALL`] order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CoverageTally {
    pub counts: [i64; CoverageStatus::ALL.len()],
}

impl CoverageTally {
    pub fn add_code(&mut self, code: &str, count: i64) {
        if let Some(index) = CoverageStatus::ALL.iter().position(|s| s.code() == code) {
            self.counts[index] += count;
        }
    }

    pub fn of(&self, status: CoverageStatus) -> i64 {
        CoverageStatus::ALL
            .iter()
            .position(|s| *s == status)
            .map_or(0, |index| self.counts[index])
    }

    /// Covered, with or without the pension.
    pub fn covered(&self) -> i64 {
        self.of(CoverageStatus::Covered) + self.of(CoverageStatus::Pensioner)
    }

    pub fn total(&self) -> i64 {
        self.counts.iter().sum()
    }

    pub fn add(&mut self, other: &CoverageTally) {
        for (mine, theirs) in self.counts.iter_mut().zip(other.counts) {
            *mine += theirs;
        }
    }
}

/// One area's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AreaFigures {
    pub area: AreaRef,
    /// Groups by stage on the period's state day.
    pub groups: StageTally,
    /// Moves into each stage during the period.
    pub entered: StageTally,
    /// Women with an open membership of a group not ended, on the state day.
    pub members: i64,
    /// Women of the registry by coverage status today.
    pub women: CoverageTally,
    /// Women who left coverage during the period, and those of them «توانمند شده».
    pub exits: i64,
    pub empowered: i64,
    pub grants: i64,
    pub groups_granted: i64,
    pub women_granted: i64,
    pub grants_committed_rials: i64,
    pub grants_paid_rials: i64,
    pub visits_done: i64,
    /// Group-windows of the visiting cycle that owed a visit, and those that had one.
    pub visits_owed: i64,
    pub visits_kept: i64,
    pub business_groups: i64,
    pub business_months: i64,
    pub revenue_rials: i64,
    pub profit_rials: i64,
}

impl AreaFigures {
    /// Adds every figure of `other` but members (see the module notes).
    pub fn add(&mut self, other: &AreaFigures) {
        self.groups.add(&other.groups);
        self.entered.add(&other.entered);
        self.women.add(&other.women);
        self.exits += other.exits;
        self.empowered += other.empowered;
        self.grants += other.grants;
        self.groups_granted += other.groups_granted;
        self.women_granted += other.women_granted;
        self.grants_committed_rials += other.grants_committed_rials;
        self.grants_paid_rials += other.grants_paid_rials;
        self.visits_done += other.visits_done;
        self.visits_owed += other.visits_owed;
        self.visits_kept += other.visits_kept;
        self.business_groups += other.business_groups;
        self.business_months += other.business_months;
        self.revenue_rials += other.revenue_rials;
        self.profit_rials += other.profit_rials;
    }
}

/// A place a row stands for. Id 0 is a province's own undivided budget («ستاد استان»).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AreaRef {
    pub id: PlaceId,
    pub code: String,
    pub name_fa: String,
    pub name_en: String,
}

impl AreaRef {
    pub fn name(&self, english: bool) -> &str {
        if english && !self.name_en.is_empty() {
            &self.name_en
        } else {
            &self.name_fa
        }
    }
}

/// One area's money by category, in [`BudgetCategory::ALL`] order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaMoney {
    pub area: AreaRef,
    pub by_category: Vec<(BudgetCategory, LineFigures)>,
}

impl AreaMoney {
    pub fn empty(area: AreaRef) -> AreaMoney {
        AreaMoney {
            area,
            by_category: BudgetCategory::ALL
                .iter()
                .map(|category| (*category, LineFigures::default()))
                .collect(),
        }
    }

    pub fn figures(&self, category: BudgetCategory) -> LineFigures {
        self.by_category
            .iter()
            .find(|(c, _)| *c == category)
            .map(|(_, f)| *f)
            .unwrap_or_default()
    }

    /// All categories together.
    pub fn total(&self) -> LineFigures {
        self.by_category
            .iter()
            .fold(LineFigures::default(), |sum, (_, f)| plus(sum, *f))
    }

    pub fn add(&mut self, category: BudgetCategory, figures: LineFigures) {
        for (c, f) in &mut self.by_category {
            if *c == category {
                *f = plus(*f, figures);
            }
        }
    }
}

fn plus(a: LineFigures, b: LineFigures) -> LineFigures {
    LineFigures {
        budget_rials: a.budget_rials + b.budget_rials,
        committed_rials: a.committed_rials + b.committed_rials,
        outstanding_rials: a.outstanding_rials + b.outstanding_rials,
    }
}
