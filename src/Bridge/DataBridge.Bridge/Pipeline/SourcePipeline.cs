using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Sinks;
using DataBridge.Core;
using DataBridge.Schemas;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Pipeline;

/// <summary>
/// The tag pipeline of one source: samples in, records with the source's next sequence numbers out, handed to the
/// sink. A connector hands each read or notification batch to <see cref="ProcessAsync"/>; only when that completes
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
            _processors[i] = new TagProcessor(t.Scaling.Factor, t.Scaling.Offset, t.Deadband, t.Heartbeat);
        }
    }

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
    public async ValueTask ProcessAsync(IReadOnlyList<Sample> samples, int[] slots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(slots);
        await _flushGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var i = 0; i < slots.Length; i++)
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
