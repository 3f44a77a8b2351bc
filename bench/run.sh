#!/usr/bin/env bash
# Runs DataBridge's benchmarks and prints their figures (bench/README.md lists them all).
#   bench/run.sh [filter]                      BenchmarkDotNet benchmarks whose name matches (default: all)
#   bench/run.sh opcua [items] [seconds] ...   OPC UA subscription throughput vs node-opcua's client (Stopwatch harness)
#   bench/run.sh outbox append|recovery ...    outbox harnesses (Stopwatch)
#   bench/run.sh config [tags ...]             configuration load time at 5k/20k/50k/100k generated tags (Stopwatch)
# Figures depend on the machine: quote them with `nproc`, the CPU model (lscpu) and the .NET version.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--" ]]; then
  shift
fi
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), .NET SDK $(dotnet --version)"
case "${1:-}" in
  opcua|outbox|config)
    # Stopwatch harnesses: networked or disk-bound work does not fit BenchmarkDotNet's many short iterations.
    dotnet run -c Release --project bench/DataBridge.Bench -- "$@"
    ;;
  *)
    # In-process: BenchmarkDotNet does not rebuild the project per benchmark (slow on 2 cores, and it timed out under load).
    filter="${1:-*}"
    dotnet run -c Release --project bench/DataBridge.Bench -- --filter "$filter" --job short --inProcess --exporters markdown "${@:2}"
    ;;
esac
