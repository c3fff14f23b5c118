//! The demo's users: one account of every role (the province's two experts, a county expert,
//! a facilitator, an auditor, public relations, the administrators) and a social worker per
//! county, each with a fresh password from the operating system's generator — never from the
//! seeded stream, since these passwords open a real server — and the staff the later steps
//! act as. Draws nothing from the seeded stream.

use hamyar_app::error::{AppError, AppResult};
use hamyar_app::users::NewUserInput;
use hamyar_app::{Actor, App};
use rand::Rng;

use crate::DemoUser;
use crate::plan;
use crate::run::{DemoRun, Staff};

/// Creates every demo account and returns them with their passwords, in creation order.
pub(crate) async fn create_users(run: &DemoRun<'_>) -> AppResult<Vec<DemoUser>> {
    let mut users = Vec::new();
    for (username, display_name, role, scope_code) in accounts() {
        let scope = run.place(&scope_code)?;
        let password = fresh_password(&username, &display_name);
        run.app
            .create_user(
                &Actor::console(),
                &NewUserInput {
                    username: username.clone(),
                    display_name: display_name.clone(),
                    role: role.into(),
                    scope_place_id: scope.to_string(),
                    password: password.clone(),
                    password_confirm: password.clone(),
                },
            )
            .await?;
        users.push(DemoUser {
            username,
            display_name,
            role: role.into(),
            scope_code,
            password,
        });
    }
    Ok(users)
}

/// The staff the demo acts as, read back from the accounts [`create_users`] made.
pub(crate) async fn staff(app: &App) -> AppResult<Staff> {
    let mut workers = Vec::new();
    for (suffix, _, _) in plan::COUNTIES {
        workers.push(actor(app, worker_username(suffix)).await?);
    }
    Ok(Staff {
        provincial: actor(app, "demo.province").await?,
        second_provincial: actor(app, "demo.province2").await?,
        county_expert: actor(app, "demo.county").await?,
        facilitator: actor(app, "demo.facilitator").await?.user_id,
        workers,
    })
}

pub(crate) async fn actor(app: &App, name: &str) -> AppResult<Actor> {
    app.user_by_username(name)
        .await?
        .map(|user| user.actor())
        .ok_or_else(|| AppError::Internal(format!("demo user {name} is missing")))
}

/// (username, display name, role, scope code) of every account, the county workers last.
fn accounts() -> Vec<(String, String, &'static str, String)> {
    let mut accounts: Vec<(String, String, &str, String)> = [
        ("demo.admin", "مدیر سامانه (نمایشی)", "system_admin", "ir"),
        (
            "demo.national",
            "کارشناس ملی (نمایشی)",
            "national_expert",
            "ir",
        ),
        (
            "demo.province",
            "کارشناس مسئول استان قزوین",
            "provincial_expert",
            "ir.qazvin",
        ),
        (
            "demo.province2",
            "کارشناس دوم استان قزوین",
            "provincial_expert",
            "ir.qazvin",
        ),
        (
            "demo.county",
            "کارشناس شهرستان قزوین",
            "county_expert",
            "ir.qazvin.qazvin",
        ),
        (
            "demo.facilitator",
            "تسهیلگر شهرستان قزوین",
            "facilitator",
            "ir.qazvin.qazvin",
        ),
        ("demo.auditor", "حسابرس استان قزوین", "auditor", "ir.qazvin"),
        (
            "demo.pr",
            "روابط عمومی بهزیستی قزوین",
            "public_relations",
            "ir.qazvin",
        ),
    ]
    .into_iter()
    .map(|(u, d, r, s)| (u.to_owned(), d.to_owned(), r, s.to_owned()))
    .collect();
    for (suffix, name_fa, _) in plan::COUNTIES {
        accounts.push((
            worker_username(suffix).to_owned(),
            format!("مددکار {name_fa}"),
            "social_worker",
            format!("ir.qazvin.{suffix}"),
        ));
    }
    accounts
}

/// The social worker's username of a county (by its code's last part).
fn worker_username(suffix: &str) -> &'static str {
    match suffix {
        "qazvin" => "demo.worker.qazvin",
        "abyek" => "demo.worker.abyek",
        "avaj" => "demo.worker.avaj",
        "alborz" => "demo.worker.alborz",
        "buin-zahra" => "demo.worker.buinzahra",
        _ => "demo.worker.takestan",
    }
}

/// A fresh random password of four blocks of four letters and digits (no look-alikes),
/// drawn again in the unlikely case the policy refuses it — judged, as account creation
/// judges it, against the username *and* the display name (a random password read as keys
/// of a Persian keyboard can spell a piece of a Persian name; checking the username alone
/// let such a draw through, and the demo then, rarely, failed to create the account).
fn fresh_password(username: &str, display_name: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    loop {
        let blocks: Vec<String> = (0..4)
            .map(|_| {
                (0..4)
                    .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
                    .collect()
            })
            .collect();
        let password = blocks.join("-");
        let owner = [username, display_name];
        if hamyar_app::password::check_new_password("password", &password, &owner).is_ok() {
            return password;
        }
    }
}
