#!/usr/bin/env python3
"""Whole-bridge CPU per 1,000 values delivered: OPC UA bench server -> `databridge run` -> outbox -> Kafka.

Usage (bench/README.md, "Whole bridge"):
  bench/bridge-cpu.py LABEL=PATH/TO/databridge [LABEL=PATH ...] [--items 2000] [--change-ms 200]
                      [--warmup 15] [--seconds 20] [--rounds 2]

Every executable runs the same workload against the same peers, in turns (A B A B ...), so a colleague's build
hurts both sides alike. Peers: bench/opcua/bench-server.js (node-opcua, `items` Double counters changing every
`change-ms`), and one librdkafka mock cluster (`databridge dev-kafka` of the FIRST executable, in its own process).
Measured per turn, after a warm-up: the bridge process's user+system CPU (/proc/<pid>/stat) and the values that
arrived in Kafka (end offsets of the values topic, read with kcat -Q), both as deltas over the same window.
Prints one line per turn and a summary (median per label).
"""
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOPIC = "databridge.values"
PARTITIONS = 4  # KafkaMockCluster.DefaultPartitions; dev-kafka creates the values topic with it


def option(args, name, default):
    if name in args:
        i = args.index(name)
        value = args[i + 1]
        del args[i:i + 2]
        return type(default)(value)
    return default


def wait_line(proc, pattern, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError(f"process exited before printing {pattern!r}")
        m = re.search(pattern, line)
        if m:
            return m
    raise RuntimeError(f"no {pattern!r} within {timeout} s")


def end_offsets(bootstrap):
    total = 0
    spec = []
    for p in range(PARTITIONS):
        spec += ["-t", f"{TOPIC}:{p}:-1"]
    out = subprocess.run(["kcat", "-b", bootstrap, "-Q"] + spec, capture_output=True, text=True, timeout=30).stdout
    for m in re.finditer(r"\[(\d+)\] offset (-?\d+)", out):
        total += max(0, int(m.group(2)))
    return total


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def write_config(directory, bootstrap, endpoint, items):
    lines = [
        "bridge:",
        "  id: bench-edge",
        f"  stateDir: {directory}/state",
        "kafka:",
        f"  bootstrap: {bootstrap}",
        "sources:",
        "  - id: bench",
        "    asset: bench/site/area/line1/cell1",
        "    opcua:",
        f"      endpoint: \"{endpoint}\"",
        "      publishingInterval: 100ms",
        "      samplingInterval: 100ms",
        "    tags:",
    ]
    for i in range(items):
        lines.append(f"      - {{ name: b{i}, node: \"nsu=urn:databridge:bench;s=Bench.{i}\" }}")
    path = os.path.join(directory, "bench.yaml")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def stop(proc, timeout=30):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def one_turn(label, exe, bootstrap, endpoint, items, warmup, seconds):
    work = tempfile.mkdtemp(prefix=f"bridge-cpu-{label}-")
    config = write_config(work, bootstrap, endpoint, items)
    log = open(os.path.join(work, "bridge.log"), "w")
    bridge = subprocess.Popen([exe, "run", config, "--log-level", "Warning"], stdout=log, stderr=subprocess.STDOUT)
    try:
        # Warm-up: connect, subscribe, JIT; values must be arriving before it ends.
        before = end_offsets(bootstrap)
        time.sleep(warmup)
        if bridge.poll() is not None:
            raise RuntimeError(f"{label}: the bridge exited ({bridge.returncode}); see {work}/bridge.log")
        c0, o0, t0 = cpu_seconds(bridge.pid), end_offsets(bootstrap), time.monotonic()
        if o0 == before:
            raise RuntimeError(f"{label}: no value reached Kafka during the warm-up; see {work}/bridge.log")
        time.sleep(seconds)
        c1, o1, t1 = cpu_seconds(bridge.pid), end_offsets(bootstrap), time.monotonic()
    finally:
        stop(bridge)
        log.close()
    delivered = o1 - o0
    cpu_ms = (c1 - c0) * 1000
    per_1000 = cpu_ms / delivered * 1000 if delivered else float("inf")
    print(f"{label:>10}: {delivered / (t1 - t0):8.0f} values/s delivered, CPU {cpu_ms:7.0f} ms over {t1 - t0:4.1f} s"
          f" = {per_1000:.3f} ms per 1,000 values", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    return per_1000


def main():
    args = sys.argv[1:]
    items = option(args, "--items", 2000)
    change_ms = option(args, "--change-ms", 200)
    warmup = option(args, "--warmup", 15.0)
    seconds = option(args, "--seconds", 20.0)
    rounds = option(args, "--rounds", 2)
    targets = [a.split("=", 1) for a in args]
    if not targets or any(len(t) != 2 for t in targets):
        print(__doc__)
        return 2
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; items={items} change-ms={change_ms} "
          f"warmup={warmup}s window={seconds}s rounds={rounds}", flush=True)

    server = subprocess.Popen(["node", os.path.join(ROOT, "bench/opcua/bench-server.js"), "--port", "48620",
                               "--items", str(items), "--change-ms", str(change_ms)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=os.path.join(ROOT, "bench/opcua"))
    kafka = subprocess.Popen([targets[0][1], "dev-kafka", "--brokers", "1"], stdout=subprocess.PIPE, text=True)
    try:
        endpoint = wait_line(server, r"READY (\S+)", 120).group(1)
        bootstrap = wait_line(kafka, r"bootstrap: (\S+)", 60).group(1)
        server.stdin.write("GO\n")
        server.stdin.flush()
        results = {label: [] for label, _ in targets}
        for _ in range(rounds):
            for label, exe in targets:
                results[label].append(one_turn(label, exe, bootstrap, endpoint, items, warmup, seconds))
        print("median CPU per 1,000 values delivered:", flush=True)
        for label, values in results.items():
            print(f"{label:>10}: {statistics.median(values):.3f} ms  (turns: {', '.join(f'{v:.3f}' for v in values)})")
        return 0
    finally:
        stop(kafka)
        if server.poll() is None:
            server.stdin.close()
            stop(server)


if __name__ == "__main__":
    sys.exit(main())
