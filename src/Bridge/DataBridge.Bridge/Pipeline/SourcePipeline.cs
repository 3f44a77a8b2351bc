using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Sinks;
using DataBridge.Core;
using DataBridge.Schemas;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Pipeline;

/// <summary>
/// The tag pipeline of one source: samples in, records with the source's next sequence numbers out, handed to the
/// sink. A connector hands each read or notification batch to <c>ProcessAsync</c>; only when that completes
/// has the sink durably accepted the batch, and only then may the connector acknowledge upstream (poll completion,
/// Publish acknowledgement). Batches of one source are processed one at a time, in the order they arrive.
/// </summary>
internal sealed class SourcePipeline : IDisposable
{
    private readonly string _sourceId;
    private readonly IReadOnlyList<TagDefinition> _tags;
    private readonly TagProcessor[] _processors;
    private readonly SequenceStore _sequences;
    private readonly IRecordSink _sink;
    private readonly TimeProvider _time;
    private readonly BridgeStatistics _stats;
    private readonly ILogger _logger;
    private readonly List<TagValueRecord> _pending = new(256);
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private readonly Polly.ResiliencePipeline _retry;

    public SourcePipeline(string sourceId, IReadOnlyList<TagDefinition> tags, SequenceStore sequences, IRecordSink sink, TimeProvider time, BridgeStatistics stats, ILogger logger)
    {
        _sourceId = sourceId;
        _tags = tags;
        _sequences = sequences;
        _sink = sink;
        _time = time;
        _stats = stats;
        _logger = logger;
        _retry = SinkRetry.Create(sourceId, time, logger);
        _processors = new TagProcessor[tags.Count];
        for (var i = 0; i < tags.Count; i++)
        {
            var t = tags[i];
            _processors[i] = new TagProcessor(t.Scaling.Factor, t.Scaling.Offset, t.PipelineDeadband, t.Heartbeat);
            HasHeartbeats |= t.Heartbeat is { } h && h > TimeSpan.Zero;
        }
    }

    /// <summary>The bridge named in gap records this pipeline writes.</summary>
    public string BridgeId { get; init; } = string.Empty;

    /// <summary>Whether any tag has a heartbeat (sources that only report changes then call <see cref="ProcessHeartbeatsAsync"/>).</summary>
    public bool HasHeartbeats { get; }

    /// <summary>The source this pipeline numbers records for.</summary>
    public string SourceId => _sourceId;

    /// <summary>The tags of the source, in slot order.</summary>
    public IReadOnlyList<TagDefinition> Tags => _tags;

    /// <summary>Last reported value and quality of a tag slot (for the console and health).</summary>
    public (TagValue Value, StatusCode Status, bool Reported) LastOf(int slot)
    {
        var p = _processors[slot];
        return (p.LastValue, p.LastStatus, p.HasReported);
    }

