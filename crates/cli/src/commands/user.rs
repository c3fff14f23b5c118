//! `hamyar user add|list|passwd|disable|enable`: account management at the console. The
//! console operator acts as a country-wide administrator (see `Actor::console`), and every
//! change is audited under the name `console`. Passwords are typed at a hidden prompt or
//! piped with `--password-stdin`; they are never accepted as an argument, which would leave
//! them in the shell history.

use hamyar_i18n::Lang;
use std::io::BufRead;
use std::process::ExitCode;

use anyhow::{anyhow, bail};
use clap::{Args, Subcommand};
use hamyar_app::places::PlaceTree;
use hamyar_app::ports::Database;
use hamyar_app::users::NewUserInput;
use hamyar_app::{Actor, AppError, Role};

use crate::config::Config;
use crate::runtime;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account.
    Add(AddArgs),
    /// List every account.
    List,
    /// Set a new password for an account.
    Passwd {
        username: String,
        /// Read the new password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Disable an account (its sessions end at once).
    Disable { username: String },
    /// Enable a disabled account again.
    Enable { username: String },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Latin login name, e.g. s.ahmadi.
    #[arg(long)]
    username: String,
    /// Full name as shown in the app, e.g. "سارا احمدی".
    #[arg(long)]
    display_name: String,
    /// system_admin, national_expert, provincial_expert, county_expert, social_worker,
    /// facilitator, auditor or public_relations.
    #[arg(long)]
    role: String,
    /// Place id, code (ir.qazvin.abyek) or name (Abyek / آبیک); default: the whole country.
    #[arg(long)]
    scope: Option<String>,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    password_stdin: bool,
}

pub async fn run(config: &Config, command: UserCommand) -> anyhow::Result<ExitCode> {
    let opened = runtime::open(config).await?;
    let app = &opened.app;
    let console = Actor::console();
    let outcome = match command {
        UserCommand::Add(args) => add(app, &console, args).await,
        UserCommand::List => list(app, &console).await,
        UserCommand::Passwd {
            username,
            password_stdin,
        } => {
            let id = find(app, &username).await?;
            let password = read_password(password_stdin)?;
            app.reset_password(&console, id, &password, &password)
                .await
                .map_err(explain)?;
            outln!("password of {username} changed; their open sessions were ended");
            Ok(())
        }
        UserCommand::Disable { username } => set_disabled(app, &console, &username, true).await,
        UserCommand::Enable { username } => set_disabled(app, &console, &username, false).await,
    };
    opened.store.close().await;
    outcome.map(|()| ExitCode::SUCCESS)
}

async fn add(app: &hamyar_app::App, console: &Actor, args: AddArgs) -> anyhow::Result<()> {
    let role = Role::parse(&args.role)
        .ok_or_else(|| anyhow!("unknown role {:?}; see `hamyar user add --help`", args.role))?;
    let tree = app.place_tree().await?;
    let scope = resolve_scope(&tree, args.scope.as_deref())?;
    let password = read_password(args.password_stdin)?;
    let input = NewUserInput {
        username: args.username.clone(),
        display_name: args.display_name,
        role: role.as_str().into(),
        scope_place_id: scope.to_string(),
        password: password.clone(),
        password_confirm: password,
    };
    let id = app.create_user(console, &input).await.map_err(explain)?;
    outln!(
        "user {} created (id {id}, {}, scope: {})",
        args.username,
        role.label_en(),
        tree.label(scope, true)
    );
    Ok(())
}

async fn list(app: &hamyar_app::App, console: &Actor) -> anyhow::Result<()> {
    let tree = app.place_tree().await?;
    let users = app.list_users(console, i64::MAX, 0).await?;
    outln!(
        "{:>5}  {:<24} {:<20} {:<9} scope",
        "id",
        "username",
        "role",
        "status"
    );
    for user in users {
        let status = if user.disabled { "disabled" } else { "active" };
        outln!(
            "{:>5}  {:<24} {:<20} {:<9} {}",
            user.id,
            user.username,
            user.role.as_str(),
            status,
            tree.label(user.scope_place_id, true)
        );
    }
    Ok(())
}

async fn set_disabled(
    app: &hamyar_app::App,
    console: &Actor,
    username: &str,
    disabled: bool,
) -> anyhow::Result<()> {
    let id = find(app, username).await?;
    app.set_user_disabled(console, id, disabled)
        .await
        .map_err(explain)?;
    outln!(
        "{username} is now {}",
        if disabled { "disabled" } else { "enabled" }
    );
    Ok(())
}

async fn find(app: &hamyar_app::App, username: &str) -> anyhow::Result<hamyar_app::access::UserId> {
    match app.user_by_username(username).await? {
        Some(user) => Ok(user.id),
        None => bail!("no user named {username:?}"),
    }
}

/// A place by id, code, English or Persian name; the country when absent.
fn resolve_scope(
    tree: &PlaceTree,
    scope: Option<&str>,
) -> anyhow::Result<hamyar_app::access::PlaceId> {
    let Some(wanted) = scope.map(str::trim) else {
        return tree
            .country()
            .map(|c| c.id)
            .ok_or_else(|| anyhow!("reference places are missing"));
    };
    let key = hamyar_domain::search_key(wanted);
    let matches: Vec<_> = tree
        .all()
        .iter()
        .filter(|p| {
            p.id.to_string() == hamyar_domain::to_latin_digits(wanted)
                || p.code == wanted
                || hamyar_domain::search_key(&p.name_en) == key
                || hamyar_domain::search_key(&p.name_fa) == key
        })
        .collect();
    match matches.as_slice() {
        [one] => Ok(one.id),
        [] => bail!("no place matches {wanted:?}; run `hamyar places` to see ids and codes"),
        many => bail!(
            "{wanted:?} matches several places ({}); use the id or code",
            many.iter()
                .map(|p| p.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    let first = rpassword::prompt_password("Password: ")
        .map_err(|e| anyhow!("cannot read the password ({e}); use --password-stdin"))?;
    let second = rpassword::prompt_password("Repeat the password: ")?;
    if first != second {
        bail!("the two passwords differ");
    }
    Ok(first)
}

/// Turns field errors into console text.
fn explain(error: AppError) -> anyhow::Error {
    match error {
        AppError::Invalid(errors) => anyhow!(
            "{}",
            errors
                .iter()
                .map(|e| format!("{}: {}", e.field, Lang::En.message(&e.message)))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        AppError::Conflict { field, message } => {
            anyhow!("{field}: {}", Lang::En.message(&message))
        }
        AppError::NotFound => anyhow!("no such user"),
        other => anyhow::Error::new(other),
    }
}
