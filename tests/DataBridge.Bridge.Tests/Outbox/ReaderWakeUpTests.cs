using DataBridge.Bridge.Outbox;
using static DataBridge.Bridge.Tests.Outbox.OutboxFixture;

namespace DataBridge.Bridge.Tests.Outbox;

/// <summary>
/// Regression: a reader that starts waiting while a commit round is writing must wake when that round makes its
/// record durable, even if nothing is ever appended again (the forwarder once stalled with everything on disk).
/// </summary>
public sealed class ReaderWakeUpTests
{
    /// <summary>A file system device whose fsync can be held, to keep a commit round in progress.</summary>
    private sealed class GatedDevice(string directory) : IOutboxDevice
    {
        private readonly FileSystemOutboxDevice _inner = new(directory);

        public ManualResetEventSlim FlushGate { get; } = new(true);

        public ManualResetEventSlim FlushEntered { get; } = new(false);

        public IReadOnlyList<string> ListFiles() => _inner.ListFiles();

        public IOutboxFile Open(string name, bool create) => new GatedFile(_inner.Open(name, create), this);

        public void Delete(string name) => _inner.Delete(name);

        public byte[]? ReadAll(string name) => _inner.ReadAll(name);

        public void ReplaceAtomically(string name, ReadOnlySpan<byte> content) => _inner.ReplaceAtomically(name, content);

        public void FlushDirectory() => _inner.FlushDirectory();

        private sealed class GatedFile(IOutboxFile inner, GatedDevice device) : IOutboxFile
        {
            public long Length => inner.Length;

            public int Read(long offset, Span<byte> destination) => inner.Read(offset, destination);

            public void Write(long offset, ReadOnlySpan<byte> source) => inner.Write(offset, source);

            public void Flush()
            {
                device.FlushEntered.Set();
                device.FlushGate.Wait(TimeSpan.FromSeconds(30));
                inner.Flush();
            }

            public void SetLength(long length) => inner.SetLength(length);

            public void Dispose() => inner.Dispose();
        }
    }

    [Fact]
    public async Task A_reader_waiting_during_a_commit_round_gets_the_record_that_round_makes_durable()
    {
        using var fx = new OutboxFixture();
        var device = new GatedDevice(fx.Directory);
        await using var outbox = await OpenAsync(fx.Options(device: device));
        using var reader = outbox.OpenReader("kafka");

        // Hold the fsync of the round that carries the record, so the reader starts waiting mid-round.
        device.FlushGate.Reset();
        device.FlushEntered.Reset();
        var appended = await outbox.AppendAsync(RecordKind.Value, "s", 1, new byte[] { 1, 2, 3 });
        var commit = outbox.CommitAsync().AsTask();
        Assert.True(device.FlushEntered.Wait(TimeSpan.FromSeconds(10)), "the commit round did not reach its fsync");
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        outbox.ReaderWaiting = _ => waiting.TrySetResult();
        var read = reader.ReadAsync().AsTask();
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(read.IsCompleted, "the record is not durable yet, so the reader must wait");

        device.FlushGate.Set();
        await commit.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(outbox.DurablePosition >= appended.EndPosition);

        // Nothing else is appended: only the finished round can wake the reader.
        var record = await read.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, record.Sequence);
    }
}
