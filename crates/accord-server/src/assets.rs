//! The browser assets, compiled into the binary and served at `/assets/…` with long caching
//! (their names change only with a release). See `assets/README.md` for where the third-party
//! files come from and their licences.

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// `(path under /assets/, media type, bytes)`.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "accord.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/accord.css"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../assets/favicon.svg"),
    ),
    (
        "live.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/live.js"),
    ),
    (
        "proof.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/proof.js"),
    ),
    (
        "countdown.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/countdown.js"),
    ),
    (
        "menu.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/menu.js"),
    ),
    (
        "confirm.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/confirm.js"),
    ),
    (
        "api-docs.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/api-docs.js"),
    ),
    (
        "swagger-ui/swagger-ui-bundle.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/swagger-ui/swagger-ui-bundle.js"),
    ),
    (
        "swagger-ui/swagger-ui.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/vendor/swagger-ui/swagger-ui.css"),
    ),
    (
        "swagger-ui/LICENSE",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/swagger-ui/LICENSE"),
    ),
    (
        "map.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/map.js"),
    ),
    (
        "leaflet/leaflet.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/leaflet/leaflet.js"),
    ),
    (
        "leaflet/leaflet.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/vendor/leaflet/leaflet.css"),
    ),
    (
        "leaflet/LICENSE",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/leaflet/LICENSE"),
    ),
    (
        "leaflet/images/layers.png",
        "image/png",
        include_bytes!("../assets/vendor/leaflet/images/layers.png"),
    ),
    (
        "leaflet/images/layers-2x.png",
        "image/png",
        include_bytes!("../assets/vendor/leaflet/images/layers-2x.png"),
    ),
    (
        "leaflet/images/marker-icon.png",
        "image/png",
        include_bytes!("../assets/vendor/leaflet/images/marker-icon.png"),
    ),
    (
        "leaflet/images/marker-icon-2x.png",
        "image/png",
        include_bytes!("../assets/vendor/leaflet/images/marker-icon-2x.png"),
    ),
    (
        "leaflet/images/marker-shadow.png",
        "image/png",
        include_bytes!("../assets/vendor/leaflet/images/marker-shadow.png"),
    ),
    (
        "topojson-client/topojson-client.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/topojson-client/topojson-client.min.js"),
    ),
    (
        "topojson-client/LICENSE",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/topojson-client/LICENSE"),
    ),
    (
        "world-atlas/countries-50m.json",
        "application/json",
        include_bytes!("../assets/vendor/world-atlas/countries-50m.json"),
    ),
    (
        "world-atlas/LICENSE",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/world-atlas/LICENSE"),
    ),
];

/// `GET /assets/{*path}`.
pub async fn serve(Path(path): Path<String>) -> Result<Response, AppError> {
    let (_, media_type, bytes) = ASSETS
        .iter()
        .find(|(p, _, _)| *p == path)
        .ok_or(AppError::NotFound)?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    Ok(response)
}
