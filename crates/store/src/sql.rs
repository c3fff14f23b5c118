//! A very small SQL builder for the few queries whose shape depends on the caller's filters.
//! Its point is structural: SQL text can only be appended from `&'static str` fragments, and
//! every value goes through [`SqlBuilder::bind`], which numbers a `$N` placeholder and keeps
//! the value for binding in the same order. A value therefore cannot end up inside the SQL,
//! and the same text runs on SQLite (which maps `$N` to argument N) and on PostgreSQL.

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

/// The position of a bound value; may be written into the SQL more than once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placeholder(usize);

#[derive(Debug, Default)]
pub(crate) struct SqlBuilder {
    sql: String,
    args: Vec<Arg>,
    has_where: bool,
}

impl SqlBuilder {
    pub(crate) fn new(start: &'static str) -> Self {
        Self {
            sql: start.to_owned(),
            ..Self::default()
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
        self.sql.push('$');
        self.sql.push_str(&placeholder.0.to_string());
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
        let mut query = sqlx::query(sqlx::AssertSqlSafe(self.sql));
        for arg in self.args {
            query = match arg {
                Arg::Int(value) => query.bind(value),
                Arg::Text(value) => query.bind(value),
            };
        }
        query
    }
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
}
