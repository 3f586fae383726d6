//! The operator's settings, in layers: defaults in code, then a TOML file (`--config` or
//! `ACCORD_CONFIG`), then `ACCORD_*` environment variables, then command-line flags. A secret
//! (the database URL, which may carry a password) redacts itself wherever it is printed.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use accord_server::feeds::FeedSource;
use anyhow::{Context as _, Result};
use serde::Deserialize;

/// A value that is never printed: `Debug` and `Display` show `[redacted]`.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub(crate) struct Secret(String);

impl Secret {
    pub(crate) fn new(value: String) -> Self {
        Secret(value)
    }

    /// The value itself, for the one place that needs it.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Everything the operator can set.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Settings {
    /// Where the SQLite database, the log key and exports live by default.
    pub(crate) data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; by default `sqlite://<data_dir>/accord.db`.
    pub(crate) database_url: Option<Secret>,
    /// The organisation's configuration file; by default the reference organisation.
    pub(crate) organisation: Option<PathBuf>,
    /// The log's origin line in checkpoints.
    pub(crate) origin: String,
    /// The shortest time between two checkpoints.
    pub(crate) checkpoint_interval: Duration,
    /// Where `accord serve` listens.
    pub(crate) listen: std::net::SocketAddr,
    /// Mark cookies `Secure` (the server is reached over TLS).
    pub(crate) secure_cookies: bool,
    /// The member states' witnesses whose cosignatures the server accepts.
    pub(crate) witnesses: Vec<WitnessSetting>,
    /// How many witnesses make a checkpoint "witnessed".
    pub(crate) witness_quorum: usize,
    /// The CAP feeds `accord serve` polls (checked when loaded).
    pub(crate) feeds: Vec<FeedSource>,
}

/// A CAP feed, as written in the settings file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedSetting {
    name: String,
    url: Secret,
    interval_seconds: u64,
    account: String,
    #[serde(default)]
    link_hosts: Vec<String>,
}

/// A member state's witness, as configured: whose it is and its verifier key.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WitnessSetting {
    /// Whose witness (a state code, shown in the record explorer).
    pub(crate) state: String,
    /// Its cosignature/v1 verifier key (`accord keys --kind witness` prints it).
    pub(crate) key: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            data_dir: PathBuf::from("data"),
            database_url: None,
            organisation: None,
            origin: "accord.example/log".to_owned(),
            checkpoint_interval: Duration::from_secs(1),
            listen: std::net::SocketAddr::from(([127, 0, 0, 1], 8080)),
            secure_cookies: false,
            witnesses: Vec::new(),
            witness_quorum: 0,
            feeds: Vec::new(),
        }
    }
}

/// The file and environment form: every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Layer {
    data_dir: Option<PathBuf>,
    database_url: Option<Secret>,
    organisation: Option<PathBuf>,
    origin: Option<String>,
    checkpoint_interval_ms: Option<u64>,
    listen: Option<String>,
    secure_cookies: Option<bool>,
    witness_quorum: Option<usize>,
    #[serde(default)]
    witnesses: Vec<WitnessSetting>,
    #[serde(default)]
    feeds: Vec<FeedSetting>,
}

/// The longest time between two checkpoints: a day.
const MAX_CHECKPOINT_INTERVAL_MS: u64 = 24 * 60 * 60 * 1000;

/// The commented settings file `accord config` prints.
pub(crate) const DEFAULT_FILE: &str = r#"# Accord's settings. Every value here is the default; remove what you do not change.
# Each can also be set by an environment variable (ACCORD_DATA_DIR, ACCORD_DATABASE_URL,
# ACCORD_ORGANISATION, ACCORD_ORIGIN, ACCORD_CHECKPOINT_INTERVAL_MS, ACCORD_LISTEN,
# ACCORD_SECURE_COOKIES) or a command-line flag;
# flags win over the environment, which wins over this file.

# Where the SQLite database, the organisation's log key (log.key) and exports are kept.
data_dir = "data"

# The database: sqlite://PATH (the default: sqlite://<data_dir>/accord.db) or
# postgres://USER:PASSWORD@HOST/DB. Treated as a secret: never printed or logged.
# database_url = "postgres://accord@127.0.0.1/accord"

# The organisation's configuration (members, bodies, languages, rules). Without it, the
# reference organisation is used; `accord config --organisation` prints that file, commented.
# organisation = "config/organisation.toml"

# The log's name in its signed checkpoints (C2SP origin line). Member states' witnesses and
# verifiers are configured with it; choose it once.
origin = "accord.example/log"

# The shortest time between two signed checkpoints, in milliseconds.
checkpoint_interval_ms = 1000

# Where `accord serve` listens. Put a TLS-terminating proxy in front of it in production.
listen = "127.0.0.1:8080"

# Mark the session cookie Secure: set it when the server is reached over HTTPS.
secure_cookies = false

