//! The identifiers of stored records, one type per kind of record, so that a woman's id
//! cannot be passed where a group's is expected: the compiler refuses it.
//!
//! Each id is the database's integer key and nothing more: it is written as that number in
//! URLs, forms, JSON and logs (`Display`, serde), and read back from them (`FromStr`,
//! serde). With the `sqlx` feature (turned on, through `hamyar-app`, by `hamyar-store`, the
//! only crate that talks to a database) an id binds and reads as the integer column it is,
//! on SQLite and on PostgreSQL, so the adapter never unwraps it by hand. `0` is the id of a
//! row not yet stored (the `Default`), as the insert functions of the ports expect.
//!
//! They live in the domain, not in the application layer, because domain values carry them
//! too: a ledger posting names its account, a place its parent.

/// Declares one id type.
macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        #[cfg_attr(feature = "sqlx", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(i64);

        impl $name {
            /// The id of the stored row whose key is `key`.
            pub const fn new(key: i64) -> Self {
                Self(key)
            }

            /// The database key.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.0, formatter)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::num::ParseIntError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.parse().map(Self)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }
    };
}

id_type!(
    /// A woman head of household in the registry.
    WomanId
);
id_type!(
    /// A mutual-help group.
    GroupId
);
id_type!(
    /// A grant (کمک بلاعوض) to a group or a woman.
    GrantId
);
id_type!(
    /// One tranche of a grant.
    TrancheId
);
id_type!(
    /// A payment proposed, approved and paid from a budget line.
    PaymentId
);
id_type!(
    /// A file of a province's historical payments or grants, imported and waiting for (or
    /// given) a second person's confirmation of its paper decisions.
    HistoryBatchId
);
id_type!(
    /// A document kept as a payment's evidence.
    EvidenceId
);
id_type!(
    /// A province's (or county's) budget line of one fiscal year.
    BudgetLineId
);
id_type!(
    /// A person's account (a user of Hamyar).
    UserId
);
id_type!(
    /// A place: the country, a province or a county.
    PlaceId
);
id_type!(
    /// An account of the double-entry ledger.
    AccountId
);
id_type!(
    /// One balanced transaction of the ledger.
    LedgerTransactionId
);
id_type!(
    /// A kind of course in the training catalogue.
    CourseKindId
);
id_type!(
    /// A provider of training: a technical-vocational centre, an institute, an NGO.
    ProviderId
);
id_type!(
    /// One run of a course: a provider teaching a course kind in a county on a schedule.
    CourseRunId
);
id_type!(
    /// One session of a course run.
    SessionId
);
id_type!(
    /// A woman's place in a course run.
    EnrolmentId
);
id_type!(
    /// A provider's contract: an amount for a period, paid from one budget line.
    ContractId
);
id_type!(
    /// A group's training need, recorded on its page.
    TrainingNeedId
);
id_type!(
    /// A woman's plan toward a chosen job.
    JobPlanId
);
id_type!(
    /// One step of a job plan: a training, an internship, a placement, working capital, a permit.
    JobPlanStepId
);
id_type!(
    /// A follow-up three or six months after a course, as asked.
    FollowUpId
);
id_type!(
    /// One filled form of an instrument: a woman's answers on one occasion of her schedule.
    AssessmentId
);
id_type!(
    /// A proposal that a woman or a group leave support as empowered, for an expert's decision.
    ExitProposalId
);
id_type!(
    /// A woman's referral to an agent bank for a self-employment loan.
    BankLoanId
);
id_type!(
    /// A cycle of a group's fund, from its start to its share-out.
    FundCycleId
);
id_type!(
    /// One meeting of a group's fund.
    FundMeetingId
);
id_type!(
    /// A loan from a group's fund to one of its members.
    FundLoanId
);
id_type!(
    /// A recorded draw for who borrows from a group's fund.
    FundLotteryId
);
id_type!(
    /// A person's API token: what a program presents to act for her within a scope.
    ApiTokenId
);
