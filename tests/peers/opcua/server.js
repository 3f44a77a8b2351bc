// DataBridge test peer: a node-opcua server with a known address space.
//
// Usage: node server.js [--port N] [--per-type N] [--reverse-namespaces] [--token-lifetime MS]
//                       [--large-array N] [--dump FILE] [--edge-cases] [--pki DIR] [--deprecated-policies]
// --pki DIR keeps the server's certificate and trust lists in DIR (default: node-opcua's per-user folder) and
// accepts unknown client certificates; --deprecated-policies adds Basic128Rsa15 and Basic256 endpoints.
// Every option can also come from the environment (OPCUA_PORT, OPCUA_PER_TYPE, OPCUA_REVERSE_NAMESPACES=1,
// OPCUA_TOKEN_LIFETIME, OPCUA_LARGE_ARRAY, OPCUA_DUMP).
// Prints "READY <endpointUrl>" once it listens; the definitions of every variable (node id with namespace
// URI, data type, value rank and the expected value in a canonical JSON form) go to --dump so tests compare.
// --edge-cases adds the folder s=Edge (not in the dump): a null String, OPC UA's minimum DateTime (1601-01-01, "no
// date"), an analog item whose unit has no UNECE code (UnitId -1, "Nm") with EURange and InstrumentRange, and an
// Int32 variable of ValueRank Any (-2) holding a 16-element array.
"use strict";

const fs = require("fs");
const {
    OPCUAServer,
    DataType,
    Variant,
    VariantArrayType,
    StatusCodes,
    LocalizedText,
    QualifiedName,
    standardUnits,
    makeEUInformation,
    ServerSecureChannelLayer,
    OPCUACertificateManager,
    SecurityPolicy,
    MessageSecurityMode,
    resolveNodeId,
    coerceExpandedNodeId
} = require("node-opcua");
const { definitions, serverValue } = require("./definitions");

function option(name, envName, fallback) {
    const i = process.argv.indexOf(name);
    if (i >= 0) {
        const next = process.argv[i + 1];
        return next === undefined || next.startsWith("--") ? "1" : next;
    }
    return process.env[envName] ?? fallback;
}

const port = parseInt(option("--port", "OPCUA_PORT", "48400"), 10);
const perType = parseInt(option("--per-type", "OPCUA_PER_TYPE", "24"), 10);
const reverseNamespaces = option("--reverse-namespaces", "OPCUA_REVERSE_NAMESPACES", "0") === "1";
const tokenLifetime = parseInt(option("--token-lifetime", "OPCUA_TOKEN_LIFETIME", "600000"), 10);
const largeArrayLength = parseInt(option("--large-array", "OPCUA_LARGE_ARRAY", "100000"), 10);
const dumpFile = option("--dump", "OPCUA_DUMP", "");
const edgeCases = option("--edge-cases", "OPCUA_EDGE_CASES", "0") === "1";
const pkiDir = option("--pki", "OPCUA_PKI", "");
const deprecatedPolicies = option("--deprecated-policies", "OPCUA_DEPRECATED_POLICIES", "0") === "1";

const PLANT_NS = "urn:databridge:test:plant";
const OTHER_NS = "urn:databridge:test:other";

// node-opcua refuses lifetimes under its floor; tests of renewal want the floor lowered.
if (ServerSecureChannelLayer && tokenLifetime < ServerSecureChannelLayer.g_MinimumSecureTokenLifetime) {
    ServerSecureChannelLayer.g_MinimumSecureTokenLifetime = tokenLifetime;
}

function toVariantValue(def, raw) {
    switch (def.type) {
        case "LocalizedText":
            return new LocalizedText(raw);
        case "QualifiedName":
            return new QualifiedName(raw);
        case "NodeId":
            return resolveNodeId(raw);
        case "ExpandedNodeId":
            return coerceExpandedNodeId(raw);
        case "DateTime":
            return new Date(raw);
        case "ByteString":
            return Buffer.from(raw, "base64");
        case "StatusCode":
            return StatusCodes[raw];
        default:
            return serverValue(def.type, raw);
    }
}

