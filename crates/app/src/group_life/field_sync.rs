//! The field app's sync: a facilitator's or social worker's offline records (meetings with
//! attendance, visits, the fund's meetings) arrive together when her phone is back online, each under the key the
//! phone gave it when it was made, and each is answered on its own — recorded, repeated (the
//! key was already done: the phone never saw the answer), a conflict for her to settle, or
//! refused — so nothing is dropped silently and one bad record never stops the others.
//!
//! Two conflicts are told apart from plain refusals because she can settle them: attendance
//! marked for a woman who was not a member on the meeting's day (she left meanwhile: drop her
//! mark and send the meeting again under a new key), and a meeting of the same group on the
//! same day that is already recorded (by a colleague, or from the web page: the phone may send
//! it again with `confirm_duplicate`, and it is recorded anyway).
//!
//! Each record is done exactly once as [`crate::once`] does a single write: recall the key,
//! do the work, keep the key with the result — all in the same transaction. For speed the
//! records are written [`CHUNK_RECORDS`] to a transaction (a week of twenty groups, ~500
//! records, is then a handful of commits instead of 500). That keeps each record's key atomic
//! with its work, since both commit together, and a refused record writes nothing (every
//! check comes before the first write). If the chunk's transaction fails in the store — on
//! PostgreSQL a failed statement aborts the transaction, for instance when another request
//! took one of the keys first — the chunk is rolled back and its records are done again one
//! to a transaction, so a single record's failure stays its own.
//!
//! Visits are written without refreshing their group's dashboard tallies, and the chunk
//! refreshes each group it wrote a visit of once before it commits (refreshing reads all the
//! group's visits, so doing it per visit made a week's sync cost seconds); the tallies are the
//! same as after one refresh per visit, since a group's are worked out from its rows alone.
//!
//! A fund meeting (`fund_meeting`, owned by `fund::field_meetings`) goes in a transaction of
//! its own between the chunks, in its place in the batch: they are few, and one writes the
//! ledger, the journal and the outbox, and may be refused after its first writes.

use std::collections::{BTreeSet, HashMap};

use hamyar_domain::JalaliDate;
use hamyar_domain::Message;
use hamyar_domain::fund::meeting::MeetingInput as FundMeetingInput;
use hamyar_domain::group_life::{MeetingDraft, MeetingInput, VisitInput};

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult};
use crate::group_life::{group_facts_in_scope, member_between};
use crate::once::{IdempotencyKey, KeyedRequest};
use crate::ports::Tx;
use crate::ports::group_life::MemberSpan;
use crate::ports::groups::GroupId;
use crate::ports::registry::WomanId;
use crate::service::App;

/// Records written in one transaction of a sync.
pub const CHUNK_RECORDS: usize = 100;

/// The work one offline record asks for.
#[derive(Debug, Clone)]
pub enum FieldWork {
    Meeting {
        input: MeetingInput,
        /// She saw that the group's meeting of that day is already recorded and says this
        /// one is another meeting.
        confirm_duplicate: bool,
    },
    Visit(VisitInput),
    /// A meeting of the group's fund (its open cycle's), with no loans.
    FundMeeting(FundMeetingInput),
}

/// One offline record as the phone sent it.
#[derive(Debug, Clone)]
pub struct FieldRecord {
    pub key: IdempotencyKey,
    /// A hash of what the record asks (the caller's: kind, group and body), compared when
    /// its key comes again.
    pub fingerprint: String,
    pub group_id: GroupId,
    pub work: FieldWork,
}

/// What became of one record.
#[derive(Debug)]
pub enum FieldOutcome {
    Recorded {
        id: i64,
    },
    /// Its key was already done with this same record: nothing new was written.
    Repeated {
        id: i64,
    },
    /// Refused in a way she can settle; `women` names the marks to drop when the conflict
    /// is a woman who was not a member that day.
    Conflict {
        error: AppError,
        women: Vec<WomanId>,
    },
    /// Refused: the record itself is wrong, outside her place, or its key was used for
    /// another record.
    Refused(AppError),
}

impl FieldOutcome {
    fn of(error: AppError) -> Self {
        FieldOutcome::Refused(error)
    }
}

impl App {
    /// Records the phone's offline records, each once under its own key, and answers each,
    /// in order. Fails as a whole only when the actor may neither record group life nor keep
    /// a fund (a facilitator keeps her groups' funds but records no visits: her records of
    /// group life are refused one by one).
    pub async fn sync_field_records(
        &self,
        actor: &Actor,
        records: &[FieldRecord],
    ) -> AppResult<Vec<FieldOutcome>> {
        if !actor.can(Permission::ManageGroups) && !actor.can(Permission::KeepFund) {
            return Err(AppError::Forbidden);
        }
        let mut outcomes = Vec::with_capacity(records.len());
        let mut run_start = 0;
        for (index, record) in records.iter().enumerate() {
            if let FieldWork::FundMeeting(input) = &record.work {
                self.sync_run(actor, &records[run_start..index], &mut outcomes)
                    .await;
                outcomes.push(self.sync_fund_alone(actor, record, input).await);
                run_start = index + 1;
            }
        }
        self.sync_run(actor, &records[run_start..], &mut outcomes)
            .await;
        Ok(outcomes)
    }

