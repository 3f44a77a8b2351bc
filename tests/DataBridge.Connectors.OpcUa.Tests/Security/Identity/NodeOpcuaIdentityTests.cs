using System.Globalization;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security.Identity;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Testing.OpcUa;
using DataBridge.Testing.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace DataBridge.Connectors.OpcUa.Tests.Security.Identity;

/// <summary>
/// User name identities against a real node-opcua server on a None endpoint whose user token policy encrypts the
/// password (node-opcua advertises Basic256Sha256 for it): the right password activates, a wrong one is refused.
/// </summary>
public sealed class NodeOpcuaIdentityTests(ITestOutputHelper log)
{
    private const string Password = "Pl4nt-Secret!";

    [Fact]
    public async Task Username_with_encrypted_password_activates_and_a_wrong_password_gives_BadUserAccessDenied()
    {
        var pki = Directory.CreateTempSubdirectory("databridge-identity-peer-");
        var variable = "DATABRIDGE_TEST_OPCUA_PW_" + Guid.NewGuid().ToString("N");
        var wrong = "DATABRIDGE_TEST_OPCUA_WRONG_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, Password);
        Environment.SetEnvironmentVariable(wrong, "not-the-password");
        var port = FreePort.Tcp();
        await using var peer = ChildProcess.Start("node", ["identity-server.js", "--port", port.ToString(CultureInfo.InvariantCulture), "--pki", pki.FullName], OpcUaPeer.PeerDirectory, new Dictionary<string, string?> { ["OPCUA_USER_PASSWORD"] = Password });
        try
        {
            var ready = await peer.WaitForLineAsync("READY ", TimeSpan.FromSeconds(90));
            var url = $"opc.tcp://127.0.0.1:{port}/identity";
            // node-opcua returns ServerEndpoints only for the URL it advertises (its host name), so CreateSession names that one.
            var advertised = ready.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            log.WriteLine(ready);

            var activated = await ActivateAsync(url, advertised, UserIdentity.UserName("operator", SecretReference.Parse("${" + variable + "}")));
            Assert.True(activated.ResponseHeader!.ServiceResult.IsGood);

            var error = await Assert.ThrowsAsync<OpcUaServiceException>(() => ActivateAsync(url, advertised, UserIdentity.UserName("operator", SecretReference.Parse("${" + wrong + "}"))));
            log.WriteLine(error.Message);
            Assert.Equal("BadUserAccessDenied", error.SymbolicName);
            Assert.Contains("BadUserAccessDenied", error.Message, StringComparison.Ordinal);
            Assert.Contains("check the user name and the password", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("not-the-password", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            log.WriteLine(peer.Output);
            Environment.SetEnvironmentVariable(variable, null);
            Environment.SetEnvironmentVariable(wrong, null);
            pki.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_node_opcua_server_certificate_is_rejected_first_and_passes_every_check_once_trusted()
    {
        var peerPki = Directory.CreateTempSubdirectory("databridge-identity-peer-");
        using var ours = new TempPki();
        var port = FreePort.Tcp();
        await using var peer = ChildProcess.Start("node", ["identity-server.js", "--port", port.ToString(CultureInfo.InvariantCulture), "--pki", peerPki.FullName], OpcUaPeer.PeerDirectory, new Dictionary<string, string?> { ["OPCUA_USER_PASSWORD"] = Password });
        try
        {
            var advertised = (await peer.WaitForLineAsync("READY ", TimeSpan.FromSeconds(90))).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await using var channel = await SecureChannel.OpenAsync(OpcUaEndpointAddress.Parse($"opc.tcp://127.0.0.1:{port}/identity"), new SecureChannelOptions(), TimeProvider.System, NullLogger.Instance, cts.Token);
            var endpoints = await DiscoveryServices.GetEndpointsAsync(new ServiceInvoker(channel, TimeProvider.System), advertised, cts.Token);
            var endpoint = endpoints.First(e => e.ServerCertificate is { Length: > 0 });
            using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(endpoint.ServerCertificate!);
            var context = new DataBridge.Connectors.OpcUa.Security.ServerCertificateContext(advertised, endpoint.Server!.ApplicationUri, DataBridge.Connectors.OpcUa.Security.SecurityPolicies.Basic256Sha256);
            var validator = new DataBridge.Connectors.OpcUa.Security.Pki.ServerCertificateValidator(ours.Store);

            var error = Assert.Throws<DataBridge.Connectors.OpcUa.Security.OpcUaCertificateException>(() => validator.Validate(certificate, [], context));
            log.WriteLine(error.Message);
            Assert.Equal("BadCertificateUntrusted", error.StatusCode.Name);

            ours.Store.Trust(certificate.Thumbprint);
            validator.Validate(certificate, [], context);
        }
        finally
        {
            log.WriteLine(peer.Output);
            peerPki.Delete(recursive: true);
        }
    }

    private static async Task<ActivateSessionResponse> ActivateAsync(string url, string advertised, UserIdentity identity)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var channel = await SecureChannel.OpenAsync(OpcUaEndpointAddress.Parse(url), new SecureChannelOptions(), TimeProvider.System, NullLogger.Instance, cts.Token);
        var invoker = new ServiceInvoker(channel, TimeProvider.System);
        var created = await SessionServices.CreateSessionAsync(invoker, new SessionRequest(advertised, "DataBridge test", "urn:databridge:test", "urn:databridge", "identity test", TimeSpan.FromSeconds(30), 1 << 24), cts.Token);
        // The token policies come from GetEndpoints (node-opcua leaves them out of CreateSession's ServerEndpoints).
        var endpoints = await DiscoveryServices.GetEndpointsAsync(invoker, advertised, cts.Token);
        var endpoint = endpoints.First(e => e.SecurityMode == MessageSecurityMode.None);
        return await SessionServices.ActivateAsync(invoker, created, endpoint, identity, null, channelEncrypted: false, clientSignature: null, cts.Token);
    }
}
