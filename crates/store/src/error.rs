//! Translation of driver errors into the application's [`StoreError`]. Both engines report a
//! violated constraint differently — SQLite names the columns in its message ("UNIQUE
//! constraint failed: users.username"), PostgreSQL names the constraint — so one small table
//! maps both to the `table.column` name the application matches on. Only the database's own
//! message is ever passed on, never the values that were bound.

use hamyar_app::ports::StoreError;
use sqlx::error::ErrorKind;

/// The text both migration sets raise when something tries to change the audit log.
pub(crate) const APPEND_ONLY_MESSAGE: &str = "audit_log is append-only";
/// The text migration 0007 raises when something tries to change a ledger transaction or
/// posting.
pub(crate) const LEDGER_APPEND_ONLY_MESSAGE: &str = "ledger is append-only";

/// Unique constraints: (PostgreSQL constraint name, SQLite column list, name for the app).
const UNIQUE_CONSTRAINTS: [(&str, &str, &str); 31] = [
    (
        "api_requests_pkey",
        "api_requests.user_id, api_requests.idempotency_key",
        "api_requests.idempotency_key",
    ),
    (
        "provider_contracts_provider_no_key",
        "provider_contracts.provider_id, provider_contracts.contract_no",
        "provider_contracts.contract_no",
    ),
    (
        "course_kinds_code_key",
        "course_kinds.code",
        "course_kinds.code",
    ),
    (
        "training_providers_province_name_key",
        "training_providers.province_id, training_providers.name_key",
        "training_providers.name",
    ),
    (
        "course_runs_province_code_key",
        "course_runs.province_id, course_runs.code",
        "course_runs.code",
    ),
    (
        "course_sessions_run_seq_key",
        "course_sessions.run_id, course_sessions.seq",
        "course_sessions.seq",
    ),
    (
        "enrolments_run_woman_key",
        "enrolments.run_id, enrolments.woman_id",
        "enrolments.woman_id",
    ),
    (
        "enrolments_certificate_code_key",
        "enrolments.certificate_code",
        "enrolments.certificate_code",
    ),
    (
        "attendance_marks_pkey",
        "attendance_marks.session_id, attendance_marks.enrolment_id",
        "attendance_marks.session_id",
    ),
    ("users_username_key", "users.username", "users.username"),
    ("places_code_key", "places.code", "places.code"),
    (
        "place_names_place_id_valid_from_key",
        "place_names.place_id, place_names.valid_from",
        "place_names.valid_from",
    ),
    (
        "sessions_pkey",
        "sessions.token_hash",
        "sessions.token_hash",
    ),
    ("audit_log_pkey", "audit_log.seq", "audit_log.seq"),
    ("audit_log_hash_key", "audit_log.hash", "audit_log.hash"),
    (
        "women_national_id_key",
        "women.national_id",
        "women.national_id",
    ),
    (
        "hamyar_groups_province_code_key",
        "hamyar_groups.province_id, hamyar_groups.code",
        "hamyar_groups.code",
    ),
    (
        "supervising_units_county_name_key",
        "supervising_units.county_id, supervising_units.name_key",
        "supervising_units.name",
    ),
    (
        "ledger_accounts_code_key",
        "ledger_accounts.code",
        "ledger_accounts.code",
    ),
    (
        "ledger_transactions_idempotency_key_key",
        "ledger_transactions.idempotency_key",
        "ledger_transactions.idempotency_key",
    ),
    (
        "ledger_transactions_reverses_id_key",
        "ledger_transactions.reverses_id",
        "ledger_transactions.reverses_id",
    ),
    (
        "ledger_postings_transaction_account_key",
        "ledger_postings.transaction_id, ledger_postings.account_id",
        "ledger_postings.account_id",
    ),
    (
        "budget_lines_year_place_category_key",
        "budget_lines.fiscal_year, budget_lines.place_id, budget_lines.category",
        "budget_lines.category",
    ),
    (
        "grant_tranches_grant_seq_key",
        "grant_tranches.grant_id, grant_tranches.seq",
        "grant_tranches.seq",
    ),
    (
        "grant_tranches_commit_transaction_key",
        "grant_tranches.commit_transaction_id",
        "grant_tranches.commit_transaction_id",
    ),
    (
        "grant_tranches_pay_transaction_key",
        "grant_tranches.pay_transaction_id",
        "grant_tranches.pay_transaction_id",
    ),
    (
        "payments_idempotency_key_key",
        "payments.idempotency_key",
        "payments.idempotency_key",
    ),
    (
        "payments_commit_transaction_id_key",
        "payments.commit_transaction_id",
        "payments.commit_transaction_id",
    ),
    (
        "payments_pay_transaction_id_key",
        "payments.pay_transaction_id",
        "payments.pay_transaction_id",
    ),
    (
        "payment_links_group_key",
        "payment_links.payment_id, payment_links.group_id",
        "payment_links.group_id",
    ),
    (
        "payment_links_woman_key",
        "payment_links.payment_id, payment_links.woman_id",
        "payment_links.woman_id",
    ),
];

