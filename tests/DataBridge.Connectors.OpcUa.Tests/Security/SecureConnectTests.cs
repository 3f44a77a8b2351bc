using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;
using DataBridge.Testing.OpcUa;

namespace DataBridge.Connectors.OpcUa.Tests.Security;

/// <summary>Connect, browse, read and subscribe against node-opcua in every policy × mode it offers, anonymous.</summary>
public sealed class SecureConnectTests(SecurePeerFixture fixture) : IClassFixture<SecurePeerFixture>
{
    public static TheoryData<string, MessageSecurityMode> PolicyModes => new()
    {
        { "Basic256Sha256", MessageSecurityMode.Sign },
        { "Basic256Sha256", MessageSecurityMode.SignAndEncrypt },
        { "Aes128_Sha256_RsaOaep", MessageSecurityMode.Sign },
        { "Aes128_Sha256_RsaOaep", MessageSecurityMode.SignAndEncrypt },
        { "Aes256_Sha256_RsaPss", MessageSecurityMode.Sign },
        { "Aes256_Sha256_RsaPss", MessageSecurityMode.SignAndEncrypt },
    };

    [Theory]
    [MemberData(nameof(PolicyModes))]
    public async Task Client_connects_browses_reads_and_subscribes_with_a_pinned_policy_and_mode(string policyName, MessageSecurityMode mode)
    {
        var policy = SecurityPolicies.Find(policyName)!;
        await using var client = await OpcUaClient.ConnectAsync(fixture.Peer.EndpointUrl, Options(new OpcUaSecurityOptions { Policy = policy, Mode = mode, ClientCertificate = TestCertificates.Client }));

        Assert.Equal(policy, client.Security.Policy);
        Assert.Equal(mode, client.Security.Mode);
        Assert.False(client.Security.Automatic);
        await SecureSessionChecks.BrowseReadAndSubscribeAsync(client);
    }

    [Fact]
    public async Task Without_a_pinned_policy_the_client_picks_the_strongest_the_server_offers()
    {
        var validator = new RecordingValidator();
        await using var client = await OpcUaClient.ConnectAsync(fixture.Peer.EndpointUrl, Options(new OpcUaSecurityOptions { ClientCertificate = TestCertificates.Client, CertificateValidator = validator }));

        Assert.Equal(SecurityPolicies.Aes256Sha256RsaPss, client.Security.Policy);
        Assert.Equal(MessageSecurityMode.SignAndEncrypt, client.Security.Mode);
        Assert.True(client.Security.Automatic);
        Assert.Contains("Basic256Sha256/Sign", client.Security.Offered);
        Assert.Contains("None/None", client.Security.Offered);
        Assert.Equal("Aes256_Sha256_RsaPss/SignAndEncrypt", client.Security.Offered[0]);
        var seen = Assert.Single(validator.Seen);
        Assert.Equal(client.Security.ServerCertificate!.Thumbprint, seen.Certificate.Thumbprint);
        Assert.Equal(SecurityPolicies.Aes256Sha256RsaPss, seen.Context.Policy);
        Assert.Equal(fixture.Peer.EndpointUrl, seen.Context.EndpointUrl);
        Assert.False(string.IsNullOrEmpty(seen.Context.ServerApplicationUri));
        Assert.Equal(182.5, (await client.ReadValueAsync(client.ResolveNodeId($"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Line1.Press07.Temperature"))).Value.GetDouble());
    }

    [Fact]
    public async Task A_4096_bit_client_key_gets_responses_with_the_extra_padding_byte()
    {
        // Part 6 §6.7.2.5: the server encrypts OpenSecureChannel for our key; above 2,048 bits ExtraPaddingSize follows.
        using var certificate = TestCertificates.Create(TestCertificates.ClientApplicationUri, keySize: 4096);
        await using var client = await OpcUaClient.ConnectAsync(fixture.Peer.EndpointUrl, Options(new OpcUaSecurityOptions { Policy = SecurityPolicies.Basic256Sha256, Mode = MessageSecurityMode.SignAndEncrypt, ClientCertificate = certificate }));

        Assert.Equal(182.5, (await client.ReadValueAsync(client.ResolveNodeId($"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Line1.Press07.Temperature"))).Value.GetDouble());
    }

