// DataBridge demo plant: a node-opcua server with a few ovens whose values move like a plant's (plant.js).
//
// Usage: node server.js [--port N] [--ovens N] [--seed N] [--tick MS]
//   --port 0 picks a free loopback port. Binds 127.0.0.1 only. Prints "READY <endpointUrl>" once it listens.
//   Exits on SIGTERM, when its standard input ends (if that is a pipe: then its parent owns it, and SIGINT, which
//   Ctrl+C sends to the whole terminal group, is left to the parent), on SIGINT otherwise, or when its parent process
//   dies (polled every second), so a demo that is killed leaves no server behind.
// Address space (namespace urn:databridge:demo:plant): Objects/Plant/Oven<N>/{Name, State, Reason, Running,
// Temperature, Setpoint, Speed, PartsTotal, PartsGood}, node ids s=Oven<N>.<Variable>; Objects/Plant/Uptime.
"use strict";

const fs = require("fs");
const net = require("net");
const { OPCUAServer, DataType, Variant, StatusCodes, standardUnits, makeEUInformation } = require("node-opcua");
const { Plant } = require("./plant");

const NAMESPACE = "urn:databridge:demo:plant";
const RESOURCE_PATH = "/plant";

function option(name, fallback) {
    const i = process.argv.indexOf(name);
    return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

function freePort() {
    return new Promise((resolve, reject) => {
        const probe = net.createServer();
        probe.once("error", reject);
        probe.listen(0, "127.0.0.1", () => {
            const { port } = probe.address();
            probe.close(() => resolve(port));
        });
    });
}

// The parent's pid as the kernel sees it now (it changes to a reaper's when the parent dies).
function currentParentPid() {
    try {
        const stat = fs.readFileSync("/proc/self/stat", "utf8");
        // Field 4, after the parenthesised command name (which may itself contain spaces).
        return parseInt(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1], 10);
    } catch {
        return process.ppid;
    }
}

function watchParent(onGone) {
    const parent = currentParentPid();
    const timer = setInterval(() => {
        let alive = currentParentPid() === parent;
        if (alive) {
            try {
                process.kill(parent, 0);
            } catch {
                alive = false;
            }
        }
        if (!alive) {
            onGone();
        }
    }, 1000);
    timer.unref();
    // A parent that gave us a pipe as stdin owns its other end: when it closes (the parent exited or was killed),
    // so do we. Not for a terminal or /dev/null (`node server.js &` reads an empty stdin and must keep running).
    let pipe = false;
    try {
        pipe = fs.fstatSync(0).isFIFO();
    } catch {
        pipe = false;
    }
    if (pipe) {
        process.stdin.on("end", onGone);
        process.stdin.on("error", onGone);
        process.stdin.resume();
    }
    return pipe;
}

function addOven(ns, plantFolder, oven) {
    const id = `Oven${oven.number}`;
    const object = ns.addObject({ organizedBy: plantFolder, browseName: id, nodeId: `s=${id}`, description: `Continuous oven ${oven.number}` });
    const variable = (name, dataType, description, value) =>
        ns.addVariable({
            componentOf: object,
            browseName: name,
            nodeId: `s=${id}.${name}`,
            dataType,
            description,
            minimumSamplingInterval: 100,
            value: new Variant({ dataType: DataType[dataType], value })
        });

    const nodes = {
        name: variable("Name", "String", "Machine name", oven.name),
        state: variable("State", "UInt16", "0 stopped, 1 running, 2 idle (starved/blocked), 3 down (breakdown), 4 planned stop", oven.state),
        reason: variable("Reason", "UInt16", "Downtime reason: 0 none, 1 breakdown, 2 starved, 3 blocked, 4 changeover, 5 planned break", oven.reason),
        running: variable("Running", "Boolean", "True while the oven produces", oven.running),
        setpoint: variable("Setpoint", "Double", "Temperature setpoint, degree Celsius", oven.setpoint),
        partsTotal: variable("PartsTotal", "UInt32", "Parts baked since the server started (monotonic)", oven.partsTotal),
        partsGood: variable("PartsGood", "UInt32", "Good parts since the server started (monotonic)", oven.partsGood),
        // AnalogItems carry EURange, which a percent deadband (Part 8 §6.2) is computed against, and EngineeringUnits.
        temperature: ns.addAnalogDataItem({
            componentOf: object,
            browseName: "Temperature",
            nodeId: `s=${id}.Temperature`,
            dataType: "Double",
            description: "Baking chamber temperature",
            minimumSamplingInterval: 100,
            engineeringUnitsRange: { low: 0, high: 400 },
            engineeringUnits: standardUnits.degree_celsius,
            value: new Variant({ dataType: DataType.Double, value: oven.measured })
        }),
        speed: ns.addAnalogDataItem({
            componentOf: object,
            browseName: "Speed",
            nodeId: `s=${id}.Speed`,
            dataType: "Double",
            description: "Conveyor speed",
            minimumSamplingInterval: 100,
            engineeringUnitsRange: { low: 0, high: 10 },
            engineeringUnits: makeEUInformation("2X", "m/min", "metre per minute"),
            value: new Variant({ dataType: DataType.Double, value: oven.speed })
        })
    };
    return nodes;
}

