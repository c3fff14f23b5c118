//! Configuration, layered and validated once: built-in defaults, then `hamyar.toml`, then
//! `HAMYAR_*` environment variables (secrets may instead be read from the file named by
//! `HAMYAR_<KEY>_FILE`), then command-line flags. A bad value is reported together with
//! where it came from, and nothing starts.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::providers::{Format, Serialized, Toml};
use figment::value::{Dict, Map};
use figment::{Figment, Metadata, Profile, Provider};
use hamyar_app::rate_limit::{ApiCallLimits, ThrottleLimits};
use hamyar_web::client::TrustedProxies;
use serde::{Deserialize, Serialize};

/// The keys that may come from the environment as `HAMYAR_<KEY>`.
const KEYS: &[&str] = &[
    "database_url",
    "listen",
    "public_url",
    "secure_cookies",
    "session_idle_minutes",
    "session_max_hours",
    "trusted_proxies",
    "login_free_failures",
    "login_first_delay_seconds",
    "login_max_delay_minutes",
    "login_account_failures_per_hour",
    "login_address_failures_per_hour",
    "password_hashes_at_once",
    "api_calls_per_second",
    "api_calls_burst",
    // Retired keys, read only to be refused with a pointer to their replacements.
    "login_window_minutes",
    "login_max_failures_per_account",
    "login_max_attempts_per_address",
    "metrics_token",
    "log_format",
    "log_level",
    "max_connections",
    "request_timeout_secs",
    "header_read_timeout_secs",
    "max_client_connections",
    "max_concurrent_requests",
    "upload_dir",
    "upload_max_mb",
    "import_concurrency",
    "import_kept_minutes",
    "import_problems_kept",
    "import_max_rows",
    "import_max_columns",
    "import_max_cells",
    "import_max_workbook_mb",
    "import_max_shared_strings_mb",
    "import_max_zip_entries",
    "import_max_line_kb",
    "sqlite_cache_mib",
    "audit_key",
    "audit_anchor_file",
    "audit_anchor_minutes",
    "letterhead_name_fa",
    "letterhead_name_en",
    "letterhead_address",
    "letterhead_logo",
    "sms_gateway",
    "sms_file",
    "sms_base_url",
    "sms_api_key",
    "sms_sender",
    "sms_timeout_secs",
    "sms_dispatch_every_secs",
];

/// Keys whose values are secrets: also accepted from a file, and never printed.
/// `HAMYAR_AUDIT_KEY_FILE` therefore names the file holding the audit key, which is what the
/// `audit_key_file` key of `hamyar.toml` means too (that key is read from the file only).
const SECRET_KEYS: &[&str] = &["database_url", "metrics_token", "audit_key", "sms_api_key"];

/// Keys whose values are text even when they look like numbers.
const TEXT_KEYS: &[&str] = &["sms_sender"];