    /// <summary>
    /// Runs a batch through scaling, deadband and report-by-exception, numbers the records and waits until the sink
    /// has durably accepted them.
    /// </summary>
    /// <param name="samples">The samples of the batch.</param>
    /// <param name="slots">For each sample, the index of its tag in <see cref="Tags"/>.</param>
    /// <param name="cancellationToken">Stops waiting for the sink.</param>
    public ValueTask ProcessAsync(IReadOnlyList<Sample> samples, int[] slots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slots);
        return ProcessAsync(samples, slots, slots.Length, cancellationToken);
    }

    /// <summary>As <see cref="ProcessAsync(IReadOnlyList{Sample}, int[], CancellationToken)"/> for the first <paramref name="count"/> samples (pooled buffers).</summary>
    public async ValueTask ProcessAsync(IReadOnlyList<Sample> samples, int[] slots, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Math.Min(slots.Length, samples.Count));
        await _flushGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var i = 0; i < count; i++)
            {
                Offer(slots[i], samples[i]);
            }

            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _flushGate.Release();
        }
    }

    /// <summary>
    /// Re-reports the last value of every tag whose heartbeat is due (for sources that report only changes); waits
    /// until the sink has accepted them.
    /// </summary>
    public async ValueTask ProcessHeartbeatsAsync(CancellationToken cancellationToken)
    {
        await _flushGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow().UtcDateTime;
            for (var slot = 0; slot < _processors.Length; slot++)
            {
                if (_processors[slot].TryHeartbeat(now, out var reported))
                {
                    var tag = _tags[slot];
                    _pending.Add(new TagValueRecord(_sourceId, 0, tag.TagId, tag.AssetPath, reported.Value, reported.Status, reported.SourceTimestamp, reported.ServerTimestamp, now));
                }
            }

            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _flushGate.Release();
        }
    }

    /// <summary>
    /// Names values the source lost for good: reserves <paramref name="count"/> sequence numbers at this point of the
    /// source's sequence and writes one gap record over them, so downstream sees exactly where the hole is. With
    /// <paramref name="resetReporting"/> every tag's next sample is reported even if unchanged, so consumers get the
    /// present state after the hole.
    /// </summary>
    /// <returns>The gap record written.</returns>
    public async ValueTask<GapRecord> WriteGapAsync(long count, GapReason reason, bool resetReporting, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        await _flushGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
            var n = (int)Math.Min(count, int.MaxValue);
            var first = _sequences.Reserve(n);
            var gap = new GapRecord(_sourceId, first, first + n - 1, reason, _time.GetUtcNow().UtcDateTime, BridgeId);
            await _retry.ExecuteAsync(static (state, ct) => state.Sink.WriteGapAsync(state.Gap, ct), (Sink: _sink, Gap: gap), cancellationToken).ConfigureAwait(false);
            _sequences.Confirm(gap.LastSequence);
            _stats.CountGap();
            if (resetReporting)
            {
                foreach (var p in _processors)
                {
                    p.Reset();
                }
            }

            return gap;
        }
        finally
        {
            _flushGate.Release();
        }
    }

    /// <summary>
    /// Publishes metadata records of this source's tags (e.g. an OPC UA source once it has read what the server says
    /// about its variables); the metadata topic is compacted, so the latest record per tag wins.
    /// </summary>
    public ValueTask PublishMetadataAsync(IReadOnlyList<TagMetadataRecord> metadata, CancellationToken cancellationToken) =>
        _sink.PublishMetadataAsync(metadata, cancellationToken);

    private void Offer(int slot, in Sample sample)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        _stats.CountSample();
        if (!_processors[slot].TryProcess(sample, now, out var reported))
        {
            return;
        }

        var tag = _tags[slot];
        // Sequence 0 is a placeholder: numbers are assigned at flush, in one reservation for the batch.
        _pending.Add(new TagValueRecord(_sourceId, 0, tag.TagId, tag.AssetPath, reported.Value, reported.Status, reported.SourceTimestamp, reported.ServerTimestamp, now));
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        // Numbers are assigned only once the batch is final, in one reservation; a failed write keeps them (the
        // retry re-sends the same numbers, so consumers can de-duplicate on source id + sequence).
        if (_pending[0].Sequence == 0)
        {
            var first = _sequences.Reserve(_pending.Count);
            for (var i = 0; i < _pending.Count; i++)
            {
                _pending[i] = _pending[i] with { Sequence = first + i };
            }
        }

        await _retry.ExecuteAsync(static (state, ct) => state._sink.WriteAsync(state._pending, ct), this, cancellationToken).ConfigureAwait(false);
        _sequences.Confirm(_pending[^1].Sequence);
        _stats.CountRecords(_pending.Count);
        _pending.Clear();
    }

    public void Dispose()
    {
        _sequences.Dispose();
        _flushGate.Dispose();
        if (_pending.Count > 0)
        {
            _logger.LogWarning("Source {SourceId}: {Count} values read but not delivered at shutdown; they were never acknowledged upstream.", _sourceId, _pending.Count);
        }
    }
}
