//! Publications' images: decoding an upload within bounds, the thumbnails the server makes, and
//! `GET /media/{hash}`, which serves a stored rendition to those who may see its publication.
//!
//! Only JPEG, PNG and WebP are accepted (the `image` crate is built with those decoders alone),
//! recognised by their content, not by a name or a declared type. An upload is at most
//! [`MAX_BYTES`], at most [`MAX_SIDE`] pixels a side and [`MAX_PIXELS`] in all, checked from
//! the header before anything is decoded, and decoded with the same limits. Thumbnails are
//! [`THUMBNAIL_WIDTHS`] wide (only those narrower than the original), JPEG when the original
//! has no transparency, else PNG. Every rendition is stored as a blob under its SHA-256, with
//! the entry that names it.

use std::io::Cursor;

use accord_core::publications::model::Rendition;
use accord_ledger::Hash;
use accord_store::{Blob, Store as _};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse as _, Response};
use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use sha2::{Digest as _, Sha256};

use crate::app::AppState;
use crate::error::AppError;
use crate::publications::may_see;
use crate::viewer::Ctx;

/// The largest upload, in bytes (10 MiB).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The widest or tallest image, in pixels.
pub const MAX_SIDE: u32 = 10_000;
/// The most pixels an image may have (40 megapixels).
pub const MAX_PIXELS: u64 = 40_000_000;
/// The widths of the thumbnails the server makes.
pub const THUMBNAIL_WIDTHS: [u32; 2] = [320, 1024];

/// Why an upload is refused (each names what is wrong; the caller names the field).
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// Larger than [`MAX_BYTES`].
    #[error("the file is larger than {} MiB", MAX_BYTES / 1024 / 1024)]
    TooLarge,
    /// Empty.
    #[error("the file is empty")]
    Empty,
    /// Not an image of an accepted format.
    #[error("the file is not a JPEG, PNG or WebP image")]
    NotAnImage,
    /// Too many pixels.
    #[error("the image is {width} × {height} pixels; at most {MAX_SIDE} a side and {} megapixels are accepted", MAX_PIXELS / 1_000_000)]
    TooManyPixels {
        /// Its width.
        width: u32,
        /// Its height.
        height: u32,
    },
    /// The decoder could not read it.
    #[error("the image cannot be decoded: {0}")]
    Broken(String),
}

/// An upload, decoded and rendered: the original and its thumbnails, each as the image record
/// names it and as the blob stored.
#[derive(Debug)]
pub struct Processed {
    /// The original, as uploaded.
    pub original: (Rendition, Blob),
    /// The thumbnails, narrowest first.
    pub thumbnails: Vec<(Rendition, Blob)>,
}

impl Processed {
    /// Every blob to store.
    pub fn blobs(&self) -> Vec<Blob> {
        std::iter::once(&self.original)
            .chain(&self.thumbnails)
            .map(|(_, blob)| blob.clone())
            .collect()
    }
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    limits
}

fn rendition(bytes: Vec<u8>, media_type: &str, width: u32, height: u32) -> (Rendition, Blob) {
    let hash = Hash(Sha256::digest(&bytes).into());
    let rendition = Rendition {
        hash: hash.to_hex(),
        media_type: media_type.to_owned(),
        width,
        height,
    };
    let blob = Blob {
        hash,
        media_type: media_type.to_owned(),
        bytes,
    };
    (rendition, blob)
}

/// Checks, decodes and renders an upload (CPU-bound: call it on the blocking pool).
///
/// # Errors
/// A [`Refusal`] naming what is wrong with the file.
pub fn process(bytes: Vec<u8>) -> Result<Processed, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(Refusal::TooLarge);
    }
    let format = image::guess_format(&bytes).map_err(|_| Refusal::NotAnImage)?;
    let media_type = match format {
        ImageFormat::Png => "image/png",
        ImageFormat::Jpeg => "image/jpeg",
        ImageFormat::WebP => "image/webp",
        _ => return Err(Refusal::NotAnImage),
    };
    let (width, height) = ImageReader::with_format(Cursor::new(&bytes), format)
        .into_dimensions()
        .map_err(|e| Refusal::Broken(e.to_string()))?;
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Refusal::TooManyPixels { width, height });
    }
    let mut reader = ImageReader::with_format(Cursor::new(&bytes), format);
    reader.limits(limits());
    let decoded = reader
        .decode()
        .map_err(|e| Refusal::Broken(e.to_string()))?;
    let mut thumbnails = Vec::new();
    for target in THUMBNAIL_WIDTHS.into_iter().filter(|w| *w < width) {
        thumbnails.push(thumbnail(&decoded, target)?);
    }
    Ok(Processed {
        original: rendition(bytes, media_type, width, height),
        thumbnails,
    })
}

/// A thumbnail `width` pixels wide, its height in proportion (at least one pixel).
fn thumbnail(image: &DynamicImage, width: u32) -> Result<(Rendition, Blob), Refusal> {
    let height = u32::try_from(
        (u64::from(image.height()) * u64::from(width) + u64::from(image.width()) / 2)
            / u64::from(image.width().max(1)),
    )
    .unwrap_or(1)
    .max(1);
    let small = image.resize_exact(width, height, image::imageops::FilterType::Triangle);
    let mut bytes = Vec::new();
    let media_type = if small.color().has_alpha() {
        small
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
            .map_err(|e| Refusal::Broken(e.to_string()))?;
        "image/png"
    } else {
        let rgb = DynamicImage::ImageRgb8(small.to_rgb8());
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 85);
        rgb.write_with_encoder(encoder)
            .map_err(|e| Refusal::Broken(e.to_string()))?;
        "image/jpeg"
    };
    Ok(rendition(bytes, media_type, width, height))
}

/// `GET /media/{hash}`: a stored image rendition, to those who may see its publication (a
/// draft's images answer 404 to the public, as if they did not exist). Content-addressed, so a
/// public one is cached for a year; a draft's only privately.
pub async fn serve(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(hash): Path<String>,
) -> Result<Response, AppError> {
    let public = {
        let state = app.journal.state();
        let publication = state
            .publications()
            .by_media(&hash)
            .ok_or(AppError::NotFound)?;
        if !may_see(&ctx, publication) {
            return Err(AppError::NotFound);
        }
        publication.is_public()
    };
    let key = Hash::from_hex(&hash).map_err(|_| AppError::NotFound)?;
    let blob = app
        .journal
        .store()
        .blob(&key)
        .await?
        .ok_or(AppError::NotFound)?;
    let content_type = HeaderValue::from_str(&blob.media_type)
        .map_err(|e| AppError::internal("a stored image's media type", e))?;
    let mut response = blob.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, content_type);
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if public {
            "public, max-age=31536000, immutable"
        } else {
            "private, no-store"
        }),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(response)
}
