# shellcheck shell=bash
# The rassapi crate as `cargo package` makes it from the committed tree
# (`git archive HEAD`, so uncommitted changes are not in it):
#
#   source scripts/lib/package.sh
#   dir=$(packaged_crate WORKDIR)   # prints the unpacked .crate's directory
#
# Build products go to target/package-tier/; the .crate to
# target/package-tier/package/.
# shellcheck source=scripts/packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/../packages.sh"

packaged_crate() {
    local work=$1 repo target crate
    repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)" || return 1
    target="$repo/target/package-tier"
    ensure_packages git jq || return 1
    git -C "$repo" diff --quiet HEAD -- ||
        echo "packaged_crate: packaging HEAD; uncommitted changes are not in it" >&2
    mkdir -p "$work/src" "$work/unpacked" || return 1
    git -C "$repo" archive --format=tar --prefix=src/ HEAD | tar -x -C "$work" || return 1
    (cd "$work/src" && CARGO_TARGET_DIR="$target" cargo package -p rassapi --no-verify --quiet </dev/null) ||
        return 1
    crate=$(cargo metadata --no-deps --format-version 1 --manifest-path "$work/src/Cargo.toml" </dev/null |
        jq -r '.packages[] | select(.name == "rassapi") | "\(.name)-\(.version)"') || return 1
    tar -xzf "$target/package/$crate.crate" -C "$work/unpacked" || return 1
    echo "$work/unpacked/$crate"
}
