using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Hosting;
using DataBridge.Bridge.Pipeline;
using DataBridge.Bridge.Sources;
using DataBridge.Testing.Modbus;
using DataBridge.Testing.Support;

namespace DataBridge.Bridge.Tests.Sources;

/// <summary>Issue #16: a Modbus source appears in /healthz with its state, down when its device refuses connections.</summary>
public sealed class ModbusSourceHealthTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("databridge-modbus-health-").FullName;
    private readonly LogCollector _log = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ModbusSource Create(int port, CollectingSink sink)
    {
        var yaml = $"bridge: {{ id: t, stateDir: {_dir} }}\nkafka: {{ bootstrap: 127.0.0.1:9 }}\nsources:\n  - {{ id: press1, asset: acme/p/a/l1/m1, modbus: {{ host: 127.0.0.1, port: {port}, timeout: 300ms, pollGroups: {{ fast: 100ms }} }}, tags: [ {{ name: t, address: \"input:0\", type: uint16, pollGroup: fast }} ] }}\n";
        var definition = (ModbusSourceDefinition)ConfigurationLoader.Parse(yaml, "test.yaml").Sources[0];
        var tags = definition.Tags;
        var pipeline = new SourcePipeline("press1", tags, SequenceStore.Open(_dir, "press1"), sink, TimeProvider.System, new BridgeStatistics(), _log);
        return new ModbusSource(definition, pipeline, TimeProvider.System, _log);
    }

    [Fact]
    public async Task A_device_that_refuses_every_connection_is_down_in_health_with_what_to_check_and_connected_once_it_answers()
    {
        var port = FreePort.Tcp();
        var sink = new CollectingSink();
        using var source = Create(port, sink);
        Assert.Equal(SourceState.Connecting, source.Health.State);
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(stop.Token);
        try
        {
            await Eventually.WaitUntilAsync(() => source.Health.State == SourceState.Down, TimeSpan.FromSeconds(20), "the source to be down\n" + _log);
            var down = source.Health;
            Assert.Equal("modbus", down.Kind);
            Assert.False(down.Connected);
            Assert.True(down.IsDegraded);
            Assert.Null(down.LastDataAt);
            Assert.Contains($"127.0.0.1:{port}", down.Problem, StringComparison.Ordinal);
            Assert.Contains("BadNoCommunication", down.Problem, StringComparison.Ordinal);

            await using var peer = await PymodbusServer.StartAsync(port);
            await Eventually.WaitUntilAsync(() => source.Health.State == SourceState.Connected, TimeSpan.FromSeconds(30), "the source to be connected\n" + _log);
            Assert.NotNull(source.Health.LastDataAt);
            Assert.Null(source.Health.Problem);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(15));
        }
    }
}
