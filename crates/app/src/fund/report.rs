//! The savings-group report: for a place and a period, each group's totals and ratios, each
//! county's and the whole place's, all computed by `hamyar_domain::fund::metrics` from the
//! journal's sums, the members' spans and the loans owed at the period's end. The page, the
//! CLI (`hamyar report savings-groups`) and the quarterly file read this one computation.
//!
//! Who: `ViewFund` in the actor's place, except the facilitator, whose reach is her own
//! groups' funds, not a place's figures (refused). Groups are named, women are not.

use std::collections::BTreeMap;

use hamyar_domain::JalaliDate;
use hamyar_domain::fund::metrics::{
    GroupTotals, KindSum, KindSums, LoanAtEnd, LoanCounts, MemberCounts, MemberSpan, Period,
    Ratios, add_sums,
};

use crate::access::{Actor, Permission, PlaceId, Role, Scope};
use crate::error::{AppError, AppResult};
use crate::places::{Place, PlaceTree, load_tree};
use crate::ports::groups::{GroupId, PlaceFilter};
use crate::service::App;

/// One row of the report: a group, a county or the whole place.
#[derive(Debug, Clone, PartialEq)]
pub struct SavingsGroupRow {
    /// The group's id for a group's row.
    pub group_id: Option<GroupId>,
    pub county_id: Option<PlaceId>,
    pub name_fa: String,
    pub name_en: String,
    pub totals: GroupTotals,
    pub ratios: Ratios,
}

/// The report of a place for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct SavingsGroupReport {
    pub place_id: PlaceId,
    pub place_fa: String,
    pub place_en: String,
    pub period: Period,
    pub groups: Vec<SavingsGroupRow>,
    pub counties: Vec<SavingsGroupRow>,
    pub total: SavingsGroupRow,
}

fn own_place(tree: &PlaceTree, scope: Scope) -> Option<&Place> {
    match scope {
        Scope::Country => tree.country(),
        Scope::Province(id) => tree.get(id),
        Scope::County { county, .. } => tree.get(county),
    }
}

/// Which rows a report carries beside its total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportRows {
    /// Every group's row and every county's (the quarterly file of a province).
    EveryGroup,
    /// A county's groups; a province's or the country's counties only, each read whole from
    /// the kept tallies and counted in SQL (a province holds thousands of groups, the country
    /// fifty thousand). The totals are the same either way (the tests check it): the linear
    /// ones are sums of the journal's sums, the counts are counted alike.
    ByPlace,
}

impl App {
    /// The report of `place` (the actor's own when `None`) from `from` to `to`.
    pub async fn savings_group_report(
        &self,
        actor: &Actor,
        place: Option<PlaceId>,
        from: JalaliDate,
        to: JalaliDate,
        rows: ReportRows,
    ) -> AppResult<SavingsGroupReport> {
        actor.require(Permission::ViewFund)?;
        if actor.role == Role::Facilitator {
            return Err(AppError::Forbidden);
        }
        if to < from || from.days_until(to) > 3_660 {
            return Err(super::refuse("to", "fund-report_period"));
        }
        let period = Period { from, to };
        let mut tx = self.db.read().await?;
        let tree = load_tree(tx.as_mut(), &to.to_iso_string()).await?;
        let place = match place {
            Some(id) => tree.get(id),
            None => own_place(&tree, actor.scope),
        }
        .ok_or(AppError::NotFound)?
        .clone();
        let scope = tree.scope_of(place.id).ok_or(AppError::NotFound)?;
        if !actor.scope.contains(scope) {
            return Err(AppError::NotFound);
        }
        let filter = PlaceFilter {
            province_id: scope.province(),
            county_id: scope.county(),
        };
        let (groups, by_county) = if rows == ReportRows::ByPlace && filter.county_id.is_none() {
            (
                Vec::new(),
                county_totals(tx.as_mut(), filter, period).await?,
            )
        } else {
            group_totals(tx.as_mut(), filter, period).await?
        };
        tx.commit().await?;

        let total = by_county
            .values()
            .fold(GroupTotals::default(), |total, county| total.add(county));
        let counties = by_county
            .into_iter()
            .map(|(id, totals)| {
                let (fa, en) = tree
                    .get(id)
                    .map(|p| (p.name_fa.clone(), p.name_en.clone()))
                    .unwrap_or_else(|| (id.to_string(), id.to_string()));
                SavingsGroupRow {
                    group_id: None,
                    county_id: Some(id),
                    name_fa: fa,
                    name_en: en,
                    ratios: Ratios::of(&totals, period),
                    totals,
                }
            })
            .collect();
        Ok(SavingsGroupReport {
            place_id: place.id,
            place_fa: place.name_fa.clone(),
            place_en: place.name_en.clone(),
            period,
            groups,
            counties,
            total: SavingsGroupRow {
                group_id: None,
                county_id: None,
                name_fa: place.name_fa.clone(),
                name_en: place.name_en.clone(),
                ratios: Ratios::of(&total, period),
                totals: total,
            },
        })
    }
}

