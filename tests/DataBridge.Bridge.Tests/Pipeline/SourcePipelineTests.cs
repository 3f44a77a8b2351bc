using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Pipeline;
using DataBridge.Bridge.Sinks;
using DataBridge.Connectors.Modbus.Encoding;
using DataBridge.Core;
using DataBridge.Schemas;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using DataBridge.Configuration;

namespace DataBridge.Bridge.Tests.Pipeline;

public sealed class SourcePipelineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("databridge-pipeline-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ModbusTagDefinition Tag(string name, double deadband = 0, double factor = 1) => new()
    {
        TagId = "acme/p7/a/l1/m1/" + name,
        Name = name,
        AssetPath = "acme/p7/a/l1/m1",
        Table = ModbusTable.HoldingRegister,
        Address = 0,
        DataType = ModbusDataType.UInt16,
        PollGroup = "fast",
        AddressText = "holding:0",
        Deadband = deadband,
        Scaling = new Scaling(factor, 0),
        Location = new SourceLocation("t.yaml", 1, 1),
    };

    /// <summary>An in-memory sink that can be told to refuse the next N batches, as a broker outage would.</summary>
    private sealed class RecordingSink : IRecordSink
    {
        public List<TagValueRecord> Delivered { get; } = [];
        public int RefuseNext { get; set; }
        public int Attempts { get; private set; }
        public List<long[]> AttemptedSequences { get; } = [];

        public ValueTask WriteAsync(IReadOnlyList<TagValueRecord> records, CancellationToken ct)
        {
            Attempts++;
            AttemptedSequences.Add(records.Select(r => r.Sequence).ToArray());
            if (RefuseNext > 0)
            {
                RefuseNext--;
                throw new SinkException("broker unreachable (test)");
            }

            Delivered.AddRange(records);
            return default;
        }

        public ValueTask WriteGapAsync(GapRecord gap, CancellationToken ct) => default;
        public ValueTask WriteEventAsync(BridgeEventRecord e, CancellationToken ct) => default;
        public ValueTask PublishMetadataAsync(IReadOnlyList<TagMetadataRecord> metadata, CancellationToken ct) => default;
        public ValueTask DisposeAsync() => default;
    }

    private SourcePipeline Create(IRecordSink sink, params TagDefinition[] tags) =>
        new("m1", tags, SequenceStore.Open(_dir, "m1"), sink, _time, new BridgeStatistics(), NullLogger.Instance);

    private Sample Good(double v) => Sample.Good(TagValue.FromDouble(v), _time.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task Reported_values_get_consecutive_sequence_numbers_and_suppressed_ones_get_none()
    {
        var sink = new RecordingSink();
        using var p = Create(sink, Tag("a", deadband: 1), Tag("b"));
        await p.ProcessAsync([Good(10), Good(1)], [0, 1], CancellationToken.None);
        await p.ProcessAsync([Good(10.5), Good(1)], [0, 1], CancellationToken.None); // both suppressed
        await p.ProcessAsync([Good(12), Good(2)], [0, 1], CancellationToken.None);
        Assert.Equal([1L, 2, 3, 4], sink.Delivered.Select(r => r.Sequence));
        Assert.Equal(["a", "b", "a", "b"], sink.Delivered.Select(r => r.TagId.Split('/')[^1]));
        Assert.All(sink.Delivered, r => Assert.Equal("m1", r.SourceId));
    }

    [Fact]
    public async Task A_batch_the_sink_refuses_is_retried_with_the_same_sequence_numbers_until_accepted()
    {
        var sink = new RecordingSink { RefuseNext = 2 };
        using var p = Create(sink, Tag("a"), Tag("b"));
        var run = p.ProcessAsync([Good(1), Good(2)], [0, 1], CancellationToken.None).AsTask();

        // The retry waits on the pipeline's TimeProvider: advance it until the batch goes through.
        await DataBridge.Testing.Support.Eventually.WaitUntilAsync(() =>
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            return run.IsCompleted;
        }, TimeSpan.FromSeconds(20), "the retried batch to be accepted");
        await run;

        Assert.Equal(3, sink.Attempts);
        Assert.All(sink.AttemptedSequences, s => Assert.Equal([1L, 2], s));
        Assert.Equal([1L, 2], sink.Delivered.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Sequence_numbers_continue_across_a_clean_restart()
    {
        var sink = new RecordingSink();
        using (var p = Create(sink, Tag("a")))
        {
            await p.ProcessAsync([Good(1)], [0], CancellationToken.None);
            await p.ProcessAsync([Good(2)], [0], CancellationToken.None);
        }

        using (var p = Create(sink, Tag("a")))
        {
            await p.ProcessAsync([Good(1)], [0], CancellationToken.None);
        }

        Assert.Equal([1L, 2, 3], sink.Delivered.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Records_carry_scaled_values_and_the_bridge_timestamp()
    {
        var sink = new RecordingSink();
        using var p = Create(sink, Tag("a", factor: 0.5));
        var at = _time.GetUtcNow().UtcDateTime;
        await p.ProcessAsync([Sample.Good(TagValue.FromUInt16(30), at.AddSeconds(-1))], [0], CancellationToken.None);
        var r = Assert.Single(sink.Delivered);
        Assert.Equal(15.0, r.Value.AsDouble());
        Assert.Equal(at.AddSeconds(-1), r.SourceTimestamp);
        Assert.Equal(at, r.BridgeTimestamp);
    }
}
