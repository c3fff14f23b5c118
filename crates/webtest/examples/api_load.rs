//! Load on the JSON API of a running `hamyar serve` (issue 21's targets: reads p99 under
//! 50 ms with 100 concurrent clients, at least 500 writes a second), watching the server's
//! resident memory. `--clients` programs share the tokens of `--tokens` in turn (the server is
//! started with a budget per token wide enough for the load: the budget is not what is
//! measured; `tools/bench-api.sh` does all of this); each sends requests one after another for `--seconds`: with `--rate N`, N a second each
//! (an open loop: a request that starts late is timed from when it was due), without it as
//! fast as the server answers.
//!
//! - `--mode read`: the registry and the groups as an integration reads them — a page of
//!   groups, a group with its members (audited as a view), a page of women, a woman's record
//!   (audited as a view) — over the ids the first pages list;
//! - `--mode write`: monitoring visits recorded through `POST /groups/{id}/visits`, each under
//!   a new `Idempotency-Key`, spread over the groups.
//!
//! ```sh
//! cargo run --release -p hamyar-webtest --example api_load -- \
//!   --base http://127.0.0.1:8099 --pid 1234 --tokens tokens.txt --clients 100 --seconds 30 \
//!   --mode read [--rate 5]
//! ```

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

#[derive(Debug, Clone, Default)]
struct Options {
    base: String,
    pid: u32,
    tokens: Vec<String>,
    clients: usize,
    seconds: u64,
    rate: Option<f64>,
    write: bool,
}

fn options() -> Result<Options> {
    let mut options = Options {
        clients: 100,
        seconds: 30,
        ..Options::default()
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--base" => options.base = value,
            "--pid" => options.pid = value.parse()?,
            "--tokens" => {
                options.tokens = std::fs::read_to_string(&value)?
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect();
            }
            "--clients" => options.clients = value.parse()?,
            "--seconds" => options.seconds = value.parse()?,
            "--rate" => options.rate = Some(value.parse()?),
            "--mode" => options.write = value == "write",
            other => return Err(format!("unknown flag {other}").into()),
        }
    }
    if options.tokens.is_empty() {
        return Err("--tokens FILE with one token a line is required".into());
    }
    Ok(options)
}

/// The ids of the first page of a list (`"id": N` of each item).
async fn ids(client: &reqwest::Client, base: &str, token: &str, path: &str) -> Result<Vec<i64>> {
    let text = client
        .get(format!("{base}{path}"))
        .bearer_auth(token)
        .send()
        .await?
        .text()
        .await?;
    let mut found = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("{\"id\":") {
        rest = &rest[at + 6..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        found.push(digits.parse()?);
    }
    Ok(found)
}

fn resident_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

#[derive(Default)]
struct Tally {
    latencies_us: Vec<u64>,
    failures: u64,
}

fn request(
    client: &reqwest::Client,
    options: &Options,
    token: &str,
    n: usize,
    groups: &[i64],
    women: &[i64],
    client_no: usize,
) -> reqwest::RequestBuilder {
    let base = &options.base;
    if options.write {
        let group = groups[(n * 7 + client_no) % groups.len()];
        let body = format!(
            "{{\"visited_on\":\"1405/0{}/1{}\",\"purpose\":\"بازدید پایش بار\",\"findings\":\"دفتر صندوق به‌روز\"}}",
            1 + n % 6,
            n % 10
        );
        return client
            .post(format!("{base}/api/v1/groups/{group}/visits"))
            .bearer_auth(token)
            .header(
                "Idempotency-Key",
                format!("load-{client_no}-{n}-{}", std::process::id()),
            )
            .header("content-type", "application/json")
            .body(body);
    }
    let path = match n % 4 {
        0 => format!("/api/v1/groups?page={}", 1 + n % 3),
        1 => format!("/api/v1/groups/{}", groups[(n + client_no) % groups.len()]),
        2 => format!("/api/v1/women?page={}", 1 + n % 5),
        _ => format!("/api/v1/women/{}", women[(n + client_no) % women.len()]),
    };
    client.get(format!("{base}{path}")).bearer_auth(token)
}

async fn run_client(
    options: Arc<Options>,
    client_no: usize,
    groups: Arc<Vec<i64>>,
    women: Arc<Vec<i64>>,
    tally: Arc<Mutex<Tally>>,
) {
    let client = reqwest::Client::new();
    let token = &options.tokens[client_no % options.tokens.len()];
    let started = Instant::now();
    let end = started + Duration::from_secs(options.seconds);
    // Spread the clients' first requests over one interval, as people arrive.
    let interval = options.rate.map(|r| Duration::from_secs_f64(1.0 / r));
    let mut due = started
        + interval.map_or(Duration::ZERO, |i| {
            i.mul_f64(client_no as f64 / options.clients as f64)
        });
    let mut n = 0;
    while Instant::now() < end {
        if interval.is_some() {
            tokio::time::sleep_until(due.into()).await;
        } else {
            due = Instant::now();
        }
        let answer = request(&client, &options, token, n, &groups, &women, client_no)
            .send()
            .await;
        let ok = match answer {
            Ok(response) => {
                let good = response.status().is_success();
                let _ = response.bytes().await;
                good
            }
            Err(_) => false,
        };
        let took = due.elapsed().as_micros() as u64;
        {
            let mut tally = tally.lock().expect("tally");
            tally.latencies_us.push(took);
            if !ok {
                tally.failures += 1;
            }
        }
        n += 1;
        if let Some(interval) = interval {
            due += interval;
        }
    }
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at] as f64 / 1000.0
}

