using DataBridge.Diode.Datagrams;
using DataBridge.Diode.Packing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataBridge.Diode.Sending;

/// <summary>
/// The edge side of the diode: reads records from an <see cref="IDiodeRecordSource"/>, packs them into payloads,
/// protects them in FEC blocks, authenticates every datagram and hands it to a one-way transport under a token-bucket
/// rate limit. When idle it closes the open block (after <see cref="FlushDelay"/>) and sends heartbeats with its
/// position and counters every <see cref="DiodeSenderOptions.Heartbeat"/>. Nothing is read back, ever: a block counts
/// as sent when its last datagram is handed to the kernel, and the source is told so (<see cref="IDiodeRecordSource.OnBlockSent"/>).
/// </summary>
public sealed class DiodeSender
{
    /// <summary>How long an idle sender waits for more records before closing a partly filled block.</summary>
    public static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest a record waits in a partly filled block while records keep trickling in.</summary>
    public static readonly TimeSpan MaxBlockLatency = TimeSpan.FromMilliseconds(200);

    // Waits shorter than this are not worth a timer: the debt is paid at the next real wait.
    private static readonly TimeSpan MinRateWait = TimeSpan.FromMilliseconds(1);

    private readonly DiodeSenderOptions _options;
    private readonly IDatagramTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BlockFramer _framer;
    private readonly RecordPacker _packer;
    private readonly TokenBucket? _bucket;
    private readonly Dictionary<string, long> _lastSequence = new(StringComparer.Ordinal);
    private readonly long _startedAtUnixMs;
    private string? _currentSource;
    private long _currentSequence;
    private long _lastAddedPosition = -1;
    private long _pendingSince = -1;
    private long _lastHeartbeat;
    private int _heartbeatRotation;
    private long _records;
    private long _datagrams;
    private long _bytes;
    private long _blocks;
    private long _heartbeats;
    private long _lastSentPosition = -1;
    private long _rateWaits;

    /// <summary>Creates a sender; <see cref="RunAsync"/> does the work.</summary>
    /// <exception cref="DiodeConfigurationException">The options cannot work.</exception>
    public DiodeSender(DiodeSenderOptions options, DatagramAuthenticator authenticator, IDatagramTransport transport, TimeProvider? time = null, ILogger<DiodeSender>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(authenticator);
        ArgumentNullException.ThrowIfNull(transport);
        options.Validate();
        _options = options;
        _transport = transport;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _framer = new BlockFramer(options, authenticator, options.StreamId ?? (uint)Random.Shared.NextInt64(1, uint.MaxValue));
        _packer = new RecordPacker(_framer, options.PayloadLength, options.MaxRecordLength);
        if (options.RateLimit is { } rate)
        {
            var blockBytes = (long)(options.DataCount + options.ParityCount) * (options.PayloadLength + DatagramLimits.OverheadLength);
            _bucket = new TokenBucket(rate, options.BurstBytes ?? Math.Max(blockBytes, (long)(rate.BytesPerSecond / 100)), _time);
        }

        _startedAtUnixMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        _lastHeartbeat = _time.GetTimestamp();
    }

    /// <summary>This sender's stream id (random per start unless configured).</summary>
    public uint StreamId => _framer.StreamId;

    /// <summary>A snapshot of the counters.</summary>
    public DiodeSenderStatistics Statistics => new(
        StreamId,
        Volatile.Read(ref _records),
        Volatile.Read(ref _datagrams),
        Volatile.Read(ref _bytes),
        Volatile.Read(ref _blocks),
        Volatile.Read(ref _heartbeats),
        Volatile.Read(ref _lastSentPosition),
        Volatile.Read(ref _rateWaits));

    /// <summary>
    /// Sends until <paramref name="cancellationToken"/> fires or the source ends; at the end of a source the open block
    /// and a last heartbeat are sent before returning.
    /// </summary>
    public async Task RunAsync(IDiodeRecordSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        _logger.LogInformation("Diode sender stream {StreamId:x8} started: FEC {Data}+{Parity}, payload {Payload} B, rate limit {Rate}.", StreamId, _options.DataCount, _options.ParityCount, _options.PayloadLength, _options.RateLimit?.ToString() ?? "none");

        // Announce the stream at once: the receiver learns of a restart before the first block.
        await SendHeartbeatAsync(source, withSources: true, cancellationToken);
        while (true)
        {
            var read = 0;
            while (read < 4096 && source.TryRead(out var record))
            {
                Pack(in record);
                read++;
                if (_framer.QueuedCount > 0)
                {
                    await DrainAsync(source, cancellationToken);
                }
            }

            if (read > 0)
            {
                if (_pendingSince >= 0 && _time.GetElapsedTime(_pendingSince) >= MaxBlockLatency)
                {
                    await FlushAsync(source, cancellationToken);
                }

                if (HeartbeatDue)
                {
                    // Busy: records may wait in the open block, so no source positions yet (the receiver would take them as sent).
                    await SendHeartbeatAsync(source, withSources: IsFlushed, cancellationToken);
                }

                continue;
            }

            if (!IsFlushed)
            {
                var state = await WaitAsync(source, FlushDelay, cancellationToken);
                if (state == WaitResult.Ready)
                {
                    continue;
                }

                await FlushAsync(source, cancellationToken);
                await SendHeartbeatAsync(source, withSources: true, cancellationToken);
                if (state == WaitResult.Ended)
                {
                    return;
                }

                continue;
            }

            if (HeartbeatDue)
            {
                await SendHeartbeatAsync(source, withSources: true, cancellationToken);
            }

            var next = _options.Heartbeat - _time.GetElapsedTime(_lastHeartbeat);
            var result = await WaitAsync(source, next > TimeSpan.Zero ? next : TimeSpan.Zero, cancellationToken);
            if (result == WaitResult.Ended)
            {
                await SendHeartbeatAsync(source, withSources: true, cancellationToken);
                return;
            }
        }
    }

