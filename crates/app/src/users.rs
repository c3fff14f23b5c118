//! Staff accounts: creating them (the first administrator through the one-time link, later
//! ones by an administrator or the console), listing and opening them within scope,
//! disabling, and passwords. Every change is audited with before and after; opening an
//! account is audited as a view. Password hashes never enter the audit trail.

use hamyar_domain::Message;
use hamyar_domain::MoneyUnit;
use jiff::Timestamp;
use serde::Serialize;

use crate::access::{Actor, Permission, PlaceId, Role, Scope, ScopeKind, UserId};
use crate::error::{AppError, AppResult, FieldError};
use crate::password;
use crate::places::{PlaceTree, load_tree};
use crate::ports::{NewUserRow, UserFilter, UserRow};
use crate::rate_limit::Outcome;
use crate::service::{App, AuditEntry, conflict_on, snapshot};

/// A staff account as the rest of the system sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub scope_place_id: PlaceId,
    #[serde(skip)]
    pub scope: Scope,
    pub locale: String,
    #[serde(skip)]
    pub money_unit: MoneyUnit,
    pub disabled: bool,
    #[serde(skip)]
    pub created_at: Timestamp,
}

impl User {
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: Some(self.id),
            username: self.username.clone(),
            role: self.role,
            scope: self.scope,
        }
    }

    pub(crate) fn from_row(row: UserRow) -> AppResult<Self> {
        let corrupt =
            |what: &str| AppError::Internal(format!("user {} has an invalid {what}", row.id));
        let scope = match (row.province_id, row.county_id) {
            (None, None) => Scope::Country,
            (Some(p), None) => Scope::Province(p),
            (Some(p), Some(c)) => Scope::County {
                province: p,
                county: c,
            },
            (None, Some(_)) => return Err(corrupt("scope")),
        };
        let role = row.role;
        Ok(Self {
            id: row.id,
            username: row.username,
            display_name: row.display_name,
            role,
            scope_place_id: row.scope_place_id,
            scope,
            locale: row.locale,
            money_unit: MoneyUnit::parse(&row.money_unit).unwrap_or(MoneyUnit::Rial),
            disabled: row.disabled_at.is_some(),
            created_at: row.created_at,
        })
    }
}

/// "Create an account" as typed in a form or on the command line.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct NewUserInput {
    pub username: String,
    pub display_name: String,
    pub role: String,
    /// Id of the country, province or county the account is scoped to.
    pub scope_place_id: String,
    /// Never written back out (a redrawn form does not show it).
    #[serde(skip_serializing)]
    pub password: String,
    #[serde(skip_serializing)]
    pub password_confirm: String,
}

/// A validated new account.
struct ValidNewUser {
    username: String,
    display_name: String,
    role: Role,
    scope_place_id: PlaceId,
    scope: Scope,
    password: String,
}

/// Usernames are short Latin identifiers, compared case-insensitively.
pub fn parse_username(raw: &str) -> Result<String, FieldError> {
    let username = hamyar_domain::digits::to_latin_digits(raw.trim()).to_lowercase();
    let length = username.chars().count();
    if !(3..=32).contains(&length) {
        return Err(FieldError::new(
            "username",
            Message::new("users-username_have_3_32_characters"),
        ));
    }
    let allowed =
        |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-');
    if !username.chars().all(allowed) || !username.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err(FieldError::new(
            "username",
            Message::new("users-username_has_only_lowercase_latin"),
        ));
    }
    Ok(username)
}

fn parse_display_name(raw: &str) -> Result<String, FieldError> {
    let name =
        hamyar_domain::persian_letters(&raw.split_whitespace().collect::<Vec<_>>().join(" "));
    if name.is_empty() {
        return Err(FieldError::new(
            "display_name",
            Message::new("users-enter_full_name"),
        ));
    }
    if name.chars().count() > 100 {
        return Err(FieldError::new(
            "display_name",
            Message::new("users-name_exceed_100_characters"),
        ));
    }
    Ok(name)
}

fn check_confirmation(password: &str, confirm: &str) -> Result<(), FieldError> {
    if password == confirm {
        Ok(())
    } else {
        Err(FieldError::new(
            "password_confirm",
            Message::new("users-two_passwords_differ"),
        ))
    }
}

