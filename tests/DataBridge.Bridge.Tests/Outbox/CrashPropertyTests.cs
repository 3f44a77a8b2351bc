using CsCheck;
using DataBridge.Bridge.Outbox;
using DataBridge.Testing.Outbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataBridge.Bridge.Tests.Outbox;

/// <summary>
/// Random interleavings of append / commit / read / commit-read-position / clean reopen / power loss (unflushed bytes
/// dropped or torn at a random point, files whose creation was not flushed removed) never lose or reorder a record
/// whose commit was acknowledged, and a sink resumes exactly after what it committed.
/// </summary>
public sealed class CrashPropertyTests
{
    private static readonly string[] Sources = ["A", "B", "C"];

    private sealed record Op(int Kind, int Arg);

    private sealed record Stored(string Source, long Sequence, int Length);

    [Fact]
    public async Task Acknowledged_records_survive_any_interleaving_of_crashes_and_reopens_in_order()
    {
        var gen = Gen.Select(Gen.Int[0, 13], Gen.Int[0, 10_000], (k, a) => new Op(k, a)).Array[1, 80];
        await gen.SampleAsync(RunAsync, iter: 60, threads: 1);
    }

    private static async Task RunAsync(Op[] ops)
    {
        using var fx = new OutboxFixture();
        var model = new Model();
        var device = fx.NewDevice();
        var outbox = await OpenAsync(fx, device);
        var reader = outbox.OpenReader("kafka");
        try
        {
            foreach (var op in ops)
            {
                switch (op.Kind)
                {
                    case <= 5:
                        var source = Sources[op.Arg % 3];
                        var seq = model.NextSequence(source);
                        var payload = new byte[op.Arg % 200];
                        BitConverter.TryWriteBytes(payload, seq);
                        var r = await outbox.AppendAsync(RecordKind.Value, source, seq, payload);
                        Assert.True(r.IsAccepted);
                        model.Appended(new Stored(source, seq, payload.Length), r.EndPosition);
                        break;
                    case 6:
                        await outbox.CommitAsync();
                        model.AckAll();
                        break;
                    case 7:
                        if (model.LastEnd > 0)
                        {
                            await outbox.WaitForCommitAsync(model.LastEnd);
                            model.AckAll();
                        }

                        break;
                    case 8 or 9:
                        for (var i = 0; i < op.Arg % 25 && reader.TryRead(out var rec); i++)
                        {
                            Assert.Equal(RecordKind.Value, rec.Kind);
                            model.SinkRead(rec);
                        }

                        break;
                    case 10:
                        if (model.SinkReadCount > 0)
                        {
                            await outbox.CommitReadPositionAsync("kafka", model.SinkReadNext);
                            model.SinkCommitted();
                        }

                        break;
                    case 11:
                        reader.Dispose();
                        await outbox.DisposeAsync();
                        model.AckAll();
                        device = fx.NewDevice();
                        outbox = await OpenAsync(fx, device);
                        model.Verify(outbox);
                        reader = outbox.OpenReader("kafka");
                        model.SinkReopened();
                        break;
                    default:
                        device.SimulatePowerLoss(op.Kind == 12 ? null : new Random(op.Arg));
                        reader.Dispose();
                        await outbox.DisposeAsync();
                        device = fx.NewDevice();
                        outbox = await OpenAsync(fx, device);
                        model.Verify(outbox);
                        reader = outbox.OpenReader("kafka");
                        model.SinkReopened();
                        break;
                }
            }

            await outbox.CommitAsync();
            model.AckAll();
            reader.Dispose();
            await outbox.DisposeAsync();
            outbox = await OpenAsync(fx, fx.NewDevice());
            model.Verify(outbox);
        }
        finally
        {
            reader.Dispose();
            await outbox.DisposeAsync();
        }
    }