#[tokio::main]
async fn main() -> Result<()> {
    let options = Arc::new(options()?);
    let probe = reqwest::Client::new();
    let token = &options.tokens[0];
    let groups = ids(&probe, &options.base, token, "/api/v1/groups?page=1").await?;
    let women = ids(&probe, &options.base, token, "/api/v1/women?page=1").await?;
    if groups.is_empty() || women.is_empty() {
        return Err("the token's place lists no groups or no women".into());
    }
    let tally = Arc::new(Mutex::new(Tally::default()));
    let peak = Arc::new(Mutex::new(0u64));
    let watching = {
        let (peak, pid) = (peak.clone(), options.pid);
        tokio::spawn(async move {
            loop {
                let now = resident_kib(pid);
                {
                    let mut peak = peak.lock().expect("peak");
                    *peak = (*peak).max(now);
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
    };
    let rss_before = resident_kib(options.pid);
    let started = Instant::now();
    let (groups, women) = (Arc::new(groups), Arc::new(women));
    let clients: Vec<_> = (0..options.clients)
        .map(|no| {
            tokio::spawn(run_client(
                options.clone(),
                no,
                groups.clone(),
                women.clone(),
                tally.clone(),
            ))
        })
        .collect();
    for client in clients {
        client.await?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    watching.abort();
    let mut tally = std::mem::take(&mut *tally.lock().expect("tally"));
    tally.latencies_us.sort_unstable();
    let count = tally.latencies_us.len();
    println!(
        "mode {} · {} clients · rate {} · {:.1} s: {count} requests, {} failed, {:.0}/s; \
         ms p50 {:.1} p95 {:.1} p99 {:.1} max {:.1}; server RSS {} → max {} MiB",
        if options.write { "write" } else { "read" },
        options.clients,
        options
            .rate
            .map_or("as answered".into(), |r| format!("{r}/s each")),
        elapsed,
        tally.failures,
        count as f64 / elapsed,
        percentile(&tally.latencies_us, 0.50),
        percentile(&tally.latencies_us, 0.95),
        percentile(&tally.latencies_us, 0.99),
        percentile(&tally.latencies_us, 1.0),
        rss_before / 1024,
        *peak.lock().expect("peak") / 1024,
    );
    Ok(())
}
