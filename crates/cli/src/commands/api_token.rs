//! `hamyar api-token create|list|revoke`: a person's API tokens from the console, for the
//! installer who connects another system or runs the API's checks (`tools/api-check.sh`)
//! without a browser. It acts `--as` the token's owner and calls the use-cases her account
//! page calls (`App::create_api_token`, `api_tokens_of`, `revoke_api_token`), so the same
//! rules hold: a token's place lies within hers, it expires, creating and revoking it are
//! audited. `create` prints the secret alone on standard output, once — it is stored only
//! hashed — so a script can capture it.

use std::process::ExitCode;

use anyhow::bail;
use clap::Subcommand;
use hamyar_app::api_tokens::{ApiTokenDraft, ApiTokenId};
use hamyar_app::ports::Database;

use super::exchange::actor_for;
use super::plan::{find_place, refused_or};
use crate::config::Config;
use crate::runtime;

#[derive(Debug, Subcommand)]
pub enum ApiTokenCommand {
    /// Create a token and print its secret (shown this once).
    Create {
        /// The token's owner, whose role and place it carries.
        #[arg(long = "as", value_name = "USERNAME")]
        as_user: String,
        /// What the token is for, as her account page lists it.
        #[arg(long, value_name = "TEXT")]
        name: String,
        /// read or write.
        #[arg(long, value_name = "ACCESS", default_value = "read")]
        access: String,
        /// A province or county within her place (`ir.qazvin.abyek`); default: her own.
        #[arg(long, value_name = "CODE|ID")]
        place: Option<String>,
        /// Days until it expires (1–365; default 90).
        #[arg(long, value_name = "DAYS", default_value = "")]
        days: String,
    },
    /// List a person's tokens (never their secrets).
    List {
        #[arg(long = "as", value_name = "USERNAME")]
        as_user: String,
    },
    /// Revoke one of a person's tokens.
    Revoke {
        #[arg(long = "as", value_name = "USERNAME")]
        as_user: String,
        #[arg(value_name = "ID")]
        id: i64,
    },
}

pub async fn run(config: &Config, command: ApiTokenCommand) -> anyhow::Result<ExitCode> {
    let opened = runtime::open(config).await?;
    let app = &opened.app;
    let result = async {
        match command {
            ApiTokenCommand::Create {
                as_user,
                name,
                access,
                place,
                days,
            } => {
                let actor = actor_for(app, Some(&as_user)).await?;
                let scope = match place {
                    Some(place) => find_place(&app.place_tree().await?, &place)?.to_string(),
                    None => String::new(),
                };
                let draft = ApiTokenDraft {
                    name,
                    access,
                    scope,
                    expires_in_days: days,
                };
                match app.create_api_token(&actor, &draft).await {
                    Ok(created) => {
                        outln!("{}", created.secret);
                        Ok(ExitCode::SUCCESS)
                    }
                    Err(error) => refused_or(Err(error)),
                }
            }
            ApiTokenCommand::List { as_user } => {
                let actor = actor_for(app, Some(&as_user)).await?;
                for token in app.api_tokens_of(&actor).await? {
                    outln!(
                        "{}\t{}\t{:?}\t{}\texpires {}{}",
                        token.id,
                        token.name,
                        token.access,
                        token.scope_place_id,
                        token.expires_at,
                        if token.revoked_at.is_some() {
                            "\trevoked"
                        } else {
                            ""
                        }
                    );
                }
                Ok(ExitCode::SUCCESS)
            }
            ApiTokenCommand::Revoke { as_user, id } => {
                if id <= 0 {
                    bail!("a token's id is a positive number (see `hamyar api-token list`)");
                }
                let actor = actor_for(app, Some(&as_user)).await?;
                refused_or(app.revoke_api_token(&actor, ApiTokenId::new(id)).await)
            }
        }
    }
    .await;
    opened.store.close().await;
    result
}
