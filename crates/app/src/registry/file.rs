//! Opening a woman's file: the record, household, coverage timeline (including the histories
//! of records merged into this one), inquiries, documents, open duplicate findings, the
//! eligibility check and the pension that her household size would draw this fiscal year.
//!
//! The eligibility check judges definitive singlehood by the threshold of her province when it
//! has one of its own, else by the national rules, and its verdict names the threshold used.
//!
//! Opening the file is recorded in the audit trail as one `woman.view`; drawing it again after
//! a refused form is not, when the same person opened it within their session
//! ([`Showing::Redraw`]); opening the edit form is a `woman.view_for_edit` of its own. The
//! reasons are in [`crate::registry::viewing`].
//!
//! A reader without `SeeFullIdentifiers` (the facilitator) gets the file with her national
//! ID, her household's national IDs and her bank account (SHEBA) masked as lists mask them,
//! and no address; her name, mobile and the rest of the file stay (`access.rs` says why).

use hamyar_domain::registry::{
    EligibilityFacts, EligibilityReport, HeadshipCause, SinglehoodThreshold, evaluate_with,
};
use hamyar_domain::{FiscalYear, JalaliDate, NationalId, Rials, Sheba};

use crate::access::{Actor, Permission};
use crate::error::AppResult;
use crate::ports::registry::{
    DocumentRow, DuplicateFilter, DuplicateRow, EpisodeRow, InquiryRow, MemberRow, WomanId,
    WomanRow,
};
use crate::registry::singlehood::threshold_for;
use crate::registry::viewing::{EDIT_VIEW, FILE_VIEW, Showing};
use crate::registry::woman_in_scope;
use crate::service::App;

#[derive(Debug, Clone)]
pub struct WomanFile {
    pub woman: WomanRow,
    pub members: Vec<MemberRow>,
    /// Oldest first, this record's and those of records merged into it.
    pub episodes: Vec<EpisodeRow>,
    pub inquiries: Vec<InquiryRow>,
    pub documents: Vec<DocumentRow>,
    pub duplicates: Vec<DuplicateRow>,
    pub eligibility: Option<EligibilityReport>,
    /// Monthly pension for her household size in this fiscal year, when the table is set.
    pub pension: Option<(u8, Rials)>,
    /// National IDs, SHEBA and address were masked for a reader without
    /// `SeeFullIdentifiers`.
    pub identifiers_masked: bool,
}

/// A national ID as lists show it (anything unparsable is hidden whole).
fn masked_national_id(text: &str) -> String {
    NationalId::parse(text).map_or_else(|_| "*".repeat(text.chars().count()), |id| id.masked())
}

/// Hides the identifiers a reader without `SeeFullIdentifiers` may not see.
fn mask_identifiers(woman: &mut WomanRow, members: &mut [MemberRow]) {
    let record = &mut woman.record;
    record.national_id = masked_national_id(&record.national_id);
    record.address.clear();
    record.sheba = record.sheba.as_deref().map(|text| {
        Sheba::parse(text).map_or_else(|_| "*".repeat(text.chars().count()), |s| s.masked())
    });
    for member in members {
        member.national_id = member.national_id.as_deref().map(masked_national_id);
    }
}

impl App {
    /// Opens a woman's file (recorded as a `woman.view`).
    pub async fn open_woman(&self, actor: &Actor, id: WomanId) -> AppResult<WomanFile> {
        self.show_woman(actor, id, Showing::Opening).await
    }

    /// Her file again, to draw it with the messages of a refused form: recorded as a
    /// `woman.view` only when the actor has not opened it within the longest session.
    pub async fn redraw_woman(&self, actor: &Actor, id: WomanId) -> AppResult<WomanFile> {
        self.show_woman(actor, id, Showing::Redraw).await
    }

