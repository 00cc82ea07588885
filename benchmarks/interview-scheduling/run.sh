#!/usr/bin/env bash
# Interview scheduling: `casework schedule` against a CP-SAT reference on generated weeks, both answers checked by the
# independent validator (docs/schedule-format.md is the contract all three read).
#
#   benchmarks/interview-scheduling/run.sh [--size national|medium|small] [--seeds 3] [--time-limit 60]
#                                          [--workers 2] [--out DIR] [--cpsat-only]
#
# Needs python3 (3.11) and network access to PyPI the first time: the venv benchmarks/.venv gets the pinned ortools.
# Builds `swift build -c release --product casework` when .build/release/casework is missing; CASEWORK_BIN overrides
# the binary. --cpsat-only skips casework (for when the binary has no `schedule` command yet). Instances, results and
# logs stay in --out (a new temporary folder by default). Exits non-zero if any answer fails validation.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ORTOOLS_VERSION=9.14.6206

SIZE=national
SEEDS=3
TIME_LIMIT=60
WORKERS=2
OUT=""
CPSAT_ONLY=0
while [ $# -gt 0 ]; do
    case "$1" in
        --size) SIZE=$2; shift 2 ;;
        --seeds) SEEDS=$2; shift 2 ;;
        --time-limit) TIME_LIMIT=$2; shift 2 ;;
        --workers) WORKERS=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --cpsat-only) CPSAT_ONLY=1; shift ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
case "$SIZE" in national|medium|small) ;; *) echo "run.sh: --size must be national, medium or small" >&2; exit 2 ;; esac
[[ "$SEEDS" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --seeds must be a positive whole number" >&2; exit 2; }

# Python with OR-Tools.
VENV="$ROOT/benchmarks/.venv"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
if [ "$("$VENV/bin/python" -c 'import ortools; print(ortools.__version__)' 2>/dev/null || true)" != "$ORTOOLS_VERSION" ]; then
    "$VENV/bin/pip" install --quiet "ortools==$ORTOOLS_VERSION"
fi
PY="$VENV/bin/python"

# The casework binary, with its schedule command.
if [ "$CPSAT_ONLY" -eq 0 ]; then
    BIN=${CASEWORK_BIN:-$ROOT/.build/release/casework}
    if [ ! -x "$BIN" ]; then
        (cd "$ROOT" && swift build -c release --product casework)
    fi
    if ! "$BIN" schedule --help >/dev/null 2>&1; then
        echo "run.sh: $BIN has no 'schedule' command; build one that does, set CASEWORK_BIN, or pass --cpsat-only" >&2
        exit 2
    fi
fi

[ -n "$OUT" ] || OUT=$(mktemp -d "${TMPDIR:-/tmp}/interview-scheduling.XXXXXX")
mkdir -p "$OUT"
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
booked() { "$PY" -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["bookings"]))' "$1"; }
ratio() {
    if [[ "$1" =~ ^[0-9.]+$ && "$2" =~ ^[0-9.]+$ ]]; then
        awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "-"; else printf "%.3f", a / b }'
    else
        echo "-"
    fi
}

FAILED=0
ROWS=()
for SEED in $(seq 1 "$SEEDS"); do
    I="$OUT/$SIZE-$SEED.instance.json"
    python3 "$HERE/generate.py" --seed "$SEED" --size "$SIZE" > "$I"

    CW_BOOKED="-"; CW_SECONDS="-"
    if [ "$CPSAT_ONLY" -eq 0 ]; then
        R1="$OUT/$SIZE-$SEED.casework.json"
        T0=$(now)
        if "$BIN" schedule --input "$I" --output "$R1" > "$OUT/$SIZE-$SEED.casework.log" 2>&1; then
            CW_SECONDS=$(elapsed "$T0" "$(now)")
            if python3 "$HERE/validate.py" "$I" "$R1" > "$OUT/$SIZE-$SEED.casework.validation" 2>&1; then
                CW_BOOKED=$(booked "$R1")
            else
                FAILED=1; CW_BOOKED="INVALID"
                echo "seed $SEED: casework's answer fails validation ($OUT/$SIZE-$SEED.casework.validation):" >&2
                head -20 "$OUT/$SIZE-$SEED.casework.validation" >&2
            fi
        else
            FAILED=1; CW_BOOKED="FAILED"
            echo "seed $SEED: casework schedule failed ($OUT/$SIZE-$SEED.casework.log):" >&2
            tail -20 "$OUT/$SIZE-$SEED.casework.log" >&2
        fi
    fi

    R2="$OUT/$SIZE-$SEED.cpsat.json"
    T0=$(now)
    "$PY" "$HERE/cpsat_reference.py" "$I" --time-limit "$TIME_LIMIT" --workers "$WORKERS" \
        > "$R2" 2> "$OUT/$SIZE-$SEED.cpsat.log"
    CP_SECONDS=$(elapsed "$T0" "$(now)")
    CP_BOUND=$("$PY" -c '
import json, sys
line = [l for l in open(sys.argv[1]) if l.startswith("cp-sat: ")][-1]
stats = json.loads(line[len("cp-sat: "):])
bounds = [stats[k] for k in ("booked upper bound", "flow upper bound") if stats.get(k) is not None]
print(min(bounds) if bounds else "-")' "$OUT/$SIZE-$SEED.cpsat.log")
    if python3 "$HERE/validate.py" "$I" "$R2" > "$OUT/$SIZE-$SEED.cpsat.validation" 2>&1; then
        CP_BOOKED=$(booked "$R2")
    else
        FAILED=1; CP_BOOKED="INVALID"
        echo "seed $SEED: the CP-SAT answer fails validation ($OUT/$SIZE-$SEED.cpsat.validation):" >&2
        head -20 "$OUT/$SIZE-$SEED.cpsat.validation" >&2
    fi

    ROWS+=("$(printf '%4s  %15s  %16s  %13s  %14s  %12s  %12s  %11s' "$SEED" "$CW_BOOKED" "$CW_SECONDS" \
        "$CP_BOOKED" "$CP_SECONDS" "$(ratio "$CW_BOOKED" "$CP_BOOKED")" "$(ratio "$CW_SECONDS" "$CP_SECONDS")" \
        "$CP_BOUND")")
done

echo "Interview scheduling, size $SIZE, CP-SAT $TIME_LIMIT s with $WORKERS workers (files in $OUT)"
printf '%4s  %15s  %16s  %13s  %14s  %12s  %12s  %11s\n' seed "casework booked" "casework seconds" "CP-SAT booked" \
    "CP-SAT seconds" "ratio booked" "ratio time" "upper bound"
for ROW in "${ROWS[@]}"; do echo "$ROW"; done
[ "$CPSAT_ONLY" -eq 1 ] && echo "(--cpsat-only: casework not run)"
exit "$FAILED"
