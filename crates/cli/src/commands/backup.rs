//! `hamyar backup FILE`: a consistent online copy of a SQLite database (the server may keep
//! running). PostgreSQL has its own tools, and we say so rather than pretend.

use std::path::Path;
use std::process::ExitCode;

use hamyar_app::ports::{Backend, Database};

use crate::config::Config;
use crate::runtime;

pub async fn run(config: &Config, file: &Path) -> anyhow::Result<ExitCode> {
    let opened = runtime::open(config).await?;
    if opened.store.backend() == Backend::Postgres {
        eprintln!(
            "hamyar backup copies SQLite databases only. For PostgreSQL use its own tools, for example:\n  pg_dump --format=custom --file=hamyar.dump \"$DATABASE_URL\"\nand restore with pg_restore."
        );
        return Ok(ExitCode::from(2));
    }
    if file.exists() {
        eprintln!(
            "hamyar: {} already exists; choose a new file name",
            file.display()
        );
        return Ok(ExitCode::from(2));
    }
    let path = file
        .to_str()
        .ok_or_else(|| anyhow::anyhow!("the backup path must be valid UTF-8"))?;
    opened.store.backup_to(path).await?;
    let bytes = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    println!("backup written to {} ({bytes} bytes)", file.display());
    opened.store.close().await;
    Ok(ExitCode::SUCCESS)
}
