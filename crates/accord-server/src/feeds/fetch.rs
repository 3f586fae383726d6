//! The feed poller's HTTP client: ureq (rustls with ring, the workspace's one TLS stack) run
//! on the blocking pool, with a timeout, a bound on the redirects it follows (none for a linked
//! alert) and a bound on every body it reads. Errors are described without the URL, which may carry credentials.

use super::TIMEOUT;

/// The answer to a GET.
pub(super) struct Fetched {
    pub(super) status: u16,
    pub(super) etag: Option<String>,
    pub(super) last_modified: Option<String>,
    pub(super) body: Vec<u8>,
}

/// A GET of `url` with conditional headers, following at most `redirects` redirects (with none,
/// a redirect is answered as its status), its body read up to `limit` bytes.
pub(super) async fn fetch(
    url: String,
    etag: Option<String>,
    last_modified: Option<String>,
    accept: &'static str,
    limit: usize,
    redirects: u32,
) -> Result<Fetched, String> {
    let joined = tokio::task::spawn_blocking(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .http_status_as_error(false)
            .max_redirects(redirects)
            .user_agent("Accord feed poller")
            .build()
            .into();
        let mut request = agent.get(&url).header("accept", accept);
        if let Some(etag) = &etag {
            request = request.header("if-none-match", etag);
        }
        if let Some(at) = &last_modified {
            request = request.header("if-modified-since", at);
        }
        let mut response = request.call().map_err(|e| describe(&e))?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let (etag, last_modified) = (header("etag"), header("last-modified"));
        let status = response.status().as_u16();
        let body = if status == 200 {
            response
                .body_mut()
                .with_config()
                .limit(u64::try_from(limit).unwrap_or(u64::MAX))
                .read_to_vec()
                .map_err(|e| describe(&e))?
        } else {
            Vec::new()
        };
        Ok(Fetched {
            status,
            etag,
            last_modified,
            body,
        })
    })
    .await;
    joined.map_err(|e| format!("the request failed: {e}"))?
}

/// A client error in words, without the URL (which may carry credentials).
fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::BodyExceedsLimit(limit) => format!("the answer is larger than {limit} bytes"),
        ureq::Error::Timeout(_) => format!("no answer within {} seconds", TIMEOUT.as_secs()),
        ureq::Error::Io(io) => format!("the connection failed: {}", io.kind()),
        ureq::Error::HostNotFound => "the host is not found".to_owned(),
        ureq::Error::ConnectionFailed => "the connection failed".to_owned(),
        ureq::Error::TooManyRedirects => "too many redirects".to_owned(),
        other => format!(
            "the request failed: {}",
            other.to_string().replace('\n', " ")
        ),
    }
}
