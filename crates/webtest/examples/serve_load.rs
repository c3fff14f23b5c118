//! Load against a running `hamyar serve`, watching its resident memory and `/healthz`
//! (issue 14's bounds): `--clients` people log in and browse pages as fast as the server
//! answers for `--seconds`, while, with `--bombs DIR`, `--uploaders` of them upload every
//! file of `DIR` to the import page one after another (each waits for her job to end, as
//! the page makes her). Every 100 ms the server's resident memory is read from
//! `/proc/PID/status` and `/healthz` is timed on a connection of its own.
//!
//! ```sh
//! cargo run --release -p hamyar-webtest --example serve_load -- \
//!   --base http://127.0.0.1:8099 --pid 1234 --users users.txt --clients 100 --seconds 60 \
//!   [--bombs /tmp/bombs --uploaders 4]
//! ```
//!
//! `users.txt` has one `username password` per line; the first `--uploaders` must be allowed
//! to import. `tools/bench-hostile.sh` prepares all of it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hamyar_webtest::Browser;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Pages every person opens in turn.
const PAGES: &[&str] = &[
    "/",
    "/dashboard",
    "/women",
    "/women?q=%D9%81%D8%A7%D8%B7%D9%85%D9%87",
    "/groups",
    "/visits/due",
    "/money/budget",
];

#[derive(Debug, Default)]
struct Options {
    base: String,
    pid: u32,
    users: PathBuf,
    clients: usize,
    seconds: u64,
    bombs: Option<PathBuf>,
    uploaders: usize,
    /// Pause between one person's pages, as a person reading them would.
    think_ms: u64,
    /// These pages instead of `PAGES`, when given (any paths of the server).
    only: Vec<String>,
}

fn options() -> Result<Options> {
    let mut options = Options {
        clients: 100,
        seconds: 60,
        uploaders: 4,
        ..Options::default()
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--base" => options.base = value()?,
            "--pid" => options.pid = value()?.parse()?,
            "--users" => options.users = value()?.into(),
            "--clients" => options.clients = value()?.parse()?,
            "--seconds" => options.seconds = value()?.parse()?,
            "--bombs" => options.bombs = Some(value()?.into()),
            "--uploaders" => options.uploaders = value()?.parse()?,
            "--think-ms" => options.think_ms = value()?.parse()?,
            "--only" => options.only = value()?.split(',').map(str::to_owned).collect(),
            other => return Err(format!("unknown option {other}").into()),
        }
    }
    if options.base.is_empty() || options.pid == 0 {
        return Err("--base and --pid are required".into());
    }
    Ok(options)
}

/// What the run saw.
#[derive(Default)]
struct Tally {
    statuses: BTreeMap<u16, u64>,
    page_ms: Vec<f64>,
    /// Time and size of each answer, by page.
    by_page: BTreeMap<&'static str, Vec<(f64, usize)>>,
    uploads: u64,
}

#[tokio::main]
async fn main() -> Result<()> {
    let options = options()?;
    let users: Vec<(String, String)> = std::fs::read_to_string(&options.users)?
        .lines()
        .filter_map(|line| {
            let (user, password) = line.split_once(' ')?;
            Some((user.to_owned(), password.to_owned()))
        })
        .collect();
    if users.len() < options.clients {
        return Err(format!("{} users for {} clients", users.len(), options.clients).into());
    }
    // Everyone logs in before the clock starts: a login hashes a password on purpose slowly, and
    // fifty of them at once are a burst no reading of pages would meet.
    let mut browsers = Vec::new();
    for (user, password) in users.into_iter().take(options.clients) {
        let browser = Browser::new(&options.base);
        let login = browser.login(&user, &password).await;
        if login.status != 303 {
            return Err(format!("{user} could not log in: {}", login.status).into());
        }
        browsers.push(browser);
    }
    let deadline = Instant::now() + Duration::from_secs(options.seconds);
    let tally = Arc::new(Mutex::new(Tally::default()));
    let monitor = tokio::spawn(watch(options.base.clone(), options.pid, deadline));
    let mut people = Vec::new();
    let clients = browsers.len();
    // The pages live as long as the tool (a handful of short paths).
    let pages: Vec<&'static str> = if options.only.is_empty() {
        PAGES.to_vec()
    } else {
        options
            .only
            .iter()
            .map(|page| &*Box::leak(page.clone().into_boxed_str()))
            .collect()
    };
    for (index, browser) in browsers.into_iter().enumerate() {
        let bombs = options.bombs.clone().filter(|_| index < options.uploaders);
        let tally = tally.clone();
        let think = Duration::from_millis(options.think_ms);
        let pages = pages.clone();
        people.push(tokio::spawn(async move {
            // People who pause between pages start spread over one pause, as people do.
            tokio::time::sleep(think * index as u32 / clients.max(1) as u32).await;
            match bombs {
                Some(dir) => upload_loop(&browser, &dir, deadline, &tally).await,
                None => browse_loop(&browser, &pages, index, deadline, think, &tally).await,
            }
        }));
    }
    for person in people {
        person.await?;
    }
    let watched = monitor.await?;
    report(&tally.lock().expect("tally"), &watched);
    Ok(())
}