async function main() {
    const server = new OPCUAServer({
        port,
        host: "127.0.0.1", // loopback only, like every other peer: nothing of the tests listens on the network
        resourcePath: "/databridge",
        defaultSecureTokenLifetime: tokenLifetime,
        buildInfo: { productName: "DataBridgeTestPeer", buildNumber: "1", buildDate: new Date(2026, 0, 1) },
        serverCapabilities: { maxBrowseContinuationPoints: 50 },
        allowAnonymous: true,
        ...(pkiDir
            ? { serverCertificateManager: new OPCUACertificateManager({ rootFolder: pkiDir, automaticallyAcceptUnknownCertificate: true }) }
            : {}),
        ...(deprecatedPolicies
            ? {
                  securityPolicies: [
                      SecurityPolicy.None,
                      SecurityPolicy.Basic128Rsa15,
                      SecurityPolicy.Basic256,
                      SecurityPolicy.Basic256Sha256,
                      SecurityPolicy.Aes128_Sha256_RsaOaep,
                      SecurityPolicy.Aes256_Sha256_RsaPss
                  ],
                  securityModes: [MessageSecurityMode.None, MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt]
              }
            : {})
    });
    await server.initialize();

    const addressSpace = server.engine.addressSpace;
    // The order namespaces are registered in decides their indexes: tests restart with the other order
    // to prove the client keeps node ids by URI (nsu=) and not by index.
    const order = reverseNamespaces ? [OTHER_NS, PLANT_NS] : [PLANT_NS, OTHER_NS];
    const spaces = {};
    for (const uri of order) {
        spaces[uri] = addressSpace.registerNamespace(uri);
    }
    const plant = spaces[PLANT_NS];
    const other = spaces[OTHER_NS];

    const root = plant.addFolder(addressSpace.rootFolder.objects, { browseName: "Plant", nodeId: "s=Plant" });
    const scalars = plant.addFolder(root, { browseName: "Scalars", nodeId: "s=Scalars" });
    const arrays = plant.addFolder(root, { browseName: "Arrays", nodeId: "s=Arrays" });

    const dump = [];
    const defs = definitions(perType, largeArrayLength);
    const typeFolders = {};
    for (const def of defs) {
        const parent = def.valueRank === 1 ? arrays : scalars;
        const key = `${def.valueRank}:${def.type}`;
        if (!typeFolders[key]) {
            typeFolders[key] = plant.addFolder(parent, {
                browseName: def.type,
                nodeId: `s=${def.valueRank === 1 ? "Arrays" : "Scalars"}.${def.type}`
            });
        }
        const folder = def.large ? root : typeFolders[key];
        const value = def.large
            ? new Variant({ dataType: DataType.Double, arrayType: VariantArrayType.Array, value: Float64Array.from(def.value) })
            : def.valueRank === 1
            ? new Variant({ dataType: DataType[def.type], arrayType: VariantArrayType.Array, value: def.value.map((v) => toVariantValue(def, v)) })
            : new Variant({ dataType: DataType[def.type], arrayType: VariantArrayType.Scalar, value: toVariantValue(def, def.value) });
        plant.addVariable({
            componentOf: folder,
            browseName: def.name,
            nodeId: `s=${def.id}`,
            dataType: def.type,
            valueRank: def.valueRank,
            arrayDimensions: def.valueRank === 1 ? [0] : undefined,
            value
        });
        dump.push({ node: `nsu=${PLANT_NS};s=${def.id}`, name: def.name, type: def.type, valueRank: def.valueRank, value: def.value });
    }

    // A small production line with engineering units, as an integrator would browse it.
    const line = plant.addFolder(root, { browseName: "Line1", nodeId: "s=Line1" });
    const press = plant.addObject({ organizedBy: line, browseName: "Press07", nodeId: "s=Line1.Press07" });
    const temperature = plant.addAnalogDataItem({
        componentOf: press,
        browseName: "Temperature",
        nodeId: "s=Line1.Press07.Temperature",
        dataType: "Double",
        engineeringUnitsRange: { low: 0, high: 400 },
        engineeringUnits: standardUnits.degree_celsius,
        description: "Platen temperature",
        value: new Variant({ dataType: DataType.Double, value: 182.5 })
    });
    plant.addAnalogDataItem({
        componentOf: press,
        browseName: "Pressure",
        nodeId: "s=Line1.Press07.Pressure",
        dataType: "Double",
        engineeringUnitsRange: { low: 0, high: 250 },
        engineeringUnits: standardUnits.bar,
        description: "Hydraulic pressure",
        value: new Variant({ dataType: DataType.Double, value: 121.25 })
    });
    plant.addVariable({
        componentOf: press,
        browseName: "PartCount",
        nodeId: "s=Line1.Press07.PartCount",
        dataType: "UInt32",
        description: "Good parts since shift start",
        value: new Variant({ dataType: DataType.UInt32, value: 4711 })
    });
    dump.push({ node: `nsu=${PLANT_NS};s=Line1.Press07.Temperature`, name: "Temperature", type: "Double", valueRank: -1, value: 182.5 });

    // A deep chain so tree walks have depth to respect.
    let parent = root;
    for (let level = 1; level <= 6; level++) {
        parent = plant.addFolder(parent, { browseName: `Level${level}`, nodeId: `s=Deep.Level${level}` });
    }
    plant.addVariable({ componentOf: parent, browseName: "Bottom", nodeId: "s=Deep.Bottom", dataType: "String", value: { dataType: DataType.String, value: "bottom" } });

    // The other namespace holds numeric ids, so a swapped namespace order changes both index sets.
    const otherFolder = other.addFolder(addressSpace.rootFolder.objects, { browseName: "Other", nodeId: "i=1000" });
    for (let i = 0; i < 10; i++) {
        other.addVariable({
            componentOf: otherFolder,
            browseName: `Counter${i}`,
            nodeId: `i=${1001 + i}`,
            dataType: "Int32",
            value: { dataType: DataType.Int32, value: 1000 + i * 3 }
        });
        dump.push({ node: `nsu=${OTHER_NS};i=${1001 + i}`, name: `Counter${i}`, type: "Int32", valueRank: -1, value: 1000 + i * 3 });
    }

    if (edgeCases) {
        const edge = plant.addFolder(root, { browseName: "Edge", nodeId: "s=Edge" });
        plant.addVariable({
            componentOf: edge, browseName: "NullString", nodeId: "s=Edge.NullString", dataType: "String",
            value: new Variant({ dataType: DataType.String, value: null })
        });
        plant.addVariable({
            componentOf: edge, browseName: "NoDate", nodeId: "s=Edge.NoDate", dataType: "DateTime",
            value: new Variant({ dataType: DataType.DateTime, value: new Date(Date.UTC(1601, 0, 1)) })
        });
        // A unit without a UNECE code: UnitId -1 (Part 8 §5.6.3 allows it), only a display name and description.
        const noCode = makeEUInformation("Nm", "Nm", "newton metre (no UNECE code given)");
        noCode.unitId = -1;
        plant.addAnalogDataItem({
            componentOf: edge, browseName: "Torque", nodeId: "s=Edge.Torque", dataType: "Double",
            engineeringUnitsRange: { low: -50, high: 50 },
            instrumentRange: { low: -100, high: 100 },
            engineeringUnits: noCode,
            value: new Variant({ dataType: DataType.Double, value: 12.5 })
        });
        plant.addVariable({
            componentOf: edge, browseName: "AnyRankArray", nodeId: "s=Edge.AnyRankArray", dataType: "Int32", valueRank: -2,
            value: new Variant({ dataType: DataType.Int32, arrayType: VariantArrayType.Array, value: Int32Array.from({ length: 16 }, (_, i) => i) })
        });
    }

    if (dumpFile) {
        fs.writeFileSync(dumpFile, JSON.stringify({ namespaces: addressSpace.getNamespaceArray().map((n) => n.namespaceUri), variables: dump }));
    }

    await server.start();
    void temperature;
    // Tests dial the loopback address; the server's own URL names the host, which may not resolve here.
    const endpoint = `opc.tcp://127.0.0.1:${port}/databridge`;
    process.stdout.write(`READY ${endpoint} variables=${dump.length} namespaces=${order.join(",")}\n`);

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