# The member states' witnesses whose cosignatures the server accepts, and how many of them make
# a checkpoint "witnessed". Each state's operator runs `accord keys --kind witness` and sends
# the printed verifier key. Any other key is refused.
witness_quorum = 0
# [[witnesses]]
# state = "AM"
# key = "witness.am+1a2b3c4d+BASE64..."

# CAP feeds (Atom or RSS) to poll, one [[feeds]] table each. Each is read every
# interval_seconds (1 to 86400) with conditional requests; every alert in it goes through the
# same validation as one posted to /api/v1/cap and is taken in as `account`, which must be
# allowed to report alerts (a national centre's account, a partner's liaison officer, or a
# Crisis Response Centre officer); the log names that account as the sender. The URL may carry
# credentials: it is never printed or logged whole. The Centre's officers see each feed's
# status at /feeds. An entry may link to its alert instead of embedding it: the link is
# followed only to the feed's own host or a host in link_hosts ("host" or "host:port"), and a
# linked alert that answers with a redirect is refused, so that a feed cannot make the server
# request other addresses of its network.
# [[feeds]]
# name = "Armenia: national crisis centre"
# url = "https://alerts.example.am/cap.atom"
# interval_seconds = 60
# account = "centre.am"
# link_hosts = ["cdn.example.am"]
"#;

impl Settings {
    /// Loads the layers: `file` (if given), then the environment.
    pub(crate) fn load(file: Option<&Path>) -> Result<Self> {
        let mut settings = Settings::default();
        if let Some(file) = file {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read the settings file {}", file.display()))?;
            // The error's own display quotes the offending line, which may hold the database
            // password: report the message and the position only.
            let layer: Layer = toml::from_str(&text).map_err(|e| {
                let line = e.span().map_or(0, |s| {
                    text[..s.start.min(text.len())].matches('\n').count() + 1
                });
                anyhow::anyhow!("{}:{line}: {}", file.display(), e.message())
            })?;
            settings.apply(layer)?;
        }
        settings.apply(Layer::from_env()?)?;
        Ok(settings)
    }

    fn apply(&mut self, layer: Layer) -> Result<()> {
        if let Some(v) = layer.data_dir {
            self.data_dir = v;
        }
        if let Some(v) = layer.database_url {
            self.database_url = Some(v);
        }
        if let Some(v) = layer.organisation {
            self.organisation = Some(v);
        }
        if let Some(v) = layer.origin {
            anyhow::ensure!(!v.trim().is_empty(), "origin must not be empty");
            self.origin = v;
        }
        if let Some(ms) = layer.checkpoint_interval_ms {
            anyhow::ensure!(
                (1..=MAX_CHECKPOINT_INTERVAL_MS).contains(&ms),
                "checkpoint_interval_ms must be from 1 to {MAX_CHECKPOINT_INTERVAL_MS} (a day)"
            );
            self.checkpoint_interval = Duration::from_millis(ms);
        }
        if let Some(v) = layer.listen {
            self.listen = v.parse().with_context(|| {
                format!("listen = {v:?} is not an address such as 127.0.0.1:8080")
            })?;
        }
        if let Some(v) = layer.secure_cookies {
            self.secure_cookies = v;
        }
        if !layer.witnesses.is_empty() {
            self.witnesses = layer.witnesses;
        }
        if let Some(v) = layer.witness_quorum {
            self.witness_quorum = v;
        }
        if !layer.feeds.is_empty() {
            self.feeds = layer
                .feeds
                .iter()
                .map(|f| {
                    FeedSource::new(
                        &f.name,
                        f.url.expose(),
                        Duration::from_secs(f.interval_seconds),
                        &f.account,
                    )
                    .and_then(|feed| feed.with_link_hosts(&f.link_hosts))
                })
                .collect::<Result<_, _>>()?;
            FeedSource::check_all(&self.feeds)?;
        }
        anyhow::ensure!(
            self.witness_quorum <= self.witnesses.len(),
            "witness_quorum is {} but only {} witnesses are configured",
            self.witness_quorum,
            self.witnesses.len()
        );
        Ok(())
    }

    /// The database URL in force.
    pub(crate) fn database_url(&self) -> Secret {
        self.database_url.clone().unwrap_or_else(|| {
            Secret::new(format!(
                "sqlite://{}",
                self.data_dir.join("accord.db").display()
            ))
        })
    }

    /// The log key file.
    pub(crate) fn log_key_file(&self) -> PathBuf {
        self.data_dir.join("log.key")
    }
}

