using DataBridge.Diode.Datagrams;
using DataBridge.Diode.Fec;
using DataBridge.Diode.Packing;

namespace DataBridge.Diode.Sending;

/// <summary>
/// The sender's synchronous middle: takes the packer's payloads as FEC data symbols, closes blocks (full, or early
/// with <see cref="PartialBlockParity"/> parity), and writes every symbol as an authenticated datagram into a queue of
/// reused buffers. The caller drains the queue at the rate limit. A block's last datagram carries the outbox position
/// that block completes, so the caller can report it sent.
/// </summary>
internal sealed class BlockFramer : IPayloadSink
{
    private readonly FecBlockEncoder _encoder;
    private readonly DatagramAuthenticator _authenticator;
    private readonly int[] _partialParity;
    private readonly int _datagramCapacity;
    private readonly Stack<byte[]> _free = new();
    private readonly Queue<OutgoingDatagram> _queue = new();
    private long _positionInEncoder = -1;

    public BlockFramer(DiodeSenderOptions options, DatagramAuthenticator authenticator, uint streamId)
    {
        _encoder = new FecBlockEncoder(options.DataCount, options.ParityCount, options.PayloadLength);
        _authenticator = authenticator;
        _partialParity = PartialBlockParity.Table(options.DataCount, options.ParityCount);
        _datagramCapacity = options.PayloadLength + DatagramLimits.OverheadLength;
        StreamId = streamId;
    }

    public uint StreamId { get; }

    /// <summary>The id the next block will get: every lower block has been framed.</summary>
    public ulong NextBlockId { get; private set; }

    /// <summary>The next datagram sequence number.</summary>
    public ulong NextSequence { get; private set; }

    /// <summary>Data symbols waiting in the open block.</summary>
    public int OpenSymbols => _encoder.Count;

    /// <summary>Set by the sender before packing a record: every record up to here is wholly inside earlier payloads or the packer.</summary>
    public long CompletePosition { get; set; } = -1;

    public int QueuedCount => _queue.Count;

    public void OnPayload(ReadOnlySpan<byte> payload)
    {
        _encoder.Add(payload);
        _positionInEncoder = CompletePosition;
        if (_encoder.IsFull)
        {
            CloseBlock();
        }
    }

    /// <summary>Encodes and queues the open block, if it holds anything.</summary>
    public void CloseBlock()
    {
        var k = _encoder.Count;
        if (k == 0)
        {
            return;
        }

        var m = _partialParity[k];
        _encoder.EncodeParity(m);
        var blockId = NextBlockId++;
        for (var i = 0; i < k; i++)
        {
            Enqueue(new DatagramHeader(DatagramKind.Data, StreamId, NextSequence++, blockId, (byte)i, (byte)k, (byte)m, 0), _encoder.GetData(i), blockId, i == k - 1 && m == 0);
        }

        for (var i = 0; i < m; i++)
        {
            Enqueue(new DatagramHeader(DatagramKind.Parity, StreamId, NextSequence++, blockId, (byte)(k + i), (byte)k, (byte)m, 0), _encoder.GetParity(i), blockId, i == m - 1);
        }

        _encoder.Reset();
    }

    /// <summary>Queues a heartbeat datagram.</summary>
    public void QueueHeartbeat(HeartbeatPayload heartbeat)
    {
        var buffer = Rent(Math.Max(_datagramCapacity, DatagramLimits.OverheadLength + heartbeat.Length));
        var scratch = new byte[heartbeat.Length];
        heartbeat.Write(scratch);
        var length = DatagramWriter.Write(buffer, new DatagramHeader(DatagramKind.Heartbeat, StreamId, NextSequence++, 0, 0, 0, 0, 0), scratch, _authenticator);
        _queue.Enqueue(new OutgoingDatagram(buffer, length, 0, false, 0));
    }

    public bool TryDequeue(out OutgoingDatagram datagram) => _queue.TryDequeue(out datagram);

    /// <summary>Gives a sent datagram's buffer back for reuse.</summary>
    public void Return(OutgoingDatagram datagram)
    {
        if (datagram.Buffer.Length == _datagramCapacity)
        {
            _free.Push(datagram.Buffer);
        }
    }

    private void Enqueue(DatagramHeader header, ReadOnlySpan<byte> payload, ulong blockId, bool endsBlock)
    {
        var buffer = Rent(_datagramCapacity);
        var length = DatagramWriter.Write(buffer, header, payload, _authenticator);
        _queue.Enqueue(new OutgoingDatagram(buffer, length, blockId, endsBlock, endsBlock ? _positionInEncoder : -1));
    }

    private byte[] Rent(int size) => size == _datagramCapacity && _free.TryPop(out var buffer) ? buffer : new byte[size];
}

/// <summary>A framed datagram waiting for its turn under the rate limit.</summary>
/// <param name="Buffer">The bytes (reused after sending).</param>
/// <param name="Length">The datagram's length.</param>
/// <param name="BlockId">Its block (0 for a heartbeat).</param>
/// <param name="EndsBlock">True for the last datagram of a block.</param>
/// <param name="Position">For a block's last datagram, the outbox position the block completes (-1: none).</param>
internal readonly record struct OutgoingDatagram(byte[] Buffer, int Length, ulong BlockId, bool EndsBlock, long Position);
