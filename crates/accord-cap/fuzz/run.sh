#!/usr/bin/env bash
# Seeds the corpus from the conformance files and fuzzes a target.
# Usage: crates/accord-cap/fuzz/run.sh [validate|feed] [seconds]
set -euo pipefail
cd "$(dirname "$0")"
target="${1:-validate}"
seconds="${2:-600}"
conformance="${ACCORD_CAP_CONFORMANCE:-../../../../shared/conformance/cap}"
mkdir -p "corpus/$target"
cp "$conformance"/*.xml "$conformance"/*.cap "corpus/$target/"
cargo +nightly fuzz run "$target" "corpus/$target" -- \
  -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -dict=cap.dict