fn validate_new_user(
    input: &NewUserInput,
    tree: &PlaceTree,
) -> Result<ValidNewUser, Vec<FieldError>> {
    let mut errors = Vec::new();
    let username = parse_username(&input.username)
        .map_err(|e| errors.push(e))
        .ok();
    let display_name = parse_display_name(&input.display_name)
        .map_err(|e| errors.push(e))
        .ok();
    let role = Role::parse(&input.role);
    if role.is_none() {
        errors.push(FieldError::new(
            "role",
            Message::new("users-choose_role_from_list"),
        ));
    }
    let place_id: Option<PlaceId> =
        hamyar_domain::digits::to_latin_digits(input.scope_place_id.trim())
            .parse()
            .ok();
    let scope = place_id.and_then(|id| tree.scope_of(id));
    if scope.is_none() {
        errors.push(FieldError::new(
            "scope_place_id",
            Message::new("users-choose_scope_country_province_county"),
        ));
    }
    if let (Some(role), Some(scope)) = (role, scope)
        && let Some(required) = role.required_scope_kind().filter(|k| *k != scope.kind())
    {
        errors.push(scope_mismatch(required));
    }
    let owner = [
        username.as_deref().unwrap_or(""),
        display_name.as_deref().unwrap_or(""),
    ];
    if let Err(e) = password::check_new_password("password", &input.password, &owner) {
        errors.push(e);
    } else if let Err(e) = check_confirmation(&input.password, &input.password_confirm) {
        errors.push(e);
    }
    match (username, display_name, role, place_id, scope) {
        (Some(username), Some(display_name), Some(role), Some(scope_place_id), Some(scope))
            if errors.is_empty() =>
        {
            Ok(ValidNewUser {
                username,
                display_name,
                role,
                scope_place_id,
                scope,
                password: input.password.clone(),
            })
        }
        _ => Err(errors),
    }
}

fn wrong_current_password() -> AppError {
    AppError::invalid(
        "current_password",
        Message::new("users-current_password_wrong"),
    )
}

fn scope_mismatch(required: ScopeKind) -> FieldError {
    let id = match required {
        ScopeKind::Country => "users-role_country_wide",
        ScopeKind::Province => "users-role_in_province",
        ScopeKind::County => "users-role_in_county",
    };
    FieldError::new("scope_place_id", Message::new(id))
}

/// The audit snapshot of an account (never the password hash).
#[derive(Serialize)]
struct AccountSnapshot<'a> {
    username: &'a str,
    display_name: &'a str,
    role: &'a str,
    scope_place_id: PlaceId,
    disabled: bool,
}

fn account_snapshot(user: &ValidNewUser) -> Option<serde_json::Value> {
    snapshot(&AccountSnapshot {
        username: &user.username,
        display_name: &user.display_name,
        role: user.role.as_str(),
        scope_place_id: user.scope_place_id,
        disabled: false,
    })
}

impl App {
    /// Creates an account. Administrators may create accounts only inside their own scope.
    pub async fn create_user(&self, actor: &Actor, input: &NewUserInput) -> AppResult<UserId> {
        actor.require(Permission::ManageUsers)?;
        self.insert_user_audited(actor, input, false).await
    }

