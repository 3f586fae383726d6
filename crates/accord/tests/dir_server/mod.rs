//! A small HTTP/1.1 server for the binary's tests, serving a directory as the log server serves
//! `/log/…`, with a hook that may answer any request itself.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};

/// What a hook answers a request with: a status and a body.
pub(crate) type Answer = (u16, Vec<u8>);

/// Serves `dir` under `/log/` on a random port of 127.0.0.1 and returns the base URL
/// (`http://127.0.0.1:PORT/log`). Each request is first shown to `hook` (its method, path,
/// content type and body), which may answer it; otherwise a GET gets the file under `dir` (404
/// when there is none) and any other method 405.
pub(crate) fn serve<H>(dir: PathBuf, hook: H) -> String
where
    H: Fn(&str, &str, Option<&str>, &[u8]) -> Option<Answer> + Send + 'static,
{
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/log", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let _ = handle(stream, &dir, &hook);
        }
    });
    base
}

fn handle<H>(mut stream: TcpStream, dir: &Path, hook: &H) -> std::io::Result<()>
where
    H: Fn(&str, &str, Option<&str>, &[u8]) -> Option<Answer>,
{
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut words = request_line.split_whitespace();
    let method = words.next().unwrap_or_default().to_owned();
    let path = words.next().unwrap_or("/").to_owned();
    let (mut length, mut content_type) = (0, None);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim_end().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            let value = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "content-length" => length = value.parse().unwrap_or(0),
                "content-type" => content_type = Some(value.to_owned()),
                _ => {}
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let (status, body) = match hook(&method, &path, content_type.as_deref(), &body) {
        Some(answer) => answer,
        None if method == "GET" => {
            let file = path.strip_prefix("/log/").map(|p| dir.join(p));
            match file.and_then(|f| std::fs::read(f).ok()) {
                Some(bytes) => (200, bytes),
                None => (404, Vec::new()),
            }
        }
        None => (405, Vec::new()),
    };
    let head = format!(
        "HTTP/1.1 {status} Status\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(&body)
}
