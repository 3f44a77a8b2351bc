using System.Text.Json;
using System.Text.RegularExpressions;
using DataBridge.Integration.Tests.Support;
using DataBridge.Schemas.Serialization;
using DataBridge.Testing.Kafka;
using DataBridge.Testing.Modbus;
using DataBridge.Testing.Support;

namespace DataBridge.Integration.Tests;

/// <summary>
/// Issue #16: an edge host that boots while Kafka is away starts anyway, polls, fills its outbox, says once what it
/// waits for, and delivers everything in order when Kafka appears — no gap record, because nothing was lost.
/// </summary>
[Collection(nameof(ProcessTests))]
public sealed partial class KafkaDownAtStartTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("databridge-nokafka-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Run_with_kafka_down_buffers_in_the_outbox_and_delivers_every_value_in_order_when_kafka_comes_up()
    {
        await using var peer = await PymodbusServer.StartAsync();
        var kafkaPort = FreePort.Tcp();
        var bootstrap = $"127.0.0.1:{kafkaPort}";
        var points = peer.Points.Where(p => p.Table == "ir").ToList();

        // A heartbeat makes every tag report twice a second, so values keep arriving while Kafka is away.
        var config = ModbusPeerConfig.Write(_dir, peer.Port, bootstrap, points, pollInterval: "100ms", heartbeat: "500ms");
        var healthPort = FreePort.Tcp();
        await using var bridge = BridgeProcess.Start("run", config, "--health", $"http://127.0.0.1:{healthPort}/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        // Kafka is down: the bridge runs, the outbox fills, /healthz says degraded and why.
        JsonElement health = default;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                health = await HealthAsync(http, healthPort);
                return health.ValueKind == JsonValueKind.Object && health.GetProperty("records").GetInt64() >= 3 * points.Count
                       && health.GetProperty("sink").GetProperty("state").GetString() == "waiting";
            },
            TimeSpan.FromSeconds(60),
            "records in the outbox and the sink waiting for Kafka\n" + bridge.Output);
        Assert.False(bridge.HasExited, bridge.Output);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Contains(bootstrap, health.GetProperty("sink").GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.True(health.GetProperty("outbox").GetProperty("unforwardedBytes").GetInt64() > 0, health.ToString());
        var modbus = Assert.Single(health.GetProperty("sources").EnumerateArray());
        Assert.Equal("connected", modbus.GetProperty("state").GetString());

        // The outbox on disk holds the values, from sequence 1, none of them forwarded.
        var (code, inspect) = await BridgeProcess.RunAsync(TimeSpan.FromSeconds(30), "outbox", "inspect", Path.Combine(_dir, "state", "outbox"));
        Assert.Equal(0, code);
        var source = SourceLine().Match(inspect);
        Assert.True(source.Success, inspect);
        Assert.Equal("1", source.Groups["first"].Value);
        Assert.True(long.Parse(source.Groups["values"].Value, System.Globalization.CultureInfo.InvariantCulture) >= 3 * points.Count, inspect);
        // Nothing forwarded: either no committed position for Kafka yet, or one behind the end.
        var sink = SinkLine().Match(inspect);
        Assert.True(!sink.Success || long.Parse(sink.Groups["behind"].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, inspect);
        var bufferedRecords = health.GetProperty("records").GetInt64();

        // Kafka comes up on the configured address: everything waiting is delivered, the state says so.
        await using var kafka = await DevKafkaProcess.StartAsync(BridgeProcess.Dll, brokers: 1, port: kafkaPort);
        await Eventually.WaitUntilAsync(
            async () =>
            {
                health = await HealthAsync(http, healthPort);
                return health.ValueKind == JsonValueKind.Object && health.GetProperty("sink").GetProperty("state").GetString() == "connected"
                       && health.GetProperty("outbox").GetProperty("unforwardedBytes").GetInt64() == 0;
            },
            TimeSpan.FromSeconds(90),
            "the outbox to drain into Kafka\n" + bridge.Output);
        Assert.Equal("ok", health.GetProperty("status").GetString());

        // Every value, in order per tag, sequence numbers 1..N without a hole, and no gap record.
        var values = (await KafkaReadBack.KcatAsync(kafka.BootstrapServers, "databridge.values", TimeSpan.FromSeconds(30))).Select(b => TagValueSerializer.Read(b)).ToList();
        Assert.True(values.Count >= bufferedRecords, $"{values.Count} values in Kafka, {bufferedRecords} were buffered");
        var sequences = values.Select(v => v.Sequence).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, sequences.Length).Select(i => (long)i), sequences);
        foreach (var tag in values.GroupBy(v => v.TagId))
        {
            var inKafkaOrder = tag.Select(v => v.Sequence).ToArray();
            Assert.Equal(inKafkaOrder.Order(), inKafkaOrder);
        }

        Assert.Empty(await KafkaReadBack.KcatAsync(kafka.BootstrapServers, "databridge.gaps", TimeSpan.FromSeconds(30)));

        // One warning when waiting and one when back; no stack trace, no exit.
        Assert.False(bridge.HasExited, bridge.Output);
        Assert.Equal(1, Regex.Count(bridge.Output, "Waiting for Kafka at"));
        Assert.Equal(1, Regex.Count(bridge.Output, "is back after"));
    }

    private static async Task<JsonElement> HealthAsync(HttpClient http, int port)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
        catch (HttpRequestException)
        {
            return default; // not listening yet
        }
    }

    [GeneratedRegex(@"^\s+peer\s+values=(?<values>\d+)\s+first=(?<first>\d+)", RegexOptions.Multiline)]
    private static partial Regex SourceLine();

    [GeneratedRegex(@"^\s+kafka\s+committed=\d+\s+behind=(?<behind>\d+)", RegexOptions.Multiline)]
    private static partial Regex SinkLine();
}
