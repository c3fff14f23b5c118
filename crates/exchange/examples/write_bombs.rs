//! Writes every file of the hostile corpus (`hamyar_exchange::hostile`) to a
//! folder, for manual tests against the web import page or as fuzzing seeds.
//!
//! ```text
//! cargo run -p hamyar-exchange --example write_bombs -- DIR
//! ```

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder: PathBuf = std::env::args_os()
        .nth(1)
        .ok_or("name the folder to write the files to")?
        .into();
    std::fs::create_dir_all(&folder)?;
    for bomb in hamyar_exchange::hostile::corpus() {
        let bytes = bomb.bytes();
        let path = folder.join(bomb.name);
        std::fs::write(&path, &bytes)?;
        println!(
            "{:>12} bytes  {}  ({:?})",
            bytes.len(),
            path.display(),
            bomb.outcome
        );
    }
    Ok(())
}
