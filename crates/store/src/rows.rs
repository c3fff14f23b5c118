//! Reading typed values out of `AnyRow`s. Every failure — a wrong column type, an
//! unparsable timestamp — becomes `StoreError::Corrupt` naming the table and column, since
//! it means the stored data is not what this code wrote.

use hamyar_app::clock::{parse_storage_timestamp, storage_timestamp};
use hamyar_app::ports::{StoreError, StoreResult};
use hamyar_domain::JalaliDate;
use hamyar_domain::registry::CodedList;
use jiff::Timestamp;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::error::corrupt;

/// The text form every timestamp is stored in.
pub(crate) fn stored(at: Timestamp) -> String {
    storage_timestamp(at)
}

/// Like [`stored`], for optional instants.
pub(crate) fn stored_opt(at: Option<Timestamp>) -> Option<String> {
    at.map(storage_timestamp)
}

/// One row of one table, read column by column.
pub(crate) struct RowReader<'r> {
    row: &'r AnyRow,
    table: &'static str,
}

impl<'r> RowReader<'r> {
    pub(crate) fn new(row: &'r AnyRow, table: &'static str) -> Self {
        Self { row, table }
    }

    fn get<T>(&self, column: &str) -> StoreResult<T>
    where
        T: sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any>,
    {
        self.row
            .try_get(column)
            .map_err(|error| corrupt(self.table, format!("{column}: {error}")))
    }

    pub(crate) fn int(&self, column: &str) -> StoreResult<i64> {
        self.get(column)
    }

    /// A record's id (`GroupId`, `WomanId`, …), read as the integer column it is.
    pub(crate) fn id<T>(&self, column: &str) -> StoreResult<T>
    where
        T: sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any>,
    {
        self.get(column)
    }

    /// An optional id, as [`RowReader::id`].
    pub(crate) fn opt_id<T>(&self, column: &str) -> StoreResult<Option<T>>
    where
        T: sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any>,
    {
        self.get(column)
    }

    pub(crate) fn opt_int(&self, column: &str) -> StoreResult<Option<i64>> {
        self.get(column)
    }

    pub(crate) fn text(&self, column: &str) -> StoreResult<String> {
        self.get(column)
    }

    pub(crate) fn opt_text(&self, column: &str) -> StoreResult<Option<String>> {
        self.get(column)
    }

    /// A blob (BLOB on SQLite, BYTEA on PostgreSQL).
    pub(crate) fn bytes(&self, column: &str) -> StoreResult<Vec<u8>> {
        self.get(column)
    }

    /// A yes/no value stored as the integer 0 or 1 (the `Any` driver's portable form).
    pub(crate) fn flag(&self, column: &str) -> StoreResult<bool> {
        match self.int(column)? {
            0 => Ok(false),
            1 => Ok(true),
            other => Err(corrupt(
                self.table,
                format!("{column}: not 0 or 1: {other}"),
            )),
        }
    }

    pub(crate) fn timestamp(&self, column: &str) -> StoreResult<Timestamp> {
        let text = self.text(column)?;
        self.parse_timestamp(column, &text)
    }

    pub(crate) fn opt_timestamp(&self, column: &str) -> StoreResult<Option<Timestamp>> {
        self.opt_text(column)?
            .map(|text| self.parse_timestamp(column, &text))
            .transpose()
    }

    /// A value of a coded list stored as its code (`social_worker`), read as the domain's
    /// value. An unknown code is an error that names the row, never a value left out.
    pub(crate) fn code<T: CodedList>(&self, column: &str) -> StoreResult<T> {
        let text = self.text(column)?;
        self.known_code(column, &text)
    }

    /// [`RowReader::code`] for a column that may be NULL.
    pub(crate) fn opt_code<T: CodedList>(&self, column: &str) -> StoreResult<Option<T>> {
        self.opt_text(column)?
            .map(|text| self.known_code(column, &text))
            .transpose()
    }

    /// A code read by the type's own parser, for code lists that live outside the domain's
    /// coded lists (an account's role). An unknown code names the row, as in `code`.
    pub(crate) fn parsed<T>(&self, column: &str, parse: fn(&str) -> Option<T>) -> StoreResult<T> {
        let text = self.text(column)?;
        parse(&text).ok_or_else(|| self.unknown_code(column, &text))
    }

    fn known_code<T: CodedList>(&self, column: &str, text: &str) -> StoreResult<T> {
        T::from_code(text).ok_or_else(|| self.unknown_code(column, text))
    }

    fn unknown_code(&self, column: &str, text: &str) -> StoreError {
        let row = self.row_label();
        corrupt(self.table, format!("{row}{column}: unknown code {text:?}"))
    }

    /// `row 12, ` when the query read the row's `id`, else nothing.
    fn row_label(&self) -> String {
        self.row
            .try_get::<i64, _>("id")
            .map(|id| format!("row {id}, "))
            .unwrap_or_default()
    }

    /// A day stored as ISO text (`YYYY-MM-DD`), read as the Jalali date it is.
    pub(crate) fn date(&self, column: &str) -> StoreResult<JalaliDate> {
        let text = self.text(column)?;
        self.parse_date(column, &text)
    }

    pub(crate) fn opt_date(&self, column: &str) -> StoreResult<Option<JalaliDate>> {
        self.opt_text(column)?
            .map(|text| self.parse_date(column, &text))
            .transpose()
    }

    /// A stored day that is not one is an error naming the row (by its `id` when the query
    /// read one), never a value silently left out.
    fn parse_date(&self, column: &str, text: &str) -> StoreResult<JalaliDate> {
        JalaliDate::from_iso_str(text).map_err(|_| {
            let row = self.row_label();
            corrupt(self.table, format!("{row}{column}: not a day: {text:?}"))
        })
    }

    fn parse_timestamp(&self, column: &str, text: &str) -> StoreResult<Timestamp> {
        parse_storage_timestamp(text)
            .ok_or_else(|| corrupt(self.table, format!("{column}: not a timestamp: {text:?}")))
    }
}
