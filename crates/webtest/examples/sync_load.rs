//! The field app's sync against a running `hamyar serve` (issue 21's target: a week's offline
//! work of twenty groups, about 500 records, syncs in under a second). It starts nothing
//! itself: give it the server's address and a write token whose person may record group life
//! (the demo's provincial expert, as `tools/bench-api.sh` makes one).
//!
//! It takes the first `--groups` groups the token lists with at least three members today,
//! and builds one batch of `--records` records spread evenly over them: meetings (each with
//! every member's attendance, on a day of its own) and visits, alternately, on days of the two
//! months before `--month` (Jalali `YYYY/MM`, default `1405/09`). Then it sends the batch
//! (`POST /api/v1/sync`), times the answer, and counts its outcomes; and sends the very same
//! batch again, as a phone that never saw the answer does, which records nothing (every
//! record `repeated`). Each run's keys are new, so the tool may run again on the same
//! database with another `--month` (meetings on days already met are answered `conflict`).
//!
//! ```sh
//! cargo run --release -p hamyar-webtest --example sync_load -- \
//!   --base http://127.0.0.1:8099 --token hmy_… [--groups 20] [--records 500] [--month 1405/09]
//! ```

use std::time::Instant;

use serde_json::{Value, json};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

struct Options {
    base: String,
    token: String,
    groups: usize,
    records: usize,
    /// (year, month) of the month after the batch's two.
    month: (u32, u32),
}

fn options() -> Result<Options> {
    let mut options = Options {
        base: String::new(),
        token: String::new(),
        groups: 20,
        records: 500,
        month: (1405, 9),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--base" => options.base = value,
            "--token" => options.token = value,
            "--groups" => options.groups = value.parse()?,
            "--records" => options.records = value.parse()?,
            "--month" => {
                let (year, month) = value.split_once('/').ok_or("--month is YYYY/MM")?;
                options.month = (year.parse()?, month.parse()?);
            }
            other => return Err(format!("unknown flag {other}").into()),
        }
    }
    if options.base.is_empty() || options.token.is_empty() {
        return Err("--base URL and --token TOKEN are required".into());
    }
    Ok(options)
}

async fn get(client: &reqwest::Client, options: &Options, path: &str) -> Result<Value> {
    let response = client
        .get(format!("{}{path}", options.base))
        .bearer_auth(&options.token)
        .send()
        .await?;
    if !response.status().is_success() {
        return Err(format!("GET {path}: {}", response.status()).into());
    }
    Ok(serde_json::from_str(&response.text().await?)?)
}

/// A group and its members today (woman id, Jalali join day).
struct Group {
    id: i64,
    members: Vec<(i64, String)>,
}

