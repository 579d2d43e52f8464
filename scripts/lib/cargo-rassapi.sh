# shellcheck shell=bash
# The repository's scripts build DLLs and check them with the repository's
# own cargo subcommand, installed the way a user installs it:
#
#   source scripts/lib/cargo-rassapi.sh
#   cargo_rassapi_install            # cargo install --path cargo-rassapi (into target/)
#   cargo rassapi build --windows nt4 --manifest-path nt4/Cargo.toml --workspace
#
# cargo_rassapi_install puts target/cargo-rassapi/bin first on PATH, so
# `cargo rassapi` is the subcommand built from this checkout. It reuses the
# workspace's target directory, so a second call only checks freshness.

cargo_rassapi_install() {
    local root
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)" || return 1
    echo "cargo-rassapi.sh: cargo install --path cargo-rassapi" >&2
    cargo install --quiet --locked --force --path "$root/cargo-rassapi" \
        --root "$root/target/cargo-rassapi" --target-dir "$root/target" </dev/null >&2 || {
        echo "cargo-rassapi.sh: cannot install cargo-rassapi from $root/cargo-rassapi" >&2
        return 1
    }
    case ":$PATH:" in
    *":$root/target/cargo-rassapi/bin:"*) ;;
    *) export PATH="$root/target/cargo-rassapi/bin:$PATH" ;;
    esac
}
