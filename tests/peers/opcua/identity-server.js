// DataBridge identity peer: a node-opcua server on a None endpoint that allows user name logins only
// (user "operator", password from OPCUA_USER_PASSWORD), with its certificates in a fresh PKI folder.
// Usage: node identity-server.js --port N --pki DIR     Prints "READY <endpointUrl>".
"use strict";

const { OPCUAServer, OPCUACertificateManager, MessageSecurityMode, SecurityPolicy } = require("node-opcua");

function option(name, fallback) {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main() {
    const port = parseInt(option("--port", "48410"), 10);
    const pki = option("--pki", "./identity-pki");
    const password = process.env.OPCUA_USER_PASSWORD;
    const serverCertificateManager = new OPCUACertificateManager({ rootFolder: pki, automaticallyAcceptUnknownCertificate: true });
    const server = new OPCUAServer({
        port,
        resourcePath: "/identity",
        serverCertificateManager,
        securityModes: [MessageSecurityMode.None],
        // Basic256Sha256 listed so the None endpoint offers "username_basic256Sha256" (the password encrypted with it).
        securityPolicies: [SecurityPolicy.None, SecurityPolicy.Basic256Sha256],
        allowAnonymous: false,
        userManager: { isValidUser: (user, pw) => user === "operator" && pw === password }
    });
    await server.start();
    process.stdout.write(`READY ${server.getEndpointUrl()}\n`);
    process.on("SIGTERM", async () => { await server.shutdown(100); process.exit(0); });
}

main().catch(err => { console.error(err); process.exit(1); });
