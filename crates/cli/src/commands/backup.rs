//! `hamyar backup FILE`: a consistent online copy of a SQLite database (the server may keep
//! running). PostgreSQL has its own tools, and we say so rather than pretend — before
//! opening the database, so pointing the command at a PostgreSQL server never migrates it.

use std::path::Path;
use std::process::ExitCode;

use hamyar_app::ports::Database;

use crate::config::Config;
use crate::runtime;

pub async fn run(config: &Config, file: &Path) -> anyhow::Result<ExitCode> {
    let url = config.database_url.trim_start();
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        eprintln!(
            "hamyar backup copies SQLite databases only. For PostgreSQL use its own tools, for example:\n  pg_dump --format=custom --file=hamyar.dump \"$DATABASE_URL\"\nand restore with pg_restore."
        );
        return Ok(ExitCode::from(2));
    }
    let opened = runtime::open(config).await?;
    if file.exists() {
        eprintln!(
            "hamyar: {} already exists; choose a new file name",
            file.display()
        );
        opened.store.close().await;
        return Ok(ExitCode::from(2));
    }
    let path = file
        .to_str()
        .ok_or_else(|| anyhow::anyhow!("the backup path must be valid UTF-8"))?;
    opened.store.backup_to(path).await?;
    let bytes = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    outln!("backup written to {} ({bytes} bytes)", file.display());
    opened.store.close().await;
    Ok(ExitCode::SUCCESS)
}
