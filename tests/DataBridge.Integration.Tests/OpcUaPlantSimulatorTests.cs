using DataBridge.Cli.Hosting;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Testing.Support;

namespace DataBridge.Integration.Tests;

/// <summary>
/// The demo's node-opcua plant simulator (samples/opcua-plant), started the way <c>databridge demo</c> starts
/// it and read with the project's own OPC UA client.
/// </summary>
[Collection(nameof(ProcessTests))]
public sealed class OpcUaPlantSimulatorTests
{
    private const string Ns = "urn:databridge:demo:plant";

    [Fact]
    public async Task Plant_simulator_serves_its_ovens_by_node_id_and_browse_path_and_its_counters_climb()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        var log = new StringWriter();
        await using var sim = await DemoOpcUaPlant.TryStartAsync(log, stop.Token);
        Assert.True(sim is not null, log.ToString());
        Assert.StartsWith("opc.tcp://127.0.0.1:", sim.EndpointUrl, StringComparison.Ordinal);

        await using var client = await OpcUaClient.ConnectAsync(sim.EndpointUrl, cancellationToken: stop.Token);
        Assert.True(client.Namespaces.TryGetIndex(Ns, out var ns), string.Join(", ", client.Namespaces.Uris));

        // Browse path from Objects lands on the same node as the nsu= id.
        var speed = await client.TranslateBrowsePathAsync(new NodeId(85u), [new QualifiedName("Plant", ns), new QualifiedName("Oven1", ns), new QualifiedName("Speed", ns)], stop.Token);
        Assert.Equal($"nsu={Ns};s=Oven1.Speed", client.FormatNodeId(speed));

        // The analog items carry EngineeringUnits (UNECE) and an EURange, which a percent deadband needs.
        var tree = await client.WalkAsync(client.ResolveNodeId($"nsu={Ns};s=Plant"), 3, stop.Token);
        var temperature = tree.DescendantsAndSelf().Single(n => n.StableId == $"nsu={Ns};s=Oven2.Temperature");
        Assert.Equal("CEL", EngineeringUnits.UneceCode(temperature.EngineeringUnits));
        var euRange = await client.TranslateBrowsePathAsync(temperature.NodeId, [new QualifiedName("EURange")], stop.Token);
        var range = await client.ReadValueAsync(euRange, stop.Token);
        Assert.True(range.Status.IsGood, range.Status.ToString());
        Assert.Equal(2, tree.DescendantsAndSelf().Count(n => n.NodeClass == NodeClass.Object && n.DisplayName.StartsWith("Oven", StringComparison.Ordinal)));

        // Both ovens start running: their part counters climb (ideal cycle 3 s and 4 s), good never above total.
        var counters = new[] { "Oven1.PartsTotal", "Oven1.PartsGood", "Oven2.PartsTotal", "Oven2.PartsGood" }.Select(n => client.ResolveNodeId($"nsu={Ns};s={n}")).ToArray();
        var first = await ReadCountersAsync(client, counters, stop.Token);
        uint[] last = first;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                last = await ReadCountersAsync(client, counters, stop.Token);
                return last[0] > first[0] && last[2] > first[2];
            },
            TimeSpan.FromSeconds(20),
            "both ovens' PartsTotal to climb");
        Assert.True(last[1] <= last[0] && last[3] <= last[2], string.Join(',', last));
        Assert.True(last[1] >= first[1] && last[3] >= first[3], "good counters went backwards");

        var stateValue = await client.ReadValueAsync(client.ResolveNodeId($"nsu={Ns};s=Oven1.State"), stop.Token);
        Assert.Equal((ushort)1, Assert.IsType<ushort>(stateValue.Value.Value));
        Assert.NotEqual(default, stateValue.SourceTimestamp);
    }

    [Fact]
    public async Task Plant_simulator_stops_when_the_demo_disposes_it_and_listens_on_loopback_only()
    {
        var log = new StringWriter();
        var sim = await DemoOpcUaPlant.TryStartAsync(log, CancellationToken.None);
        Assert.True(sim is not null, log.ToString());
        var port = new Uri(sim.EndpointUrl).Port;
        var pid = sim.Id;
        try
        {
            var listening = ListeningSockets.Of(sim.Id).Where(s => s.Listening).ToList();
            Assert.Contains(listening, s => s.Port == port);
            Assert.All(listening, s => Assert.True(s.IsLoopback, s.ToString()));
        }
        finally
        {
            await sim.DisposeAsync();
        }

        Assert.True(sim.HasExited);
        Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(pid));
    }

    [Fact]
    public async Task Killing_the_demo_with_sigkill_leaves_no_simulator_behind()
    {
        var state = Directory.CreateTempSubdirectory("databridge-demo-kill-").FullName;
        try
        {
            await using var demo = Support.BridgeProcess.Start("demo", "--state-dir", state, "--dashboard", "http://127.0.0.1:0");
            await demo.WaitForLineAsync("OPC UA simulator (node-opcua", TimeSpan.FromSeconds(60));
            var children = ChildrenOf(demo.Id);
            var node = children.Single(pid => File.ReadAllText($"/proc/{pid}/cmdline").Contains("server.js", StringComparison.Ordinal));

            // SIGKILL the demo alone (not its tree): nothing of it runs any more, so the simulator must notice by itself.
            using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", demo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await Eventually.WaitUntilAsync(() => !File.Exists($"/proc/{node}/cmdline") || IsZombie(node), TimeSpan.FromSeconds(10), $"the simulator (pid {node}) to exit after its demo was killed");
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private static List<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            var text = File.ReadAllText(Path.Combine(task, "children"));
            children.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture)));
        }

        return children;
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static async Task<uint[]> ReadCountersAsync(OpcUaClient client, NodeId[] nodes, CancellationToken cancellationToken)
    {
        var values = await client.ReadValuesAsync(nodes, cancellationToken);
        return values.Select(v => Assert.IsType<uint>(v.Value.Value)).ToArray();
    }
}
