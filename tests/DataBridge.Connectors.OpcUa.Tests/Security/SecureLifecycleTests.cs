using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Testing.OpcUa;

namespace DataBridge.Connectors.OpcUa.Tests.Security;

/// <summary>Secured channels that need their own server: short token lifetimes, deprecated policies.</summary>
public sealed class SecureLifecycleTests
{
    [Fact]
    public async Task Token_renewal_under_SignAndEncrypt_derives_new_keys_and_loses_no_notification()
    {
        var pki = Path.Combine(Path.GetTempPath(), $"databridge-secure-peer-{Guid.NewGuid():N}");
        await using var peer = await OpcUaPeer.StartAsync(SecurePeerFixture.Options(pki) with { TokenLifetimeMs = 1500 }, TimeSpan.FromSeconds(120));
        try
        {
            var options = SecureConnectTests.Options(new OpcUaSecurityOptions { Policy = SecurityPolicies.Aes256Sha256RsaPss, Mode = MessageSecurityMode.SignAndEncrypt, ClientCertificate = TestCertificates.Client }) with
            {
                Channel = new SecureChannelOptions { RequestedTokenLifetime = TimeSpan.FromMilliseconds(1500) },
            };
            await using var client = await OpcUaClient.ConnectAsync(peer.EndpointUrl, options);
            var firstToken = client.SecurityToken;
            var batches = new BatchCollector();
            await using var engine = new SubscriptionEngine(client, batches.OnBatchAsync);
            var subscription = await engine.CreateSubscriptionAsync(new SubscriptionSettings { PublishingInterval = TimeSpan.FromMilliseconds(100), MaxKeepAliveCount = 10, LifetimeCount = 100 });
            var states = await subscription.CreateMonitoredItemsAsync([BatchCollector.CurrentTime(1)]);
            Assert.True(states[0].Status.IsGood, states[0].Status.Name);

            // Run through at least four renewals (one every 1.1 s) and keep reading alongside the notifications (CurrentTime
            // changes once a second on node-opcua, so about one data message a second).
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (client.TokenRenewals < 4)
            {
                Assert.True(DateTime.UtcNow < deadline, $"only {client.TokenRenewals} renewals in 30 s");
                var value = await client.ReadValueAsync(client.ResolveNodeId($"nsu={OpcUaPeerDefinitions.OtherNamespace};i=1001"));
                Assert.True(value.Status.IsGood, value.Status.Name);
                await Task.Delay(50);
            }

            var afterRenewals = batches.Notifications;
            await batches.WaitForNotificationsAsync(afterRenewals + 3, TimeSpan.FromSeconds(10));

            Assert.True(client.IsConnected, client.ConnectionError?.Message);
            Assert.NotEqual(firstToken.TokenId, client.SecurityToken.TokenId);
            Assert.Equal(firstToken.ChannelId, client.SecurityToken.ChannelId);
            var received = batches.Snapshot();
            Assert.All(received, b => Assert.Null(b.Gap));
            Assert.All(received, b => Assert.False(b.Republished));
            var sequence = received.Where(b => b.Notifications.Count > 0).Select(b => b.SequenceNumber).ToArray();
            Assert.True(sequence.Length >= 4, $"{sequence.Length} data messages"); // about one a second, fewer on a loaded machine
            for (var i = 1; i < sequence.Length; i++)
            {
                Assert.Equal(sequence[i - 1] + 1, sequence[i]);
            }
        }
        finally
        {
            TryDelete(pki);
        }
    }

    [Theory]
    [InlineData("Basic256", MessageSecurityMode.Sign)]
    [InlineData("Basic256", MessageSecurityMode.SignAndEncrypt)]
    [InlineData("Basic128Rsa15", MessageSecurityMode.Sign)]
    [InlineData("Basic128Rsa15", MessageSecurityMode.SignAndEncrypt)]
    public async Task Deprecated_policies_work_only_when_allowed(string policyName, MessageSecurityMode mode)
    {
        var pki = Path.Combine(Path.GetTempPath(), $"databridge-secure-peer-{Guid.NewGuid():N}");
        await using var peer = await OpcUaPeer.StartAsync(SecurePeerFixture.Options(pki) with { DeprecatedPolicies = true }, TimeSpan.FromSeconds(120));
        try
        {
            var policy = SecurityPolicies.Find(policyName)!;

            // Automatic selection never picks a deprecated policy unless allowed, even when it is all a mode offers.
            await using (var automatic = await OpcUaClient.ConnectAsync(peer.EndpointUrl, SecureConnectTests.Options(new OpcUaSecurityOptions { ClientCertificate = TestCertificates.Client })))
            {
                Assert.False(automatic.Security.Policy.IsDeprecated);
                Assert.Contains($"{policyName}/{mode} (deprecated)", automatic.Security.Offered);
            }

            Assert.Throws<ArgumentException>(() => new OpcUaSecurityOptions { Policy = policy, Mode = mode, ClientCertificate = TestCertificates.Client }.Validate());

            await using var client = await OpcUaClient.ConnectAsync(peer.EndpointUrl, SecureConnectTests.Options(new OpcUaSecurityOptions { Policy = policy, Mode = mode, ClientCertificate = TestCertificates.Client, AllowDeprecatedPolicies = true }));
            Assert.Equal(policy, client.Security.Policy);
            await SecureSessionChecks.BrowseReadAndSubscribeAsync(client);
        }
        finally
        {
            TryDelete(pki);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
