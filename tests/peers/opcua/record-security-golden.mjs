// Records golden bytes for the client's secure channel crypto, produced by node-opcua's own crypto
// (node-opcua-crypto: P_SHA1/P_SHA256 key derivation, HMAC chunk signatures, AES-CBC chunk encryption) and
// node-opcua-chunkmanager's padding rule. The C# tests (tests/DataBridge.Connectors.OpcUa.Tests/Security/
// GoldenSecurityTests.cs) compare against the recording, so they run without node.
//
// Usage (after npm ci): node record-security-golden.mjs > ../../DataBridge.Connectors.OpcUa.Tests/Security/security-golden.json
"use strict";

import {
    computeDerivedKeys,
    makePseudoRandomBuffer,
    makeMessageChunkSignatureWithDerivedKeys,
    encryptBufferWithDerivedKeys
} from "node-opcua-crypto";

// Facts of OPC 10000-7, as node-opcua's security_policy.js uses them.
const policies = [
    { name: "Basic128Rsa15", hash: "SHA1", signatureLength: 20, signingKeyLength: 16, encryptingKeyLength: 16, nonceLength: 16, algorithm: "aes-128-cbc" },
    { name: "Basic256", hash: "SHA1", signatureLength: 20, signingKeyLength: 24, encryptingKeyLength: 32, nonceLength: 32, algorithm: "aes-256-cbc" },
    { name: "Basic256Sha256", hash: "SHA256", signatureLength: 32, signingKeyLength: 32, encryptingKeyLength: 32, nonceLength: 32, algorithm: "aes-256-cbc" },
    { name: "Aes128_Sha256_RsaOaep", hash: "SHA256", signatureLength: 32, signingKeyLength: 32, encryptingKeyLength: 16, nonceLength: 32, algorithm: "aes-128-cbc" },
    { name: "Aes256_Sha256_RsaPss", hash: "SHA256", signatureLength: 32, signingKeyLength: 32, encryptingKeyLength: 32, nonceLength: 32, algorithm: "aes-256-cbc" }
];

const blockSize = 16;
const channelId = 7;
const tokenId = 3;

function pattern(length, start, step) {
    const buffer = Buffer.alloc(length);
    for (let i = 0; i < length; i++) {
        buffer[i] = (start + i * step) & 0xff;
    }
    return buffer;
}

function derive(policy, secret, seed) {
    return computeDerivedKeys(secret, seed, {
        signatureLength: policy.signatureLength,
        signingKeyLength: policy.signingKeyLength,
        encryptingKeyLength: policy.encryptingKeyLength,
        encryptingBlockSize: blockSize,
        algorithm: policy.algorithm,
        sha1or256: policy.hash
    });
}

// A symmetric MSG chunk as node-opcua's chunk manager builds it: message header, channel id, token id, sequence
// header, body, then (when encrypting) padding so that sequence header + body + padding + signature fill whole
// blocks, then the HMAC over everything before it, then AES-CBC over everything after the token id.
function chunk(keys, policy, encrypt, sequenceNumber, requestId, body) {
    const sequenceHeaderSize = 8;
    const headerSize = 16;
    let padding = Buffer.alloc(0);
    if (encrypt) {
        const n = (sequenceHeaderSize + body.length + policy.signatureLength + 1) % blockSize;
        const count = (blockSize - n) % blockSize;
        padding = Buffer.alloc(count + 1, count);
    }
    const size = headerSize + sequenceHeaderSize + body.length + padding.length + policy.signatureLength;
    const header = Buffer.alloc(headerSize + sequenceHeaderSize);
    header.write("MSGF", 0, "ascii");
    header.writeUInt32LE(size, 4);
    header.writeUInt32LE(channelId, 8);
    header.writeUInt32LE(tokenId, 12);
    header.writeUInt32LE(sequenceNumber, 16);
    header.writeUInt32LE(requestId, 20);
    const plain = Buffer.concat([header, body, padding]);
    const signature = makeMessageChunkSignatureWithDerivedKeys(plain, keys);
    const signed = Buffer.concat([plain, signature]);
    if (!encrypt) {
        return { plain: plain.toString("hex"), wire: signed.toString("hex") };
    }
    const encrypted = encryptBufferWithDerivedKeys(signed.subarray(headerSize), keys);
    return { plain: plain.toString("hex"), wire: Buffer.concat([signed.subarray(0, headerSize), encrypted]).toString("hex") };
}

const result = { recordedWith: "node-opcua-crypto", channelId, tokenId, policies: [] };
for (const policy of policies) {
    const clientNonce = pattern(policy.nonceLength, 0x11, 3);
    const serverNonce = pattern(policy.nonceLength, 0xa0, 7);
    // Part 6 §6.7.5: client keys from P(serverNonce, clientNonce), server keys from P(clientNonce, serverNonce).
    const clientKeys = derive(policy, serverNonce, clientNonce);
    const serverKeys = derive(policy, clientNonce, serverNonce);
    const body = pattern(61, 0x30, 5);
    result.policies.push({
        name: policy.name,
        clientNonce: clientNonce.toString("hex"),
        serverNonce: serverNonce.toString("hex"),
        pHash100: makePseudoRandomBuffer(serverNonce, clientNonce, 100, policy.hash).toString("hex"),
        clientSigningKey: clientKeys.signingKey.toString("hex"),
        clientEncryptingKey: clientKeys.encryptingKey.toString("hex"),
        clientIv: clientKeys.initializationVector.toString("hex"),
        serverSigningKey: serverKeys.signingKey.toString("hex"),
        serverEncryptingKey: serverKeys.encryptingKey.toString("hex"),
        serverIv: serverKeys.initializationVector.toString("hex"),
        body: body.toString("hex"),
        clientSigned: chunk(clientKeys, policy, false, 51, 9, body),
        clientEncrypted: chunk(clientKeys, policy, true, 52, 9, body),
        serverSigned: chunk(serverKeys, policy, false, 1001, 9, body),
        serverEncrypted: chunk(serverKeys, policy, true, 1002, 9, body)
    });
}

process.stdout.write(JSON.stringify(result, null, 2) + "\n");
