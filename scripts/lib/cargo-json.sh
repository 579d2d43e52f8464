# shellcheck shell=bash
# Reading cargo's JSON (and criterion's) with jq, installed on first use.
# One place for every script that asks cargo where it put something.
#
#   cargo ... --message-format=json | cargo_json executables      # every built executable
#   cargo ... --message-format=json | cargo_json test-executables # test-profile ones only
#   cargo ... --message-format=json | cargo_json out-dir ID       # OUT_DIR of package ID's build script
#   cargo metadata --no-deps --format-version 1 | cargo_json package-id    # this package's ID
#   cargo metadata --no-deps --format-version 1 | cargo_json test-targets       # [[test]] names
#   cargo metadata --no-deps --format-version 1 | cargo_json self-dev-features  # features the
#                                                   # package's dev-dependency on itself turns on
#   cargo_json criterion-median FILE                # median point estimate of an estimates.json
#
# Prints one value per line; exits non-zero (with a message) if jq is missing
# and cannot be installed or the input is not JSON.

# shellcheck source=scripts/packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/../packages.sh"

cargo_json() {
    command -v jq >/dev/null || ensure_packages jq || {
        echo "cargo_json: jq missing; run: apt-get install jq" >&2
        return 1
    }
    local query=$1
    shift
    # The package at the workspace's root (rassapi; cargo-rassapi is a member).
    # shellcheck disable=SC2016 # jq variables, not bash ones
    local root_package='(.workspace_root + "/Cargo.toml") as $m | .packages[] | select(.manifest_path == $m)'
    case $query in
    executables)
        jq -r 'select(.reason == "compiler-artifact" and .executable != null) | .executable' ;;
    test-executables)
        jq -r 'select(.reason == "compiler-artifact" and .executable != null and .profile.test) | .executable' ;;
    package-id)
        # Exact, as cargo spells it (the form depends on the cargo version and
        # on whether the directory is named like the package).
        jq -r "$root_package"' | .id' ;;
    out-dir)
        jq -r --arg id "$1" 'select(.reason == "build-script-executed" and .package_id == $id) | .out_dir' ;;
    test-targets)
        jq -r "$root_package"' | .targets[] | select(.kind | index("test")) | .name' ;;
    self-dev-features)
        jq -r "$root_package"' as $p | $p.dependencies[]
            | select(.name == $p.name and .kind == "dev") | .features[]' ;;
    criterion-median)
        jq -r '.median.point_estimate' "$1" ;;
    *)
        echo "cargo_json: unknown query '$query'" >&2
        return 2 ;;
    esac
}
