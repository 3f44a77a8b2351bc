using DataBridge.Diode.Datagrams;
using DataBridge.Diode.Fec;
using DataBridge.Diode.Packing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataBridge.Diode.Receiving;

/// <summary>
/// The IT side's datagram engine, without a socket: verifies each datagram (nothing unauthenticated goes further),
/// gathers FEC blocks and repairs them, delivers blocks in order, unpacks records, de-duplicates them by
/// (source, sequence) and reports exact gap ranges for what FEC could not repair. Time-based decisions (a block that
/// will not complete, a silent sender) happen on <see cref="Tick"/> and on arrivals. Not thread-safe: one caller at a time.
/// </summary>
public sealed class DiodeReceiverCore : IDisposable
{
    // A stream first seen within this many datagrams of its start is taken from block 0 (it is a new sender, not a
    // receiver joining late): a block of it reordered behind a later one is not skipped.
    private const ulong StreamStartDatagrams = 4096;

    private const int RetiredStreamsKept = 16;

    private readonly DatagramAuthenticator _authenticator;
    private readonly DiodeReceiverOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SourceLedger _ledger;
    private readonly Router _router;
    private readonly Stack<FecBlockDecoder> _decoders = new();
    private readonly Queue<uint> _retired = new();
    private readonly long _createdAt;
    private StreamState? _stream;
    private long _lastDatagramAt = -1;
    private long _lastHeartbeatAt = -1;
    private bool _silent;
    private ulong _senderDatagrams;
    private long _datagrams;
    private long _bytes;
    private long _rejected;
    private long _unauthenticated;
    private long _duplicateDatagrams;
    private long _staleDatagrams;
    private long _blocksComplete;
    private long _blocksRepaired;
    private long _symbolsRepaired;
    private long _blocksLost;
    private long _heartbeats;
    private long _streamRestarts;