    /// Meetings and visits, [`CHUNK_RECORDS`] to a transaction.
    async fn sync_run(
        &self,
        actor: &Actor,
        records: &[FieldRecord],
        outcomes: &mut Vec<FieldOutcome>,
    ) {
        for chunk in records.chunks(CHUNK_RECORDS) {
            match self.sync_chunk(actor, chunk).await {
                Ok(done) => outcomes.extend(done),
                Err(error) => {
                    tracing::warn!(%error, "a sync chunk failed; its records go one by one");
                    for record in chunk {
                        outcomes.push(self.sync_alone(actor, record).await);
                    }
                }
            }
        }
    }

    /// A fund meeting in a transaction of its own, committed only when it is answered
    /// (recorded, repeated, a conflict: the last two wrote nothing); a refusal rolls back
    /// whatever it wrote. Tried twice on a store error, as [`App::sync_alone`].
    async fn sync_fund_alone(
        &self,
        actor: &Actor,
        record: &FieldRecord,
        input: &FundMeetingInput,
    ) -> FieldOutcome {
        let mut last = None;
        for _ in 0..2 {
            let mut tx = match self.db.write().await {
                Ok(tx) => tx,
                Err(error) => {
                    last = Some(AppError::from(error));
                    continue;
                }
            };
            match self
                .sync_fund_meeting_in_tx(tx.as_mut(), actor, record, input)
                .await
            {
                Ok(outcome) => match tx.commit().await {
                    Ok(()) => return outcome,
                    Err(error) => last = Some(AppError::from(error)),
                },
                Err(error @ AppError::Store(_)) => last = Some(error),
                Err(error) => return FieldOutcome::of(error),
            }
        }
        FieldOutcome::of(last.unwrap_or_else(|| AppError::Internal("no outcome".into())))
    }

    /// One record in a transaction of its own; tried twice, since a key another request
    /// took meanwhile is found by the second try's recall.
    async fn sync_alone(&self, actor: &Actor, record: &FieldRecord) -> FieldOutcome {
        let mut last = None;
        for _ in 0..2 {
            match self.sync_chunk(actor, std::slice::from_ref(record)).await {
                Ok(mut done) => {
                    if let Some(outcome) = done.pop() {
                        return outcome;
                    }
                }
                Err(error) => last = Some(error),
            }
        }
        FieldOutcome::of(last.unwrap_or_else(|| AppError::Internal("no outcome".into())))
    }

    /// The records in one write transaction; a store error fails the whole chunk (rolled
    /// back when the transaction is dropped), any other refusal is the record's own.
    async fn sync_chunk(
        &self,
        actor: &Actor,
        records: &[FieldRecord],
    ) -> AppResult<Vec<FieldOutcome>> {
        let mut tx = self.db.write().await?;
        let mut outcomes = Vec::with_capacity(records.len());
        let mut chunk = Chunk::default();
        for record in records {
            match self
                .sync_one_in_tx(tx.as_mut(), actor, record, &mut chunk)
                .await
            {
                Ok(outcome) => outcomes.push(outcome),
                Err(error @ AppError::Store(_)) => return Err(error),
                Err(error) => outcomes.push(FieldOutcome::of(error)),
            }
        }
        if !chunk.visited.is_empty() {
            let groups: Vec<GroupId> = chunk.visited.into_iter().collect();
            tx.refresh_group_tallies(&groups).await?;
        }
        tx.commit().await?;
        Ok(outcomes)
    }

