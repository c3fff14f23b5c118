//! `hamyar places`: the place tree with ids and codes, to choose a scope for `user add`.

use std::process::ExitCode;

use hamyar_app::ports::Database;

use crate::config::Config;
use crate::runtime;

pub async fn run(config: &Config) -> anyhow::Result<ExitCode> {
    let opened = runtime::open(config).await?;
    let tree = opened.app.place_tree().await?;
    outln!(
        "{:>5}  {:<9} {:<32} {:<28} name",
        "id",
        "kind",
        "code",
        "english"
    );
    for place in tree.all() {
        let kind = match place.kind {
            hamyar_app::access::ScopeKind::Country => "country",
            hamyar_app::access::ScopeKind::Province => "province",
            hamyar_app::access::ScopeKind::County => "county",
        };
        outln!(
            "{:>5}  {:<9} {:<32} {:<28} {}",
            place.id,
            kind,
            place.code,
            place.name_en,
            place.name_fa
        );
    }
    opened.store.close().await;
    Ok(ExitCode::SUCCESS)
}
