#!/usr/bin/env bash
# Whole-bridge CPU per 1,000 values delivered, two revisions in one run (bench/README.md, "Whole bridge").
#   bench/compare-bridge.sh BASE_REV [HEAD_REV] [-- bridge-cpu.py options]
# BASE_REV (and HEAD_REV, default: the working tree) are exported with `git archive` into a temp folder and built
# (Release); then bench/bridge-cpu.py runs both executables in alternating turns against the same peers.
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:?usage: bench/compare-bridge.sh BASE_REV [HEAD_REV] [-- options]}"
shift
head=""
if [[ $# -gt 0 && "$1" != "--" ]]; then
  head="$1"
  shift
fi
[[ "${1:-}" == "--" ]] && shift
work="$(mktemp -d /tmp/databridge-compare.XXXXXX)"
build() { # rev -> path of its databridge executable
  local dir="$work/$1"
  mkdir -p "$dir"
  git archive "$1" | tar -x -C "$dir"
  dotnet build "$dir/src/Bridge/DataBridge.Cli" -c Release -nologo -v quiet "-clp:ErrorsOnly;NoSummary" >&2
  echo "$dir/src/Bridge/DataBridge.Cli/bin/Release/net10.0/databridge"
}
base_exe="$(build "$base")"
if [[ -n "$head" ]]; then
  head_exe="$(build "$head")"
else
  dotnet build src/Bridge/DataBridge.Cli -c Release -nologo -v quiet "-clp:ErrorsOnly;NoSummary" >&2
  head_exe="$PWD/src/Bridge/DataBridge.Cli/bin/Release/net10.0/databridge"
  head="working-tree"
fi
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), .NET SDK $(dotnet --version)"
python3 bench/bridge-cpu.py "base=$base_exe" "head=$head_exe" "$@"
echo "(builds kept in $work; remove with rm -rf $work)"