    /// Her record for the edit form (recorded as a `woman.view_for_edit`).
    pub async fn open_woman_for_edit(&self, actor: &Actor, id: WomanId) -> AppResult<WomanRow> {
        actor.require(Permission::RegisterWomen)?;
        actor.require(Permission::ViewPersonalData)?;
        actor.require(Permission::ViewRegistry)?;
        let mut tx = self.db.write().await?;
        let woman = woman_in_scope(tx.as_mut(), actor, id).await?;
        self.record_showing(tx.as_mut(), actor, EDIT_VIEW, &woman, None)
            .await?;
        tx.commit().await?;
        Ok(woman)
    }

    async fn show_woman(
        &self,
        actor: &Actor,
        id: WomanId,
        showing: Showing,
    ) -> AppResult<WomanFile> {
        actor.require(Permission::ViewPersonalData)?;
        actor.require(Permission::ViewRegistry)?;
        let today = self.today();
        let mut tx = self.db.write().await?;
        let mut woman = woman_in_scope(tx.as_mut(), actor, id).await?;
        let mut members = tx.members_of(id).await?;
        let mut episodes = tx.episodes_of(id).await?;
        let merged = tx
            .duplicates(&DuplicateFilter {
                woman_id: Some(id),
                status: Some("merged".into()),
                ..DuplicateFilter::default()
            })
            .await?;
        for pair in &merged {
            let other = if pair.woman_id == id {
                pair.other_id
            } else {
                pair.woman_id
            };
            if tx
                .woman_by_id(other)
                .await?
                .is_some_and(|w| w.merged_into == Some(id))
            {
                episodes.extend(tx.episodes_of(other).await?);
            }
        }
        episodes.sort_by_key(|episode| (episode.started_on, episode.id));
        let inquiries = tx.inquiries_of(id).await?;
        let documents = tx.documents_of(id).await?;
        let duplicates = tx
            .duplicates(&DuplicateFilter {
                woman_id: Some(id),
                status: Some("open".into()),
                ..DuplicateFilter::default()
            })
            .await?;
        let rules = crate::registry::settings::load_rules(tx.as_mut()).await?;
        let singlehood =
            if woman.record.headship_cause == HeadshipCause::DefinitiveSinglehood.code() {
                threshold_for(tx.as_mut(), &rules, woman.record.province_id, today).await?
            } else {
                SinglehoodThreshold::national(&rules)
            };
        let fiscal_year = FiscalYear::of(today).year();
        let pension_row = tx.pension_table(i64::from(fiscal_year)).await?;
        if self
            .must_record(tx.as_mut(), actor, FILE_VIEW, id, showing)
            .await?
        {
            self.record_showing(tx.as_mut(), actor, FILE_VIEW, &woman, None)
                .await?;
        }
        tx.commit().await?;
        let eligibility =
            facts(&woman, &inquiries).map(|f| evaluate_with(&rules, &singlehood, &f, today));
        let identifiers_masked = !actor.can(Permission::SeeFullIdentifiers);
        if identifiers_masked {
            mask_identifiers(&mut woman, &mut members);
        }
        let pension = pension_row.map(|row| {
            let tier = hamyar_domain::registry::pension_tier(woman.household_size.max(1) as u32);
            (
                tier,
                Rials::new(row.tier_rials[usize::from(tier.clamp(1, 5)) - 1]),
            )
        });
        Ok(WomanFile {
            woman,
            members,
            episodes,
            inquiries,
            documents,
            duplicates,
            eligibility,
            pension,
            identifiers_masked,
        })
    }
}

/// The facts eligibility rules look at; the latest inquiry answers "covered elsewhere?".
fn facts(woman: &WomanRow, inquiries: &[InquiryRow]) -> Option<EligibilityFacts> {
    let birth_date = JalaliDate::from_iso_str(&woman.record.birth_date).ok()?;
    let cause = HeadshipCause::parse(&woman.record.headship_cause)?;
    let latest = inquiries
        .iter()
        .filter(|i| i.result != "pending")
        .max_by_key(|inquiry| (inquiry.inquired_on, inquiry.id));
    Some(EligibilityFacts {
        birth_date,
        cause,
        income_decile: woman
            .record
            .income_decile
            .and_then(|d| u8::try_from(d).ok()),
        other_coverage: latest.map(|i| i.result == "covered"),
    })
}
