using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Pipeline;
using DataBridge.Bridge.Sources;
using DataBridge.Core;
using DataBridge.Testing.Modbus;
using DataBridge.Testing.Support;

namespace DataBridge.Bridge.Tests.Sources;

/// <summary>
/// Issue #19 with the real pymodbus peer: an exception response is told to the operator once when a tag turns Bad
/// (with the tag, its position, its address and what to check), not once per poll; string padding follows 'trim'.
/// </summary>
public sealed class ModbusSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("databridge-modbus-source-").FullName;
    private readonly LogCollector _log = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (ModbusSource Source, CollectingSink Sink, BridgeStatistics Stats, string File) Start(int port)
    {
        var file = Path.Combine(_dir, "bridge.yaml");
        File.WriteAllText(file, $$"""
            bridge: { id: test-edge, stateDir: {{Path.Combine(_dir, "state")}} }
            sources:
              - id: peer
                asset: acme/plant7/area1/line1
                modbus: { host: 127.0.0.1, port: {{port}}, timeout: 500ms, pollGroups: { fast: 50ms } }
                tags:
                  - { name: good, address: holding:0, type: int16 }
                  - { name: ghost, address: holding:250, type: int16 }
                  - { name: padded_kept, address: holding:190, type: string, length: 5, trim: none }
                  - { name: padded_trimmed, address: holding:190, type: string, length: 5 }
            """);
        var config = ConfigurationLoader.Load(file);
        var definition = (ModbusSourceDefinition)Assert.Single(config.Sources);
        var sink = new CollectingSink();
        var stats = new BridgeStatistics();
        var pipeline = new SourcePipeline("peer", definition.Tags, SequenceStore.Open(_dir, "peer"), sink, TimeProvider.System, stats, _log);
        return (new ModbusSource(definition, pipeline, TimeProvider.System, _log), sink, stats, file);
    }

    [Fact]
    public async Task An_illegal_data_address_is_logged_once_with_the_tag_its_position_and_what_to_check_not_per_poll()
    {
        await using var peer = await PymodbusServer.StartAsync();
        var (source, sink, stats, file) = Start(peer.Port);
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(stop.Token);
        try
        {
            // Twenty polls of four tags at least.
            await Eventually.WaitUntilAsync(() => stats.Samples >= 80, TimeSpan.FromSeconds(30), "twenty poll cycles");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10)));
            source.Dispose();
        }

        var lines = _log.ToString().Split('\n').Where(l => l.Contains("'ghost'", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.StartsWith("Warning:", line, StringComparison.Ordinal);
        Assert.Contains($"{file}:8:", line, StringComparison.Ordinal);
        Assert.Contains("holding:250", line, StringComparison.Ordinal);
        Assert.Contains("BadNodeIdUnknown", line, StringComparison.Ordinal);
        Assert.Contains("illegal data address", line, StringComparison.Ordinal);
        Assert.DoesNotContain(_log.ToString().Split('\n'), l => l.Contains("'good'", StringComparison.Ordinal));

        var ghost = sink.Values.Where(v => v.TagId.EndsWith("/ghost", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ghost);
        Assert.All(ghost, v => Assert.Equal(StatusCodes.BadNodeIdUnknown, v.Quality.Code));

        // 'trim: none' keeps the device's padding; the default removes trailing spaces.
        Assert.Equal("PADDED    ", sink.Values.First(v => v.TagId.EndsWith("/padded_kept", StringComparison.Ordinal)).Value.AsString());
        Assert.Equal("PADDED", sink.Values.First(v => v.TagId.EndsWith("/padded_trimmed", StringComparison.Ordinal)).Value.AsString());
    }

    [Fact]
    public void A_tag_that_recovers_is_logged_once_more_and_a_second_failure_again()
    {
        var file = Path.Combine(_dir, "bridge.yaml");
        File.WriteAllText(file, """
            bridge: { id: test-edge }
            sources:
              - id: peer
                asset: acme/plant7/area1/line1
                modbus: { host: 127.0.0.1, pollGroups: { fast: 50ms } }
                tags:
                  - { name: ghost, address: holding:250, type: int16 }
            """);
        var definition = (ModbusSourceDefinition)Assert.Single(ConfigurationLoader.Load(file).Sources);
        var reporter = new ModbusExceptionReporter(definition, _log);
        var t = DateTime.UtcNow;
        var bad = new[] { Sample.Bad(StatusCodes.BadNodeIdUnknown, t) };
        var good = new[] { Sample.Good(TagValue.FromInt16(1), t) };
        var timeout = new[] { Sample.Bad(StatusCodes.BadTimeout, t) };
        int[] slots = [0];

        foreach (var cycle in new[] { bad, bad, bad, timeout, good, good, bad, bad })
        {
            reporter.Observe(cycle, slots);
        }

        var lines = _log.ToString().Split('\n');
        Assert.Equal(2, lines.Count(l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("BadNodeIdUnknown", StringComparison.Ordinal)));
        Assert.Equal(1, lines.Count(l => l.StartsWith("Information:", StringComparison.Ordinal) && l.Contains("reads again", StringComparison.Ordinal)));
        Assert.Equal(3, lines.Length);
    }
}
