using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Connectors.OpcUa.Security.Identity;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Testing.OpcUa;
using Xunit.Abstractions;

namespace DataBridge.Connectors.OpcUa.Tests.Security.Identity;

/// <summary>
/// <see cref="OpcUaClient"/> activates its session as the configured <see cref="UserIdentity"/> against node-opcua:
/// user name over SignAndEncrypt and over None (password encrypted per the token policy), X.509 user certificates,
/// and the refusals a user can act on (wrong password, untrusted user certificate, anonymous not offered).
/// </summary>
public sealed class SecureIdentityTests(ITestOutputHelper log)
{
    private const string Password = "Sw0rdfish-Line7";

    [Fact]
    public async Task Username_sessions_activate_over_SignAndEncrypt_and_a_wrong_password_is_refused_in_words()
    {
        using var secret = new SecretVariable(Password);
        using var wrong = new SecretVariable("not-the-password");
        await using var peer = await IdentityPeer.StartAsync(Password, secure: true);
        try
        {
            await using (var client = await OpcUaClient.ConnectAsync(peer.EndpointUrl, Options(UserIdentity.UserName(IdentityPeer.UserName, secret.Reference))))
            {
                Assert.Equal(MessageSecurityMode.SignAndEncrypt, client.Security.Mode);
                Assert.Equal(SecurityPolicies.Basic256Sha256, client.Security.Policy);
                Assert.True((await client.ReadValueAsync(client.ResolveNodeId(IdentityPeer.CounterNode))).Status.IsGood);
            }

            var error = await Assert.ThrowsAsync<OpcUaServiceException>(() => OpcUaClient.ConnectAsync(peer.EndpointUrl, Options(UserIdentity.UserName(IdentityPeer.UserName, wrong.Reference))));
            log.WriteLine(error.Message);
            Assert.Equal("BadUserAccessDenied", error.SymbolicName);
            Assert.Contains("check the user name and the password", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("not-the-password", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            log.WriteLine(peer.Output);
        }
    }

    [Fact]
    public async Task Username_over_a_None_channel_sends_the_password_encrypted_for_the_token_policy()
    {
        using var secret = new SecretVariable(Password);
        await using var peer = await IdentityPeer.StartAsync(Password, secure: false);
        await using var client = await OpcUaClient.ConnectAsync(peer.EndpointUrl, OpcUaClientOptions.Default with
        {
            ConnectRetryAttempts = 0,
            Security = OpcUaSecurityOptions.None with { UserIdentity = UserIdentity.UserName(IdentityPeer.UserName, secret.Reference) },
        });

        Assert.True(client.Security.Policy.IsNone);
        Assert.True((await client.ReadValueAsync(client.ResolveNodeId(IdentityPeer.CounterNode))).Status.IsGood);
    }

    [Fact]
    public async Task An_anonymous_client_is_told_which_identities_the_server_wants()
    {
        await using var peer = await IdentityPeer.StartAsync(Password, secure: true);

        var error = await Assert.ThrowsAsync<UserIdentityException>(() => OpcUaClient.ConnectAsync(peer.EndpointUrl, Options(UserIdentity.Anonymous)));

        log.WriteLine(error.Message);
        Assert.Contains("offers no Anonymous user token", error.Message, StringComparison.Ordinal);
        Assert.Contains("UserName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trusted_X509_user_certificate_activates_and_an_unknown_one_is_rejected()
    {
        using var user = TestCertificates.Create("urn:databridge:test:user:operator", commonName: "operator");
        using var stranger = TestCertificates.Create("urn:databridge:test:user:stranger", commonName: "stranger");
        var userFile = Path.Combine(Path.GetTempPath(), $"databridge-user-{Guid.NewGuid():N}.der");
        await File.WriteAllBytesAsync(userFile, user.RawData);
        try
        {
            await using var peer = await IdentityPeer.StartAsync(Password, secure: true, trustedUserCertificateDer: userFile);
            await using (var client = await OpcUaClient.ConnectAsync(peer.EndpointUrl, Options(UserIdentity.Certificate(user))))
            {
                Assert.True((await client.ReadValueAsync(client.ResolveNodeId(IdentityPeer.CounterNode))).Status.IsGood);
            }

            var error = await Assert.ThrowsAsync<OpcUaServiceException>(() => OpcUaClient.ConnectAsync(peer.EndpointUrl, Options(UserIdentity.Certificate(stranger))));
            log.WriteLine(error.Message);
            Assert.Equal("BadIdentityTokenRejected", error.SymbolicName);
        }
        finally
        {
            File.Delete(userFile);
        }
    }

    private static OpcUaClientOptions Options(UserIdentity identity) => OpcUaClientOptions.Default with
    {
        ConnectRetryAttempts = 0,
        ApplicationUri = TestCertificates.ClientApplicationUri,
        Security = new OpcUaSecurityOptions { ClientCertificate = TestCertificates.Client, UserIdentity = identity },
    };

    /// <summary>A password in a fresh environment variable, referenced as <c>${NAME}</c>; removed on dispose.</summary>
    private sealed class SecretVariable : IDisposable
    {
        private readonly string _name = "DATABRIDGE_TEST_SECRET_" + Guid.NewGuid().ToString("N");

        public SecretVariable(string value) => Environment.SetEnvironmentVariable(_name, value);

        public SecretReference Reference => SecretReference.Parse("${" + _name + "}");

        public void Dispose() => Environment.SetEnvironmentVariable(_name, null);
    }
}
