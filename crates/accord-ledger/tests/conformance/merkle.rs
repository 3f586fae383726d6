//! The Merkle half of the conformance suite: every tree, proof, hasher and tile-path vector in
//! `shared/conformance/ledger/`. Run with `--nocapture` to see the counts.

use std::collections::BTreeMap;
use std::path::Path;

use crate::vectors::{b64_bytes, hex_bytes, hex_hash, hex_hashes, load, u64_of};
use accord_ledger::{
    Hash, MemoryTileStore, TilePath, Tree, empty_root, leaf_hash, verify_consistency,
    verify_inclusion,
};
use serde_json::Value;

#[derive(Default)]
struct Tally(BTreeMap<&'static str, (usize, usize)>);

impl Tally {
    fn pass(&mut self, kind: &'static str) {
        self.0.entry(kind).or_default().0 += 1;
    }
    fn skip(&mut self, kind: &'static str) {
        self.0.entry(kind).or_default().1 += 1;
    }
    fn print(&self, title: &str) {
        for (kind, (passed, skipped)) in &self.0 {
            let why = "subtree proofs of the Merkle Tree Certificates draft, not RFC 9162";
            crate::vectors::report(&format!("{title}: {kind}"), *passed, *skipped, why);
        }
    }
}

fn reference_tree() -> (Vec<Vec<u8>>, Tree<MemoryTileStore>) {
    let v = load("rfc6962_reference_tree.json");
    let leaves: Vec<Vec<u8>> = v["leaf_inputs_hex"]
        .as_array()
        .unwrap()
        .iter()
        .map(hex_bytes)
        .collect();
    let mut tree = Tree::new(MemoryTileStore::new());
    tree.append(&leaves).unwrap();
    (leaves, tree)
}

#[test]
fn hasher_known_answers() {
    let mut tally = Tally::default();
    for case in load("hasher_kats.json")["cases"].as_array().unwrap() {
        let want = if case["out_hex"].is_string() {
            hex_hash(&case["out_hex"])
        } else {
            Hash::from_slice(&b64_bytes(&case["out_b64"])).unwrap()
        };
        let input: Option<Vec<u8>> = if case["leaf_input_hex"].is_string() {
            Some(hex_bytes(&case["leaf_input_hex"]))
        } else {
            case["leaf_input_utf8"]
                .as_str()
                .map(|s| s.as_bytes().to_vec())
        };
        let got = if let Some(input) = input {
            leaf_hash(&input)
        } else if let (Some(l), Some(r)) = (case["left_utf8"].as_str(), case["right_utf8"].as_str())
        {
            // The children here are raw 4-byte strings, not hashes: hash the prefix by hand.
            use sha2::Digest as _;
            Hash(sha2::Sha256::digest([&[1u8][..], l.as_bytes(), r.as_bytes()].concat()).into())
        } else {
            empty_root()
        };
        assert_eq!(got, want, "{}", case["what"]);
        tally.pass("hasher known answers");
    }
    tally.print("hasher_kats.json");
}

#[test]
fn reference_tree_roots_nodes_and_proofs() {
    let v = load("rfc6962_reference_tree.json");
    let (leaves, tree) = reference_tree();
    let mut tally = Tally::default();
    for (size, root) in v["roots_by_tree_size_hex"].as_object().unwrap() {
        let size: u64 = size.parse().unwrap();
        assert_eq!(
            tree.root_at(size).unwrap(),
            hex_hash(root),
            "root of size {size}"
        );
        tally.pass("roots by size");
    }
    for (level, row) in v["node_hashes_by_level_hex"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        for (i, h) in hex_hashes(row).iter().enumerate() {
            // A complete node is the root of the tree made of exactly its leaves.
            let lo = i << level;
            let mut sub = Tree::new(MemoryTileStore::new());
            sub.append(&leaves[lo..lo + (1 << level)]).unwrap();
            assert_eq!(sub.root(), *h, "node at level {level} index {i}");
            tally.pass("node hashes");
        }
    }
    for p in v["published_inclusion_proofs"].as_array().unwrap() {
        let (index, size) = (u64_of(&p["leaf_index"]), u64_of(&p["tree_size"]));
        let proof = hex_hashes(&p["proof_hex"]);
        assert_eq!(tree.inclusion_proof(index, size).unwrap(), proof);
        tally.pass("published inclusion proofs");
    }
    for p in v["published_consistency_proofs"].as_array().unwrap() {
        let (old, new) = (u64_of(&p["size1"]), u64_of(&p["size2"]));
        let proof = hex_hashes(&p["proof_hex"]);
        assert_eq!(tree.consistency_proof(old, new).unwrap(), proof);
        tally.pass("published consistency proofs");
    }
    tally.print("rfc6962_reference_tree.json");
}

#[test]
fn every_proof_over_the_reference_tree() {
    let v = load("rfc6962_reference_tree_all_proofs.derived.json");
    let (_, tree) = reference_tree();
    let mut tally = Tally::default();
    for p in v["inclusion"].as_array().unwrap() {
        let (index, size) = (u64_of(&p["leaf_index"]), u64_of(&p["tree_size"]));
        let (leaf, root) = (hex_hash(&p["leaf_hash_hex"]), hex_hash(&p["root_hex"]));
        let proof = hex_hashes(&p["proof_hex"]);
        assert_eq!(tree.inclusion_proof(index, size).unwrap(), proof, "{p}");
        verify_inclusion(index, size, &leaf, &proof, &root).unwrap();
        tally.pass("inclusion proofs (built and verified)");
    }
    for p in v["consistency"].as_array().unwrap() {
        let (old, new) = (u64_of(&p["size1"]), u64_of(&p["size2"]));
        let (r1, r2) = (hex_hash(&p["root1_hex"]), hex_hash(&p["root2_hex"]));
        let proof = hex_hashes(&p["proof_hex"]);
        assert_eq!(tree.consistency_proof(old, new).unwrap(), proof, "{p}");
        verify_consistency(old, new, &r1, &r2, &proof).unwrap();
        tally.pass("consistency proofs (built and verified)");
    }
    tally.print("rfc6962_reference_tree_all_proofs.derived.json");
}

#[test]
fn a_real_certificate_transparency_log() {
    let v = load("ct_argon2020_real_log.json");
    let leaf = leaf_hash(&b64_bytes(&v["leaf_input_b64"]));
    assert_eq!(leaf.as_bytes().to_vec(), b64_bytes(&v["leaf_hash_b64"]));
    let root = Hash::from_slice(&b64_bytes(&v["root_hash_b64"])).unwrap();
    let old_root = Hash::from_slice(&b64_bytes(&v["old_root_hash_b64"])).unwrap();
    let b64_list = |key: &str| -> Vec<Hash> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| Hash::from_slice(&b64_bytes(h)).unwrap())
            .collect()
    };
    let size = u64_of(&v["tree_size"]);
    let inclusion = b64_list("inclusion_proof_b64");
    assert!(v["expect"]["inclusion_valid"].as_bool().unwrap());
    verify_inclusion(u64_of(&v["leaf_index"]), size, &leaf, &inclusion, &root).unwrap();
    let consistency = b64_list("consistency_proof_b64");
    verify_consistency(
        u64_of(&v["old_tree_size"]),
        size,
        &old_root,
        &root,
        &consistency,
    )
    .unwrap();
    // And a flipped bit anywhere breaks both.
    let mut bad = inclusion;
    bad[17].0[3] ^= 1;
    assert!(verify_inclusion(u64_of(&v["leaf_index"]), size, &leaf, &bad, &root).is_err());
    let mut bad = consistency;
    bad[0].0[0] ^= 0x80;
    assert!(verify_consistency(u64_of(&v["old_tree_size"]), size, &old_root, &root, &bad).is_err());
    Tally(BTreeMap::from([(
        "real log inclusion + consistency",
        (2, 0),
    )]))
    .print("ct_argon2020_real_log.json");
}

