//! `accord export DIR`: the log as a verifier reads it, at the latest signed checkpoint: the
//! checkpoint with its witnesses' cosignatures, the stored tiles and the entry bundles (C2SP
//! tlog-tiles layout), and the bodies the exporter may release.

use std::path::{Path, PathBuf};

use accord_core::{Classification, Envelope};
use accord_ledger::{TILE_WIDTH, TilePath, encode_bundle};
use accord_store::Store;
use anyhow::{Context as _, Result, bail};
use clap::Args;

use crate::settings::Settings;
use crate::{node, out};

/// Arguments of `accord export`.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The directory to write (created; must be empty if it exists).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Export the bodies of entries up to this classification (public, restricted,
    /// confidential). Entries of every classification are exported: only bodies are withheld.
    #[arg(long, default_value = "public", value_parser = parse_class)]
    bodies: Classification,
}

fn parse_class(s: &str) -> Result<Classification, String> {
    Classification::parse(s).map_err(|e| e.to_string())
}

pub(crate) async fn run(settings: &Settings, args: &ExportArgs) -> Result<()> {
    prepare_dir(&args.dir)?;
    let store = node::open_store(settings).await?;
    let Some(cp) = store.latest_checkpoint().await? else {
        bail!("the log has no signed checkpoint yet: start Accord once so that it signs one");
    };
    let size = cp.size;
    let mut note = cp.note.clone();
    let cosignatures = store.cosignatures(size).await?;
    for c in &cosignatures {
        note.push_str(&c.line);
        note.push('\n');
    }
    write(&args.dir, "checkpoint", note.as_bytes())?;
    // Every earlier checkpoint too, with its cosignatures: a verifier checks each against the
    // same tree, which shows the log was only ever appended to.
    // Only those up to the exported one: a running node may have signed a newer one since.
    let checkpoints: Vec<_> = store
        .checkpoints()
        .await?
        .into_iter()
        .filter(|c| c.size <= size)
        .collect();
    for older in &checkpoints {
        let mut text = older.note.clone();
        for c in store.cosignatures(older.size).await? {
            text.push_str(&c.line);
            text.push('\n');
        }
        write(
            &args.dir,
            &format!("checkpoints/{}", older.size),
            text.as_bytes(),
        )?;
    }

    // Entry bundles, and the bodies that may be released.
    let (mut from, mut bodies) = (0u64, 0usize);
    while from < size {
        let want = (size - from).min(TILE_WIDTH as u64);
        let page = store
            .entries_with_bodies(from, u32::try_from(want)?)
            .await?;
        if page.len() as u64 != want {
            bail!(
                "entry {} is missing from the store, but the checkpoint covers {size} entries; \
                 the log cannot be exported (run `accord init` to check it)",
                from + page.len() as u64
            );
        }
        let entries: Vec<&[u8]> = page.iter().map(|e| e.entry.as_slice()).collect();
        let path = TilePath::entries(from / TILE_WIDTH as u64, entries.len());
        write(&args.dir, &path.to_string(), &encode_bundle(&entries)?)?;
        for (i, e) in page.iter().enumerate() {
            if e.seq != from + i as u64 {
                bail!("entry {} is missing from the store", from + i as u64);
            }
            let envelope = Envelope::parse(&e.entry)
                .with_context(|| format!("entry {} is not an envelope", e.seq))?;
            if envelope.classification() <= args.bodies
                && let Some(body) = &e.body
            {
                // Release a body only if it is the one its entry names, with the entry's
                // classification: the stored join column is not trusted on its own.
                envelope
                    .open(body)
                    .with_context(|| format!("the body of entry {} does not match it", e.seq))?;
                let name = format!("bodies/{}", envelope.body_hash().to_hex());
                write(&args.dir, &name, body)?;
                bodies += 1;
            }
        }
        from += want;
        if from % 100_000 < want {
            eprintln_progress(from, size);
        }
    }

    // Tiles, cut to the checkpoint's size.
    let mut tiles = 0;
    for tile in store.tiles().await? {
        let width = tile.id().width_at(size);
        if width == 0 {
            continue;
        }
        let path = TilePath::hashes(tile.id(), width);
        write(&args.dir, &path.to_string(), &tile.to_bytes(width))?;
        tiles += 1;
    }
    out(&format!(
        "exported {size} entries, {tiles} tiles, {bodies} bodies (up to {}), {} checkpoints and \
         the latest with {} cosignatures to {}",
        args.bodies.as_str(),
        checkpoints.len(),
        cosignatures.len(),
        args.dir.display()
    ));
    Ok(())
}

fn eprintln_progress(done: u64, size: u64) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "exported {done} of {size} entries");
}

fn prepare_dir(dir: &Path) -> Result<()> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        bail!(
            "{} is not empty; export into a new or empty directory",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
}
