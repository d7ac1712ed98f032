#!/usr/bin/env bash
# The project's test command (README: "Run the tests"), also what CI runs.
# Installs the system packages the tests need when they are missing, then
# checks formatting and lints and runs every test in release mode (the
# streaming test pushes 100 MB through `qari render`), the ones that need
# those packages too (the `system-tests` feature; plain `cargo test` ignores
# them).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests need, as "package:file it provides".
needed=(
  "unicode-data:/usr/share/unicode/BidiCharacterTest.txt"
  "dict-freedict-ara-eng:/usr/share/dictd/freedict-ara-eng.index"
  "dict-freedict-eng-ara:/usr/share/dictd/freedict-eng-ara.index"
  "python3-venv:/usr/share/doc/python3-venv"
  "espeak-ng:/usr/bin/espeak-ng"
)
missing=()
for entry in "${needed[@]}"; do
  [ -e "${entry#*:}" ] || missing+=("${entry%%:*}")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "tools/test.sh: missing packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Anki's own importer (PyPI package `anki`), for tests/cli/anki_import.rs.
if [ ! -x target/anki-venv/bin/python ] || ! target/anki-venv/bin/python -c "import anki" 2>/dev/null; then
  echo "installing Anki's importer into target/anki-venv"
  rm -rf target/anki-venv
  python3 -m venv target/anki-venv
  target/anki-venv/bin/pip install --quiet --disable-pip-version-check anki
fi

cargo fmt --all --check
cargo clippy --workspace --all-targets --features qari/system-tests --quiet -- -D warnings

# Run the tests, then close with one line summing every test binary's result.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
cargo test --workspace --release --features qari/system-tests --no-fail-fast 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep '^test result:' "$log" | grep -oE '[0-9]+ passed' | awk '{ n += $1 } END { print n + 0 }')
failed=$(grep '^test result:' "$log" | grep -oE '[0-9]+ failed' | awk '{ n += $1 } END { print n + 0 }')
echo "tests: $passed passed, $failed failed"
exit "$status"
