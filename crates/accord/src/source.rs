//! Where `accord verify` and `accord witness` read an exported or served log: a directory, or an
//! HTTP(S) base URL under which the same layout is served (`checkpoint`, `tile/…`,
//! `bodies/<hex>`); and where a witness submits its cosignatures (a POST under the base URL).

use std::io::Read as _;
use std::path::PathBuf;
use std::time::Duration;

use accord_ledger::{DirSource, TilePath, TileSource};

/// The largest response read: an entry bundle of 256 entries of 64 KiB is just over 16 MiB.
const MAX_RESPONSE: u64 = 32 << 20;

/// A log's files, on disk or over HTTP.
#[derive(Debug)]
pub(crate) enum Source {
    /// An export directory.
    Dir(DirSource),
    /// A base URL (`https://accord.example/log`).
    Http {
        /// The base, without a trailing slash.
        base: String,
        /// The client.
        agent: ureq::Agent,
    },
}

impl Source {
    /// A URL when the argument starts with `http://` or `https://`, else a directory.
    pub(crate) fn new(arg: &str) -> Self {
        if arg.starts_with("http://") || arg.starts_with("https://") {
            let agent = ureq::Agent::config_builder()
                .timeout_global(Some(Duration::from_secs(60)))
                .http_status_as_error(false)
                .build()
                .into();
            Source::Http {
                base: arg.trim_end_matches('/').to_owned(),
                agent,
            }
        } else {
            Source::Dir(DirSource(PathBuf::from(arg)))
        }
    }

    /// The bytes at `rel` (a path relative to the log's root), or `None` if there are none for
    /// this reader: absent, or (over HTTP) not released to it, as a body the policy withholds.
    pub(crate) fn get(&self, rel: &str) -> Result<Option<Vec<u8>>, String> {
        match self {
            Source::Dir(dir) => dir.read_file(rel),
            Source::Http { base, agent } => {
                let url = format!("{base}/{rel}");
                let response = agent.get(&url).call().map_err(|e| format!("{url}: {e}"))?;
                match response.status().as_u16() {
                    200 => read_body(&url, response).map(Some),
                    404 | 401 | 403 => Ok(None),
                    status => Err(format!("{url}: HTTP status {status}")),
                }
            }
        }
    }

    /// POSTs `body` to `rel` under an HTTP base; returns the response's status and body,
    /// whatever the status.
    pub(crate) fn post(
        &self,
        rel: &str,
        content_type: &str,
        body: &[u8],
    ) -> Result<(u16, Vec<u8>), String> {
        let Source::Http { base, agent } = self else {
            return Err(format!("{}: a directory takes no POST", self.describe()));
        };
        let url = format!("{base}/{rel}");
        let response = agent
            .post(&url)
            .header("content-type", content_type)
            .send(body)
            .map_err(|e| format!("{url}: {e}"))?;
        let status = response.status().as_u16();
        Ok((status, read_body(&url, response)?))
    }

    /// How the source is shown to the operator.
    pub(crate) fn describe(&self) -> String {
        match self {
            Source::Dir(dir) => dir.0.display().to_string(),
            Source::Http { base, .. } => base.clone(),
        }
    }
}

/// A response's body, refused beyond [`MAX_RESPONSE`] bytes.
fn read_body(url: &str, response: ureq::http::Response<ureq::Body>) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    response
        .into_body()
        .into_reader()
        .take(MAX_RESPONSE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{url}: {e}"))?;
    if bytes.len() as u64 > MAX_RESPONSE {
        return Err(format!(
            "{url}: the response is larger than {MAX_RESPONSE} bytes"
        ));
    }
    Ok(bytes)
}

impl TileSource for Source {
    fn read(&self, path: &TilePath) -> Result<Option<Vec<u8>>, String> {
        self.get(&path.to_string())
    }
}
