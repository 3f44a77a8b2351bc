using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DataBridge.Integration.Tests.Support;
using DataBridge.Testing.OpcUa;
using DataBridge.Testing.Support;

namespace DataBridge.Integration.Tests;

/// <summary>The real <c>databridge validate --online</c> process against a node-opcua server.</summary>
[Collection(nameof(ProcessTests))]
public sealed class ValidateOnlineTests : IAsyncLifetime
{
    private const string Plant = OpcUaPeerDefinitions.PlantNamespace;
    private readonly string _dir = Directory.CreateTempSubdirectory("databridge-validate-online-").FullName;
    private OpcUaPeer? _peer;

    private OpcUaPeer Peer => _peer ?? throw new InvalidOperationException("peer not started");

    public async Task InitializeAsync() => _peer = await OpcUaPeer.StartAsync(new OpcUaPeerOptions { PerType = 2, LargeArrayLength = 10 });

    public async Task DisposeAsync()
    {
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    private string Write(string name, string endpoint, string tags, string extraSources = "")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, $$"""
            bridge: { id: edge-test }
            sources:
              - id: press07
                asset: acme/plant7/press/line1/press07
                opcua: { endpoint: "{{endpoint}}", namespace: "{{Plant}}", security: { mode: none } }
                tags:
            {{tags}}
            {{extraSources}}
            """);
        return path;
    }

    [Fact]
    public async Task A_configuration_whose_nodes_all_exist_with_carried_types_passes_online_and_exits_0()
    {
        using var modbus = new TcpListener(IPAddress.Loopback, 0);
        modbus.Start();
        var modbusPort = ((IPEndPoint)modbus.LocalEndpoint).Port;
        var path = Write("good.yaml", Peer.EndpointUrl, $$"""
                  - { name: temperature, path: Objects/Plant/Line1/Press07/Temperature, unit: CEL }
                  - { name: parts, node: "nsu={{Plant}};s=Line1.Press07.PartCount" }
                  - { name: server_time, path: Objects/ua:Server/ua:ServerStatus/ua:CurrentTime }
            """, $$"""
              - id: boiler
                asset: acme/plant7/utilities/boilerhouse/boiler1
                modbus: { host: 127.0.0.1, port: {{modbusPort}} }
                tags: [ { name: t, address: holding:0, type: int16 } ]
            """);

        var (code, output) = await BridgeProcess.RunAsync(TimeSpan.FromSeconds(60), "validate", "--online", path);

        Assert.True(code == 0, output);
        Assert.Contains($"{path}: OK — 2 sources, 4 tags, 1 poll group", output, StringComparison.Ordinal);
        Assert.Contains($"{path}: online OK — 2 of 2 sources reached, 3 of 3 OPC UA tags found with a data type the bridge carries", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_node_and_a_data_type_the_bridge_cannot_carry_are_reported_at_their_tags_and_exit_1()
    {
        var path = Write("bad.yaml", Peer.EndpointUrl, $$"""
                  - { name: temperature, path: Objects/Plant/Line1/Press07/Temperature }
                  - { name: missing, node: "nsu={{Plant}};s=Line1.Press07.Humidity" }
                  - { name: guid, path: Objects/Plant/Scalars/Guid/Guid_001 }
            """);
        var url = Peer.EndpointUrl;

        var (code, output) = await BridgeProcess.RunAsync(TimeSpan.FromSeconds(60), "validate", "--online", path);

        Assert.True(code == 1, output);
        Assert.Contains($"{path}:8:9: tag 'missing' of source 'press07': node nsu={Plant};s=Line1.Press07.Humidity not found on {url}; check the node id with 'databridge browse {url}'\n", output, StringComparison.Ordinal);
        Assert.Contains($"{path}:9:9: tag 'guid' of source 'press07': node nsu={Plant};s=Scalars.Guid.1 has data type Guid, which the bridge cannot carry;", output, StringComparison.Ordinal);
        Assert.DoesNotContain("tag 'temperature'", output, StringComparison.Ordinal);
        Assert.Contains($"{path}: online: 2 errors — 1 of 1 source reached, 1 of 3 OPC UA tags found with a data type the bridge carries", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_and_silent_endpoints_are_reported_at_their_source_within_the_timeout()
    {
        // One port nobody listens on (refused at once) and one that accepts TCP but never answers the UA Hello.
        var refusedPort = FreePort.Tcp();
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var silentPort = ((IPEndPoint)silent.LocalEndpoint).Port;
        var path = Write("down.yaml", $"opc.tcp://127.0.0.1:{refusedPort}/down", "      - { name: t, node: i=2258 }", $$"""
              - id: hung
                asset: acme/plant7/press/line1/press08
                opcua: { endpoint: "opc.tcp://127.0.0.1:{{silentPort}}/hung" }
                tags: [ { name: t, node: i=2258 } ]
            """);

        var watch = Stopwatch.StartNew();
        var (code, output) = await BridgeProcess.RunAsync(TimeSpan.FromSeconds(60), "validate", "--online", "--timeout", "2", path);
        watch.Stop();

        Assert.True(code == 1, output);
        Assert.Contains($"{path}:3:5: source 'press07': cannot reach opc.tcp://127.0.0.1:{refusedPort}/down: ", output, StringComparison.Ordinal);
        Assert.Contains($"{path}:8:5: source 'hung': cannot reach opc.tcp://127.0.0.1:{silentPort}/hung: ", output, StringComparison.Ordinal);
        Assert.Contains($"{path}: online: 2 errors — 0 of 2 sources reached, 0 of 0 OPC UA tags found", output, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }
}