async fn groups(client: &reqwest::Client, options: &Options) -> Result<Vec<Group>> {
    let mut found = Vec::new();
    let mut page = 1;
    while found.len() < options.groups {
        let list = get(client, options, &format!("/api/v1/groups?page={page}")).await?;
        let items = list["items"].as_array().cloned().unwrap_or_default();
        if items.is_empty() {
            break;
        }
        for item in items {
            if found.len() == options.groups {
                break;
            }
            let id = item["id"].as_i64().ok_or("a group without an id")?;
            let detail = get(client, options, &format!("/api/v1/groups/{id}")).await?;
            let members: Vec<(i64, String)> = detail["members"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .filter(|m| m["left_on"].is_null())
                .filter_map(|m| {
                    Some((m["woman_id"].as_i64()?, m["joined_on"].as_str()?.to_owned()))
                })
                .collect();
            // A group of fewer than three members today has ended or is ending: not one a
            // facilitator meets weekly.
            if members.len() >= 3 {
                found.push(Group { id, members });
            }
        }
        page += 1;
    }
    Ok(found)
}

/// The `n`th day of the two months before `month`, `1405/07/01` and on (days 1–29).
fn day(month: (u32, u32), n: usize) -> String {
    let (mut year, mut first) = (month.0, month.1);
    if first <= 2 {
        year -= 1;
        first += 10;
    } else {
        first -= 2;
    }
    let n = n as u32 % 58;
    format!("{year}/{:02}/{:02}", first + n / 29, 1 + n % 29)
}

fn batch(options: &Options, groups: &[Group], run: &str) -> (Vec<Value>, usize) {
    let mut records = Vec::with_capacity(options.records);
    let mut marks = 0;
    for i in 0..options.records {
        let group = &groups[i % groups.len()];
        // The group's own count of records: meetings and visits alternate on its days.
        let k = i / groups.len();
        let on = day(options.month, k);
        let key = format!("bench-{run}-{i:04}");
        let record = if k.is_multiple_of(2) {
            let attendance: Vec<Value> = group
                .members
                .iter()
                .filter(|(_, joined_on)| joined_on.as_str() <= on.as_str())
                .enumerate()
                .map(|(j, (woman, _))| {
                    let mark = if j % 5 == 4 { "absent" } else { "present" };
                    json!({"woman_id": woman, "attendance": mark})
                })
                .collect();
            marks += attendance.len();
            json!({
                "key": key, "kind": "meeting", "group_id": group.id,
                "body": {"held_on": on, "topics": "پس‌انداز ماهانه و فروش بازارچه",
                         "decisions": "خرید مواد اولیه", "attendance": attendance},
            })
        } else {
            json!({
                "key": key, "kind": "visit", "group_id": group.id,
                "body": {"visited_on": on, "purpose": "پایش ماهانه",
                         "findings": "دفتر صندوق به‌روز، فروش خوب", "requests": ["بازارچه"]},
            })
        };
        records.push(record);
    }
    (records, marks)
}

/// Sends the batch; its time in ms and the count of each outcome.
async fn send(client: &reqwest::Client, options: &Options, records: &[Value]) -> Result<String> {
    let body = json!({ "records": records }).to_string();
    let started = Instant::now();
    let response = client
        .post(format!("{}/api/v1/sync", options.base))
        .bearer_auth(&options.token)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await?;
    let status = response.status();
    let answer: Value = serde_json::from_str(&response.text().await?)?;
    let took = started.elapsed();
    if !status.is_success() {
        return Err(format!("sync answered {status}: {answer}").into());
    }
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    // Why records were not recorded: the first field's English message, counted.
    let mut why = std::collections::BTreeMap::<String, usize>::new();
    for outcome in answer["outcomes"].as_array().cloned().unwrap_or_default() {
        let name = outcome["outcome"].as_str().unwrap_or("?").to_owned();
        if name == "conflict" || name == "refused" {
            let error = &outcome["problem"]["errors"][0];
            let reason = format!(
                "{name} {}: {}",
                error["field"].as_str().unwrap_or(""),
                error["message_en"].as_str().unwrap_or("")
            );
            *why.entry(reason).or_default() += 1;
        }
        *counts.entry(name).or_default() += 1;
    }
    Ok(format!(
        "{:.0} ms, {counts:?}{}",
        took.as_secs_f64() * 1000.0,
        why.iter()
            .map(|(reason, n)| format!("\n    {n} × {reason}"))
            .collect::<String>()
    ))
}

#[tokio::main]
async fn main() -> Result<()> {
    let options = options()?;
    let client = reqwest::Client::new();
    let groups = groups(&client, &options).await?;
    if groups.is_empty() {
        return Err("the token's place lists no groups".into());
    }
    let run = format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_secs()
    );
    let (records, marks) = batch(&options, &groups, &run);
    let meetings = records.iter().filter(|r| r["kind"] == "meeting").count();
    println!(
        "{} records over {} groups: {meetings} meetings with {marks} attendance marks ({:.1} a meeting), {} visits",
        records.len(),
        groups.len(),
        marks as f64 / meetings.max(1) as f64,
        records.len() - meetings,
    );
    println!("first sync:  {}", send(&client, &options, &records).await?);
    println!("sent again:  {}", send(&client, &options, &records).await?);
    Ok(())
}