    /// <summary>Creates the engine.</summary>
    /// <param name="authenticator">The pre-shared key's authenticator.</param>
    /// <param name="output">Where records and gaps go.</param>
    /// <param name="options">Limits and timeouts.</param>
    /// <param name="positions">Each source's last accounted sequence from a previous run (the durable outbox keeps them), or null.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">For the silence warning and stream changes.</param>
    public DiodeReceiverCore(DatagramAuthenticator authenticator, IDiodeReceiverOutput output, DiodeReceiverOptions? options = null, IReadOnlyDictionary<string, long>? positions = null, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(authenticator);
        ArgumentNullException.ThrowIfNull(output);
        _authenticator = authenticator;
        _options = options ?? new DiodeReceiverOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxPendingBlocks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.MaxPayloadLength, DatagramLimits.MaxPayloadLength);
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _ledger = new SourceLedger(_options.InitialSequence, _options.MaxOpenGapsPerSource, positions);
        _router = new Router(this, output);
        _createdAt = _time.GetTimestamp();
    }

    /// <summary>Blocks held in memory now (at most <see cref="DiodeReceiverOptions.MaxPendingBlocks"/>).</summary>
    internal int PendingBlockCount => _stream?.Pending.Count ?? 0;

    /// <summary>Why the last rejected datagram was rejected (for a rate-limited log line).</summary>
    public DatagramError? LastRejection { get; private set; }

    /// <summary>A snapshot of the link statistics.</summary>
    public DiodeLinkStatistics Statistics => new(
        _datagrams,
        _bytes,
        _rejected,
        _unauthenticated,
        _duplicateDatagrams,
        _staleDatagrams,
        _blocksComplete,
        _blocksRepaired,
        _symbolsRepaired,
        _blocksLost,
        _router.Records,
        _router.DuplicateRecords,
        _router.Gaps,
        _router.LostSequences,
        _heartbeats,
        _streamRestarts,
        _stream?.Id ?? 0,
        _lastHeartbeatAt < 0 ? null : _time.GetElapsedTime(_lastHeartbeatAt),
        _lastDatagramAt < 0 ? null : _time.GetElapsedTime(_lastDatagramAt),
        _silent,
        _stream is { Window.Expected: > 0 } s ? Math.Max(0, 1 - ((double)s.Window.Distinct / s.Window.Expected)) : 0,
        _senderDatagrams);

    /// <summary>Each source's highest sequence number delivered or declared lost: persist it to restart without re-reporting.</summary>
    public Dictionary<string, long> Positions() => _ledger.Positions();

    /// <summary>Handles one received datagram.</summary>
    public DatagramOutcome Receive(ReadOnlySpan<byte> datagram)
    {
        _datagrams++;
        _bytes += datagram.Length;
        _lastDatagramAt = _time.GetTimestamp();
        if (_silent)
        {
            _silent = false;
            _logger.LogInformation("The diode sender is heard again.");
        }

        if (!DatagramReader.TryRead(datagram, _authenticator, out var verified, out var error))
        {
            LastRejection = error;
            if (error.IsAuthenticationFailure)
            {
                _unauthenticated++;
                return DatagramOutcome.Unauthenticated;
            }

            _rejected++;
            return DatagramOutcome.Rejected;
        }

        var header = verified.Header;
        if (header.PayloadLength > _options.MaxPayloadLength)
        {
            return Reject(new DatagramError("header.payloadLength", header.PayloadLength, "exceeds the receiver's payload limit: raise diode-receive maxPayload to the sender's payload setting"));
        }

        HeartbeatPayload? heartbeat = null;
        if (header.Kind == DatagramKind.Heartbeat)
        {
            try
            {
                heartbeat = HeartbeatPayload.Read(verified.Payload);
            }
            catch (DiodeFormatException e)
            {
                return Reject(new DatagramError(e.Field, e.Value, "makes the heartbeat unreadable"));
            }
        }

        var stream = StreamFor(header.StreamId);
        if (stream is null)
        {
            _staleDatagrams++;
            return DatagramOutcome.Stale;
        }

        if (!stream.Initialized)
        {
            stream.Initialized = true;
            stream.NextBlock = header.Sequence < StreamStartDatagrams ? 0 : heartbeat?.NextBlockId ?? header.BlockId;
        }

        if (!stream.Window.Observe(header.Sequence))
        {
            _duplicateDatagrams++;
            return DatagramOutcome.Duplicate;
        }

        var outcome = heartbeat is not null ? OnHeartbeat(stream, heartbeat) : OnSymbol(stream, header, verified.Payload);
        Advance(stream);
        return outcome;
    }

    /// <summary>Makes the time-based decisions: gives up blocks that waited too long, notices a silent sender.</summary>
    public void Tick()
    {
        if (_stream is not null)
        {
            Advance(_stream);
        }

        var quietSince = _lastDatagramAt >= 0 ? _lastDatagramAt : _createdAt;
        var quiet = _time.GetElapsedTime(quietSince);
        if (!_silent && quiet >= _options.SilenceTimeout)
        {
            _silent = true;
            _logger.LogWarning(
                "No datagram from the diode sender for {Seconds:0} s (stream {StreamId:x8}): check that the edge bridge runs, the diode has light and power, and the receiver listens on the address and port the sender targets.",
                quiet.TotalSeconds,
                _stream?.Id ?? 0);
        }
    }

    /// <summary>Gives up waiting: delivers what can be delivered of every open block and reports the rest (at shutdown).</summary>
    public void Flush()
    {
        if (_stream is not null)
        {
            Finish(_stream);
        }
    }

    /// <summary>Returns the block buffers.</summary>
    public void Dispose()
    {
        _stream?.Dispose();
        while (_decoders.TryPop(out var decoder))
        {
            decoder.Dispose();
        }
    }

    private DatagramOutcome Reject(DatagramError error)
    {
        LastRejection = error;
        _rejected++;
        return DatagramOutcome.Rejected;
    }

    private StreamState? StreamFor(uint streamId)
    {
        if (_stream?.Id == streamId)
        {
            return _stream;
        }

        if (_retired.Contains(streamId))
        {
            return null;
        }

        if (_stream is not null)
        {
            _logger.LogInformation("Diode sender stream changed from {Old:x8} to {New:x8}: the sender restarted; open blocks of the old stream are closed.", _stream.Id, streamId);
            Finish(_stream);
            _stream.Dispose();
            _retired.Enqueue(_stream.Id);
            if (_retired.Count > RetiredStreamsKept)
            {
                _retired.Dequeue();
            }

            _streamRestarts++;
        }

        _stream = new StreamState(streamId, _options.MaxRecordLength);
        return _stream;
    }

    private DatagramOutcome OnHeartbeat(StreamState stream, HeartbeatPayload heartbeat)
    {
        _heartbeats++;
        _lastHeartbeatAt = _time.GetTimestamp();
        _senderDatagrams = heartbeat.DatagramsSent;

        // Heartbeats may arrive out of order: keep the most advanced one.
        if (stream.Heartbeat is null || heartbeat.NextBlockId >= stream.Heartbeat.NextBlockId)
        {
            stream.Heartbeat = heartbeat;
        }

        return DatagramOutcome.Accepted;
    }

    private DatagramOutcome OnSymbol(StreamState stream, DatagramHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.BlockId < stream.NextBlock)
        {
            _staleDatagrams++;
            return DatagramOutcome.Stale;
        }

        var window = (ulong)_options.MaxPendingBlocks;
        if (header.BlockId - stream.NextBlock >= window)
        {
            // Memory stays bounded: the oldest blocks are given up to make room.
            SkipTo(stream, header.BlockId - window + 1);
        }

        if (!stream.Pending.TryGetValue(header.BlockId, out var block))
        {
            var decoder = _decoders.TryPop(out var reused) ? reused : new FecBlockDecoder(_options.MaxPayloadLength);
            block = new PendingBlock(decoder);
            stream.Pending[header.BlockId] = block;
        }

        if (!stream.SeenBlocks || header.BlockId > stream.HighestBlock)
        {
            stream.HighestBlock = header.BlockId;
            stream.SeenBlocks = true;
        }

        if (block.Decoded)
        {
            return DatagramOutcome.Accepted;
        }

        try
        {
            block.Decoder.Add(header, payload);
        }
        catch (DiodeFormatException e)
        {
            return Reject(new DatagramError(e.Field, e.Value, "contradicts the other symbols of its block"));
        }

        if (block.Decoder.CanDecode)
        {
            var result = block.Decoder.Decode();
            if (result.Status == FecBlockStatus.Repaired)
            {
                _blocksRepaired++;
                _symbolsRepaired += result.RepairedCount;
            }
            else
            {
                _blocksComplete++;
            }

            block.Decoded = true;
        }

        return DatagramOutcome.Accepted;
    }

    private void Advance(StreamState stream)
    {
        while (true)
        {
            if (stream.Pending.TryGetValue(stream.NextBlock, out var head) && head.Decoded)
            {
                DeliverHead(stream, head);
                stream.HeadWaitingSince = -1;
                continue;
            }

            if (stream.Horizon <= stream.NextBlock)
            {
                stream.HeadWaitingSince = -1;
                break;
            }

            // The stream has moved past an incomplete head: wait for late symbols, then give it up.
            if (stream.HeadWaitingSince < 0)
            {
                stream.HeadWaitingSince = _time.GetTimestamp();
                break;
            }

            if (_time.GetElapsedTime(stream.HeadWaitingSince) < _options.BlockTimeout)
            {
                break;
            }

            GiveUpHead(stream);
        }

        ApplyHeartbeat(stream);
    }

    private void ApplyHeartbeat(StreamState stream)
    {
        if (stream.Heartbeat is { } heartbeat && stream.NextBlock >= heartbeat.NextBlockId)
        {
            // Every block sent before the heartbeat is resolved: whatever the sender says it sent and we lack is lost.
            foreach (var source in heartbeat.Sources)
            {
                _ledger.SentUpTo(source.SourceId, source.LastSequence, _router);
            }

            stream.Heartbeat = null;
        }
    }

    private void DeliverHead(StreamState stream, PendingBlock head)
    {
        var decoder = head.Decoder;
        for (var i = 0; i < decoder.DataCount; i++)
        {
            Unpack(stream, decoder.GetData(i));
        }

        Release(stream, stream.NextBlock, head);
        stream.NextBlock++;
    }

    private void GiveUpHead(StreamState stream)
    {
        _blocksLost++;
        if (!stream.Pending.TryGetValue(stream.NextBlock, out var head))
        {
            // Not one symbol of it arrived.
            stream.Unpacker.MarkDiscontinuity(_router);
            stream.NextBlock++;
            return;
        }

        var result = head.Decoder.Decode();
        var lost = result.LostDataIndices;
        for (int i = 0, next = 0; i < head.Decoder.DataCount; i++)
        {
            if (next < lost.Count && lost[next] == i)
            {
                next++;
                stream.Unpacker.MarkDiscontinuity(_router);
                continue;
            }

            Unpack(stream, head.Decoder.GetData(i));
        }

        Release(stream, stream.NextBlock, head);
        stream.NextBlock++;
    }

    private void SkipTo(StreamState stream, ulong target)
    {
        while (stream.NextBlock < target)
        {
            if (stream.Pending.TryGetValue(stream.NextBlock, out var head) && head.Decoded)
            {
                DeliverHead(stream, head);
            }
            else if (stream.Pending.Count > 0)
            {
                GiveUpHead(stream);
            }
            else
            {
                // Nothing held: jump in one step, however far (a bounded loop whatever the block id).
                _blocksLost += (long)(target - stream.NextBlock);
                stream.Unpacker.MarkDiscontinuity(_router);
                stream.NextBlock = target;
            }
        }

        stream.HeadWaitingSince = -1;
    }

    // The stream is over (a new one started, or shutdown): resolve everything it showed evidence of.
    private void Finish(StreamState stream)
    {
        var end = stream.Horizon;
        if (stream.Pending.Count > 0)
        {
            var last = stream.Pending.Keys.Max() + 1;
            end = Math.Max(end, last);
        }

        SkipTo(stream, end);
        ApplyHeartbeat(stream);
        stream.Unpacker.MarkDiscontinuity(_router);
    }

    private void Unpack(StreamState stream, ReadOnlySpan<byte> payload)
    {
        try
        {
            stream.Unpacker.Unpack(payload, _router);
        }
        catch (DiodeFormatException e)
        {
            // Authenticated, yet malformed: a sender bug or a version mismatch. Records before the bad frame were delivered;
            // records lost with the rest of the payload show up as a gap at the next record of their source.
            LastRejection = new DatagramError(e.Field, e.Value, "is malformed inside an authenticated payload: check both sides run the same DataBridge version");
            _rejected++;
        }
    }

    private void Release(StreamState stream, ulong blockId, PendingBlock block)
    {
        stream.Pending.Remove(blockId);
        block.Decoder.Reset();
        _decoders.Push(block.Decoder);
    }

    private sealed class Router(DiodeReceiverCore owner, IDiodeReceiverOutput output) : IRecordSink, IGapSink
    {
        public long Records { get; private set; }

        public long DuplicateRecords { get; private set; }

        public long Gaps { get; private set; }

        public long LostSequences { get; private set; }

        public void OnRecord(in PackedRecord record)
        {
            if (owner._ledger.Admit(record.SourceId, record.Sequence, this))
            {
                Records++;
                output.OnRecord(in record);
            }
            else
            {
                DuplicateRecords++;
            }
        }

        public void OnRecordLost(in LostRecord lost) => owner._ledger.Lost(lost.SourceId, lost.Sequence, this);

        public void OnGap(in DiodeGap gap)
        {
            Gaps++;
            LostSequences += gap.Count;
            output.OnGap(in gap);
        }
    }
}
