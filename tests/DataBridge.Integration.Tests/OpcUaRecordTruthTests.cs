using DataBridge.Bridge.Sinks.Kafka;
using DataBridge.Core;
using DataBridge.Integration.Tests.Support;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;
using DataBridge.Testing.OpcUa;
using DataBridge.Testing.Support;
using Xunit.Abstractions;

namespace DataBridge.Integration.Tests;

/// <summary>
/// Issue #19: what a consumer reads about OPC UA tags is true. The real <c>databridge run</c> against the node-opcua
/// peer with its edge cases, read back from librdkafka's mock cluster with kcat: the metadata record carries the
/// server's data type, unit display name and description (also without a UNECE code), EURange and InstrumentRange;
/// a null String and the "no date" DateTime arrive as empty values of their type; an array never arrives as an empty
/// value with quality Good.
/// </summary>
[Collection(nameof(ProcessTests))]
public sealed class OpcUaRecordTruthTests(ITestOutputHelper output) : IDisposable
{
    private const string Plant = "urn:databridge:test:plant";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("databridge-it-truth-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Metadata_and_values_say_what_the_server_says_about_types_units_ranges_and_empty_values()
    {
        await using var peer = await OpcUaPeer.StartAsync(new OpcUaPeerOptions { PerType = 1, LargeArrayLength = 16, EdgeCases = true });
        using var kafka = KafkaMockCluster.Start(1);
        foreach (var t in new[] { "databridge.values", "databridge.metadata", "databridge.gaps", "databridge.events" })
        {
            kafka.CreateTopic(t, KafkaMockCluster.DefaultPartitions);
        }

        OpcUaBridgeConfig.Tag[] tags =
        [
            new("temperature", OpcUaBridgeConfig.Node(Plant, "Line1.Press07.Temperature")),
            new("partcount", OpcUaBridgeConfig.Node(Plant, "Line1.Press07.PartCount")),
            new("int64", OpcUaBridgeConfig.Node(Plant, "Scalars.Int64.0")),
            new("torque", OpcUaBridgeConfig.Node(Plant, "Edge.Torque")),
            new("nullstring", OpcUaBridgeConfig.Node(Plant, "Edge.NullString")),
            new("nodate", OpcUaBridgeConfig.Node(Plant, "Edge.NoDate")),
            new("anyrankarray", OpcUaBridgeConfig.Node(Plant, "Edge.AnyRankArray")),
        ];
        var config = OpcUaBridgeConfig.Write(_dir, peer.EndpointUrl, kafka.BootstrapServers, tags);
        await using var bridge = BridgeProcess.Start("run", config);

        var values = KafkaReadBack.Consume(kafka.BootstrapServers, "databridge.values", r => tags.All(t => r.Any(v => v.TagId == OpcUaBridgeConfig.TagId(t.Name))), Wait);
        Assert.True(tags.All(t => values.Any(v => v.TagId == OpcUaBridgeConfig.TagId(t.Name))), $"not every tag reported a value: {string.Join(", ", values.Select(v => v.TagId).Distinct())}\n{bridge.Output}");

        // The metadata topic is compacted: the latest record per tag is the truth. The source publishes it once it has
        // read the server, which happens before values flow.
        var metadata = (await KafkaReadBack.KcatAsync(kafka.BootstrapServers, "databridge.metadata", Wait)).Select(b => TagMetadataSerializer.Read(b)).ToList();
        TagMetadataRecord Latest(string name) => metadata.Last(m => m.TagId == OpcUaBridgeConfig.TagId(name));
        foreach (var m in metadata)
        {
            output.WriteLine($"{m.TagId}: {m.DataType} unit={m.Unit} '{m.UnitDisplayName}' '{m.UnitDescription}' eu={m.EURange} instrument={m.InstrumentRange} at {m.SourceAddress}");
        }

        var temperature = Latest("temperature");
        Assert.Equal(ValueKind.Double, temperature.DataType);
        Assert.Equal("CEL", temperature.Unit);
        Assert.Equal("°C", temperature.UnitDisplayName);
        Assert.Equal("degree Celsius", temperature.UnitDescription);
        Assert.Equal(new ValueRange(0, 400), temperature.EURange);
        Assert.StartsWith(peer.EndpointUrl + "?node=nsu%3D", temperature.SourceAddress, StringComparison.Ordinal);
        Assert.Equal(ValueKind.UInt32, Latest("partcount").DataType);
        Assert.Null(Latest("partcount").EURange);
        Assert.Equal(ValueKind.Int64, Latest("int64").DataType);
        Assert.Equal(ValueKind.String, Latest("nullstring").DataType);
        Assert.Equal(ValueKind.DateTime, Latest("nodate").DataType);

        // A unit without a UNECE code (UnitId -1): no code, but its display name and description are carried.
        var torque = Latest("torque");
        Assert.Null(torque.Unit);
        Assert.Equal("Nm", torque.UnitDisplayName);
        Assert.Equal(new ValueRange(-50, 50), torque.EURange);
        Assert.Equal(new ValueRange(-100, 100), torque.InstrumentRange);

        // Empty values keep their type and their Good quality; no fake date.
        var nullString = values.First(v => v.TagId == OpcUaBridgeConfig.TagId("nullstring"));
        Assert.Equal(ValueKind.String, nullString.Value.Kind);
        Assert.False(nullString.Value.HasValue);
        Assert.True(nullString.Quality.IsGood, nullString.Quality.Name);
        var noDate = values.First(v => v.TagId == OpcUaBridgeConfig.TagId("nodate"));
        Assert.Equal(ValueKind.DateTime, noDate.Value.Kind);
        Assert.False(noDate.Value.HasValue, $"1601-01-01 arrived as {noDate.Value}");

        // An array never arrives as an empty value with quality Good: Bad, and one warning that names the tag.
        var array = values.First(v => v.TagId == OpcUaBridgeConfig.TagId("anyrankarray"));
        Assert.Equal(StatusCodes.BadTypeMismatch, array.Quality.Code);
        await Eventually.WaitUntilAsync(() => bridge.Output.Contains("'anyrankarray'", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "a log line naming the array tag");
        var lines = bridge.Output.Split('\n').Where(l => l.Contains("'anyrankarray'", StringComparison.Ordinal) && l.Contains("BadTypeMismatch", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count >= 1, bridge.Output);
        Assert.False(bridge.HasExited, bridge.Output);
    }
}