    async fn sync_one_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        record: &FieldRecord,
        chunk: &mut Chunk,
    ) -> AppResult<FieldOutcome> {
        let request = KeyedRequest {
            key: &record.key,
            fingerprint: &record.fingerprint,
        };
        if let Some(first) = self.recall::<i64>(tx, actor, request).await? {
            return Ok(FieldOutcome::Repeated { id: first.value });
        }
        let id = match &record.work {
            FieldWork::Meeting {
                input,
                confirm_duplicate,
            } => {
                actor.require(Permission::ManageGroups)?;
                if let Some(conflict) = self
                    .meeting_conflict(tx, actor, record, input, *confirm_duplicate, chunk)
                    .await?
                {
                    return Ok(conflict);
                }
                self.record_meeting_in_tx(tx, actor, record.group_id, input)
                    .await?
            }
            FieldWork::Visit(input) => {
                let id = self
                    .record_visit_untallied_in_tx(tx, actor, record.group_id, input)
                    .await?;
                chunk.visited.insert(record.group_id);
                id
            }
            FieldWork::FundMeeting(_) => {
                return Err(AppError::Internal(
                    "a fund meeting is synced in a transaction of its own".into(),
                ));
            }
        };
        self.remember_in_tx(tx, actor, request, &id).await?;
        if let FieldWork::Meeting { input, .. } = &record.work
            && let Ok(draft) = MeetingDraft::parse(input, self.today())
        {
            let name = crate::service::actor_name(tx, actor).await?;
            chunk.days.add(record.group_id, draft.held_on, name);
        }
        Ok(FieldOutcome::Recorded { id })
    }

    /// A conflict the meeting would meet: marks of women who were not members that day, or
    /// the group's meeting of that day already recorded (unless she confirmed it). `None`
    /// when there is none, or when the meeting itself is refused (the recording says why).
    async fn meeting_conflict(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        record: &FieldRecord,
        input: &MeetingInput,
        confirm_duplicate: bool,
        chunk: &mut Chunk,
    ) -> AppResult<Option<FieldOutcome>> {
        let group_id = record.group_id;
        // The place first: nothing about a group outside it may be told.
        group_facts_in_scope(tx, actor, group_id).await?;
        let Ok(draft) = MeetingDraft::parse(input, self.today()) else {
            return Ok(None);
        };
        let held_on = draft.held_on;
        let spans = tx.member_spans(group_id).await?;
        let strangers: Vec<WomanId> = draft
            .attendance
            .iter()
            .map(|(woman, _)| WomanId::new(*woman))
            .filter(|woman| !member_between(&spans, *woman, held_on, held_on))
            .collect();
        if !strangers.is_empty() {
            let message = Message::new("field-not_members_that_day")
                .arg("names", names_of(&spans, &strangers))
                .arg("day", held_on);
            return Ok(Some(FieldOutcome::Conflict {
                error: AppError::Conflict {
                    field: "attendance",
                    message,
                },
                women: strangers,
            }));
        }
        if confirm_duplicate {
            return Ok(None);
        }
        Ok(chunk
            .days
            .recorded_by(tx, group_id, held_on)
            .await?
            .map(|name| FieldOutcome::Conflict {
                error: AppError::Conflict {
                    field: "held_on",
                    message: Message::new("field-meeting_already_recorded")
                        .arg("day", held_on)
                        .arg("name", name),
                },
                women: Vec::new(),
            }))
    }
}

/// The women's names for a conflict's message, as the group's memberships spell them (an id
/// for one who never was a member).
pub(crate) fn names_of(spans: &[MemberSpan], women: &[WomanId]) -> String {
    women
        .iter()
        .map(
            |woman| match spans.iter().find(|span| span.woman_id == *woman) {
                Some(span) => format!("{} {}", span.first_name, span.last_name),
                None => format!("#{woman}"),
            },
        )
        .collect::<Vec<_>>()
        .join("، ")
}

/// What a chunk's transaction keeps while it records: the meeting days it has read, and the
/// groups it wrote a visit of, whose tallies it refreshes before committing.
#[derive(Default)]
struct Chunk {
    days: MeetingDays,
    visited: BTreeSet<GroupId>,
}

/// The days each group already has a meeting on, with who recorded it: read once per group
/// in a chunk's transaction and kept up to date as the chunk records meetings, rather than
/// reading every meeting of the group again for each record.
#[derive(Default)]
struct MeetingDays {
    by_group: HashMap<GroupId, Vec<(JalaliDate, String)>>,
}

impl MeetingDays {
    async fn recorded_by(
        &mut self,
        tx: &mut dyn Tx,
        group_id: GroupId,
        day: JalaliDate,
    ) -> AppResult<Option<String>> {
        if let std::collections::hash_map::Entry::Vacant(entry) = self.by_group.entry(group_id) {
            let meetings = tx.meetings_of(group_id).await?;
            entry.insert(
                meetings
                    .into_iter()
                    .map(|meeting| (meeting.held_on, meeting.recorded_by_name))
                    .collect(),
            );
        }
        Ok(self.by_group.get(&group_id).and_then(|days| {
            days.iter()
                .find(|(held_on, _)| *held_on == day)
                .map(|(_, name)| name.clone())
        }))
    }

    /// A meeting the chunk recorded; only for groups already read (others read it then).
    fn add(&mut self, group_id: GroupId, day: JalaliDate, name: String) {
        if let Some(days) = self.by_group.get_mut(&group_id) {
            days.push((day, name));
        }
    }
}
