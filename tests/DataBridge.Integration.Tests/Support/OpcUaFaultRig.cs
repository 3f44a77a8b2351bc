using System.Globalization;
using DataBridge.Bridge.Sinks.Kafka;
using DataBridge.Testing.OpcUa;
using DataBridge.Testing.Support;

namespace DataBridge.Integration.Tests.Support;

/// <summary>
/// One fault test's world, all real: the node-opcua subscription peer, a <see cref="UaTcpProxy"/> in front of it, a
/// librdkafka mock cluster, and the real <c>databridge run</c> process subscribed to the peer's Ticker through the
/// proxy. Disposing stops all of it.
/// </summary>
public sealed class OpcUaFaultRig : IAsyncDisposable
{
    public const string SourceId = "opc1";

    public const string Asset = "acme/faults/area1/line1/opc1";

    public const string TickerTag = Asset + "/ticker";

    private static readonly string[] Topics = ["databridge.values", "databridge.metadata", "databridge.gaps", "databridge.events"];

    private readonly string _dir;

    private OpcUaFaultRig(string dir, OpcUaFaultServer server, UaTcpProxy proxy, KafkaMockCluster kafka, ChildProcess bridge)
    {
        _dir = dir;
        Server = server;
        Proxy = proxy;
        Kafka = kafka;
        Bridge = bridge;
    }

    public OpcUaFaultServer Server { get; }

    public UaTcpProxy Proxy { get; }

    public KafkaMockCluster Kafka { get; }

    public ChildProcess Bridge { get; }

    /// <summary>
    /// Starts everything. <paramref name="sourceExtra"/> and <paramref name="tagExtra"/> are appended inside the
    /// source's <c>opcua: { ... }</c> and the tag's <c>{ ... }</c> (e.g. <c>", lifetimeCount: 30"</c>).
    /// </summary>
    public static async Task<OpcUaFaultRig> StartAsync(int tickerIntervalMs = 100, string sourceExtra = "", string tagExtra = "", int maxPublishQueue = 100)
    {
        var dir = Directory.CreateTempSubdirectory("databridge-opcua-faults-").FullName;
        OpcUaFaultServer? server = null;
        UaTcpProxy? proxy = null;
        KafkaMockCluster? kafka = null;
        try
        {
            server = await OpcUaFaultServer.StartAsync(tickerIntervalMs, maxPublishQueue);
            proxy = UaTcpProxy.Start(server.Port);
            kafka = KafkaMockCluster.Start(3);
            foreach (var t in Topics)
            {
                kafka.CreateTopic(t, KafkaMockCluster.DefaultPartitions);
            }

            var config = Path.Combine(dir, "bridge.yaml");
            File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $"""
                bridge: {"{"} id: it-edge, stateDir: {Path.Combine(dir, "state")} {"}"}
                kafka: {"{"} bootstrap: "{kafka.BootstrapServers}" {"}"}
                sources:
                  - id: {SourceId}
                    asset: {Asset}
                    opcua: {"{"} endpoint: "{proxy.EndpointUrlFor(server.EndpointUrl)}", publishingInterval: 100ms, security: {"{"} mode: none {"}"}{sourceExtra} {"}"}
                    tags:
                      - {"{"} name: ticker, node: "{OpcUaFaultServer.TickerNode}", samplingInterval: 50ms{tagExtra} {"}"}

                """));
            var bridge = BridgeProcess.Start("run", config);
            return new OpcUaFaultRig(dir, server, proxy, kafka, bridge);
        }
        catch
        {
            kafka?.Dispose();
            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }

            if (server is not null)
            {
                await server.DisposeAsync();
            }

            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    public Task<OpcUaFaultSnapshot> ReadAsync() => OpcUaFaultSnapshot.ReadAsync(Kafka.BootstrapServers, SourceId);

    /// <summary>Polls Kafka until <paramref name="condition"/> holds; on timeout fails with everything a reader needs.</summary>
    public async Task<OpcUaFaultSnapshot> WaitForAsync(Func<OpcUaFaultSnapshot, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var snapshot = await ReadAsync();
            if (condition(snapshot))
            {
                return snapshot;
            }

            if (DateTime.UtcNow > deadline || Bridge.HasExited)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}{(Bridge.HasExited ? " (the bridge exited)" : string.Empty)}.\n{Report(snapshot)}");
            }

            await Task.Delay(300);
        }
    }

    /// <summary>Waits for <paramref name="count"/> more Good ticker values than <paramref name="snapshot"/> holds.</summary>
    public Task<OpcUaFaultSnapshot> WaitForMoreTicksAsync(OpcUaFaultSnapshot? snapshot, int count, TimeSpan timeout, string what)
    {
        var seen = snapshot?.Good(TickerTag).Count ?? 0;
        return WaitForAsync(s => s.Good(TickerTag).Count >= seen + count, timeout, what);
    }

    /// <summary>
    /// A failure report: the Kafka story, the proxy's counters and the ends of bridge output, server output and proxy
    /// trace. With DATABRIDGE_FAULT_LOG_DIR set, the whole of each is also written to a file there (named in the report).
    /// </summary>
    public string Report(OpcUaFaultSnapshot? snapshot)
    {
        var file = "(set DATABRIDGE_FAULT_LOG_DIR for a full log)";
        if (Environment.GetEnvironmentVariable("DATABRIDGE_FAULT_LOG_DIR") is { Length: > 0 } logDir)
        {
            file = Path.Combine(logDir, $"opcua-fault-{DateTime.UtcNow:HHmmss}-{Guid.NewGuid():N}.log");
            File.WriteAllText(file, $"{snapshot}\n---- bridge output ----\n{Bridge.Output}\n---- server output ----\n{Server.Output}\n---- proxy trace ----\n{Proxy.Trace}\n");
        }

        return $"{snapshot}\nproxy: accepted {Proxy.AcceptedConnections}, refused {Proxy.RefusedConnections}, open {Proxy.ActiveConnections}, " +
            $"data publishes {Proxy.DataPublishResponses}, protocol error: {Proxy.ProtocolError ?? "none"}; full log: {file}\n" +
            $"---- bridge output ----\n{Tail(Bridge.Output, 150)}\n---- server output ----\n{Tail(Server.Output, 40)}\n" +
            $"---- proxy trace (subscription services) ----\n{Tail(Proxy.Trace.ToString(), 300)}";
    }

    private static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        return all.Length <= lines ? text : $"[{all.Length - lines} earlier lines]\n" + string.Join('\n', all[^lines..]);
    }

    public async ValueTask DisposeAsync()
    {
        await Bridge.DisposeAsync();
        await Proxy.DisposeAsync();
        await Server.DisposeAsync();
        Kafka.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
