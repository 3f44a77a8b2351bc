using DataBridge.Diode.Sending;
using DataBridge.Testing.Diode;

namespace DataBridge.Diode.TestHost;

/// <summary>
/// Records of <c>sources</c> sources, sequences <c>first..last</c> each, interleaved source by source (as an outbox
/// fed by several connectors looks); then the source ends, or with <c>linger</c> stays open and idle (the sender then
/// keeps sending heartbeats). Positions count records from 0.
/// </summary>
public sealed class GeneratedRecordSource(int sources, long first, long last, bool linger = false) : IDiodeRecordSource
{
    private readonly string[] _ids = Enumerable.Range(0, sources).Select(DiodeTestRecords.SourceId).ToArray();
    private readonly byte[][] _keys = Enumerable.Range(0, sources).Select(i => DiodeTestRecords.Key(DiodeTestRecords.SourceId(i))).ToArray();
    private long _next;

    public long Total => sources * (last - first + 1);

    public long SentPosition { get; private set; } = -1;

    public bool TryRead(out DiodeRecord record)
    {
        if (_next >= Total)
        {
            record = default;
            return false;
        }

        var source = (int)(_next % sources);
        var sequence = first + (_next / sources);
        record = new DiodeRecord(_ids[source], sequence, 1, _keys[source], DiodeTestRecords.Value(_ids[source], sequence), _next);
        _next++;
        return true;
    }

    /// <summary>Completes once the block carrying the last record has been handed to the kernel.</summary>
    public TaskCompletionSource AllSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        if (_next < Total)
        {
            return true;
        }

        if (!linger)
        {
            return false;
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
        return false;
    }

    public void OnBlockSent(ulong blockId, long position)
    {
        SentPosition = position;
        if (position == Total - 1)
        {
            AllSent.TrySetResult();
        }
    }
}