#[derive(Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `sqlite://hamyar.db` (default) or `postgres://user:password@host/db`.
    pub database_url: String,
    pub listen: SocketAddr,
    /// The address people use to reach Hamyar (for the setup link), e.g. `https://hamyar.example`.
    pub public_url: Option<String>,
    /// Mark cookies Secure; set it when Hamyar is served over HTTPS.
    pub secure_cookies: bool,
    pub session_idle_minutes: i64,
    pub session_max_hours: i64,
    /// Reverse proxies (addresses or CIDR ranges) whose `X-Forwarded-For` and
    /// `X-Forwarded-Proto` are believed; a list, or one comma-separated string.
    #[serde(deserialize_with = "list_or_commas")]
    pub trusted_proxies: Vec<String>,
    /// Calls a second one API token may make, sustained (each token has its own budget).
    pub api_calls_per_second: u32,
    /// Calls one API token may make at once after a quiet spell.
    pub api_calls_burst: u32,
    /// Failures one address (or one known browser) may make on one account before waits begin.
    pub login_free_failures: u32,
    /// The first wait after those; each further failure doubles it.
    pub login_first_delay_seconds: i64,
    /// The longest such wait.
    pub login_max_delay_minutes: i64,
    /// Failures per hour on one account from all browsers it has not seen before, together.
    pub login_account_failures_per_hour: u32,
    /// Failures per hour from one address over all accounts (mind offices behind one NAT).
    pub login_address_failures_per_hour: u32,
    /// Password hashes that may run at once; 0 means one per core.
    pub password_hashes_at_once: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_window_minutes: Option<Retired>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_max_failures_per_account: Option<Retired>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_max_attempts_per_address: Option<Retired>,
    /// Bearer token for `/metrics`; without it `/metrics` is closed.
    pub metrics_token: Option<String>,
    /// `text` or `json`.
    pub log_format: String,
    /// A tracing filter, e.g. `info` or `hamyar=debug,info`.
    pub log_level: String,
    pub max_connections: Option<u32>,
    /// Longest a request may take, uploads included.
    pub request_timeout_secs: u64,
    /// Time a client has to send a request's headers.
    pub header_read_timeout_secs: u64,
    /// Connections served at once; more wait.
    pub max_client_connections: usize,
    /// Pages worked on at once (0: one per core, at least two); more wait their turn.
    pub max_concurrent_requests: usize,
    /// Where web uploads wait while imported; a private temporary directory when absent.
    pub upload_dir: Option<PathBuf>,
    /// Largest spreadsheet the web app accepts, in MiB.
    pub upload_max_mb: u64,
    /// Spreadsheets read at the same time by the web app; more wait their turn.
    pub import_concurrency: usize,
    /// How long a finished web import (and a dry run's file) is kept.
    pub import_kept_minutes: u64,
    /// Problems a web import keeps for its page and report (all are counted).
    pub import_problems_kept: usize,
    /// What a web upload may hold: rows, columns (at most 16,384) and cells of its sheet.
    pub import_max_rows: u64,
    pub import_max_columns: u64,
    pub import_max_cells: u64,
    /// XML an Excel upload may inflate to, and its table of texts, in MiB.
    pub import_max_workbook_mb: u64,
    pub import_max_shared_strings_mb: u64,
    /// Entries of an Excel upload's ZIP directory.
    pub import_max_zip_entries: u64,
    /// A CSV record, a row of cell text or one piece of XML, in KiB.
    pub import_max_line_kb: u64,
    /// SQLite's page cache per pooled connection, in MiB (an import raises its own).
    pub sqlite_cache_mib: u32,
    /// The file holding the audit key (64 hexadecimal characters). Default for SQLite: beside
    /// the database (`hamyar.db` → `hamyar.audit-key`), created at first start; PostgreSQL
    /// needs this or `audit_key` (make a key with `hamyar audit keygen FILE`).
    pub audit_key_file: Option<String>,
    /// The audit key itself (a secret: also read from the file named by
    /// `HAMYAR_AUDIT_KEY_FILE`, never printed).
    pub audit_key: Option<String>,
    /// The append-only file of the trail's anchors. Default: beside the key file
    /// (`hamyar.audit-key` → `hamyar.audit-anchors`; for SQLite beside the database).
    pub audit_anchor_file: Option<String>,
    /// While serving, anchor the trail's head this often (when it moved).
    pub audit_anchor_minutes: u64,
    /// The organisation named at the head of printed documents, in Persian. Unset: each
    /// document names its province's office, «ادارهٔ کل بهزیستی استان …».
    pub letterhead_name_fa: Option<String>,
    /// The same in English (unset: "Welfare Organization of … Province").
    pub letterhead_name_en: Option<String>,
    /// An address and telephone line under the name.
    pub letterhead_address: Option<String>,
    /// A PNG or SVG logo file (at most 512 KiB, a PNG at most 2048 pixels a side), checked
    /// when Hamyar starts.
    pub letterhead_logo: Option<PathBuf>,
    /// How text messages leave (`docs/SMS.md`): `off` (they wait in the outbox), `file` (one
    /// JSON line each in `sms_file`) or `http` (a provider at `sms_base_url`).
    pub sms_gateway: String,
    /// The file the `file` gateway appends to.
    pub sms_file: Option<PathBuf>,
    /// The provider's address for the `http` gateway: an `http://` relay to it (no TLS yet).
    pub sms_base_url: Option<String>,
    /// The provider's API key (a secret: also from `HAMYAR_SMS_API_KEY_FILE`, never printed).
    pub sms_api_key: Option<String>,
    /// The provider's line the messages come from.
    pub sms_sender: Option<String>,
    /// The most one request to the provider may take.
    pub sms_timeout_secs: u64,
    /// While serving, send what is due this often; 0: only `hamyar sms dispatch` sends.
    pub sms_dispatch_every_secs: u64,
}

