using System.Text.Json;
using DataBridge.Bridge.Sinks.Kafka;
using DataBridge.Integration.Tests.Support;
using DataBridge.Testing.OpcUa;
using DataBridge.Testing.Support;

namespace DataBridge.Integration.Tests;

/// <summary>
/// Issue #11 end to end: <c>databridge run</c> against a node-opcua server that offers only Basic256Sha256
/// Sign/SignAndEncrypt and accepts only user "operator". Secure by default picks SignAndEncrypt; the unknown server
/// certificate is refused with the command that trusts it; once trusted, values flow with the user name identity;
/// and neither the password nor our private key appears in the log or in /healthz.
/// </summary>
[Collection(nameof(ProcessTests))]
public sealed class OpcUaSecurityTests : IDisposable
{
    private const string Password = "Pl4nt-Secr3t-0815";

    private readonly string _dir = Directory.CreateTempSubdirectory("databridge-opcua-security-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_secured_server_is_refused_until_trusted_then_delivers_values_as_the_user_and_the_password_is_never_shown()
    {
        await using var peer = await IdentityPeer.StartAsync(Password, secure: true);
        using var kafka = KafkaMockCluster.Start(1);
        var passwordFile = Path.Combine(_dir, "plc-password");
        await File.WriteAllTextAsync(passwordFile, Password + "\n");
        var pki = Path.Combine(_dir, "state", "pki");
        var config = Path.Combine(_dir, "bridge.yaml");
        await File.WriteAllTextAsync(config, $$"""
            bridge:
              id: it-secure
              stateDir: {{Path.Combine(_dir, "state")}}
            kafka:
              bootstrap: {{kafka.BootstrapServers}}
            sources:
              - id: secured
                asset: acme/secure/area1/line1
                opcua:
                  # By the host name its certificate names: the validator checks the endpoint host against the SAN.
                  endpoint: "{{peer.AdvertisedUrl}}"
                  publishingInterval: 100ms
                  security: { user: operator, password: "${file:plc-password}" }
                tags:
                  - { name: counter, node: "{{IdentityPeer.CounterNode}}", samplingInterval: 100ms }

            """);
        var healthPort = FreePort.Tcp();
        await using var bridge = BridgeProcess.Start("run", config, "--health", $"http://127.0.0.1:{healthPort}/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        // First contact: the strongest offered is chosen, the server certificate is refused and saved, the log says what to run.
        await Eventually.WaitUntilAsync(() => Task.FromResult(bridge.Output.Contains("databridge certs trust", StringComparison.Ordinal)), TimeSpan.FromSeconds(90), "the untrusted certificate to be reported\n" + bridge.Output);
        Assert.Contains("BadCertificateUntrusted", bridge.Output, StringComparison.Ordinal);
        Assert.Contains("Basic256Sha256/SignAndEncrypt (strongest of", bridge.Output, StringComparison.Ordinal);
        var rejected = Assert.Single(Directory.GetFiles(Path.Combine(pki, "rejected", "certs")));

        // The operator trusts it; the next attempt connects without a restart and values flow as user "operator".
        var (code, trustOutput) = await BridgeProcess.RunAsync(TimeSpan.FromSeconds(60), "certs", "trust", rejected, "--pki", pki);
        Assert.True(code == 0, trustOutput);
        string body = string.Empty;
        try
        {
            await Eventually.WaitUntilAsync(
                async () =>
                {
                    body = await HealthAsync(http, healthPort);
                    return body.Length > 0 && JsonDocument.Parse(body).RootElement.GetProperty("records").GetInt64() >= 10;
                },
                TimeSpan.FromSeconds(120),
                "values from the secured server");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{body}\n{bridge.Output}\n{peer.Output}", ex);
        }

        Assert.False(bridge.HasExited, bridge.Output);
        var health = JsonDocument.Parse(body).RootElement;
        var certificate = Assert.Single(health.GetProperty("certificates").EnumerateArray());
        Assert.Equal("application", certificate.GetProperty("role").GetString());
        Assert.True(certificate.GetProperty("notAfter").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddYears(4), body);

        // Neither the password nor a line of our private key is in the log or in /healthz.
        var key = await File.ReadAllLinesAsync(Assert.Single(Directory.GetFiles(Path.Combine(pki, "own", "private"))));
        var keyLines = key.Where(l => l.Length > 20 && !l.StartsWith("-----", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(keyLines);
        foreach (var text in new[] { bridge.Output, body })
        {
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
            foreach (var line in keyLines)
            {
                Assert.DoesNotContain(line, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Mode_none_warns_at_start_and_a_pinned_policy_the_server_does_not_offer_is_an_error_listing_what_it_offers()
    {
        await using var peer = await IdentityPeer.StartAsync(Password, secure: true);
        using var kafka = KafkaMockCluster.Start(1);
        var config = Path.Combine(_dir, "bridge.yaml");
        await File.WriteAllTextAsync(config, $$"""
            bridge:
              id: it-pinned
              stateDir: {{Path.Combine(_dir, "state")}}
            kafka:
              bootstrap: {{kafka.BootstrapServers}}
            sources:
              - id: pinned
                asset: acme/secure/area1/line1
                opcua: { endpoint: "{{peer.EndpointUrl}}", security: { policy: Aes256_Sha256_RsaPss, mode: signAndEncrypt } }
                tags:
                  - { name: counter, node: "{{IdentityPeer.CounterNode}}" }
              - id: plain
                asset: acme/secure/area1/line2
                opcua: { endpoint: "opc.tcp://127.0.0.1:{{FreePort.Tcp()}}/nothing", security: { mode: none } }
                tags:
                  - { name: counter, node: "{{IdentityPeer.CounterNode}}" }

            """);
        await using var bridge = BridgeProcess.Start("run", config);

        await Eventually.WaitUntilAsync(() => Task.FromResult(bridge.Output.Contains("It offers:", StringComparison.Ordinal)), TimeSpan.FromSeconds(90), "the pinned policy to be refused\n" + bridge.Output);
        Assert.Contains("does not offer Aes256_Sha256_RsaPss/SignAndEncrypt", bridge.Output, StringComparison.Ordinal);
        Assert.Contains("Basic256Sha256/SignAndEncrypt", bridge.Output, StringComparison.Ordinal);
        Assert.Contains("Source plain: OPC UA security is off", bridge.Output, StringComparison.Ordinal);
        Assert.False(bridge.HasExited, bridge.Output);
    }

    private static async Task<string> HealthAsync(HttpClient http, int port)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
            return await response.Content.ReadAsStringAsync();
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }
    }
}