/// Decodes a probe's proof element; `None` when it is not a 32-byte hash (such a probe must fail).
fn probe_hash(v: &Value) -> Option<Hash> {
    Hash::from_slice(&b64_bytes(v)).ok()
}

/// Decodes a probe's root. Accord's roots are typed 32-byte hashes; the probes also carry
/// placeholder roots of other lengths ("don't care"), which only the equal-size rule compares,
/// byte for byte. Such a root is carried as the SHA-256 of its bytes: equal stays equal,
/// different stays different, and it can never match a computed root.
fn probe_root(v: &Value) -> Hash {
    use sha2::Digest as _;
    let bytes = b64_bytes(v);
    Hash::from_slice(&bytes).unwrap_or_else(|_| Hash(sha2::Sha256::digest(&bytes).into()))
}

fn probe_proof(v: &Value) -> Option<Vec<Hash>> {
    v.as_array()
        .map(|a| a.iter().map(probe_hash).collect())
        .unwrap_or(Some(Vec::new()))
}

fn run_probe(kind: &str, p: &Value) -> bool {
    match kind {
        "inclusion" => (|| {
            let leaf = probe_hash(&p["leafHash"])?;
            let root = probe_root(&p["root"]);
            let proof = probe_proof(&p["proof"])?;
            let (index, size) = (u64_of(&p["leafIdx"]), u64_of(&p["treeSize"]));
            Some(verify_inclusion(index, size, &leaf, &proof, &root).is_ok())
        })()
        .unwrap_or(false),
        "consistency" => (|| {
            let (r1, r2) = (probe_root(&p["root1"]), probe_root(&p["root2"]));
            let proof = probe_proof(&p["proof"])?;
            let (old, new) = (u64_of(&p["size1"]), u64_of(&p["size2"]));
            Some(verify_consistency(old, new, &r1, &r2, &proof).is_ok())
        })()
        .unwrap_or(false),
        _ => unreachable!(),
    }
}

