using System.Buffers;

namespace DataBridge.Bridge.Outbox;

/// <summary>
/// Walks the frames of one segment file between two file offsets with a pooled read-ahead buffer. Unreadable bytes are
/// skipped by searching for the next offset holding a valid frame (magic, bounded length, CRC); the caller decides whether
/// skipped bytes are a torn tail (nothing valid after them) or corruption in the middle.
/// </summary>
internal sealed class SegmentScanner : IDisposable
{
    private static ReadOnlySpan<byte> MagicBytes => [0x44, 0x42, 0x58, 0x4F];

    private readonly IOutboxFile _file;
    private readonly int _maxBodyLength;
    private byte[] _buffer;
    private long _bufferOffset;
    private int _bufferCount;

    public SegmentScanner(IOutboxFile file, long startOffset, long limitOffset, int maxBodyLength)
    {
        _file = file;
        _maxBodyLength = maxBodyLength;
        Offset = startOffset;
        Limit = limitOffset;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1 << 20, FrameFormat.PrefixLength + maxBodyLength + 4096));
    }

    /// <summary>File offset of the next frame to read.</summary>
    public long Offset { get; private set; }

    /// <summary>File offset where scanning stops (exclusive).</summary>
    public long Limit { get; private set; }

    /// <summary>Moves the limit (e.g. as more of the active segment becomes durable); never below the current offset.</summary>
    public void ExtendLimit(long limitOffset) => Limit = Math.Max(Limit, limitOffset);

    /// <summary>Repositions the scanner.</summary>
    public void Seek(long offset) => Offset = offset;

    /// <summary>
    /// Reads the next step. For <see cref="ScanStepKind.Record"/>, <paramref name="frame"/> is the whole frame, valid until
    /// the next call. For <see cref="ScanStepKind.Corrupt"/>, the scanner already stands on the next valid frame.
    /// </summary>
    public ScanStep Next(out FrameHeader header, out ReadOnlySpan<byte> frame)
    {
        frame = default;
        header = default;
        var start = Offset;
        if (start >= Limit)
        {
            return new ScanStep(ScanStepKind.End, start, 0);
        }

        if (TryFrameAt(start, out header))
        {
            frame = Window(start, header.FrameLength)[..header.FrameLength];
            Offset = start + header.FrameLength;
            return new ScanStep(ScanStepKind.Record, start, header.FrameLength);
        }

        var next = FindNextValidFrame(start + 1);
        Offset = next;
        return next >= Limit
            ? new ScanStep(ScanStepKind.TornTail, start, Limit - start)
            : new ScanStep(ScanStepKind.Corrupt, start, next - start);
    }

    private bool TryFrameAt(long offset, out FrameHeader header)
    {
        var available = Limit - offset;
        var check = FrameFormat.Check(Window(offset, FrameFormat.PrefixLength), available, _maxBodyLength, out header);
        if (check == FrameCheck.NeedMore)
        {
            check = FrameFormat.Check(Window(offset, (int)Math.Min(_buffer.Length, available)), available, _maxBodyLength, out header);
        }

        return check == FrameCheck.Valid;
    }

    private long FindNextValidFrame(long from)
    {
        var offset = from;
        while (Limit - offset >= FrameFormat.HeaderLength)
        {
            var window = Window(offset, (int)Math.Min(_buffer.Length, Limit - offset));
            if (window.Length < MagicBytes.Length)
            {
                break;
            }

            var index = window.IndexOf(MagicBytes);
            if (index < 0)
            {
                offset += window.Length - (MagicBytes.Length - 1);
                continue;
            }

            offset += index;
            if (TryFrameAt(offset, out _))
            {
                return offset;
            }

            offset++;
        }

        return Limit;
    }

    /// <summary>Returns buffered bytes starting at <paramref name="offset"/>, refilling so at least <paramref name="minBytes"/> are present when the file has them.</summary>
    private ReadOnlySpan<byte> Window(long offset, int minBytes)
    {
        var end = _bufferOffset + _bufferCount;
        if (offset < _bufferOffset || offset + minBytes > end)
        {
            var want = (int)Math.Min(_buffer.Length, Math.Max(0, Limit - offset));
            _bufferOffset = offset;
            _bufferCount = want == 0 ? 0 : _file.Read(offset, _buffer.AsSpan(0, want));
            end = _bufferOffset + _bufferCount;
        }

        return _buffer.AsSpan((int)(offset - _bufferOffset), (int)(end - offset));
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>What <see cref="SegmentScanner.Next"/> found.</summary>
internal enum ScanStepKind
{
    Record,
    Corrupt,
    TornTail,
    End,
}

/// <summary>One step of a scan: a record or a skipped byte range, at a file offset.</summary>
internal readonly record struct ScanStep(ScanStepKind Kind, long Offset, long Length);