const SQLITE_UNIQUE_PREFIX: &str = "UNIQUE constraint failed: ";

/// Maps any sqlx error to the port's error type; public for tools and tests that run raw
/// SQL on [`crate::AnyStore::pool`].
pub fn store_error(error: sqlx::Error) -> StoreError {
    let Some(database_error) = error.as_database_error() else {
        return StoreError::Database(error.to_string());
    };
    let message = database_error.message();
    if message.contains(APPEND_ONLY_MESSAGE) || message.contains(LEDGER_APPEND_ONLY_MESSAGE) {
        return StoreError::AppendOnly;
    }
    match database_error.kind() {
        ErrorKind::UniqueViolation => {
            StoreError::Unique(unique_name(database_error.constraint(), message))
        }
        ErrorKind::ForeignKeyViolation => StoreError::ForeignKey,
        _ => StoreError::Database(message.to_owned()),
    }
}

/// The application-facing name of a violated unique constraint. Unknown constraints keep
/// whatever the database called them, so nothing is lost.
fn unique_name(constraint: Option<&str>, message: &str) -> String {
    if let Some(constraint) = constraint {
        return UNIQUE_CONSTRAINTS
            .iter()
            .find(|(postgres, _, _)| *postgres == constraint)
            .map_or_else(|| constraint.to_owned(), |(_, _, name)| (*name).to_owned());
    }
    let columns = message
        .split_once(SQLITE_UNIQUE_PREFIX)
        .map_or(message, |(_, columns)| columns)
        .trim();
    UNIQUE_CONSTRAINTS
        .iter()
        .find(|(_, sqlite, _)| *sqlite == columns)
        .map_or_else(|| columns.to_owned(), |(_, _, name)| (*name).to_owned())
}

/// A stored value that cannot be turned back into its Rust type.
pub(crate) fn corrupt(table: &'static str, detail: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        table,
        detail: detail.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_constraint_names_map_to_columns() {
        assert_eq!(
            unique_name(Some("users_username_key"), "duplicate key"),
            "users.username"
        );
        assert_eq!(
            unique_name(Some("place_names_place_id_valid_from_key"), "duplicate key"),
            "place_names.valid_from"
        );
        assert_eq!(
            unique_name(Some("women_national_id_key"), "duplicate key"),
            "women.national_id"
        );
        assert_eq!(
            unique_name(Some("hamyar_groups_province_code_key"), "duplicate key"),
            "hamyar_groups.code"
        );
        assert_eq!(
            unique_name(Some("supervising_units_county_name_key"), "duplicate key"),
            "supervising_units.name"
        );
        assert_eq!(
            unique_name(
                Some("ledger_transactions_idempotency_key_key"),
                "duplicate key"
            ),
            "ledger_transactions.idempotency_key"
        );
        assert_eq!(
            unique_name(Some("payments_idempotency_key_key"), "duplicate key"),
            "payments.idempotency_key"
        );
        assert_eq!(
            unique_name(
                Some("training_providers_province_name_key"),
                "duplicate key"
            ),
            "training_providers.name"
        );
        assert_eq!(
            unique_name(Some("enrolments_run_woman_key"), "duplicate key"),
            "enrolments.woman_id"
        );
        assert_eq!(unique_name(Some("other_key"), "duplicate key"), "other_key");
    }

    #[test]
    fn sqlite_messages_map_to_columns() {
        assert_eq!(
            unique_name(None, "UNIQUE constraint failed: places.code"),
            "places.code"
        );
        assert_eq!(
            unique_name(
                None,
                "UNIQUE constraint failed: place_names.place_id, place_names.valid_from"
            ),
            "place_names.valid_from"
        );
        assert_eq!(
            unique_name(
                None,
                "UNIQUE constraint failed: hamyar_groups.province_id, hamyar_groups.code"
            ),
            "hamyar_groups.code"
        );
        assert_eq!(
            unique_name(
                None,
                "UNIQUE constraint failed: supervising_units.county_id, \
                 supervising_units.name_key"
            ),
            "supervising_units.name"
        );
        assert_eq!(
            unique_name(
                None,
                "UNIQUE constraint failed: ledger_transactions.reverses_id"
            ),
            "ledger_transactions.reverses_id"
        );
        assert_eq!(
            unique_name(
                None,
                "UNIQUE constraint failed: payment_links.payment_id, payment_links.woman_id"
            ),
            "payment_links.woman_id"
        );
        assert_eq!(
            unique_name(
                None,
                "UNIQUE constraint failed: course_runs.province_id, course_runs.code"
            ),
            "course_runs.code"
        );
        assert_eq!(
            unique_name(
                None,
                "UNIQUE constraint failed: course_sessions.run_id, course_sessions.seq"
            ),
            "course_sessions.seq"
        );
        assert_eq!(
            unique_name(None, "UNIQUE constraint failed: other.column"),
            "other.column"
        );
    }
}
