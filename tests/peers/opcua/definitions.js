// The known values of the test peer's variables: a pure function of (type, index), so the server and the
// dump file tests compare against can never disagree. Values are given in a canonical JSON form:
// 64-bit integers as decimal strings, DateTime as ISO-8601, ByteString as base64, StatusCode by symbolic name,
// NodeId/ExpandedNodeId as "ns=0;i=N", QualifiedName as { namespaceIndex, name }, LocalizedText as { locale, text }.
"use strict";

const TYPES = [
    "Boolean", "SByte", "Byte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Float", "Double",
    "String", "DateTime", "Guid", "ByteString", "XmlElement", "NodeId", "ExpandedNodeId", "StatusCode",
    "QualifiedName", "LocalizedText"
];

const STATUS_NAMES = ["Good", "BadTimeout", "BadNodeIdUnknown", "UncertainInitialValue", "BadOutOfRange"];

function hex(n, width) {
    return (n >>> 0).toString(16).padStart(width, "0").slice(-width);
}

function valueOf(type, i) {
    switch (type) {
        case "Boolean": return i % 2 === 0;
        case "SByte": return ((i * 37) % 256) - 128;
        case "Byte": return (i * 53) % 256;
        case "Int16": return ((i * 7919) % 65536) - 32768;
        case "UInt16": return (i * 7919) % 65536;
        case "Int32": return ((i * 1000003) % 4294967296) - 2147483648;
        case "UInt32": return Number((BigInt(i) * 2654435761n) % 4294967296n);
        case "Int64": return ((i % 2 === 0 ? 1n : -1n) * BigInt(i) * 1234567890123n).toString();
        case "UInt64": return ((BigInt(i) * 184467440737095516n + 15n) % 18446744073709551616n).toString();
        case "Float": return Math.fround(i * 0.1 + 0.5);
        case "Double": return i * Math.PI;
        case "String": return `Value ${i} \u00e4\u00f6\u00fc \u2713`;
        case "DateTime": return new Date(Date.UTC(2020, 0, 1) + i * 3600000 + i).toISOString();
        case "Guid": return `${hex(i * 2654435761, 8)}-${hex(i, 4)}-4${hex(i * 7, 3)}-8${hex(i * 13, 3)}-${hex(i * 977, 4)}${hex(i * 31337, 8)}`.toUpperCase();
        case "ByteString": {
            const bytes = Buffer.alloc((i % 16) + 1);
            for (let j = 0; j < bytes.length; j++) bytes[j] = (i + j * 17) % 256;
            return bytes.toString("base64");
        }
        case "XmlElement": return `<v i="${i}"/>`;
        case "NodeId": return `ns=0;i=${2253 + (i % 200)}`;
        case "ExpandedNodeId": return `ns=0;i=${84 + (i % 50)}`;
        case "StatusCode": return STATUS_NAMES[i % STATUS_NAMES.length];
        case "QualifiedName": return { namespaceIndex: 0, name: `Q${i}` };
        case "LocalizedText": return { locale: "en-US", text: `Text ${i}` };
        default: throw new Error(`no value for ${type}`);
    }
}

// node-opcua wants 64-bit integers as [high, low] words.
function toWords(decimal) {
    const u = BigInt.asUintN(64, BigInt(decimal));
    return [Number(u >> 32n), Number(u & 0xffffffffn)];
}

function serverValue(type, canonical) {
    if (type === "Int64" || type === "UInt64") return toWords(canonical);
    return canonical;
}

function definitions(perType, largeArrayLength) {
    const defs = [];
    for (const type of TYPES) {
        for (let i = 0; i < perType; i++) {
            const name = `${type}_${String(i).padStart(3, "0")}`;
            defs.push({ type, valueRank: -1, name, id: `Scalars.${type}.${i}`, value: valueOf(type, i) });
        }
        for (let i = 0; i < perType; i++) {
            const name = `${type}Array_${String(i).padStart(3, "0")}`;
            const length = i % 9; // includes empty arrays
            const value = [];
            for (let j = 0; j < length; j++) value.push(valueOf(type, i * 10 + j));
            defs.push({ type, valueRank: 1, name, id: `Arrays.${type}.${i}`, value });
        }
    }
    const big = [];
    for (let j = 0; j < largeArrayLength; j++) big.push(j * 0.5);
    defs.push({ type: "Double", valueRank: 1, name: "LargeArray", id: "Large.Doubles", value: big, large: true });
    return defs;
}

module.exports = { definitions, serverValue, TYPES };
