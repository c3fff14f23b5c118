//! A very small SQL builder for the few queries whose shape depends on the caller's filters.
//! Its point is structural: SQL text can only be appended from `&'static str` fragments, and
//! every value goes through [`SqlBuilder::bind`], which numbers a `$N` placeholder and keeps
//! the value for binding in the same order. A value therefore cannot end up inside the SQL,
//! and the same text runs on SQLite (which maps `$N` to argument N) and on PostgreSQL.
//!
//! One exception, for bulk statements with thousands of values ([`SqlBuilder::bulk`]): on
//! SQLite those are written with anonymous `?` placeholders, each value bound in text order.
//! sqlx binds a `$N` parameter by asking SQLite for its name, and SQLite finds a name by
//! walking the statement's list of names, so binding n named values costs n²/2 steps — about
//! 200 ms for a 500-row insert of women, most of an import's time. The text is the same but
//! for the spelling of the placeholders, and the builder still decides what is bound where.

use std::fmt::Write;

use hamyar_app::ports::Backend;
use sqlx::any::{Any, AnyArguments};
use sqlx::query::Query;

/// A value waiting to be bound. The `Any` driver moves only these two kinds (plus floats,
/// booleans and blobs, which the ports never need).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Arg {
    Int(Option<i64>),
    Text(Option<String>),
}

impl From<i64> for Arg {
    fn from(value: i64) -> Self {
        Arg::Int(Some(value))
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(Some(value.to_owned()))
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(Some(value))
    }
}

impl From<Option<i64>> for Arg {
    fn from(value: Option<i64>) -> Self {
        Arg::Int(value)
    }
}

impl From<Option<&str>> for Arg {
    fn from(value: Option<&str>) -> Self {
        Arg::Text(value.map(str::to_owned))
    }
}

/// Record ids bind as the integers they are.
macro_rules! id_args {
    ($($id:ty),*) => {$(
        impl From<$id> for Arg {
            fn from(value: $id) -> Self {
                Arg::Int(Some(value.get()))
            }
        }

        impl From<Option<$id>> for Arg {
            fn from(value: Option<$id>) -> Self {
                Arg::Int(value.map(<$id>::get))
            }
        }
    )*};
}

id_args!(
    hamyar_app::ports::groups::GroupId,
    hamyar_app::ports::registry::WomanId,
    hamyar_app::ports::grants::GrantId,
    hamyar_app::ports::grants::TrancheId,
    hamyar_app::ports::spending::PaymentId,
    hamyar_app::ports::spending::EvidenceId,
    hamyar_app::ports::budget::BudgetLineId,
    hamyar_app::access::UserId,
    hamyar_app::access::PlaceId,
    hamyar_app::ids::AccountId,
    hamyar_app::ids::LedgerTransactionId,
    hamyar_app::ids::HistoryBatchId,
    hamyar_app::ids::CourseKindId,
    hamyar_app::ids::ProviderId,
    hamyar_app::ids::CourseRunId,
    hamyar_app::ids::SessionId,
    hamyar_app::ids::EnrolmentId,
    hamyar_app::ids::JobPlanId,
    hamyar_app::ids::JobPlanStepId,
    hamyar_app::ids::FollowUpId,
    hamyar_app::ids::ContractId,
    hamyar_app::ids::TrainingNeedId,
    hamyar_app::ids::FundCycleId,
    hamyar_app::ids::FundMeetingId,
    hamyar_app::ids::FundLoanId,
    hamyar_app::ids::FundLotteryId,
    hamyar_app::ids::ApiTokenId
);

/// The position of a bound value; may be written into the SQL more than once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placeholder(usize);

/// How placeholders are spelled in the SQL text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Style {
    /// `$N`, understood by both engines; a value written twice is bound once.
    #[default]
    Numbered,
    /// `?`, bound one by one in text order (SQLite bulk statements; see the module notes).
    Anonymous,
}

#[derive(Debug, Default)]
pub(crate) struct SqlBuilder {
    sql: String,
    args: Vec<Arg>,
    /// With [`Style::Anonymous`]: which value each `?` stands for, in text order.
    order: Vec<usize>,
    style: Style,
    has_where: bool,
}

impl SqlBuilder {
    pub(crate) fn new(start: &'static str) -> Self {
        Self {
            sql: start.to_owned(),
            ..Self::default()
        }
    }