    [Fact]
    public async Task A_secured_session_is_reactivated_on_a_new_channel_after_the_connection_is_cut()
    {
        await using var proxy = UaTcpProxy.Start(fixture.Peer.Port);
        var options = Options(new OpcUaSecurityOptions { ClientCertificate = TestCertificates.Client });
        var first = await OpcUaClient.ConnectAsync(proxy.EndpointUrlFor(fixture.Peer.EndpointUrl), options);
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        first.ConnectionLost += (_, _) => lost.TrySetResult();
        proxy.CutAllConnections();
        await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // ActivateSession on the new channel signs the server certificate with the nonce of the last activation.
        await using var second = await OpcUaClient.ReactivateAsync(first);

        Assert.Equal(first.SessionId, second.SessionId);
        Assert.Equal(SecurityPolicies.Aes256Sha256RsaPss, second.Security.Policy);
        Assert.Equal(MessageSecurityMode.SignAndEncrypt, second.Security.Mode);
        Assert.Equal(182.5, (await second.ReadValueAsync(second.ResolveNodeId($"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Line1.Press07.Temperature"))).Value.GetDouble());
        await first.DisposeAsync();
    }

    [Fact]
    public async Task A_pinned_mode_narrows_the_automatic_choice_of_policy()
    {
        await using var client = await OpcUaClient.ConnectAsync(fixture.Peer.EndpointUrl, Options(new OpcUaSecurityOptions { Mode = MessageSecurityMode.Sign, ClientCertificate = TestCertificates.Client }));

        Assert.Equal(SecurityPolicies.Aes256Sha256RsaPss, client.Security.Policy);
        Assert.Equal(MessageSecurityMode.Sign, client.Security.Mode);
    }

    [Fact]
    public async Task A_pinned_policy_the_endpoint_does_not_offer_is_an_error_listing_what_it_offers()
    {
        var options = Options(new OpcUaSecurityOptions { Policy = SecurityPolicies.Basic256, Mode = MessageSecurityMode.SignAndEncrypt, ClientCertificate = TestCertificates.Client, AllowDeprecatedPolicies = true });

        var error = await Assert.ThrowsAsync<OpcUaTransportException>(() => OpcUaClient.ConnectAsync(fixture.Peer.EndpointUrl, options));

        Assert.Equal(StatusCodes.BadSecurityPolicyRejected, error.StatusCode.Code);
        Assert.Contains("does not offer Basic256/SignAndEncrypt", error.Message, StringComparison.Ordinal);
        Assert.Contains("Aes256_Sha256_RsaPss/SignAndEncrypt, Basic256Sha256/SignAndEncrypt, Aes128_Sha256_RsaOaep/SignAndEncrypt", error.Message, StringComparison.Ordinal);
        Assert.Contains("None/None", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_validator_that_refuses_the_server_certificate_stops_the_connection_before_the_channel_opens()
    {
        var validator = new RecordingValidator { Refuse = true };
        var options = Options(new OpcUaSecurityOptions { ClientCertificate = TestCertificates.Client, CertificateValidator = validator });

        var error = await Assert.ThrowsAsync<OpcUaCertificateException>(() => OpcUaClient.ConnectAsync(fixture.Peer.EndpointUrl, options));

        Assert.Equal(StatusCodes.BadCertificateUntrusted, error.StatusCode.Code);
        Assert.Single(validator.Seen);
    }

    [Fact]
    public async Task Automatic_security_without_a_client_certificate_says_one_is_needed()
    {
        var error = await Assert.ThrowsAsync<OpcUaCertificateException>(() => OpcUaClient.ConnectAsync(fixture.Peer.EndpointUrl, Options(new OpcUaSecurityOptions())));

        Assert.Contains("needs our application instance certificate", error.Message, StringComparison.Ordinal);
    }

    internal static OpcUaClientOptions Options(OpcUaSecurityOptions security) => new()
    {
        ApplicationUri = TestCertificates.ClientApplicationUri,
        Security = security,
        KeepAliveInterval = TimeSpan.Zero,
        ConnectRetryAttempts = 0,
    };

    private sealed class RecordingValidator : IServerCertificateValidator
    {
        public List<(System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate, ServerCertificateContext Context)> Seen { get; } = [];

        public bool Refuse { get; init; }

        public void Validate(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, System.Security.Cryptography.X509Certificates.X509Certificate2Collection chain, ServerCertificateContext context)
        {
            Seen.Add((certificate, context));
            if (Refuse)
            {
                throw new OpcUaCertificateException(StatusCodes.BadCertificateUntrusted, $"test refuses {certificate.Thumbprint}", certificate.Thumbprint);
            }
        }
    }
}
