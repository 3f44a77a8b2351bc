using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Testing.OpcUa;
using DataBridge.Testing.Support;

namespace DataBridge.Connectors.OpcUa.Tests.Client;

/// <summary>Tests that need their own server: short token lifetimes, restarts, crashes.</summary>
public sealed class PeerLifecycleTests
{
    private static readonly OpcUaPeerOptions Small = new() { PerType = 2, LargeArrayLength = 10 };

    [Fact]
    public async Task Secure_channel_token_is_renewed_before_it_expires_during_a_long_session()
    {
        await using var peer = await OpcUaPeer.StartAsync(Small with { TokenLifetimeMs = 1200 });
        var options = new OpcUaClientOptions
        {
            KeepAliveInterval = TimeSpan.Zero,
            Channel = new SecureChannelOptions { RequestedTokenLifetime = TimeSpan.FromMilliseconds(1200) },
        };
        await using var client = await OpcUaClient.ConnectAsync(peer.EndpointUrl, options);
        var firstToken = client.SecurityToken;
        Assert.Equal(TimeSpan.FromMilliseconds(1200), firstToken.RevisedLifetime);
        var node = client.ResolveNodeId($"nsu={OpcUaPeerDefinitions.OtherNamespace};i=1001");

        // Keep reading (paced, not timed) until the client has renewed three times, i.e. across more than three
        // lifetimes' worth of renewals: without renewal the server drops the token after 125 % and a read fails.
        var reads = 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (client.TokenRenewals < 3 || reads <= 20)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {client.TokenRenewals} renewals after {reads} reads");
            var value = await client.ReadValueAsync(node);
            Assert.True(value.Status.IsGood, value.Status.Name);
            Assert.Equal(1000, value.Value.GetInt32());
            reads++;
            await pace.WaitForNextTickAsync();
        }

        Assert.True(client.TokenRenewals >= 3, $"{client.TokenRenewals} renewals");
        Assert.NotEqual(firstToken.TokenId, client.SecurityToken.TokenId);
        Assert.Equal(firstToken.ChannelId, client.SecurityToken.ChannelId);
        Assert.True(client.IsConnected);
        Assert.True(reads > 20);
    }

    [Fact]
    public async Task Nsu_node_ids_read_the_same_variables_after_the_server_restarts_with_namespaces_reordered()
    {
        var peer = await OpcUaPeer.StartAsync(Small);
        string[] ids = [$"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Line1.Press07.Temperature", $"nsu={OpcUaPeerDefinitions.OtherNamespace};i=1003", $"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Scalars.Int32.1"];
        try
        {
            var (before, plantIndexBefore) = await ReadByNsuAsync(peer.EndpointUrl, ids);
            peer = await peer.RestartAsync(Small with { ReverseNamespaces = true });
            var (after, plantIndexAfter) = await ReadByNsuAsync(peer.EndpointUrl, ids);

            Assert.NotEqual(plantIndexBefore, plantIndexAfter);
            Assert.Equal(before, after);
            Assert.Equal("182.5", after[0]);
            Assert.Equal("1006", after[1]);
        }
        finally
        {
            await peer.DisposeAsync();
        }
    }

    private static async Task<(string[] Values, ushort PlantIndex)> ReadByNsuAsync(string url, string[] ids)
    {
        await using var client = await OpcUaClient.ConnectAsync(url, new OpcUaClientOptions { KeepAliveInterval = TimeSpan.Zero });
        var values = await client.ReadValuesAsync(ids.Select(client.ResolveNodeId).ToList());
        Assert.True(client.Namespaces.TryGetIndex(OpcUaPeerDefinitions.PlantNamespace, out var index));
        return (values.Select(v => ValueText.Format(v)).ToArray(), index);
    }

    [Fact]
    public async Task A_server_that_stops_answering_times_requests_out_and_the_keep_alive_reports_the_loss()
    {
        await using var peer = await OpcUaPeer.StartAsync(Small);
        var options = new OpcUaClientOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(300), Channel = new SecureChannelOptions { RequestTimeout = TimeSpan.FromSeconds(1) } };
        await using var client = await OpcUaClient.ConnectAsync(peer.EndpointUrl, options);
        var node = client.ResolveNodeId($"nsu={OpcUaPeerDefinitions.OtherNamespace};i=1001");
        var lost = new TaskCompletionSource<Exception>();
        client.ConnectionLost += (_, e) => lost.TrySetResult(e.Error);

        await peer.SuspendAsync();
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var ex = await Assert.ThrowsAsync<OpcUaTransportException>(() => client.ReadValueAsync(node)).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(DataBridge.Core.StatusCodes.BadTimeout, ex.StatusCode.Code);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");

            var reason = await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(DataBridge.Core.StatusCodes.BadTimeout, Assert.IsType<OpcUaTransportException>(reason).StatusCode.Code);
            Assert.False(client.IsConnected);
            Assert.Equal(0, client.Channel.PendingCount);
        }
        finally
        {
            await peer.ResumeAsync();
        }
    }

    [Fact]
    public async Task Killing_the_server_is_noticed_by_the_keep_alive_and_reported_once()
    {
        await using var peer = await OpcUaPeer.StartAsync(Small);
        var options = new OpcUaClientOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(200), Channel = new SecureChannelOptions { RequestTimeout = TimeSpan.FromSeconds(1) } };
        await using var client = await OpcUaClient.ConnectAsync(peer.EndpointUrl, options);
        var lost = 0;
        Exception? reason = null;
        client.ConnectionLost += (_, e) =>
        {
            Interlocked.Increment(ref lost);
            reason = e.Error;
        };

        peer.Kill();

        await Eventually.WaitUntilAsync(() => Volatile.Read(ref lost) > 0, TimeSpan.FromSeconds(10), "ConnectionLost");
        Assert.False(client.IsConnected);
        var transport = Assert.IsType<OpcUaTransportException>(reason);
        Assert.True(transport.StatusCode.IsBad);

        // Disposing waits for the keep-alive loop and closes the channel, the two places that report a loss: once it
        // returns nothing can report again, so the count is final.
        await client.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, lost);
    }
}
