using System.Reflection;
using System.Text.RegularExpressions;
using DataBridge.Bridge.Sinks.Kafka;
using DataBridge.Integration.Tests.Support;
using DataBridge.Testing.Modbus;
using DataBridge.Testing.OpcUa;
using DataBridge.Testing.Support;

namespace DataBridge.Integration.Tests;

/// <summary>The brief's standing promises, checked against the running product and the whole code base.</summary>
[Collection(nameof(ProcessTests))]
public sealed partial class PromiseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("databridge-promise-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task While_the_bridge_runs_it_listens_on_no_non_loopback_socket()
    {
        await using var peer = await PymodbusServer.StartAsync();
        using var kafka = KafkaMockCluster.Start(1);
        kafka.CreateTopic("databridge.values", 1);
        var config = ModbusPeerConfig.Write(_dir, peer.Port, kafka.BootstrapServers, peer.Points.Where(p => p.Table == "ir").ToList());
        var healthPort = FreePort.Tcp();
        await using var bridge = BridgeProcess.Start("run", config, "--health", $"http://127.0.0.1:{healthPort}/");

        // Wait until the bridge is really working (values in Kafka), so every socket it will open is open.
        var records = KafkaReadBack.Consume(kafka.BootstrapServers, "databridge.values", r => r.Count >= 3, TimeSpan.FromSeconds(40));
        Assert.True(records.Count >= 3, bridge.Output);

        // The health endpoint is the one listener, and it is on loopback; it reports the outbox's fill level.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var health = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{healthPort}/healthz"))).RootElement;
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("records").GetInt64() >= 3);
        Assert.True(health.GetProperty("outbox").GetProperty("usedBytes").GetInt64() > 0);
        Assert.InRange(health.GetProperty("outbox").GetProperty("fillRatio").GetDouble(), 0, 0.8);
        Assert.Contains(ListeningSockets.Of(bridge.Id), s => s.Listening && s.Port == healthPort && s.IsLoopback);

        var sockets = ListeningSockets.Of(bridge.Id);
        Assert.NotEmpty(sockets); // it does hold outbound connections: to Modbus and Kafka
        var exposed = sockets.Where(s => s.Listening && !s.IsLoopback).ToList();
        Assert.True(exposed.Count == 0, "the edge process listens on: " + string.Join(", ", exposed));
        Assert.Contains(sockets, s => !s.Listening); // sanity: the reader sees the connections it dialled
    }

    [Fact]
    public async Task With_an_opc_ua_source_subscribed_the_bridge_still_listens_on_no_non_loopback_socket_and_health_shows_the_source()
    {
        await using var server = await SubscriptionPeer.StartAsync(new SubscriptionPeerOptions { Items = 1, TickerIntervalMs = 100 });
        using var kafka = KafkaMockCluster.Start(1);
        kafka.CreateTopic("databridge.values", 1);
        var config = OpcUaBridgeConfig.Write(_dir, server.EndpointUrl, kafka.BootstrapServers, [new OpcUaBridgeConfig.Tag("ticker", OpcUaBridgeConfig.Node(SubscriptionPeer.Namespace, "Ticker"))]);
        var healthPort = FreePort.Tcp();
        await using var bridge = BridgeProcess.Start("run", config, "--health", $"http://127.0.0.1:{healthPort}/");

        var records = KafkaReadBack.Consume(kafka.BootstrapServers, "databridge.values", r => r.Count >= 3, TimeSpan.FromSeconds(40));
        Assert.True(records.Count >= 3, bridge.Output);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var health = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{healthPort}/healthz"))).RootElement;
        var source = Assert.Single(health.GetProperty("sources").EnumerateArray());
        Assert.True(source.GetProperty("connected").GetBoolean(), health.ToString());
        Assert.Equal(0, source.GetProperty("reconnects").GetInt64());

        var sockets = ListeningSockets.Of(bridge.Id);
        var exposed = sockets.Where(s => s.Listening && !s.IsLoopback).ToList();
        Assert.True(exposed.Count == 0, "the edge process listens on: " + string.Join(", ", exposed));
        Assert.Contains(sockets, s => !s.Listening); // it holds the connections it dialled (OPC UA server, Kafka)
    }

    [Fact]
    public async Task A_health_address_that_is_not_loopback_is_refused_before_anything_listens()
    {
        var config = Path.Combine(_dir, "x.yaml");
        File.WriteAllText(config, "bridge: { id: x }\nsources:\n  - { id: s, asset: a/b/c/d, modbus: { host: 127.0.0.1 }, tags: [ { name: t, address: coil:0 } ] }\n");
        var (code, output) = await BridgeProcess.RunAsync(TimeSpan.FromSeconds(30), "run", config, "--health", "http://0.0.0.0:9464/");
        Assert.Equal(1, code);
        Assert.Contains("is not a loopback address", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_socket_reader_does_see_a_listening_socket_on_any_address()
    {
        // Guards the test above against passing because the reader sees nothing.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var mine = ListeningSockets.Of(Environment.ProcessId);
        Assert.Contains(mine, s => s.Listening && s.Port == port && !s.IsLoopback);
    }

    private static readonly string[] ForbiddenOpcUaServices =
    [
        "WriteRequest", "WriteResponse", "CallRequest", "CallResponse", "CallMethodRequest",
        "AddNodesRequest", "AddNodesItem", "DeleteNodesRequest", "DeleteNodesItem", "AddReferencesRequest",
        "AddReferencesItem", "DeleteReferencesRequest", "DeleteReferencesItem", "HistoryUpdateRequest", "HistoryUpdateDetails",
    ];

    [Fact]
    public void No_opc_ua_write_type_service_is_named_anywhere_in_the_source_tree()
    {
        var pattern = new Regex(@"\b(" + string.Join("|", ForbiddenOpcUaServices) + @")\b", RegexOptions.CultureInvariant);
        var hits = new List<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Combine("src"), "*.cs", SearchOption.AllDirectories)
                     .Concat(Directory.EnumerateFiles(RepoPaths.Combine("tools"), "*.cs", SearchOption.AllDirectories)))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var lineNo = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNo++;
                if (pattern.IsMatch(line))
                {
                    hits.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}:{lineNo}: {line.Trim()}");
                }
            }
        }

        Assert.True(hits.Count == 0, "write-type OPC UA services named in the code base:\n" + string.Join("\n", hits));
    }

    [Fact]
    public void No_npm_package_lives_under_src_so_no_third_party_client_with_write_services_is_installed_there()
    {
        // npm peers (node-opcua ships a full client with Write and Call) belong in tests/peers, samples/ or bench/:
        // their node_modules must never appear in the tree the edge is built from.
        var packages = Directory.EnumerateFiles(RepoPaths.Combine("src"), "package.json", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateDirectories(RepoPaths.Combine("src"), "node_modules", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(RepoPaths.Root, path))
            .ToList();

        Assert.True(packages.Count == 0, "npm packages under src/:\n" + string.Join("\n", packages));
    }

    [Fact]
    public void No_built_assembly_defines_an_opc_ua_write_type_service()
    {
        var assemblies = Directory.EnumerateFiles(AppContext.BaseDirectory, "DataBridge.*.dll").Append(BridgeProcess.Dll).ToList();
        Assert.Contains(assemblies, a => a.EndsWith("DataBridge.Connectors.OpcUa.dll", StringComparison.Ordinal));
        var offenders = new List<string>();
        foreach (var path in assemblies)
        {
            Type[] types;
            try
            {
                types = Assembly.LoadFrom(path).GetTypes();
            }
            catch (ReflectionTypeLoadException ex)
            {
                types = ex.Types.Where(t => t is not null).ToArray()!;
            }

            offenders.AddRange(types.Where(t => ForbiddenOpcUaServices.Contains(t.Name)).Select(t => t.FullName!));
        }

        Assert.True(offenders.Count == 0, string.Join(", ", offenders));
    }
}