    /// A builder for a statement with about `values` bound values (multi-row inserts, long
    /// `IN` lists), spelled for `backend`: anonymous placeholders on SQLite, `$N` otherwise.
    pub(crate) fn bulk(start: &'static str, backend: Backend, values: usize) -> Self {
        let style = match backend {
            Backend::Sqlite => Style::Anonymous,
            Backend::Postgres => Style::Numbered,
        };
        let mut sql = String::with_capacity(start.len() + values * 7);
        sql.push_str(start);
        Self {
            sql,
            args: Vec::with_capacity(values),
            order: Vec::with_capacity(if style == Style::Anonymous { values } else { 0 }),
            style,
            has_where: false,
        }
    }

    pub(crate) fn push(&mut self, fragment: &'static str) -> &mut Self {
        self.sql.push_str(fragment);
        self
    }

    /// Keeps `value` for binding and returns its placeholder, without writing it.
    pub(crate) fn bind(&mut self, value: impl Into<Arg>) -> Placeholder {
        self.args.push(value.into());
        Placeholder(self.args.len())
    }

    pub(crate) fn push_placeholder(&mut self, placeholder: Placeholder) -> &mut Self {
        match self.style {
            Style::Numbered => {
                // Writing into a String cannot fail.
                let _ = write!(self.sql, "${}", placeholder.0);
            }
            Style::Anonymous => {
                self.sql.push('?');
                self.order.push(placeholder.0 - 1);
            }
        }
        self
    }

    /// Binds `value` and writes its placeholder.
    pub(crate) fn push_bound(&mut self, value: impl Into<Arg>) -> &mut Self {
        let placeholder = self.bind(value);
        self.push_placeholder(placeholder)
    }

    /// Starts the next condition: ` WHERE ` the first time, ` AND ` afterwards.
    pub(crate) fn push_condition(&mut self, fragment: &'static str) -> &mut Self {
        self.push(if self.has_where { " AND " } else { " WHERE " });
        self.has_where = true;
        self.push(fragment)
    }

    /// Adds `column = value` as the next condition.
    pub(crate) fn push_equals(&mut self, column: &'static str, value: impl Into<Arg>) -> &mut Self {
        self.push_condition(column).push(" = ").push_bound(value)
    }

    /// Appends ` LIMIT $a OFFSET $b`. A non-positive limit means "no limit" (what an
    /// all-default filter asks for); a negative offset counts as zero.
    pub(crate) fn push_page(&mut self, limit: i64, offset: i64) -> &mut Self {
        let limit = if limit > 0 { limit } else { i64::MAX };
        self.push(" LIMIT ").push_bound(limit);
        self.push(" OFFSET ").push_bound(offset.max(0))
    }

    #[cfg(test)]
    pub(crate) fn sql(&self) -> &str {
        &self.sql
    }

    /// The finished query with every value bound in placeholder order.
    pub(crate) fn build(self) -> Query<'static, Any, AnyArguments> {
        let query = sqlx::query(sqlx::AssertSqlSafe(self.sql));
        match self.style {
            Style::Numbered => self.args.into_iter().fold(query, bind_arg),
            Style::Anonymous => anonymous_args(self.args, &self.order)
                .into_iter()
                .fold(query, bind_arg),
        }
    }
}

/// Binds present values by value: the driver encodes an `Option` by reference, which would
/// copy every string once more (it shows in bulk inserts).
fn bind_arg(
    query: Query<'static, Any, AnyArguments>,
    arg: Arg,
) -> Query<'static, Any, AnyArguments> {
    match arg {
        Arg::Int(Some(value)) => query.bind(value),
        Arg::Int(None) => query.bind(None::<i64>),
        Arg::Text(Some(value)) => query.bind(value),
        Arg::Text(None) => query.bind(None::<String>),
    }
}

/// The values in the order of their `?`s: each moved out at its last use, cloned before.
fn anonymous_args(mut args: Vec<Arg>, order: &[usize]) -> Vec<Arg> {
    let mut uses_left = vec![0_usize; args.len()];
    for index in order {
        uses_left[*index] += 1;
    }
    order
        .iter()
        .map(|index| {
            uses_left[*index] -= 1;
            if uses_left[*index] == 0 {
                std::mem::replace(&mut args[*index], Arg::Int(None))
            } else {
                args[*index].clone()
            }
        })
        .collect()
}