impl Default for Config {
    fn default() -> Self {
        let limits = ThrottleLimits::default();
        Self {
            database_url: "sqlite://hamyar.db".into(),
            listen: "127.0.0.1:8080".parse().expect("valid default address"),
            public_url: None,
            secure_cookies: false,
            session_idle_minutes: 30,
            session_max_hours: 12,
            trusted_proxies: Vec::new(),
            api_calls_per_second: ApiCallLimits::default().per_second,
            api_calls_burst: ApiCallLimits::default().burst,
            login_free_failures: limits.free_failures,
            login_first_delay_seconds: limits.first_delay_secs,
            login_max_delay_minutes: limits.max_delay_secs / 60,
            login_account_failures_per_hour: limits.account_failures_per_hour,
            login_address_failures_per_hour: limits.address_failures_per_hour,
            password_hashes_at_once: 0,
            login_window_minutes: None,
            login_max_failures_per_account: None,
            login_max_attempts_per_address: None,
            metrics_token: None,
            log_format: "text".into(),
            log_level: "info".into(),
            max_connections: None,
            request_timeout_secs: 60,
            header_read_timeout_secs: 10,
            max_client_connections: 1_024,
            max_concurrent_requests: 0,
            upload_dir: None,
            upload_max_mb: 64,
            import_concurrency: 1,
            import_kept_minutes: 60,
            import_problems_kept: 1_000,
            import_max_rows: 1_048_576,
            import_max_columns: 200,
            import_max_cells: 67_108_864,
            import_max_workbook_mb: 1_024,
            import_max_shared_strings_mb: 24,
            import_max_zip_entries: 1_000,
            import_max_line_kb: 1_024,
            sqlite_cache_mib: 4,
            audit_key_file: None,
            audit_key: None,
            audit_anchor_file: None,
            audit_anchor_minutes: 5,
            letterhead_name_fa: None,
            letterhead_name_en: None,
            letterhead_address: None,
            letterhead_logo: None,
            sms_gateway: "off".into(),
            sms_file: None,
            sms_base_url: None,
            sms_api_key: None,
            sms_sender: None,
            sms_timeout_secs: 10,
            sms_dispatch_every_secs: 0,
        }
    }
}

impl Config {
    /// What a web upload may hold, from the `import_max_*` keys.
    pub fn upload_read_limits(&self) -> hamyar_exchange::ReadLimits {
        const MIB: u64 = 1024 * 1024;
        hamyar_exchange::ReadLimits {
            max_workbook_bytes: self.import_max_workbook_mb.saturating_mul(MIB),
            max_zip_entries: self.import_max_zip_entries,
            max_rows: self.import_max_rows,
            max_columns: self.import_max_columns,
            max_cells: self.import_max_cells,
            max_line_bytes: self.import_max_line_kb.saturating_mul(1024),
            max_shared_strings_bytes: self.import_max_shared_strings_mb.saturating_mul(MIB),
        }
    }
}

impl Config {
    /// The letterhead of printed documents, its logo read and drawn once to check it: a
    /// logo that cannot be used is refused here, when Hamyar starts, with the reason.
    pub fn letterhead(
        &self,
    ) -> Result<hamyar_reports::letterhead::LetterheadSettings, ConfigError> {
        hamyar_reports::letterhead::LetterheadSettings::new(
            self.letterhead_name_fa.as_deref(),
            self.letterhead_name_en.as_deref(),
            self.letterhead_address.as_deref(),
            self.letterhead_logo.as_deref(),
        )
        .map_err(|error| ConfigError::Letterhead(error.to_string()))
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_url(&self.database_url))
            .field("listen", &self.listen)
            .field("public_url", &self.public_url)
            .field("secure_cookies", &self.secure_cookies)
            .field("session_idle_minutes", &self.session_idle_minutes)
            .field(
                "metrics_token",
                &self.metrics_token.as_ref().map(|_| "<redacted>"),
            )
            .field("log_format", &self.log_format)
            .field("audit_key_file", &self.audit_key_file)
            .field("audit_key", &self.audit_key.as_ref().map(|_| "<redacted>"))
            .field("audit_anchor_file", &self.audit_anchor_file)
            .field("audit_anchor_minutes", &self.audit_anchor_minutes)
            .field("sms_gateway", &self.sms_gateway)
            .field(
                "sms_api_key",
                &self.sms_api_key.as_ref().map(|_| "<redacted>"),
            )
            .finish_non_exhaustive()
    }
}