fn probe_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            probe_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

#[test]
fn reference_implementation_probes() {
    let root = crate::vectors::dir().join("upstream/transparency-dev-merkle/testdata");
    let mut tally = Tally::default();
    let mut total = 0;
    for kind in [
        "inclusion",
        "consistency",
        "subtreeinclusion",
        "subtreeconsistency",
    ] {
        let mut files = Vec::new();
        probe_files(&root.join(kind), &mut files);
        assert!(!files.is_empty(), "no probes found under {kind}/");
        files.sort();
        for file in files {
            total += 1;
            let label: &'static str = match kind {
                "inclusion" => "probes: inclusion",
                "consistency" => "probes: consistency",
                "subtreeinclusion" => "probes: subtree inclusion (MTC draft)",
                _ => "probes: subtree consistency (MTC draft)",
            };
            if kind.starts_with("subtree") {
                // Subtree proofs (draft-ietf-plants-merkle-tree-certs) are not part of RFC 9162
                // and Accord does not use them; they are counted and skipped.
                tally.skip(label);
                continue;
            }
            let p: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            let want_err = p["wantErr"].as_bool().unwrap();
            let ok = run_probe(kind, &p);
            assert_eq!(ok, !want_err, "{}: {}", file.display(), p["desc"]);
            tally.pass(label);
        }
    }
    assert_eq!(total, 518, "the reference set has 518 probes");
    tally.print("upstream/transparency-dev-merkle/testdata (518 probes)");
}