/// A column whose lists sort in Persian alphabetical order computed in SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PersianSorted {
    /// A folded name key (groups, supervising units).
    NameKey,
    /// An account's display name, as typed (Persian letters since migration 0020).
    DisplayName,
}

/// ` ORDER BY <column respelled in Persian alphabetical order>, id` for the engine. The
/// expression replaces each letter of the alphabet by its private-use stand-in, as
/// `hamyar_domain::persian_order` does in Rust, and compares bytes (SQLite's `BINARY`,
/// PostgreSQL's `"C"`), so the order follows the Persian alphabet on both engines. For the
/// small tables (groups, supervising units, accounts), whose lists sort a few thousand rows;
/// the women's list keeps its respelled key in a column (`name_key_reversed`) under an index.
/// Built once per column and engine from constants only, so it is as safe as any static
/// fragment.
pub(crate) fn order_in_persian(
    column: PersianSorted,
    backend: hamyar_app::ports::Backend,
) -> &'static str {
    static BUILT: [std::sync::OnceLock<String>; 4] = [const { std::sync::OnceLock::new() }; 4];
    let (name, first) = match column {
        PersianSorted::NameKey => ("name_key", 0),
        PersianSorted::DisplayName => ("display_name", 2),
    };
    let (engine, bytewise) = match backend {
        hamyar_app::ports::Backend::Sqlite => (0, "BINARY"),
        hamyar_app::ports::Backend::Postgres => (1, "\"C\""),
    };
    BUILT[first + engine].get_or_init(|| {
        let mut expression = name.to_owned();
        for letter in hamyar_domain::person_name::PERSIAN_ALPHABET.chars() {
            let stand_in = hamyar_domain::persian_order(&letter.to_string());
            expression = format!("REPLACE({expression}, '{letter}', '{stand_in}')");
        }
        format!(" ORDER BY ({expression}) COLLATE {bytewise}, id")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_binding_order() {
        let mut builder = SqlBuilder::new("SELECT * FROM t");
        builder.push_equals("a", 1).push_equals("b", "x");
        let prefix = builder.bind("p.");
        builder
            .push_condition("substr(c, 1, length(")
            .push_placeholder(prefix)
            .push(")) = ")
            .push_placeholder(prefix);
        builder.push(" ORDER BY a").push_page(0, -3);
        assert_eq!(
            builder.sql(),
            "SELECT * FROM t WHERE a = $1 AND b = $2 AND substr(c, 1, length($3)) = $3 \
             ORDER BY a LIMIT $4 OFFSET $5"
        );
        assert_eq!(
            builder.args,
            vec![
                Arg::Int(Some(1)),
                Arg::Text(Some("x".into())),
                Arg::Text(Some("p.".into())),
                Arg::Int(Some(i64::MAX)),
                Arg::Int(Some(0)),
            ]
        );
    }

    #[test]
    fn bulk_statements_on_sqlite_bind_every_placeholder_in_text_order() {
        let mut builder = SqlBuilder::bulk("INSERT INTO t (a, b, c) VALUES ", Backend::Sqlite, 6);
        let shared = builder.bind("s");
        for value in [1, 2] {
            builder.push("(").push_bound(value).push(", ");
            builder.push_placeholder(shared).push(", ");
            builder.push_bound(format!("v{value}")).push(")");
            if value == 1 {
                builder.push(", ");
            }
        }
        assert_eq!(
            builder.sql(),
            "INSERT INTO t (a, b, c) VALUES (?, ?, ?), (?, ?, ?)"
        );
        assert_eq!(
            anonymous_args(builder.args.clone(), &builder.order),
            vec![
                Arg::Int(Some(1)),
                Arg::Text(Some("s".into())),
                Arg::Text(Some("v1".into())),
                Arg::Int(Some(2)),
                Arg::Text(Some("s".into())),
                Arg::Text(Some("v2".into())),
            ]
        );
        let mut numbered = SqlBuilder::bulk("VALUES ", Backend::Postgres, 2);
        let shared = numbered.bind(1);
        numbered.push("(").push_placeholder(shared).push(", ");
        numbered.push_placeholder(shared).push(")");
        assert_eq!(numbered.sql(), "VALUES ($1, $1)");
    }
}
