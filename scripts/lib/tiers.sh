# shellcheck shell=bash
# The tier loop shared by scripts/test and scripts/robust.
#
#   run_tiers SCRIPT BANNER PREFIX NAME...
#
# Checks first that a function PREFIX_NAME exists for every NAME (else exits
# 2 with "SCRIPT: unknown PREFIX 'NAME' (one of: ...)"), then runs them in
# order, each between "=== BANNER NAME ===" and "=== BANNER NAME passed in
# S s ===" on stderr. A failing tier stops the script (callers run under
# set -e). Afterwards TIER_TIMES holds "NAME S" per tier and TIER_SECONDS
# the total.

# shellcheck disable=SC2034 # read by the sourcing script
TIER_TIMES=()
# shellcheck disable=SC2034
TIER_SECONDS=0

run_tiers() {
    local script=$1 banner=$2 prefix=$3 t t0 start=$SECONDS choices
    shift 3
    for t in "$@"; do
        declare -F "${prefix}_$t" >/dev/null && continue
        choices=$(declare -F | sed -n "s/^declare -f ${prefix}_//p" | tr '\n' ' ')
        echo "$script: unknown $prefix '$t' (one of: ${choices% })" >&2
        exit 2
    done
    for t in "$@"; do
        echo "=== $banner $t ===" >&2
        t0=$SECONDS
        "${prefix}_$t"
        echo "=== $banner $t passed in $((SECONDS - t0)) s ===" >&2
        TIER_TIMES+=("$t $((SECONDS - t0)) s")
    done
    # shellcheck disable=SC2034
    TIER_SECONDS=$((SECONDS - start))
}