/// Every group's totals (`GroupTotals::gather` over its sums, members and loans), and each
/// county's as the sum of its groups'.
async fn group_totals(
    tx: &mut dyn crate::ports::Tx,
    filter: PlaceFilter,
    period: Period,
) -> AppResult<(Vec<SavingsGroupRow>, BTreeMap<PlaceId, GroupTotals>)> {
    let Period { from, to } = period;
    let groups = tx.fund_groups(filter).await?;
    let mut sums: BTreeMap<GroupId, KindSums> = BTreeMap::new();
    for row in tx.fund_kind_sums(filter, from, to).await? {
        sums.entry(row.group_id).or_default().insert(
            row.kind,
            KindSum {
                before: row.before,
                within: row.within,
                count_within: row.count_within,
            },
        );
    }
    let mut spans: BTreeMap<GroupId, Vec<MemberSpan>> = BTreeMap::new();
    for row in tx.fund_member_spans(filter, to).await? {
        spans.entry(row.group_id).or_default().push(MemberSpan {
            joined_on: row.joined_on,
            left_on: row.left_on,
        });
    }
    let mut loans: BTreeMap<GroupId, Vec<LoanAtEnd>> = BTreeMap::new();
    for row in tx.fund_loans_at(filter, to).await? {
        loans.entry(row.group_id).or_default().push(LoanAtEnd {
            woman_id: row.woman_id.get(),
            owed: row.owed,
            settled: row.settled,
            instalments: row.instalments,
        });
    }
    let empty_sums = KindSums::new();
    let mut rows = Vec::with_capacity(groups.len());
    let mut by_county: BTreeMap<PlaceId, GroupTotals> = BTreeMap::new();
    for group in &groups {
        let totals = GroupTotals::gather(
            period,
            sums.get(&group.group_id).unwrap_or(&empty_sums),
            spans.get(&group.group_id).map(Vec::as_slice).unwrap_or(&[]),
            loans.get(&group.group_id).map(Vec::as_slice).unwrap_or(&[]),
        );
        let county = by_county.entry(group.county_id).or_default();
        *county = county.add(&totals);
        rows.push(SavingsGroupRow {
            group_id: Some(group.group_id),
            county_id: Some(group.county_id),
            name_fa: group.name.clone(),
            name_en: group.name.clone(),
            ratios: Ratios::of(&totals, period),
            totals,
        });
    }
    Ok((rows, by_county))
}

/// Each county's totals read whole: `GroupTotals::from_parts` over the county's kept sums,
/// and its members and loans counted by the store.
async fn county_totals(
    tx: &mut dyn crate::ports::Tx,
    filter: PlaceFilter,
    period: Period,
) -> AppResult<BTreeMap<PlaceId, GroupTotals>> {
    let Period { from, to } = period;
    let mut sums: BTreeMap<PlaceId, KindSums> = BTreeMap::new();
    for row in tx.fund_county_kind_sums(filter, from, to).await? {
        add_sums(
            sums.entry(row.county_id).or_default(),
            &KindSums::from([(
                row.kind,
                KindSum {
                    before: row.before,
                    within: row.within,
                    count_within: row.count_within,
                },
            )]),
        );
    }
    let mut members: BTreeMap<PlaceId, (i64, MemberCounts)> = BTreeMap::new();
    for row in tx.fund_county_members(filter, from, to).await? {
        members.insert(row.county_id, (row.groups, row.members));
    }
    let mut loans: BTreeMap<PlaceId, LoanCounts> = BTreeMap::new();
    for row in tx.fund_county_loans(filter, to).await? {
        loans.insert(row.county_id, row.loans);
    }
    // A county with groups, or with lines or loans booked there by groups since moved.
    let counties: std::collections::BTreeSet<PlaceId> = members
        .keys()
        .chain(sums.keys())
        .chain(loans.keys())
        .copied()
        .collect();
    let empty_sums = KindSums::new();
    Ok(counties
        .into_iter()
        .map(|county| {
            let (groups, counts) = members.get(&county).copied().unwrap_or_default();
            let totals = GroupTotals::from_parts(
                groups,
                sums.get(&county).unwrap_or(&empty_sums),
                counts,
                loans.get(&county).copied().unwrap_or_default(),
            );
            (county, totals)
        })
        .collect())
}