/// A key that was replaced; its value is never used, only refused with a pointer onward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Retired;

impl<'de> Deserialize<'de> for Retired {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer).map(|_| Retired)
    }
}

/// The retired login keys, all replaced by the same set.
const RETIRED_LOGIN_KEYS: [&str; 3] = [
    "login_window_minutes",
    "login_max_failures_per_account",
    "login_max_attempts_per_address",
];

/// A list given as a TOML array, or as one comma-separated string (the environment's way).
fn list_or_commas<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Given {
        List(Vec<String>),
        Text(String),
    }
    Ok(match Given::deserialize(deserializer)? {
        Given::List(items) => items,
        Given::Text(text) => text
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

impl Config {
    /// The throttle's settings in the application's terms.
    pub fn login_limits(&self) -> ThrottleLimits {
        ThrottleLimits {
            free_failures: self.login_free_failures,
            first_delay_secs: self.login_first_delay_seconds,
            max_delay_secs: self.login_max_delay_minutes.saturating_mul(60),
            account_failures_per_hour: self.login_account_failures_per_hour,
            address_failures_per_hour: self.login_address_failures_per_hour,
            ..ThrottleLimits::default()
        }
    }

    /// Each API token's budget of calls in the application's terms.
    pub fn api_call_limits(&self) -> ApiCallLimits {
        ApiCallLimits {
            per_second: self.api_calls_per_second,
            burst: self.api_calls_burst,
            ..ApiCallLimits::default()
        }
    }

    /// The trusted proxies (validated when the configuration was loaded).
    pub fn proxies(&self) -> TrustedProxies {
        TrustedProxies::parse(&self.trusted_proxies).unwrap_or_default()
    }
}

/// A URL with any password replaced, safe to print.
pub fn redact_url(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.split_once('@') {
            Some((credentials, host)) => {
                let user = credentials.split(':').next().unwrap_or("");
                format!("{scheme}://{user}:***@{host}")
            }
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// Values given as command-line flags (only those present override).
#[derive(Debug, Default, Serialize)]
pub struct FlagOverrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
}

/// A provider with a human name, so errors say "command-line flags" or which file.
struct Named {
    name: String,
    values: Dict,
}

impl Provider for Named {
    fn metadata(&self) -> Metadata {
        Metadata::named(self.name.clone())
    }

    fn data(&self) -> Result<Map<Profile, Dict>, figment::Error> {
        Ok(Profile::Default.collect(self.values.clone()))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0}")]
    Figment(Box<figment::Error>),
    #[error("invalid value for `{key}` (from {origin}): {problem}")]
    Invalid {
        key: &'static str,
        origin: String,
        problem: String,
    },
    #[error("the letterhead (letterhead_* keys) cannot be used: {0}")]
    Letterhead(String),
    #[error("cannot read {path} named by {variable}: {error}")]
    SecretFile {
        variable: String,
        path: String,
        error: std::io::Error,
    },
}

/// Reads `HAMYAR_<KEY>_FILE` for each secret key.
fn secret_files(env: &dyn Fn(&str) -> Option<String>) -> Result<Vec<Named>, ConfigError> {
    let mut providers = Vec::new();
    for key in SECRET_KEYS {
        let variable = format!("HAMYAR_{}_FILE", key.to_uppercase());
        if let Some(path) = env(&variable) {
            let text = std::fs::read_to_string(&path).map_err(|error| ConfigError::SecretFile {
                variable: variable.clone(),
                path: path.clone(),
                error,
            })?;
            let mut values = Dict::new();
            values.insert((*key).to_owned(), text.trim().to_owned().into());
            providers.push(Named {
                name: format!("file {path} (named by {variable})"),
                values,
            });
        }
    }
    Ok(providers)
}

/// Builds the configuration from every layer. `config_file` is the TOML file to read
/// (absent is fine unless it was asked for explicitly).
pub fn load(config_file: Option<&Path>, flags: &FlagOverrides) -> Result<Config, ConfigError> {
    load_with_env(config_file, flags, &|name| std::env::var(name).ok())
}

pub fn load_with_env(
    config_file: Option<&Path>,
    flags: &FlagOverrides,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Config, ConfigError> {
    let default_file = PathBuf::from("hamyar.toml");
    let file = config_file.unwrap_or(&default_file);
    if config_file.is_some() && !file.exists() {
        return Err(ConfigError::Invalid {
            key: "config",
            origin: "command-line flag --config".into(),
            problem: format!("{} does not exist", file.display()),
        });
    }
    let mut figment = Figment::from(Serialized::defaults(Config::default()));
    if file.exists() {
        figment = figment.merge(Toml::file_exact(file));
    }
    let mut environment = Dict::new();
    for key in KEYS {
        if let Some(value) = env(&format!("HAMYAR_{}", key.to_uppercase())) {
            // Secrets stay text: a hexadecimal key could otherwise be read as a number; so
            // does an SMS line, which is all digits.
            let value = if SECRET_KEYS.contains(key) || TEXT_KEYS.contains(key) {
                value.into()
            } else {
                value
                    .parse::<figment::value::Value>()
                    .unwrap_or_else(|never| match never {})
            };
            environment.insert((*key).to_owned(), value);
        }
    }
    if !environment.is_empty() {
        figment = figment.merge(Named {
            name: "environment variables HAMYAR_*".into(),
            values: environment,
        });
    }
    for provider in secret_files(env)? {
        figment = figment.merge(provider);
    }
    let flag_values = Serialized::defaults(flags)
        .data()
        .map_err(|e| ConfigError::Figment(Box::new(e)))?;
    if let Some(values) = flag_values.get(&Profile::Default) {
        figment = figment.merge(Named {
            name: "command-line flags".into(),
            values: values.clone(),
        });
    }
    let config: Config = figment
        .extract()
        .map_err(|e| ConfigError::Figment(Box::new(e)))?;
    validate(&config, &figment)?;
    Ok(config)
}

fn validate(config: &Config, figment: &Figment) -> Result<(), ConfigError> {
    let source_of = |key: &str| match figment.find_metadata(key) {
        Some(Metadata {
            name,
            source: Some(source),
            ..
        }) => format!("{name} {source}"),
        Some(metadata) => metadata.name.to_string(),
        None => "defaults".into(),
    };
    let fail = |key: &'static str, problem: &str| ConfigError::Invalid {
        key,
        origin: source_of(key),
        problem: problem.to_owned(),
    };
    let scheme_ok = ["sqlite:", "postgres:", "postgresql:"]
        .iter()
        .any(|s| config.database_url.starts_with(s));
    if !scheme_ok {
        return Err(fail(
            "database_url",
            "must start with sqlite:, postgres: or postgresql:",
        ));
    }
    let positive = [
        ("session_idle_minutes", config.session_idle_minutes),
        ("session_max_hours", config.session_max_hours),
    ];
    for (key, value) in positive {
        if value <= 0 {
            return Err(fail(key, "must be a positive number"));
        }
    }
    validate_login(config, &fail)?;
    if !matches!(config.log_format.as_str(), "text" | "json") {
        return Err(fail("log_format", "must be `text` or `json`"));
    }
    if let Some(url) = &config.public_url
        && !(url.starts_with("http://") || url.starts_with("https://"))
    {
        return Err(fail("public_url", "must start with http:// or https://"));
    }
    if config
        .metrics_token
        .as_deref()
        .is_some_and(|t| t.len() < 16)
    {
        return Err(fail("metrics_token", "must have at least 16 characters"));
    }
    if config.max_connections == Some(0) {
        return Err(fail("max_connections", "must be at least 1"));
    }
    let at_least_one = [
        ("request_timeout_secs", config.request_timeout_secs),
        ("header_read_timeout_secs", config.header_read_timeout_secs),
        (
            "max_client_connections",
            config.max_client_connections as u64,
        ),
        ("upload_max_mb", config.upload_max_mb),
        ("import_concurrency", config.import_concurrency as u64),
        ("import_kept_minutes", config.import_kept_minutes),
        ("import_problems_kept", config.import_problems_kept as u64),
        ("sqlite_cache_mib", u64::from(config.sqlite_cache_mib)),
        ("import_max_rows", config.import_max_rows),
        ("import_max_columns", config.import_max_columns),
        ("import_max_cells", config.import_max_cells),
        ("import_max_workbook_mb", config.import_max_workbook_mb),
        (
            "import_max_shared_strings_mb",
            config.import_max_shared_strings_mb,
        ),
        ("import_max_zip_entries", config.import_max_zip_entries),
        ("import_max_line_kb", config.import_max_line_kb),
    ];
    for (key, value) in at_least_one {
        if value == 0 {
            return Err(fail(key, "must be at least 1"));
        }
    }
    if config.upload_max_mb > 1_024 {
        return Err(fail(
            "upload_max_mb",
            "must be at most 1024; import larger files with `hamyar import women`",
        ));
    }
    validate_audit(config, &fail)?;
    validate_sms(config, &fail)
}

/// The SMS keys: a known gateway with what it needs, and a timeout.
fn validate_sms(
    config: &Config,
    fail: &dyn Fn(&'static str, &str) -> ConfigError,
) -> Result<(), ConfigError> {
    match config.sms_gateway.as_str() {
        "off" => {}
        "file" if config.sms_file.is_none() => {
            return Err(fail("sms_file", "is needed when sms_gateway is `file`"));
        }
        "file" => {}
        "http" => {
            // The workspace's HTTP client is built without TLS: a provider is reached through
            // a relay on the office's network (docs/SMS.md, "Not yet").
            let url_ok = config
                .sms_base_url
                .as_deref()
                .is_some_and(|url| url.starts_with("http://"));
            if !url_ok {
                return Err(fail(
                    "sms_base_url",
                    "is needed when sms_gateway is `http`, starting with http:// (this build \
                     has no TLS: reach the provider through a relay, see docs/SMS.md)",
                ));
            }
            if config.sms_api_key.as_deref().is_none_or(str::is_empty) {
                return Err(fail("sms_api_key", "is needed when sms_gateway is `http`"));
            }
            if config.sms_sender.as_deref().is_none_or(str::is_empty) {
                return Err(fail("sms_sender", "is needed when sms_gateway is `http`"));
            }
        }
        _ => return Err(fail("sms_gateway", "must be `off`, `file` or `http`")),
    }
    if config.sms_timeout_secs == 0 {
        return Err(fail("sms_timeout_secs", "must be at least 1"));
    }
    Ok(())
}

fn validate_audit(
    config: &Config,
    fail: &dyn Fn(&'static str, &str) -> ConfigError,
) -> Result<(), ConfigError> {
    if let Some(key) = &config.audit_key {
        if config.audit_key_file.is_some() {
            return Err(fail(
                "audit_key",
                "give either audit_key (or HAMYAR_AUDIT_KEY_FILE) or audit_key_file, not both",
            ));
        }
        if let Err(error) = hamyar_app::audit::AuditKey::from_hex(key) {
            return Err(fail("audit_key", &error.to_string()));
        }
    }
    if config.audit_anchor_minutes == 0 {
        return Err(fail("audit_anchor_minutes", "must be at least 1"));
    }
    Ok(())
}

/// The login keys: no retired key, proxies that parse, and throttle limits that hold
/// together (the application says which setting is wrong; this names its key).
fn validate_login(
    config: &Config,
    fail: &dyn Fn(&'static str, &str) -> ConfigError,
) -> Result<(), ConfigError> {
    let retired = [
        config.login_window_minutes.is_some(),
        config.login_max_failures_per_account.is_some(),
        config.login_max_attempts_per_address.is_some(),
    ];
    if let Some(index) = retired.iter().position(|given| *given) {
        return Err(fail(
            RETIRED_LOGIN_KEYS[index],
            "is no longer used: logins are now throttled by failures only, per account and \
             address with growing waits. Remove it and, if the defaults do not suit, set \
             login_free_failures, login_first_delay_seconds, login_max_delay_minutes, \
             login_account_failures_per_hour and login_address_failures_per_hour (see \
             hamyar.example.toml)",
        ));
    }
    if let Err(problem) = TrustedProxies::parse(&config.trusted_proxies) {
        return Err(fail("trusted_proxies", &problem));
    }
    if config.login_max_delay_minutes > i64::MAX / 60 {
        return Err(fail("login_max_delay_minutes", "is far too large"));
    }
    if let Some((field, problem)) = config.login_limits().problem() {
        let key = match field {
            "free_failures" => "login_free_failures",
            "first_delay_secs" => "login_first_delay_seconds",
            "max_delay_secs" => "login_max_delay_minutes",
            "address_failures_per_hour" => "login_address_failures_per_hour",
            _ => "login_account_failures_per_hour",
        };
        return Err(fail(key, &problem));
    }
    if let Some((field, problem)) = config.api_call_limits().problem() {
        let key = match field {
            "per_second" => "api_calls_per_second",
            _ => "api_calls_burst",
        };
        return Err(fail(key, &problem));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn defaults_serve_sqlite_on_localhost_8080() {
        let config = load_with_env(
            Some(Path::new("/nonexistent/hamyar.toml")),
            &FlagOverrides::default(),
            &no_env,
        );
        assert!(
            config.is_err(),
            "an explicitly named missing file is an error"
        );
        let config = load_with_env(None, &FlagOverrides::default(), &no_env).unwrap();
        assert_eq!(config.database_url, "sqlite://hamyar.db");
        assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
    }

    #[test]
    fn layers_apply_in_order_file_then_environment_then_flags() {
        let dir = std::env::temp_dir().join(format!("hamyar-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("hamyar.toml");
        std::fs::write(
            &file,
            "listen = \"127.0.0.1:9000\"\nsession_idle_minutes = 45\nlog_format = \"json\"\n",
        )
        .unwrap();
        let env = |name: &str| (name == "HAMYAR_SESSION_IDLE_MINUTES").then(|| "50".to_owned());
        let flags = FlagOverrides {
            listen: Some("127.0.0.1:9100".into()),
            ..FlagOverrides::default()
        };
        let config = load_with_env(Some(&file), &flags, &env).unwrap();
        assert_eq!(config.listen.to_string(), "127.0.0.1:9100");
        assert_eq!(config.session_idle_minutes, 50);
        assert_eq!(config.log_format, "json");
    }

    #[test]
    fn a_bad_value_names_where_it_came_from() {
        let env = |name: &str| (name == "HAMYAR_SESSION_IDLE_MINUTES").then(|| "0".to_owned());
        let error = load_with_env(None, &FlagOverrides::default(), &env)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("session_idle_minutes") && error.contains("environment"),
            "{error}"
        );
        let flags = FlagOverrides {
            listen: Some("not-an-address".into()),
            ..FlagOverrides::default()
        };
        let error = load_with_env(None, &flags, &no_env)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("listen") && error.contains("command-line flags"),
            "{error}"
        );
    }

    #[test]
    fn the_example_file_loads_and_matches_the_defaults() {
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../hamyar.example.toml");
        let config = load_with_env(Some(&example), &FlagOverrides::default(), &no_env).unwrap();
        assert_eq!(config, Config::default());
    }

    #[test]
    fn the_letterhead_comes_from_its_keys_and_a_bad_logo_is_refused_with_why() {
        let dir =
            std::env::temp_dir().join(format!("hamyar-config-letterhead-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let logo = dir.join("logo.png");
        std::fs::write(&logo, b"not a picture").unwrap();
        let file = dir.join("hamyar.toml");
        std::fs::write(
            &file,
            format!(
                "letterhead_name_fa = \"ادارهٔ کل بهزیستی استان قزوین\"\nletterhead_logo = {:?}\n",
                logo.display().to_string()
            ),
        )
        .unwrap();
        let config = load_with_env(Some(&file), &FlagOverrides::default(), &no_env).unwrap();
        assert_eq!(
            config.letterhead_name_fa.as_deref(),
            Some("ادارهٔ کل بهزیستی استان قزوین")
        );
        let error = config.letterhead().unwrap_err().to_string();
        assert!(
            error.contains("letterhead") && error.contains("neither a PNG nor an SVG"),
            "{error}"
        );
        let env = |name: &str| {
            (name == "HAMYAR_LETTERHEAD_ADDRESS").then(|| "قزوین، خیابان نادری".to_owned())
        };
        let config = load_with_env(None, &FlagOverrides::default(), &env).unwrap();
        assert!(config.letterhead().is_ok());
        assert_eq!(
            config.letterhead_address.as_deref(),
            Some("قزوین، خیابان نادری")
        );
    }

    #[test]
    fn the_default_upload_limits_are_the_readers_own() {
        assert_eq!(
            Config::default().upload_read_limits(),
            hamyar_exchange::ReadLimits::default()
        );
    }

    #[test]
    fn an_unknown_key_in_the_file_is_refused() {
        let dir =
            std::env::temp_dir().join(format!("hamyar-config-unknown-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("hamyar.toml");
        std::fs::write(&file, "lisen = \"127.0.0.1:9000\"\n").unwrap();
        let error = load_with_env(Some(&file), &FlagOverrides::default(), &no_env)
            .unwrap_err()
            .to_string();
        assert!(error.contains("lisen"), "{error}");
    }

    #[test]
    fn the_audit_key_comes_from_its_file_variable_and_is_redacted_in_debug() {
        let dir = std::env::temp_dir().join(format!("hamyar-config-audit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let secret = dir.join("audit-key");
        let key = "ab".repeat(32);
        std::fs::write(&secret, format!("{key}\n")).unwrap();
        let path = secret.display().to_string();
        let env = move |name: &str| (name == "HAMYAR_AUDIT_KEY_FILE").then(|| path.clone());
        let config = load_with_env(None, &FlagOverrides::default(), &env).unwrap();
        assert_eq!(config.audit_key.as_deref(), Some(key.as_str()));
        assert_eq!(config.audit_anchor_minutes, 5);
        assert!(!format!("{config:?}").contains(&key));
    }

    #[test]
    fn a_malformed_audit_key_is_refused_with_how_to_make_one() {
        let env = |name: &str| (name == "HAMYAR_AUDIT_KEY").then(|| "not-a-key".to_owned());
        let error = load_with_env(None, &FlagOverrides::default(), &env)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("audit_key") && error.contains("hamyar audit keygen"),
            "{error}"
        );
        assert!(!error.contains("not-a-key"), "{error}");
    }

    #[test]
    fn secrets_come_from_files_and_are_redacted_in_debug() {
        let dir = std::env::temp_dir().join(format!("hamyar-config-secret-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let secret = dir.join("db-url");
        std::fs::write(&secret, "postgres://hamyar:s3cret@db/hamyar\n").unwrap();
        let path = secret.display().to_string();
        let env = move |name: &str| (name == "HAMYAR_DATABASE_URL_FILE").then(|| path.clone());
        let config = load_with_env(None, &FlagOverrides::default(), &env).unwrap();
        assert_eq!(config.database_url, "postgres://hamyar:s3cret@db/hamyar");
        assert!(!format!("{config:?}").contains("s3cret"));
    }

    #[test]
    fn a_retired_login_key_is_refused_with_its_replacements() {
        let env = |name: &str| (name == "HAMYAR_LOGIN_WINDOW_MINUTES").then(|| "15".to_owned());
        let error = load_with_env(None, &FlagOverrides::default(), &env)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("login_window_minutes")
                && error.contains("login_account_failures_per_hour"),
            "{error}"
        );
    }

    #[test]
    fn trusted_proxies_come_as_a_list_or_as_commas_and_are_checked() {
        let env = |name: &str| {
            (name == "HAMYAR_TRUSTED_PROXIES").then(|| "10.0.0.0/8, 192.168.1.1".to_owned())
        };
        let config = load_with_env(None, &FlagOverrides::default(), &env).unwrap();
        assert_eq!(config.trusted_proxies, ["10.0.0.0/8", "192.168.1.1"]);
        assert!(config.proxies().contains("10.2.3.4".parse().unwrap()));
        assert!(
            !Config::default()
                .proxies()
                .contains("10.2.3.4".parse().unwrap())
        );

        let bad = |name: &str| (name == "HAMYAR_TRUSTED_PROXIES").then(|| "proxy.lan".to_owned());
        let error = load_with_env(None, &FlagOverrides::default(), &bad)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("trusted_proxies") && error.contains("proxy.lan"),
            "{error}"
        );
    }

    #[test]
    fn login_limits_that_would_let_one_address_lock_an_account_are_refused() {
        let env = |name: &str| match name {
            "HAMYAR_LOGIN_FREE_FAILURES" => Some("30".to_owned()),
            _ => None,
        };
        let error = load_with_env(None, &FlagOverrides::default(), &env)
            .unwrap_err()
            .to_string();
        assert!(error.contains("login_account_failures_per_hour"), "{error}");
    }
}