function set(node, dataType, value) {
    node.setValueFromSource(new Variant({ dataType, value }), StatusCodes.Good, new Date());
}

// Writes only what changed: a server-side change is what a subscription reports, so unchanged values stay quiet.
function publish(nodes, oven, last) {
    const values = [
        ["state", DataType.UInt16, oven.state],
        ["reason", DataType.UInt16, oven.reason],
        ["running", DataType.Boolean, oven.running],
        ["partsTotal", DataType.UInt32, oven.partsTotal],
        ["partsGood", DataType.UInt32, oven.partsGood],
        ["temperature", DataType.Double, Math.round(oven.measured * 100) / 100],
        ["speed", DataType.Double, Math.round(oven.speed * 1000) / 1000]
    ];
    for (const [key, type, value] of values) {
        if (last[key] !== value) {
            last[key] = value;
            set(nodes[key], type, value);
        }
    }
}

async function main() {
    let port = parseInt(option("--port", "0"), 10);
    const ovens = parseInt(option("--ovens", "2"), 10);
    const seed = parseInt(option("--seed", "7"), 10);
    const tickMs = parseInt(option("--tick", "500"), 10);
    if (!Number.isInteger(port) || port < 0 || port > 65535 || !(ovens >= 1 && ovens <= 9) || !(tickMs >= 50)) {
        process.stderr.write("usage: node server.js [--port 0..65535] [--ovens 1..9] [--seed N] [--tick MS>=50]\n");
        process.exit(2);
    }
    if (port === 0) {
        port = await freePort();
    }

    let stopping = false;
    let server;
    const stop = async (code) => {
        if (stopping) {
            return;
        }
        stopping = true;
        try {
            if (server) {
                await server.shutdown(0);
            }
        } finally {
            process.exit(code);
        }
    };
    process.on("SIGTERM", () => stop(0));
    // Ctrl+C in a terminal reaches the whole process group. A parent that owns our stdin (the demo) stops us itself
    // once its bridge has closed its sessions, so the bridge does not see the server vanish under it on the way out.
    const ownedByParent = watchParent(() => stop(0));
    process.on("SIGINT", () => {
        if (!ownedByParent) {
            stop(0);
        }
    });

    server = new OPCUAServer({
        port,
        host: "127.0.0.1",
        hostname: "127.0.0.1",
        resourcePath: RESOURCE_PATH,
        buildInfo: { productName: "DataBridge demo plant (node-opcua)", buildNumber: "1", buildDate: new Date(2026, 0, 1) },
        allowAnonymous: true
    });
    await server.initialize();

    const addressSpace = server.engine.addressSpace;
    const ns = addressSpace.registerNamespace(NAMESPACE);
    const plantFolder = ns.addFolder(addressSpace.rootFolder.objects, { browseName: "Plant", nodeId: "s=Plant", description: "DataBridge demo plant" });
    const plant = new Plant(ovens, seed);
    const uptime = ns.addVariable({
        componentOf: plantFolder,
        browseName: "Uptime",
        nodeId: "s=Plant.Uptime",
        dataType: "UInt32",
        description: "Seconds since the simulator started",
        value: new Variant({ dataType: DataType.UInt32, value: 0 })
    });
    const machines = plant.ovens.map((oven) => ({ oven, nodes: addOven(ns, plantFolder, oven), last: {} }));

    let previous = Date.now();
    setInterval(() => {
        const now = Date.now();
        plant.tick((now - previous) / 1000);
        previous = now;
        for (const m of machines) {
            publish(m.nodes, m.oven, m.last);
        }
        set(uptime, DataType.UInt32, Math.floor(plant.uptime));
    }, tickMs);

    await server.start();
    const endpoint = `opc.tcp://127.0.0.1:${port}${RESOURCE_PATH}`;
    process.stdout.write(`READY ${endpoint} namespace=${NAMESPACE} ovens=${ovens}\n`);
}

main().catch((err) => {
    process.stderr.write(`opcua-plant: ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
});
