// The side-by-side peer of the DataBridge OPC UA subscription bench: node-opcua's own client subscribes to the same
// bench-server.js workload with the same settings (one subscription, every item at the same sampling interval and
// queue size, same publishing interval) and measures notifications/s and its own CPU time with process.cpuUsage().
//
// Usage: node bench-client.js --endpoint URL [--items N] [--sampling-ms MS] [--publishing-ms MS] [--warmup S] [--seconds S]
// Protocol with bench/DataBridge.Bench (OpcUaSubscriptionBench):
//   prints "SUBSCRIBED" once every item's initial value arrived;
//   reads "GO" on stdin (sent when the server starts changing), waits <warmup> s, measures for <seconds> s, prints
//   "MEASURED"; reads "STOP <value>" (the server stopped, every counter is at <value>), waits until every item got
//   there (or 30 s passed), prints "RESULT {json}" and exits.
"use strict";

const {
    OPCUAClient, MessageSecurityMode, SecurityPolicy, ClientSubscription, ClientMonitoredItemGroup,
    AttributeIds, TimestampsToReturn
} = require("node-opcua");

function option(name, fallback) {
    const i = process.argv.indexOf(name);
    return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const endpoint = option("--endpoint", "opc.tcp://127.0.0.1:48600/bench");
const items = parseInt(option("--items", "5000"), 10);
const samplingMs = parseFloat(option("--sampling-ms", "100"));
const publishingMs = parseFloat(option("--publishing-ms", "100"));
const warmupS = parseFloat(option("--warmup", "3"));
const seconds = parseFloat(option("--seconds", "10"));
const DRAIN_DEADLINE_MS = 30000;

function fail(message) {
    process.stderr.write(`FAILED ${message}\n`);
    process.exit(1);
}

async function main() {
    const client = OPCUAClient.create({
        applicationName: "DataBridgeBenchPeer",
        endpointMustExist: false,
        securityMode: MessageSecurityMode.None,
        securityPolicy: SecurityPolicy.None,
        connectionStrategy: { maxRetry: 2, initialDelay: 500 },
        keepSessionAlive: true
    });
    await client.connect(endpoint);
    const session = await client.createSession();
    const namespaces = await session.readNamespaceArray();
    const ns = namespaces.indexOf("urn:databridge:bench");
    if (ns < 0) {
        fail(`namespace urn:databridge:bench not on ${endpoint}`);
    }

    const subscription = ClientSubscription.create(session, {
        requestedPublishingInterval: publishingMs,
        requestedLifetimeCount: 60,
        requestedMaxKeepAliveCount: 10,
        maxNotificationsPerPublish: 0,
        publishingEnabled: true,
        priority: 0
    });

    const last = new Float64Array(items).fill(NaN);
    const base = new Float64Array(items).fill(NaN);
    let initial = 0;
    let received = 0; // after GO
    let skipped = 0;
    let regressions = 0;
    let go = false;

    const itemsToMonitor = new Array(items);
    for (let i = 0; i < items; i++) {
        itemsToMonitor[i] = { nodeId: `ns=${ns};s=Bench.${i}`, attributeId: AttributeIds.Value };
    }
    const group = ClientMonitoredItemGroup.create(
        subscription,
        itemsToMonitor,
        { samplingInterval: samplingMs, queueSize: 10, discardOldest: true },
        TimestampsToReturn.Both);

    let subscribedResolve;
    const subscribed = new Promise((resolve) => { subscribedResolve = resolve; });
    group.on("changed", (_item, dataValue, index) => {
        const v = dataValue.value.value;
        const prev = last[index];
        if (Number.isNaN(prev)) {
            base[index] = v;
            last[index] = v;
            if (++initial === items) {
                subscribedResolve();
            }
            return;
        }
        if (go) {
            received++;
        }
        if (v > prev + 1) {
            skipped += v - prev - 1;
        } else if (v <= prev) {
            regressions++;
        }
        last[index] = v;
    });
    group.on("err", (message) => fail(`monitored item group: ${message}`));

    const subscribeDeadline = setTimeout(() => fail(`only ${initial} of ${items} initial values within 60 s`), 60000);
    await subscribed;
    clearTimeout(subscribeDeadline);
    process.stdout.write("SUBSCRIBED\n");

    // stdin commands from the harness, one per line.
    const commands = [];
    let waiting = null;
    let buffered = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk) => {
        buffered += chunk;
        let nl;
        while ((nl = buffered.indexOf("\n")) >= 0) {
            commands.push(buffered.slice(0, nl).trim());
            buffered = buffered.slice(nl + 1);
        }
        if (waiting && commands.length > 0) {
            const w = waiting;
            waiting = null;
            w(commands.shift());
        }
    });
    process.stdin.on("end", () => process.exit(0));
    const nextCommand = () => new Promise((resolve) => {
        if (commands.length > 0) {
            resolve(commands.shift());
        } else {
            waiting = resolve;
        }
    });

    const goCommand = await nextCommand();
    if (goCommand !== "GO") {
        fail(`expected GO, got "${goCommand}"`);
    }
    go = true;

    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    await sleep(warmupS * 1000);
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    const n0 = received;
    await sleep(seconds * 1000);
    const n1 = received;
    const cpu1 = process.cpuUsage(cpu0);
    const elapsedS = Number(process.hrtime.bigint() - t0) / 1e9;
    process.stdout.write("MEASURED\n");

    const stopCommand = /^STOP (\d+)$/.exec(await nextCommand());
    if (!stopCommand) {
        fail("expected STOP <final value>");
    }
    const finalValue = parseInt(stopCommand[1], 10);
    const drainDeadline = Date.now() + DRAIN_DEADLINE_MS;
    const complete = () => {
        for (let i = 0; i < items; i++) {
            if (!(last[i] >= finalValue)) {
                return false;
            }
        }
        return true;
    };
    while (!complete() && Date.now() < drainDeadline) {
        await sleep(50);
    }
    let expected = 0;
    for (let i = 0; i < items; i++) {
        expected += finalValue - base[i];
    }

    const windowNotifications = n1 - n0;
    const cpuMs = (cpu1.user + cpu1.system) / 1000;
    const result = {
        notifications: windowNotifications,
        seconds: elapsedS,
        perSecond: windowNotifications / elapsedS,
        cpuMs,
        cpuMsPer1k: cpuMs / (windowNotifications / 1000),
        receivedAfterGo: received,
        expected,
        skipped,
        regressions,
        complete: complete(),
        rssMb: process.memoryUsage().rss / (1 << 20)
    };
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);

    await subscription.terminate();
    await session.close();
    await client.disconnect();
    process.exit(0);
}

main().catch((err) => fail(err && err.stack ? err.stack : err));
