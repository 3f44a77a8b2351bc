// DataBridge subscription test peer: a node-opcua server whose values change on a schedule the test controls.
//
// Usage: node subscription-server.js [--port N] [--items N] [--rounds N] [--round-interval MS]
//                                    [--max-publish-queue N] [--max-items-per-call N] [--ticker-interval MS]
// Nodes (namespace urn:databridge:test:subs):
//   s=Counter.<i>   UInt32, i = 0..items-1. On SIGUSR2 the server runs <rounds> rounds, <round-interval> ms apart;
//                   each round adds 1 to every counter. Then it prints "COUNTERS-DONE rounds=R changes=C", C being
//                   every change it made (each counter's value is its own change count, so order is checkable).
//   s=Ticker        UInt32, +1 every <ticker-interval> ms from start: a steady stream for pipelining tests.
//   s=Late          UInt32 = 42, added <late-node-after> ms after start when that option is given (a node that
//                   appears while clients are connected, as when a PLC program loads after its OPC UA server).
//   s=Deadband.Abs  Double; s=Deadband.Pct AnalogItem, EURange 0..100. On SIGHUP both run a fixed sequence of
//                   values 300 ms apart (Pct = Abs × 10), then the server prints "DEADBAND-DONE".
// Prints "READY <endpointUrl>" once it listens.
"use strict";

const { OPCUAServer, DataType, Variant, ServerSession } = require("node-opcua");

function option(name, fallback) {
    const i = process.argv.indexOf(name);
    return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const port = parseInt(option("--port", "48500"), 10);
const items = parseInt(option("--items", "100"), 10);
const rounds = parseInt(option("--rounds", "10"), 10);
const roundInterval = parseInt(option("--round-interval", "500"), 10);
const maxPublishQueue = parseInt(option("--max-publish-queue", "100"), 10);
const maxItemsPerCall = parseInt(option("--max-items-per-call", "1000"), 10);
const tickerInterval = parseInt(option("--ticker-interval", "200"), 10);
const lateNodeAfter = parseInt(option("--late-node-after", "0"), 10);

const NS = "urn:databridge:test:subs";
const DEADBAND_SEQUENCE = [0.5, 0.9, 1.5, 2.0, 2.4, 2.6, 5.0, 5.5, 4.2];

// node-opcua answers BadTooManyPublishRequests for the oldest request once a session queues more than this.
ServerSession.maxPublishRequestInQueue = maxPublishQueue;

async function main() {
    const server = new OPCUAServer({
        port,
        host: "127.0.0.1", // loopback only, like every other peer: nothing of the tests listens on the network
        resourcePath: "/subs",
        allowAnonymous: true,
        // Part 4 §5.13.7 lets only the same user take a subscription over; node-opcua refuses anonymous transfers on
        // an unsecured channel (BadUserAccessDenied) unless told otherwise. Security policies come in their own issue.
        allowAnonymousSubscriptionTransferOnUnsecuredChannel: true,
        serverCapabilities: { operationLimits: { maxMonitoredItemsPerCall: maxItemsPerCall } },
        buildInfo: { productName: "DataBridgeSubscriptionPeer", buildNumber: "1", buildDate: new Date(2026, 0, 1) }
    });
    await server.initialize();
    const addressSpace = server.engine.addressSpace;
    const ns = addressSpace.registerNamespace(NS);
    const root = ns.addFolder(addressSpace.rootFolder.objects, { browseName: "Subs", nodeId: "s=Subs" });

    const counters = [];
    for (let i = 0; i < items; i++) {
        counters.push(ns.addVariable({
            componentOf: root,
            browseName: `Counter${i}`,
            nodeId: `s=Counter.${i}`,
            dataType: "UInt32",
            minimumSamplingInterval: 50,
            value: new Variant({ dataType: DataType.UInt32, value: 0 })
        }));
    }

    const ticker = ns.addVariable({
        componentOf: root, browseName: "Ticker", nodeId: "s=Ticker", dataType: "UInt32", minimumSamplingInterval: 50,
        value: new Variant({ dataType: DataType.UInt32, value: 0 })
    });
    const abs = ns.addVariable({
        componentOf: root, browseName: "DeadbandAbs", nodeId: "s=Deadband.Abs", dataType: "Double", minimumSamplingInterval: 50,
        value: new Variant({ dataType: DataType.Double, value: 0 })
    });
    const pct = ns.addAnalogDataItem({
        componentOf: root, browseName: "DeadbandPct", nodeId: "s=Deadband.Pct", dataType: "Double", minimumSamplingInterval: 50,
        engineeringUnitsRange: { low: 0, high: 100 },
        value: new Variant({ dataType: DataType.Double, value: 0 })
    });

    await server.start();
    process.stdout.write(`READY opc.tcp://127.0.0.1:${port}/subs items=${items}\n`);

    let tick = 0;
    setInterval(() => {
        tick++;
        ticker.setValueFromSource(new Variant({ dataType: DataType.UInt32, value: tick }));
    }, tickerInterval);
    if (lateNodeAfter > 0) {
        setTimeout(() => {
            ns.addVariable({
                componentOf: root, browseName: "Late", nodeId: "s=Late", dataType: "UInt32", minimumSamplingInterval: 50,
                value: new Variant({ dataType: DataType.UInt32, value: 42 })
            });
            process.stdout.write("LATE-NODE-ADDED\n");
        }, lateNodeAfter);
    }

    let running = false;
    process.on("SIGUSR2", () => {
        if (running) {
            return;
        }
        running = true;
        let round = 0;
        let changes = 0;
        const timer = setInterval(() => {
            round++;
            for (const node of counters) {
                node.setValueFromSource(new Variant({ dataType: DataType.UInt32, value: round }));
                changes++;
            }
            if (round >= rounds) {
                clearInterval(timer);
                process.stdout.write(`COUNTERS-DONE rounds=${round} changes=${changes}\n`);
            }
        }, roundInterval);
    });

    process.on("SIGHUP", () => {
        let i = 0;
        const timer = setInterval(() => {
            const v = DEADBAND_SEQUENCE[i++];
            abs.setValueFromSource(new Variant({ dataType: DataType.Double, value: v }));
            pct.setValueFromSource(new Variant({ dataType: DataType.Double, value: v * 10 }));
            if (i >= DEADBAND_SEQUENCE.length) {
                clearInterval(timer);
                process.stdout.write("DEADBAND-DONE\n");
            }
        }, 300);
    });

    const stop = async () => {
        await server.shutdown(0);
        process.exit(0);
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
    // The test harness owns stdin: when it goes away (test process died), so do we.
    process.stdin.on("end", () => process.exit(0));
    process.stdin.resume();
}

main().catch((err) => {
    process.stderr.write(`FAILED ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
});
