// DataBridge bridge test peer: deadband nodes whose values AND StatusCodes move through a fixed sequence, each step
// with its own source timestamp, so a test of the whole bridge can predict exactly which records reach Kafka.
//
// Usage: node bridge-server.js [--port N] [--step-interval MS]
// Nodes (namespace urn:databridge:test:bridge):
//   s=Deadband.Abs   Double, no EURange.
//   s=Deadband.Pct   AnalogItem Double, EURange 0..50 (so 10 % is 5 units, not 10: percent and absolute differ).
//   s=Deadband.All   Double, the same values as Abs: subscribed without a deadband it sees every step.
// Step 0 (the initial value) is set at start; SIGHUP runs steps 1.. <step-interval> ms apart (Pct = Abs × 5, the
// status and source timestamp the same on all three nodes), printing "STEP i value status" for each and finally
// "SEQUENCE-DONE steps=N". Source timestamp of step i: 2026-01-01T00:00:00Z + i seconds; server timestamp 500 ms
// later (distinct, so a test can tell the two apart).
// Prints "READY <endpointUrl>" once it listens.
"use strict";

const { OPCUAServer, DataType, DataValue, Variant, StatusCodes } = require("node-opcua");

function option(name, fallback) {
    const i = process.argv.indexOf(name);
    return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const port = parseInt(option("--port", "48600"), 10);
const stepInterval = parseInt(option("--step-interval", "300"), 10);

const NS = "urn:databridge:test:bridge";
const BASE_TIME = Date.UTC(2026, 0, 1, 0, 0, 0);
// [value of Abs, status]. The Uncertain steps sit inside every deadband of the previous value: a status change must
// be reported all the same (Part 4 §7.22.2, trigger STATUS_VALUE); the last step leaves the band again.
const SEQUENCE = [
    [0, "Good"], [0.5, "Good"], [0.9, "Good"], [1.5, "Good"], [2.0, "Good"], [2.4, "Good"], [2.6, "Good"],
    [5.0, "Good"], [5.5, "Good"], [4.2, "Good"], [4.5, "UncertainLastUsableValue"], [4.6, "UncertainLastUsableValue"],
    [4.7, "Good"], [4.9, "Good"], [6.0, "Good"],
    // A sensor failure without a value (Part 4 §7.7: a Bad value may be null), then the same value as before it.
    [null, "BadSensorFailure"], [6.0, "Good"]
];

async function main() {
    const server = new OPCUAServer({
        port,
        host: "127.0.0.1", // loopback only, like every other peer: nothing of the tests listens on the network
        resourcePath: "/bridge",
        allowAnonymous: true,
        buildInfo: { productName: "DataBridgeBridgePeer", buildNumber: "1", buildDate: new Date(2026, 0, 1) }
    });
    await server.initialize();
    const addressSpace = server.engine.addressSpace;
    const ns = addressSpace.registerNamespace(NS);
    const root = ns.addFolder(addressSpace.rootFolder.objects, { browseName: "Bridge", nodeId: "s=Bridge" });

    const double = (browseName, nodeId) => ns.addVariable({
        componentOf: root, browseName, nodeId, dataType: "Double", minimumSamplingInterval: 50,
        value: new Variant({ dataType: DataType.Double, value: 0 })
    });
    const abs = double("DeadbandAbs", "s=Deadband.Abs");
    const all = double("DeadbandAll", "s=Deadband.All");
    const pct = ns.addAnalogDataItem({
        componentOf: root, browseName: "DeadbandPct", nodeId: "s=Deadband.Pct", dataType: "Double", minimumSamplingInterval: 50,
        engineeringUnitsRange: { low: 0, high: 50 },
        value: new Variant({ dataType: DataType.Double, value: 0 })
    });

    const apply = (i) => {
        const [v, status] = SEQUENCE[i];
        const sourceTimestamp = new Date(BASE_TIME + i * 1000);
        const serverTimestamp = new Date(BASE_TIME + i * 1000 + 500);
        const statusCode = StatusCodes[status];
        // setValueFromSource would stamp the server time equal to the source time; the internal setter takes both.
        const set = (node, value) => node._internal_set_dataValue(new DataValue({
            value: value === null ? new Variant({ dataType: DataType.Null }) : new Variant({ dataType: DataType.Double, value }),
            statusCode, sourceTimestamp, serverTimestamp
        }));
        set(abs, v);
        set(all, v);
        set(pct, v === null ? null : v * 5);
        return `STEP ${i} ${v} ${status}`;
    };
    apply(0);

    await server.start();
    process.stdout.write(`READY opc.tcp://127.0.0.1:${port}/bridge steps=${SEQUENCE.length - 1}\n`);

    let running = false;
    process.on("SIGHUP", () => {
        if (running) {
            return;
        }
        running = true;
        let i = 0;
        const timer = setInterval(() => {
            i++;
            process.stdout.write(apply(i) + "\n");
            if (i >= SEQUENCE.length - 1) {
                clearInterval(timer);
                process.stdout.write(`SEQUENCE-DONE steps=${i}\n`);
            }
        }, stepInterval);
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