#[test]
fn tile_paths() {
    let v = load("tlog_tiles_paths.json");
    let mut tally = Tally::default();
    for ex in v["c2sp_examples"].as_array().unwrap() {
        if let Some(index) = ex["index"].as_u64() {
            let mut s = String::new();
            accord_ledger::path::encode_index(index, &mut s);
            assert_eq!(s, ex["encoded"].as_str().unwrap());
            assert_eq!(accord_ledger::path::decode_index(&s), Some(index));
            tally.pass("C2SP index encodings");
            continue;
        }
        // A tree of this size: build it and check which tiles the store holds.
        let size = u64_of(&ex["tree_size"]);
        let mut tree = Tree::new(MemoryTileStore::new());
        let leaves: Vec<[u8; 8]> = (0..size).map(u64::to_be_bytes).collect();
        tree.append(&leaves).unwrap();
        for row in ex["derived_table"].as_array().unwrap() {
            let level = u8::try_from(u64_of(&row["level"])).unwrap();
            let full = u64_of(&row["full_tiles"]);
            let tiles: Vec<_> = tree
                .store()
                .tiles()
                .filter(|t| t.id().level == level)
                .collect();
            assert_eq!(tiles.iter().filter(|t| t.is_full()).count() as u64, full);
            let partial = tiles.iter().find(|t| !t.is_full());
            match row["partial_path"].as_str() {
                Some(path) => {
                    let t = partial.expect("a partial tile");
                    assert_eq!(TilePath::hashes(t.id(), t.width()).to_string(), path);
                    assert_eq!(t.width() as u64, u64_of(&row["partial_width"]));
                }
                None => assert!(partial.is_none()),
            }
            tally.pass("tile counts per level");
        }
    }
    // Go sumdb paths carry an explicit tile height; the level, index and width parts are the
    // same encoding. Strip the height and read the rest as a C2SP path.
    let sumdb = &v["sumdb_paths"];
    for pair in sumdb["valid"].as_array().unwrap() {
        let path = pair[0].as_str().unwrap();
        let want = &pair[1];
        let (_, rest) = path["tile/".len()..].split_once('/').unwrap();
        let c2sp = format!("tile/{}", rest.replace("data/", "entries/"));
        let parsed: TilePath = c2sp.parse().unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(parsed.index, u64_of(&want["N"]), "{path}");
        let partial = path.contains(".p/");
        assert_eq!(parsed.is_partial(), partial);
        if partial {
            assert_eq!(u64::from(parsed.width), u64_of(&want["W"]));
        }
        tally.pass("sumdb paths (index encoding)");
    }
    for bad in sumdb["invalid"].as_array().unwrap() {
        let path = bad.as_str().unwrap();
        let (_, rest) = path["tile/".len()..].split_once('/').unwrap();
        assert!(
            format!("tile/{rest}").parse::<TilePath>().is_err(),
            "{path}"
        );
        tally.pass("sumdb paths (refused)");
    }
    tally.print("tlog_tiles_paths.json");
}

#[test]
fn treaty_ledger_tree_and_proofs() {
    let v = load("treaty_ledger_example.derived.json");
    let events: Vec<&str> = v["events_utf8"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    let mut tree = Tree::new(MemoryTileStore::new());
    let mut tally = Tally::default();
    for (i, e) in events.iter().enumerate() {
        assert_eq!(leaf_hash(e.as_bytes()), hex_hash(&v["leaf_hashes_hex"][i]));
        tree.append(&[e.as_bytes()]).unwrap();
        tally.pass("leaf hashes");
    }
    for (size, root) in v["roots_by_size_hex"].as_object().unwrap() {
        assert_eq!(tree.root_at(size.parse().unwrap()).unwrap(), hex_hash(root));
        tally.pass("roots by size");
    }
    let root5 = tree.root();
    for (index, proof) in v["inclusion_proofs_size5_hex"].as_object().unwrap() {
        let index: u64 = index.parse().unwrap();
        let proof = hex_hashes(proof);
        assert_eq!(tree.inclusion_proof(index, 5).unwrap(), proof);
        let leaf = leaf_hash(events[usize::try_from(index).unwrap()].as_bytes());
        verify_inclusion(index, 5, &leaf, &proof, &root5).unwrap();
        tally.pass("inclusion proofs at size 5");
    }
    let proof = hex_hashes(&v["consistency_3_to_5_hex"]);
    assert_eq!(tree.consistency_proof(3, 5).unwrap(), proof);
    let valid = verify_consistency(3, 5, &tree.root_at(3).unwrap(), &root5, &proof).is_ok();
    assert_eq!(
        valid,
        v["expect"]["consistency_3_to_5_valid"].as_bool().unwrap()
    );
    tally.pass("consistency 3 -> 5");
    tally.print("treaty_ledger_example.derived.json (tree part)");
}
