//! `hamyar sms`: the SMS outbox from the console (`docs/SMS.md`). `dispatch` sends what is
//! due through the configured gateway (`sms_gateway`), round after round until nothing due is
//! left, then asks for delivery reports — once, or every `--every` seconds until stopped;
//! `remind --on DAY` queues the meeting reminders of a Jalali day; `outbox` counts the
//! messages by state. Lines printed say how many, never to whom or what.
//! [`every`] is also what `hamyar serve` runs in the background when `sms_dispatch_every_secs`
//! is set.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::Subcommand;
use hamyar_app::App;
use hamyar_app::ports::Database;
use hamyar_app::sms::{DispatchReport, DispatchSettings, SmsGateway};
use hamyar_domain::JalaliDate;
use hamyar_sms::{FileSink, HttpGateway, HttpGatewaySettings};

use super::exchange::actor_for;
use crate::config::Config;
use crate::runtime;

#[derive(Debug, Subcommand)]
pub enum SmsCommand {
    /// Send the messages that are due through the configured gateway, then ask for
    /// delivery reports.
    Dispatch {
        /// Keep going, a round every SECS seconds, until stopped (Ctrl-C).
        #[arg(long, value_name = "SECS")]
        every: Option<u64>,
    },
    /// Queue the reminders of the group fund meetings expected on a day.
    Remind {
        /// The Jalali day, e.g. 1405/09/15.
        #[arg(long, value_name = "DATE")]
        on: String,
        /// Act as this user (her scope); default the console.
        #[arg(long = "as", value_name = "USERNAME")]
        as_user: Option<String>,
    },
    /// Count the outbox's messages by state.
    Outbox {
        /// Act as this user (her scope); default the console.
        #[arg(long = "as", value_name = "USERNAME")]
        as_user: Option<String>,
    },
}

pub async fn run(config: &Config, command: SmsCommand) -> anyhow::Result<ExitCode> {
    let opened = runtime::open(config).await?;
    let app = &opened.app;
    match command {
        SmsCommand::Dispatch { every: None } => {
            let Some(gateway) = gateway(config)? else {
                bail!("sms_gateway is `off`: set it to `file` or `http` (docs/SMS.md)");
            };
            round(app, gateway.as_ref()).await?;
        }
        SmsCommand::Dispatch { every: Some(secs) } => {
            let Some(gateway) = gateway(config)? else {
                bail!("sms_gateway is `off`: set it to `file` or `http` (docs/SMS.md)");
            };
            tokio::select! {
                result = every(app.clone(), gateway, secs.max(1), true) => result?,
                _ = tokio::signal::ctrl_c() => {}
            }
        }
        SmsCommand::Remind { on, as_user } => {
            let day =
                JalaliDate::parse(&on).map_err(|_| anyhow::anyhow!("--on: not a day: {on}"))?;
            let actor = actor_for(app, as_user.as_deref()).await?;
            let report = app.enqueue_meeting_reminders(&actor, day).await?;
            outln!(
                "queued {}, already queued {}, without consent {}, without mobile {}, \
                 refused text {}",
                report.queued,
                report.already_there,
                report.no_consent,
                report.no_mobile,
                report.text_refused
            );
        }
        SmsCommand::Outbox { as_user } => {
            let actor = actor_for(app, as_user.as_deref()).await?;
            for (state, count) in app.sms_outbox_counts(&actor).await? {
                outln!("{}\t{count}", state.code());
            }
        }
    }
    opened.store.close().await;
    Ok(ExitCode::SUCCESS)
}

/// The gateway the configuration names; `None` when it is `off`.
pub fn gateway(config: &Config) -> anyhow::Result<Option<Arc<dyn SmsGateway>>> {
    Ok(match config.sms_gateway.as_str() {
        "file" => {
            let path = config.sms_file.clone().context("sms_file is not set")?;
            Some(Arc::new(FileSink::new(path)))
        }
        "http" => {
            let timeout = Duration::from_secs(config.sms_timeout_secs);
            let settings = HttpGatewaySettings {
                base_url: config.sms_base_url.clone().unwrap_or_default(),
                api_key: config.sms_api_key.clone().unwrap_or_default(),
                sender: config.sms_sender.clone().unwrap_or_default(),
                connect_timeout: timeout.min(Duration::from_secs(5)),
                timeout,
            };
            let gateway = HttpGateway::new(settings)
                .map_err(|error| anyhow::anyhow!("cannot start the SMS gateway: {error}"))?;
            Some(Arc::new(gateway))
        }
        _ => None,
    })
}

/// Sends until nothing due is left, then asks for delivery reports; prints what it did.
async fn round(app: &App, gateway: &dyn SmsGateway) -> anyhow::Result<DispatchReport> {
    let settings = DispatchSettings::default();
    let mut total = DispatchReport::default();
    loop {
        let report = app.dispatch_due_sms(gateway, &settings).await?;
        total.claimed += report.claimed;
        total.sent += report.sent;
        total.retrying += report.retrying;
        total.failed += report.failed;
        total.postponed += report.postponed;
        total.superseded += report.superseded;
        if report.claimed < settings.batch.unsigned_abs() || report.sent == 0 {
            break;
        }
    }
    let delivery = app.record_sms_delivery_reports(gateway, 500).await?;
    outln!(
        "sent {}, to retry {}, failed {}, after quiet hours {}, delivered {}, undelivered {}",
        total.sent,
        total.retrying,
        total.failed,
        total.postponed,
        delivery.delivered,
        delivery.undelivered
    );
    if let Some(code) = delivery.gateway_error {
        outln!("delivery reports not read: {code}");
    }
    Ok(total)
}

/// A round every `secs` seconds, for ever; `print` says whether each round prints (the
/// console's `--every`) or only logs counts (`hamyar serve`).
pub async fn every(
    app: App,
    gateway: Arc<dyn SmsGateway>,
    secs: u64,
    print: bool,
) -> anyhow::Result<()> {
    loop {
        if print {
            round(&app, gateway.as_ref()).await?;
        } else {
            let settings = DispatchSettings::default();
            match app.dispatch_due_sms(gateway.as_ref(), &settings).await {
                Ok(report) if report.claimed > 0 => tracing::info!(
                    sent = report.sent,
                    retrying = report.retrying,
                    failed = report.failed,
                    "sms dispatched"
                ),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "sms dispatch failed"),
            }
            if let Err(error) = app.record_sms_delivery_reports(gateway.as_ref(), 500).await {
                tracing::warn!(%error, "sms delivery reports failed");
            }
        }
        tokio::time::sleep(Duration::from_secs(secs)).await;
    }
}
