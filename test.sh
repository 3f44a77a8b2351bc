#!/usr/bin/env bash
# Runs every test of DataBridge on a fresh Debian 12 machine with the .NET 10 SDK, Node.js and npm.
# Installs the real peers the tests start (kcat, pymodbus, mbpoll, chromium, the node-opcua npm peer and the
# demo's node-opcua plant simulator),
# builds once, runs all test projects and ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v kcat >/dev/null 2>&1 || need_apt+=(kcat)
command -v mbpoll >/dev/null 2>&1 || need_apt+=(mbpoll)
/usr/bin/python3 -c 'import pymodbus' >/dev/null 2>&1 || need_apt+=(python3-pymodbus)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# mosquitto lives in /usr/sbin, which a non-root PATH may lack
{ command -v mosquitto || test -x /usr/sbin/mosquitto; } >/dev/null 2>&1 || need_apt+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || need_apt+=(mosquitto-clients)
command -v nft >/dev/null 2>&1 || need_apt+=(nftables)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing test peers: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null \
    || { echo "could not install ${need_apt[*]} (apt-get failed)"; exit 1; }
fi

for peers in tests/peers/*/ samples/opcua-plant/; do
  if [ -f "$peers/package-lock.json" ]; then
    echo "== npm ci in $peers"
    (cd "$peers" && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed in $peers"; exit 1; }
  fi
done

echo "== build"
dotnet build DataBridge.sln -c Release -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

results=".ci/out/results"
rm -rf "$results"; mkdir -p "$results"
echo "== test"
dotnet test DataBridge.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=normal" -- RunConfiguration.TestSessionTimeout=1500000
status=$?

python_bin=/usr/bin/python3
totals=$("$python_bin" - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    p += int(c.get("passed", 0))
    f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    # xunit's skipped tests count in total but not in executed (and not always in notExecuted).
    s += max(int(c.get("total", 0)) - int(c.get("executed", 0)), int(c.get("notExecuted", 0))) + int(c.get("inconclusive", 0))
print(f"{p} passed, {f} failed, {s} skipped")
PY
)
echo "$totals"
if [ $status -ne 0 ] || [[ "$totals" != *" 0 failed"* ]] || [[ "$totals" == "0 passed"* ]]; then
  exit 1
fi
exit 0
