// OPC UA subscription bench server (bench/run.sh opcua): N counters that change in bursts the harness asks for.
//
// Usage: node bench-server.js [--port N] [--items N] [--change-ms MS]
// Nodes (namespace urn:databridge:bench): s=Bench.<i>, i = 0..items-1, Double. Each counter's value is the number of
// times the server changed it, so a client can check order and completeness per item without a change log.
// Prints "READY <endpointUrl> items=N" once it listens. Reads commands on stdin, one per line:
//   GO     from now on, every <change-ms> ms, add 1 to every counter (one timer for all of them);
//   STOP   stop changing and print "DONE value=<every counter's value> ticks=<ticks of this burst>
//          changes=<changes of this burst> total=<changes since start> seconds=<length of the burst> lag-ms=<latest a tick ran behind its schedule>".
// Runs until SIGTERM/SIGINT or until stdin closes (its parent went away).
"use strict";

const { OPCUAServer, DataType, Variant } = require("node-opcua");

function option(name, fallback) {
    const i = process.argv.indexOf(name);
    return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const port = parseInt(option("--port", "48600"), 10);
const items = parseInt(option("--items", "5000"), 10);
const changeMs = parseInt(option("--change-ms", "200"), 10);

async function main() {
    const server = new OPCUAServer({
        port,
        host: "127.0.0.1", // loopback only, like every other peer: nothing of the tests listens on the network
        resourcePath: "/bench",
        allowAnonymous: true,
        maxConnections: 10,
        // node-opcua's client creates a ClientMonitoredItemGroup in one call; ours splits by this limit (at most 1,000).
        serverCapabilities: { operationLimits: { maxMonitoredItemsPerCall: Math.max(10000, items) } },
        buildInfo: { productName: "DataBridgeBenchServer", buildNumber: "1", buildDate: new Date(2026, 0, 1) }
    });
    await server.initialize();
    const addressSpace = server.engine.addressSpace;
    const ns = addressSpace.registerNamespace("urn:databridge:bench");
    const root = ns.addFolder(addressSpace.rootFolder.objects, { browseName: "Bench", nodeId: "s=Bench" });

    const nodes = new Array(items);
    for (let i = 0; i < items; i++) {
        nodes[i] = ns.addVariable({
            componentOf: root,
            browseName: `Bench${i}`,
            nodeId: `s=Bench.${i}`,
            dataType: "Double",
            minimumSamplingInterval: 50,
            value: new Variant({ dataType: DataType.Double, value: 0 })
        });
    }

    await server.start();
    process.stdout.write(`READY opc.tcp://127.0.0.1:${port}/bench items=${items}\n`);

    let value = 0;
    let total = 0;
    let burst = null;

    function go() {
        if (burst !== null) {
            process.stdout.write("REFUSED a burst is already running\n");
            return;
        }
        burst = { changes: 0, ticks: 0, maxLag: 0, started: Date.now(), due: Date.now() + changeMs, timer: null };
        burst.timer = setInterval(() => {
            // How late this tick is: on a loaded machine the server, not the client, limits the rate.
            burst.maxLag = Math.max(burst.maxLag, Date.now() - burst.due);
            burst.due += changeMs;
            value++;
            // One Variant per tick shared by all nodes: the value is the same for every counter.
            const v = new Variant({ dataType: DataType.Double, value });
            for (let i = 0; i < items; i++) {
                nodes[i].setValueFromSource(v);
            }
            burst.ticks++;
            burst.changes += items;
            total += items;
        }, changeMs);
    }

    function stop() {
        if (burst === null) {
            process.stdout.write("REFUSED no burst is running\n");
            return;
        }
        clearInterval(burst.timer);
        process.stdout.write(`DONE value=${value} ticks=${burst.ticks} changes=${burst.changes} total=${total} seconds=${(Date.now() - burst.started) / 1000} lag-ms=${burst.maxLag}\n`);
        burst = null;
    }

    let buffered = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk) => {
        buffered += chunk;
        let nl;
        while ((nl = buffered.indexOf("\n")) >= 0) {
            const line = buffered.slice(0, nl).trim();
            buffered = buffered.slice(nl + 1);
            if (line === "GO") {
                go();
            } else if (line === "STOP") {
                stop();
            } else if (line.length > 0) {
                process.stdout.write(`REFUSED unknown command "${line}"\n`);
            }
        }
    });
    process.stdin.on("end", () => process.exit(0));

    const shutdown = async () => {
        await server.shutdown(0);
        process.exit(0);
    };
    process.on("SIGTERM", shutdown);
    process.on("SIGINT", shutdown);
}

main().catch((err) => {
    process.stderr.write(`FAILED ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
});
