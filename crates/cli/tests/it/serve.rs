//! `hamyar serve` as a process: it prints the one-time setup link on an empty database, serves
//! `/healthz`, and on SIGTERM finishes in-flight work, checkpoints SQLite and exits cleanly.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn serve_prints_the_setup_link_and_shuts_down_gracefully_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hamyar"))
        .args([
            "serve",
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--database-url",
            &format!("sqlite://{}", db.display()),
        ])
        .current_dir(dir.path())
        .env_remove("HAMYAR_DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut setup_link = None;
    for line in lines.by_ref().take(5) {
        let line = line.unwrap();
        if let Some(start) = line.find("/setup/") {
            setup_link = Some(line[line.find("http").unwrap()..].trim().to_owned());
            assert!(line[start..].len() > 20);
            break;
        }
    }
    let setup_link = setup_link.expect("the one-time link is printed while no user exists");
    assert!(
        setup_link.starts_with(&format!("http://127.0.0.1:{port}/setup/")),
        "{setup_link}"
    );

    let client = reqwest::Client::new();
    let health = client
        .get(format!("http://127.0.0.1:{port}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    let setup = client.get(&setup_link).send().await.unwrap();
    assert_eq!(setup.status(), 200);
    assert!(db.exists());

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not stop within 20 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(exit.success(), "clean exit after SIGTERM: {exit:?}");
    let wal = dir.path().join("hamyar.db-wal");
    let wal_bytes = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    assert_eq!(
        wal_bytes, 0,
        "the write-ahead log was checkpointed into the database"
    );
}
