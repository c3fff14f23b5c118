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
    GroupTotals, KindSum, KindSums, LoanAtEnd, MemberSpan, Period, Ratios,
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

impl App {
    /// The report of `place` (the actor's own when `None`) from `from` to `to`.
    pub async fn savings_group_report(
        &self,
        actor: &Actor,
        place: Option<PlaceId>,
        from: JalaliDate,
        to: JalaliDate,
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
        tx.commit().await?;

        let empty_sums = KindSums::new();
        let mut rows = Vec::with_capacity(groups.len());
        let mut by_county: BTreeMap<PlaceId, GroupTotals> = BTreeMap::new();
        let mut total = GroupTotals::default();
        for group in &groups {
            let totals = GroupTotals::gather(
                period,
                sums.get(&group.group_id).unwrap_or(&empty_sums),
                spans.get(&group.group_id).map(Vec::as_slice).unwrap_or(&[]),
                loans.get(&group.group_id).map(Vec::as_slice).unwrap_or(&[]),
            );
            let county = by_county.entry(group.county_id).or_default();
            *county = county.add(&totals);
            total = total.add(&totals);
            rows.push(SavingsGroupRow {
                group_id: Some(group.group_id),
                county_id: Some(group.county_id),
                name_fa: group.name.clone(),
                name_en: group.name.clone(),
                ratios: Ratios::of(&totals, period),
                totals,
            });
        }
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
            groups: rows,
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