impl Layer {
    fn from_env() -> Result<Self> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let interval = var("ACCORD_CHECKPOINT_INTERVAL_MS")
            .map(|v| {
                v.parse::<u64>().with_context(|| {
                    format!("ACCORD_CHECKPOINT_INTERVAL_MS={v:?} is not a number of milliseconds")
                })
            })
            .transpose()?;
        Ok(Layer {
            data_dir: var("ACCORD_DATA_DIR").map(PathBuf::from),
            database_url: var("ACCORD_DATABASE_URL").map(Secret::new),
            organisation: var("ACCORD_ORGANISATION").map(PathBuf::from),
            origin: var("ACCORD_ORIGIN"),
            checkpoint_interval_ms: interval,
            listen: var("ACCORD_LISTEN"),
            secure_cookies: var("ACCORD_SECURE_COOKIES")
                .map(|v| match v.as_str() {
                    "true" | "1" => Ok(true),
                    "false" | "0" => Ok(false),
                    _ => Err(anyhow::anyhow!(
                        "ACCORD_SECURE_COOKIES={v:?} is not true or false"
                    )),
                })
                .transpose()?,
            witness_quorum: None,
            witnesses: Vec::new(),
            feeds: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_parses_to_the_defaults() {
        let layer: Layer = toml::from_str(DEFAULT_FILE).unwrap();
        let mut s = Settings::default();
        s.apply(layer).unwrap();
        assert_eq!(s, Settings::default());
    }

    #[test]
    fn a_secret_never_prints() {
        let s = Settings {
            database_url: Some(Secret::new("postgres://u:hunter2@db/accord".into())),
            ..Settings::default()
        };
        assert!(!format!("{s:?}").contains("hunter2"));
        assert!(!format!("{}", s.database_url()).contains("hunter2"));
        assert_eq!(s.database_url().expose(), "postgres://u:hunter2@db/accord");
    }

    #[test]
    fn a_settings_error_never_quotes_the_password() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("accord.toml");
        std::fs::write(
            &file,
            "origin = \"x\"\ndatabse_url = \"postgres://u:hunter2@db/accord\"\n",
        )
        .unwrap();
        let err = format!("{:#}", Settings::load(Some(&file)).unwrap_err());
        assert!(
            err.contains("accord.toml:2") && err.contains("databse_url"),
            "{err}"
        );
        assert!(!err.contains("hunter2"), "{err}");
    }

    #[test]
    fn feeds_are_checked_on_load_and_their_urls_never_print() {
        let layer: Layer = toml::from_str(
            r#"
[[feeds]]
name = "AM"
url = "https://u:hunter2@alerts.example.am/cap.atom"
interval_seconds = 60
account = "centre.am"
"#,
        )
        .unwrap();
        let mut s = Settings::default();
        s.apply(layer).unwrap();
        assert_eq!(s.feeds.len(), 1);
        assert_eq!(s.feeds[0].account().as_str(), "centre.am");
        assert!(!format!("{s:?}").contains("hunter2"));
        let bad = |text: &str| {
            let layer: Layer = toml::from_str(text).unwrap();
            Settings::default().apply(layer).unwrap_err().to_string()
        };
        let feed = |url: &str, secs: u64, account: &str| {
            format!(
                "[[feeds]]\nname = \"AM\"\nurl = \"{url}\"\ninterval_seconds = {secs}\naccount = \"{account}\"\n"
            )
        };
        assert!(bad(&feed("file:///etc/passwd", 60, "centre.am")).contains("http"));
        assert!(bad(&feed("https://x.example/f", 0, "centre.am")).contains("interval_seconds"));
        assert!(bad(&feed("https://x.example/f", 60, "Centre AM")).contains("account"));
        let twice = format!(
            "{}{}",
            feed("https://x.example/f", 60, "centre.am"),
            feed("https://x.example/g", 60, "centre.am")
        );
        assert!(bad(&twice).contains("two feeds"));
        let linked = format!(
            "{}link_hosts = [\"cdn.example.am\"]\n",
            feed("https://x.example/f", 60, "centre.am")
        );
        let layer: Layer = toml::from_str(&linked).unwrap();
        let mut s = Settings::default();
        s.apply(layer).unwrap();
        assert!(s.feeds[0].may_follow("https://cdn.example.am/a.xml"));
        assert!(!s.feeds[0].may_follow("https://other.example/a.xml"));
        let bad_host = format!(
            "{}link_hosts = [\"https://cdn.example.am/\"]\n",
            feed("https://x.example/f", 60, "centre.am")
        );
        assert!(bad(&bad_host).contains("link_hosts"));
        assert!(
            toml::from_str::<Layer>(
                "[[feeds]]\nname = \"AM\"\nurl = \"https://x\"\ninterval = 5\naccount = \"a\""
            )
            .is_err()
        );
    }

    #[test]
    fn unknown_and_bad_fields_are_refused_by_name() {
        let err = toml::from_str::<Layer>("data_dri = \"x\"")
            .unwrap_err()
            .to_string();
        assert!(err.contains("data_dri"), "{err}");
        let mut s = Settings::default();
        let layer: Layer = toml::from_str("checkpoint_interval_ms = 0").unwrap();
        assert!(
            s.apply(layer)
                .unwrap_err()
                .to_string()
                .contains("checkpoint_interval_ms")
        );
    }
}
