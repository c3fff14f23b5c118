//! A recorded draw for who borrows first when more members ask than the fund can lend at once.
//! The members in the draw and the number of places are typed; the seed comes from the
//! operating system's random source; the winners are `hamyar_domain::fund::lottery::draw` of
//! the seed and the candidates. All three are kept, so anyone can draw again and check the
//! result. A winner's loan is then given at the meeting, by lottery, once.

use std::collections::BTreeSet;

use hamyar_domain::JalaliDate;
use hamyar_domain::fund::lottery::{CANDIDATES_MAX, draw};
use rand::Rng;
use serde_json::json;

use crate::access::Actor;
use crate::error::{AppError, AppResult, FieldError};
use crate::fund::{fund_group, open_cycle, refuse};
use crate::group_life::member_between;
use crate::ports::fund::{FundLotteryId, FundLotteryRow};
use crate::ports::groups::GroupId;
use crate::service::{App, AuditEntry, actor_name};

/// The draw's form as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct DrawInput {
    pub on: String,
    pub candidates: Vec<i64>,
    pub seats: String,
}

impl App {
    /// Draws lots among members of the group's open cycle.
    pub async fn draw_fund_lottery(
        &self,
        actor: &Actor,
        group_id: GroupId,
        input: &DrawInput,
    ) -> AppResult<FundLotteryId> {
        let mut tx = self.db.write().await?;
        let group = fund_group(tx.as_mut(), actor, group_id, true).await?;
        let cycle = open_cycle(tx.as_mut(), group_id)
            .await?
            .ok_or_else(|| refuse("on", "fund-no_open_cycle"))?;
        let on = JalaliDate::parse(&input.on).map_err(|error| {
            AppError::Invalid(vec![FieldError::new(
                "on",
                hamyar_domain::LocalizedMessage::message(&error),
            )])
        })?;
        if on > self.today() || !(cycle.starts_on <= on && on <= cycle.ends_on) {
            return Err(refuse("on", "fund-meeting_outside_cycle"));
        }
        let candidates: BTreeSet<i64> = input.candidates.iter().copied().collect();
        let spans = tx.member_spans(group_id).await?;
        if candidates.len() < 2
            || candidates.len() > CANDIDATES_MAX
            || candidates.len() != input.candidates.len()
            || !candidates
                .iter()
                .all(|w| member_between(&spans, crate::ports::registry::WomanId::new(*w), on, on))
        {
            return Err(refuse("candidates", "fund-draw_candidates"));
        }
        let seats: usize = hamyar_domain::digits::to_latin_digits(input.seats.trim())
            .parse()
            .ok()
            .filter(|s| *s >= 1 && *s < candidates.len())
            .ok_or_else(|| refuse("seats", "fund-draw_seats"))?;
        let candidates: Vec<i64> = candidates.into_iter().collect();
        let seed: u64 = rand::rng().random();
        let winners = draw(seed, &candidates, seats);
        let row = FundLotteryRow {
            id: FundLotteryId::new(0),
            cycle_id: cycle.id,
            group_id,
            province_id: group.record.province_id,
            county_id: group.record.county_id,
            drawn_on: on,
            seed,
            candidates: candidates.clone(),
            seats: i64::try_from(seats).unwrap_or(1),
            winners: winners.clone(),
            drawn_by: actor.user_id,
            drawn_by_name: actor_name(tx.as_mut(), actor).await?,
            drawn_at: self.now(),
        };
        let id = tx.insert_fund_lottery(&row).await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "fund.lottery",
                entity_kind: "group",
                entity_id: group_id.to_string(),
                province_id: Some(group.record.province_id),
                county_id: Some(group.record.county_id),
                before: None,
                after: Some(json!({
                    "lottery": id.get(),
                    "seed": seed.to_string(),
                    "candidates": candidates,
                    "winners": winners,
                })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}
