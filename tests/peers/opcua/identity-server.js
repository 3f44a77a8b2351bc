// DataBridge identity peer: a node-opcua server that allows user name logins (user "operator", password from
// OPCUA_USER_PASSWORD) and, with --trust-user-cert, X.509 user certificates; anonymous logins are refused.
// Without --secure it offers only a None endpoint (the password still encrypted: its user token policy names
// Basic256Sha256); with --secure it offers Basic256Sha256 Sign and SignAndEncrypt only.
// It serves one Int32 "Counter" (namespace urn:databridge:identity, s=Counter) that counts up every 100 ms.
// Usage: node identity-server.js --port N --pki DIR [--secure] [--trust-user-cert FILE.der]     Prints "READY <endpointUrl>".
"use strict";

const fs = require("fs");
const path = require("path");
const { OPCUAServer, OPCUACertificateManager, MessageSecurityMode, SecurityPolicy, Variant, DataType } = require("node-opcua");

function option(name, fallback) {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main() {
    const port = parseInt(option("--port", "48410"), 10);
    const pki = option("--pki", "./identity-pki");
    const secure = process.argv.includes("--secure");
    const trustedUser = option("--trust-user-cert", null);
    const password = process.env.OPCUA_USER_PASSWORD;
    const serverCertificateManager = new OPCUACertificateManager({ rootFolder: pki, automaticallyAcceptUnknownCertificate: true });
    // User certificates are checked against their own trust list; unknown ones are refused (BadIdentityTokenRejected).
    const userCertificateManager = new OPCUACertificateManager({ rootFolder: path.join(pki, "users"), automaticallyAcceptUnknownCertificate: false });
    await userCertificateManager.initialize();
    if (trustedUser) {
        await userCertificateManager.trustCertificate(fs.readFileSync(trustedUser));
    }

    const server = new OPCUAServer({
        port,
        resourcePath: "/identity",
        serverCertificateManager,
        userCertificateManager,
        securityModes: secure ? [MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt] : [MessageSecurityMode.None],
        // Without --secure, Basic256Sha256 is listed so the None endpoint offers "username_basic256Sha256" (the password encrypted with it).
        securityPolicies: secure ? [SecurityPolicy.Basic256Sha256] : [SecurityPolicy.None, SecurityPolicy.Basic256Sha256],
        allowAnonymous: false,
        userManager: { isValidUser: (user, pw) => user === "operator" && pw === password }
    });
    await server.initialize();
    // One changing value, so a bridge behind a user login has something to deliver: ns=urn:databridge:identity;s=Counter.
    const addressSpace = server.engine.addressSpace;
    const namespace = addressSpace.registerNamespace("urn:databridge:identity");
    let counter = 0;
    namespace.addVariable({
        organizedBy: addressSpace.rootFolder.objects,
        browseName: "Counter",
        nodeId: "s=Counter",
        dataType: "Int32",
        minimumSamplingInterval: 100,
        value: { get: () => new Variant({ dataType: DataType.Int32, value: counter }) }
    });
    const timer = setInterval(() => { counter++; }, 100);
    await server.start();
    process.stdout.write(`READY ${server.getEndpointUrl()}\n`);
    process.on("SIGTERM", async () => { clearInterval(timer); await server.shutdown(100); process.exit(0); });
}

main().catch(err => { console.error(err); process.exit(1); });