    /// Validates against a read of the places, hashes outside any transaction, and only then
    /// opens the write that inserts the account and its audit row.
    async fn insert_user_audited(
        &self,
        actor: &Actor,
        input: &NewUserInput,
        first_admin: bool,
    ) -> AppResult<UserId> {
        let mut tx = self.db.read().await?;
        let tree = load_tree(tx.as_mut(), &self.today().to_iso_string()).await?;
        let existing_users = tx.count_users().await?;
        tx.commit().await?;
        let user = validate_new_user(input, &tree).map_err(AppError::Invalid)?;
        if !actor.scope.contains(user.scope) {
            return Err(AppError::invalid(
                "scope_place_id",
                Message::new("users-scope_outside_own"),
            ));
        }
        if first_admin && existing_users > 0 {
            return Err(AppError::Forbidden);
        }
        let password_hash = self.passwords.hash(user.password.clone()).await?;
        let mut tx = self.db.write().await?;
        if first_admin && tx.count_users().await? > 0 {
            return Err(AppError::Forbidden);
        }
        let now = self.now();
        let row = NewUserRow {
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            role: user.role,
            scope_place_id: user.scope_place_id,
            province_id: user.scope.province(),
            county_id: user.scope.county(),
            password_hash,
            locale: "fa".into(),
            money_unit: MoneyUnit::Rial.as_str().into(),
            created_at: now,
        };
        let id = tx.insert_user(&row).await.map_err(|e| {
            conflict_on(
                e,
                "users.username",
                "username",
                Message::new("users-username_already_taken"),
            )
        })?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "user.create",
                entity_kind: "user",
                entity_id: id.to_string(),
                province_id: user.scope.province(),
                county_id: user.scope.county(),
                before: None,
                after: account_snapshot(&user),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Accounts inside the actor's scope, by username.
    pub async fn list_users(&self, actor: &Actor, limit: i64, offset: i64) -> AppResult<Vec<User>> {
        actor.require(Permission::ViewUsers)?;
        let filter = UserFilter {
            province_id: actor.scope.province(),
            county_id: actor.scope.county(),
            limit,
            offset,
        };
        let mut tx = self.db.read().await?;
        let rows = tx.list_users(&filter).await?;
        tx.commit().await?;
        rows.into_iter().map(User::from_row).collect()
    }

    /// Opens one account (audited as a view). Out of scope looks exactly like missing.
    pub async fn open_user(&self, actor: &Actor, id: UserId) -> AppResult<User> {
        actor.require(Permission::ViewUsers)?;
        let mut tx = self.db.write().await?;
        let user = tx.user_by_id(id).await?.map(User::from_row).transpose()?;
        let user = user
            .filter(|u| actor.scope.contains(u.scope))
            .ok_or(AppError::NotFound)?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "user.view",
                entity_kind: "user",
                entity_id: id.to_string(),
                province_id: user.scope.province(),
                county_id: user.scope.county(),
                before: None,
                after: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }

    /// The account of a username, for the console (no scope: the console sees all).
    pub async fn user_by_username(&self, username: &str) -> AppResult<Option<User>> {
        let mut tx = self.db.read().await?;
        let row = tx.user_by_username(&username.trim().to_lowercase()).await?;
        tx.commit().await?;
        row.map(User::from_row).transpose()
    }

    /// Disables or re-enables an account; disabling also ends its sessions.
    pub async fn set_user_disabled(
        &self,
        actor: &Actor,
        id: UserId,
        disabled: bool,
    ) -> AppResult<()> {
        actor.require(Permission::ManageUsers)?;
        if actor.user_id == Some(id) && disabled {
            return Err(AppError::invalid(
                "user",
                Message::new("users-cannot_disable_own_account"),
            ));
        }
        let mut tx = self.db.write().await?;
        let user = tx.user_by_id(id).await?.map(User::from_row).transpose()?;
        let user = user
            .filter(|u| actor.scope.contains(u.scope))
            .ok_or(AppError::NotFound)?;
        if user.disabled == disabled {
            return Ok(());
        }
        let now = self.now();
        tx.set_user_disabled(id, disabled.then_some(now), now)
            .await?;
        if disabled {
            tx.delete_sessions_of_user(id).await?;
        }
        let action = if disabled {
            "user.disable"
        } else {
            "user.enable"
        };
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action,
                entity_kind: "user",
                entity_id: id.to_string(),
                province_id: user.scope.province(),
                county_id: user.scope.county(),
                before: Some(serde_json::json!({"disabled": !disabled})),
                after: Some(serde_json::json!({"disabled": disabled})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A user changes their own password, proving the current one. Other sessions end. The
    /// current password is checked (throttled like a login, so a stolen session cannot guess
    /// it) and the new one hashed before any write is opened.
    pub async fn change_own_password(
        &self,
        actor: &Actor,
        current: &str,
        new: &str,
        confirm: &str,
    ) -> AppResult<()> {
        let id = actor.user_id.ok_or(AppError::Unauthenticated)?;
        let row = self
            .read_user_row(id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let ticket = self
            .throttle
            .admit_current_password_check(&row.username, self.now())
            .map_err(|r| AppError::RateLimited {
                retry_after_secs: r.retry_after_secs,
            })?;
        let verified = self
            .passwords
            .verify(current.to_owned(), Some(row.password_hash.clone()))
            .await;
        let outcome = match verified {
            Ok(true) => Outcome::Succeeded,
            Ok(false) => Outcome::Failed,
            Err(_) => Outcome::NotChecked,
        };
        self.throttle.settle(ticket, outcome, self.now());
        match verified {
            Ok(true) => {}
            Ok(false) => return Err(wrong_current_password()),
            Err(_) => {
                return Err(AppError::RateLimited {
                    retry_after_secs: password::BUSY_RETRY_SECS,
                });
            }
        }
        let owner = [row.username.as_str(), row.display_name.as_str()];
        let mut errors = Vec::new();
        if let Err(e) = password::check_new_password("new_password", new, &owner) {
            errors.push(e);
        } else if let Err(mut e) = check_confirmation(new, confirm) {
            e.field = "new_password_confirm";
            errors.push(e);
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let hash = self.passwords.hash(new.to_owned()).await?;
        let tx = self.db.write().await?;
        self.store_password(tx, actor, &row, &hash, "user.password_change")
            .await
    }

    /// Sets another user's password (administrators in scope, or the console).
    pub async fn reset_password(
        &self,
        actor: &Actor,
        id: UserId,
        new: &str,
        confirm: &str,
    ) -> AppResult<()> {
        actor.require(Permission::ManageUsers)?;
        let row = self.read_user_row(id).await?.ok_or(AppError::NotFound)?;
        let user = User::from_row(row.clone())?;
        if !actor.scope.contains(user.scope) {
            return Err(AppError::NotFound);
        }
        let owner = [row.username.as_str(), row.display_name.as_str()];
        password::check_new_password("password", new, &owner)
            .map_err(|e| AppError::Invalid(vec![e]))?;
        check_confirmation(new, confirm).map_err(|e| AppError::Invalid(vec![e]))?;
        let hash = self.passwords.hash(new.to_owned()).await?;
        let tx = self.db.write().await?;
        self.store_password(tx, actor, &row, &hash, "user.password_reset")
            .await
    }

    async fn read_user_row(&self, id: UserId) -> AppResult<Option<UserRow>> {
        let mut tx = self.db.read().await?;
        let row = tx.user_by_id(id).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Writes an already computed hash, unless the password changed since `row` was read (a
    /// concurrent change wins; this one is refused as if the current password were wrong).
    async fn store_password(
        &self,
        mut tx: Box<dyn crate::ports::Tx>,
        actor: &Actor,
        row: &UserRow,
        hash: &str,
        action: &str,
    ) -> AppResult<()> {
        let now_row = tx.user_by_id(row.id).await?.ok_or(AppError::NotFound)?;
        if now_row.password_hash != row.password_hash {
            return Err(wrong_current_password());
        }
        let now = self.now();
        tx.update_user_password(row.id, hash, now).await?;
        tx.delete_sessions_of_user(row.id).await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action,
                entity_kind: "user",
                entity_id: row.id.to_string(),
                province_id: row.province_id,
                county_id: row.county_id,
                before: None,
                after: Some(serde_json::json!({"password": "changed"})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Saves the actor's interface language and money display unit.
    pub async fn set_preferences(
        &self,
        actor: &Actor,
        locale: &str,
        money_unit: &str,
    ) -> AppResult<()> {
        let id = actor.user_id.ok_or(AppError::Unauthenticated)?;
        let locale = match locale {
            "fa" | "en" => locale,
            _ => {
                return Err(AppError::invalid(
                    "locale",
                    Message::new("users-unknown_language"),
                ));
            }
        };
        let unit = MoneyUnit::parse(money_unit).map_err(|_| {
            AppError::invalid("money_unit", Message::new("users-unknown_money_unit"))
        })?;
        let mut tx = self.db.write().await?;
        let row = tx.user_by_id(id).await?.ok_or(AppError::Unauthenticated)?;
        tx.update_user_preferences(id, locale, unit.as_str(), self.now())
            .await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "user.preferences",
                entity_kind: "user",
                entity_id: id.to_string(),
                province_id: row.province_id,
                county_id: row.county_id,
                before: Some(
                    serde_json::json!({"locale": row.locale, "money_unit": row.money_unit}),
                ),
                after: Some(serde_json::json!({"locale": locale, "money_unit": unit.as_str()})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether any account exists yet.
    pub async fn has_users(&self) -> AppResult<bool> {
        let mut tx = self.db.read().await?;
        let count = tx.count_users().await?;
        tx.commit().await?;
        Ok(count > 0)
    }

    /// Issues the one-time setup token while no user exists.
    pub async fn issue_setup_token(&self) -> AppResult<Option<String>> {
        if self.has_users().await? {
            self.setup.clear();
            return Ok(None);
        }
        Ok(Some(self.setup.issue()))
    }

    /// Whether a setup token is (still) good.
    pub async fn setup_token_is_valid(&self, token: &str) -> AppResult<bool> {
        Ok(self.setup.matches(token) && !self.has_users().await?)
    }

    /// Creates the first administrator (country-wide) through the one-time link.
    pub async fn create_first_admin(&self, token: &str, input: &NewUserInput) -> AppResult<UserId> {
        if !self.setup.consume(token) {
            return Err(AppError::NotFound);
        }
        let country = self
            .place_tree()
            .await?
            .country()
            .map(|c| c.id)
            .ok_or(AppError::Internal("places are not seeded".into()))?;
        let input = NewUserInput {
            role: Role::SystemAdmin.as_str().into(),
            scope_place_id: country.to_string(),
            ..input.clone()
        };
        let setup_actor = Actor {
            user_id: None,
            username: "setup".into(),
            role: Role::SystemAdmin,
            scope: Scope::Country,
        };
        match self.insert_user_audited(&setup_actor, &input, true).await {
            Ok(id) => Ok(id),
            Err(error @ (AppError::Invalid(_) | AppError::Conflict { .. })) => {
                self.setup.restore(token);
                Err(error)
            }
            Err(other) => Err(other),
        }
    }
}