async fn browse_loop(
    browser: &Browser,
    pages: &[&'static str],
    first_page: usize,
    deadline: Instant,
    think: Duration,
    tally: &Mutex<Tally>,
) {
    // Each person starts at a page of her own, so they do not all ask for the same one.
    let mut turn = first_page;
    while Instant::now() < deadline {
        let page = pages[turn % pages.len()];
        turn += 1;
        let started = Instant::now();
        let answer = browser.get(page).await;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        {
            let mut tally = tally.lock().expect("tally");
            *tally.statuses.entry(answer.status).or_insert(0) += 1;
            tally.page_ms.push(ms);
            tally
                .by_page
                .entry(page)
                .or_default()
                .push((ms, answer.body.len()));
        }
        tokio::time::sleep(think).await;
    }
}

async fn upload_loop(browser: &Browser, dir: &PathBuf, deadline: Instant, tally: &Mutex<Tally>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("cannot read {}", dir.display());
        return;
    };
    let files: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
    let mut turn = 0;
    while Instant::now() < deadline && !files.is_empty() {
        let path = &files[turn % files.len()];
        turn += 1;
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name.into_owned());
        let form = browser
            .upload_form("/women/import")
            .await
            .part("file", part)
            .text("mode", "dry_run");
        let answer = browser.post_multipart("/women/import", form).await;
        tally.lock().expect("tally").uploads += 1;
        if let Some(job) = answer.location() {
            let job = job.to_owned();
            while Instant::now() < deadline {
                let page = browser.get(&format!("{job}/status")).await;
                if !page.body.contains("every 1s") {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        }
    }
}

/// Resident memory (MB) and `/healthz` time (ms) every 100 ms.
#[derive(Default)]
struct Watched {
    rss_mb: Vec<f64>,
    health_ms: Vec<f64>,
    health_failures: u64,
}

async fn watch(base: String, pid: u32, deadline: Instant) -> Watched {
    let mut watched = Watched::default();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    while Instant::now() < deadline {
        if let Some(rss) = resident_mb(pid) {
            watched.rss_mb.push(rss);
        }
        let started = Instant::now();
        match client.get(format!("{base}/healthz")).send().await {
            Ok(answer) if answer.status().is_success() => {
                watched
                    .health_ms
                    .push(started.elapsed().as_secs_f64() * 1000.0);
            }
            _ => watched.health_failures += 1,
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    watched
}

fn resident_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn percentile(values: &[f64], fraction: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[index]
}

fn report(tally: &Tally, watched: &Watched) {
    let requests: u64 = tally.statuses.values().sum();
    println!("requests: {requests} {:?}", tally.statuses);
    println!(
        "page ms: median {:.1}, p95 {:.1}, p99 {:.1}, max {:.1}",
        percentile(&tally.page_ms, 0.5),
        percentile(&tally.page_ms, 0.95),
        percentile(&tally.page_ms, 0.99),
        percentile(&tally.page_ms, 1.0)
    );
    for (page, answers) in &tally.by_page {
        let ms: Vec<f64> = answers.iter().map(|(ms, _)| *ms).collect();
        let kib = answers.iter().map(|(_, bytes)| *bytes).max().unwrap_or(0) / 1024;
        println!(
            "  {page}: {} answers, median {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, largest {kib} KiB",
            answers.len(),
            percentile(&ms, 0.5),
            percentile(&ms, 0.95),
            percentile(&ms, 0.99)
        );
    }
    println!("uploads: {}", tally.uploads);
    println!(
        "resident MB: max {:.1}, median {:.1}, last {:.1} ({} samples)",
        percentile(&watched.rss_mb, 1.0),
        percentile(&watched.rss_mb, 0.5),
        watched.rss_mb.last().copied().unwrap_or(f64::NAN),
        watched.rss_mb.len()
    );
    println!(
        "/healthz ms: median {:.1}, p99 {:.1}, max {:.1}; failures {}",
        percentile(&watched.health_ms, 0.5),
        percentile(&watched.health_ms, 0.99),
        percentile(&watched.health_ms, 1.0),
        watched.health_failures
    );
}