    private bool IsFlushed => _packer.PendingLength == 0 && _framer.OpenSymbols == 0;

    private bool HeartbeatDue => _time.GetElapsedTime(_lastHeartbeat) >= _options.Heartbeat;

    private void Pack(in DiodeRecord record)
    {
        if (!ReferenceEquals(record.SourceId, _currentSource))
        {
            CommitSourcePosition();
            _currentSource = record.SourceId;
        }

        _currentSequence = record.Sequence;
        _framer.CompletePosition = _lastAddedPosition;
        _packer.Add(record.Kind, record.SourceId, record.Sequence, record.Key.Span, record.Value.Span);
        _lastAddedPosition = record.Position;
        _records++;
        if (_pendingSince < 0)
        {
            _pendingSince = _time.GetTimestamp();
        }
    }

    private void CommitSourcePosition()
    {
        if (_currentSource is not null)
        {
            _lastSequence[_currentSource] = _currentSequence;
        }
    }

    private async ValueTask FlushAsync(IDiodeRecordSource source, CancellationToken cancellationToken)
    {
        _framer.CompletePosition = _lastAddedPosition;
        _packer.Flush();
        _framer.CloseBlock();
        _pendingSince = -1;
        await DrainAsync(source, cancellationToken);
    }

    private async ValueTask DrainAsync(IDiodeRecordSource source, CancellationToken cancellationToken)
    {
        while (_framer.TryDequeue(out var datagram))
        {
            if (_bucket is not null)
            {
                var wait = _bucket.Take(datagram.Length);
                if (wait >= MinRateWait)
                {
                    _rateWaits++;
                    await Task.Delay(wait, _time, cancellationToken);
                }
            }

            _transport.Send(datagram.Buffer.AsSpan(0, datagram.Length));
            _datagrams++;
            _bytes += datagram.Length;
            _framer.Return(datagram);
            if (datagram.EndsBlock)
            {
                _blocks++;
                if (datagram.Position >= 0)
                {
                    Volatile.Write(ref _lastSentPosition, datagram.Position);
                }

                source.OnBlockSent(datagram.BlockId, datagram.Position);
            }
        }
    }

    private async ValueTask SendHeartbeatAsync(IDiodeRecordSource source, bool withSources, CancellationToken cancellationToken)
    {
        var sources = withSources ? HeartbeatSources() : [];
        var heartbeat = new HeartbeatPayload(
            _time.GetUtcNow().ToUnixTimeMilliseconds(),
            _startedAtUnixMs,
            _framer.NextBlockId,
            (ulong)_records,
            (ulong)_datagrams,
            (ulong)_blocks,
            (ulong)_bytes,
            sources);
        _framer.QueueHeartbeat(heartbeat);
        _heartbeats++;
        _lastHeartbeat = _time.GetTimestamp();
        await DrainAsync(source, cancellationToken);
    }

    // As many sources as fit one payload; with more, the next heartbeat continues where this one stopped.
    private List<SourcePosition> HeartbeatSources()
    {
        CommitSourcePosition();
        var all = new List<SourcePosition>(_lastSequence.Count);
        foreach (var (id, sequence) in _lastSequence)
        {
            all.Add(new SourcePosition(id, sequence));
        }

        if (all.Count == 0)
        {
            return all;
        }

        all.Sort(static (a, b) => string.CompareOrdinal(a.SourceId, b.SourceId));
        var room = _options.PayloadLength - HeartbeatPayload.FixedLength;
        var chosen = new List<SourcePosition>();
        var start = _heartbeatRotation % all.Count;
        for (var i = 0; i < all.Count && chosen.Count < HeartbeatPayload.MaxSources; i++)
        {
            var entry = all[(start + i) % all.Count];
            var length = HeartbeatPayload.EntryLength(entry.SourceId);
            if (length > room)
            {
                break;
            }

            room -= length;
            chosen.Add(entry);
        }

        _heartbeatRotation = (start + chosen.Count) % all.Count;
        return chosen;
    }

    private async ValueTask<WaitResult> WaitAsync(IDiodeRecordSource source, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return await source.WaitToReadAsync(linked.Token) ? WaitResult.Ready : WaitResult.Ended;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WaitResult.Timeout;
        }
    }

    private enum WaitResult
    {
        Ready,
        Ended,
        Timeout,
    }
}