    private static Task<Bridge.Outbox.Outbox> OpenAsync(OutboxFixture fx, PowerLossDevice device)
    {
        var options = fx.Options(segmentBytes: 4096, maxDiskBytes: 64 << 20, device: device);
        options.Sinks.Add("audit");
        options.MaxCommitInterval = TimeSpan.FromMilliseconds(1);
        return Bridge.Outbox.Outbox.OpenAsync(options, TimeProvider.System, NullLogger.Instance);
    }

    /// <summary>What the log must hold: records in log order, how many are acknowledged, and the sink's progress.</summary>
    private sealed class Model
    {
        private readonly Dictionary<string, long> _next = [];
        private List<Stored> _log = [];
        private int _acked;
        private int _sinkCommitted;
        private long _sinkCommittedNext;

        public long LastEnd { get; private set; }

        public int SinkReadCount { get; private set; }

        public long SinkReadNext { get; private set; }

        public long NextSequence(string source) => _next[source] = _next.GetValueOrDefault(source) + 1;

        public void Appended(Stored s, long end)
        {
            _log.Add(s);
            LastEnd = end;
        }

        public void AckAll() => _acked = _log.Count;

        public void SinkRead(OutboxRecord r)
        {
            Assert.True(SinkReadCount < _log.Count, $"sink read {r.SourceId}#{r.Sequence} beyond the model's log");
            var expected = _log[SinkReadCount];
            Assert.Equal((expected.Source, expected.Sequence, expected.Length), (r.SourceId, r.Sequence, r.Payload.Length));
            Assert.True(SinkReadCount < _acked || r.NextPosition <= LastEnd, "only durable records reach a sink");
            SinkReadCount++;
            SinkReadNext = r.NextPosition;
        }

        public void SinkCommitted()
        {
            _sinkCommitted = SinkReadCount;
            _sinkCommittedNext = SinkReadNext;
        }

        public void SinkReopened()
        {
            SinkReadCount = _sinkCommitted;
            SinkReadNext = _sinkCommittedNext;
        }

        /// <summary>Checks the reopened log against the model and adopts what survived.</summary>
        public void Verify(Bridge.Outbox.Outbox outbox)
        {
            var survived = new List<Stored>();
            using (var audit = outbox.OpenReader("audit"))
            {
                while (audit.TryRead(out var r))
                {
                    if (r.Kind == RecordKind.Gap)
                    {
                        // Only torn, never-acknowledged bytes may be unreadable.
                        Assert.True(r.IsSynthetic && survived.Count >= _acked, $"unexpected gap at {r.Position} after {survived.Count} records ({_acked} acknowledged)");
                        continue;
                    }

                    survived.Add(new Stored(r.SourceId, r.Sequence, r.Payload.Length));
                }
            }

            Assert.True(survived.Count >= _acked, $"only {survived.Count} records survived, {_acked} were acknowledged");
            for (var i = 0; i < _acked; i++)
            {
                Assert.Equal(_log[i], survived[i]);
            }

            // What survived beyond the acknowledged prefix is a subsequence of what was appended, in order.
            var j = _acked;
            for (var i = _acked; i < survived.Count; i++)
            {
                while (j < _log.Count && _log[j] != survived[i])
                {
                    j++;
                }

                Assert.True(j < _log.Count, $"record {survived[i]} was never appended or is out of order");
                j++;
            }

            _log = survived;
            _acked = survived.Count;
            LastEnd = 0;
            foreach (var source in Sources)
            {
                if (outbox.TryGetLastSequence(source, out var last))
                {
                    Assert.True(last >= LastSequenceIn(survived, source), "the outbox must not hand out a sequence number it holds");
                    _next[source] = last;
                }
                else
                {
                    Assert.Equal(0, LastSequenceIn(survived, source));
                    _next[source] = 0;
                }
            }
        }

        private static long LastSequenceIn(List<Stored> log, string source)
        {
            long last = 0;
            foreach (var s in log)
            {
                if (s.Source == source)
                {
                    last = Math.Max(last, s.Sequence);
                }
            }

            return last;
        }
    }
}
