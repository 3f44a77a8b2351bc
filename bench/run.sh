#!/usr/bin/env bash
# Runs DataBridge's benchmarks and prints their figures. Usage: bench/run.sh [filter]   (default: all)
# Figures depend on the machine: quote them with `nproc`, the CPU model (lscpu) and the .NET version.
set -euo pipefail
cd "$(dirname "$0")/.."
filter="${1:-*}"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(dotnet --version)"
dotnet run -c Release --project bench/DataBridge.Bench -- --filter "$filter" --job short --exporters markdown "${@:2}"
