#!/usr/bin/env bash
# Runs DataBridge's benchmarks and prints their figures. Usage: bench/run.sh [filter]   (default: all)
# Figures depend on the machine: quote them with `nproc`, the CPU model (lscpu) and the .NET version.
set -euo pipefail
# In-process: BenchmarkDotNet does not rebuild the project per benchmark (slow on 2 cores, and it timed out under load).
cd "$(dirname "$0")/.."
filter="${1:-*}"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(dotnet --version)"
dotnet run -c Release --project bench/DataBridge.Bench -- --filter "$filter" --job short --inProcess --exporters markdown "${@:2}"
