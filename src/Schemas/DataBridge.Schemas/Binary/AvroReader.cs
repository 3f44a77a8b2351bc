using System.Buffers.Binary;
using System.Text;

namespace DataBridge.Schemas.Binary;

/// <summary>
/// Reads Avro binary encoding from a span, checking every length against the bytes that remain
/// before using it: a hostile length can never make the reader allocate more than the input's size
/// (Apache.Avro's <c>BinaryDecoder</c> rents or allocates whatever length the wire claims).
/// Malformed input throws <see cref="AvroDecodeException"/>.
/// </summary>
public ref struct AvroReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Creates a reader over one encoded datum.</summary>
    public AvroReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>Offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>Reads a boolean; any byte other than 0 or 1 is malformed.</summary>
    public bool ReadBoolean()
    {
        var b = ReadByte();
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw AvroDecodeException.At(_position - 1, $"boolean byte 0x{b:X2} is neither 0 nor 1"),
        };
    }

    /// <summary>Reads an Avro int (zig-zag varint of at most 5 bytes).</summary>
    public int ReadInt()
    {
        var start = _position;
        var value = ReadLong();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw AvroDecodeException.At(start, $"int value {value} does not fit 32 bits");
        }

        return (int)value;
    }

    /// <summary>Reads an Avro long (zig-zag varint of at most 10 bytes).</summary>
    public long ReadLong()
    {
        var start = _position;
        ulong n = 0;
        var shift = 0;
        while (true)
        {
            if (shift > 63)
            {
                throw AvroDecodeException.At(start, "varint longer than 10 bytes");
            }

            var b = ReadByte();
            n |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }

            shift += 7;
        }

        return (long)(n >> 1) ^ -(long)(n & 1);
    }

    /// <summary>Reads an Avro float.</summary>
    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    /// <summary>Reads an Avro double.</summary>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>Reads an Avro string; its length must fit in what remains and in <paramref name="maxBytes"/>.</summary>
    public string ReadString(int maxBytes = AvroLimits.MaxStringBytes)
    {
        var bytes = ReadUtf8(maxBytes);
        try
        {
            return AvroLimits.StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw AvroDecodeException.At(_position - bytes.Length, "string is not valid UTF-8", e);
        }
    }

    /// <summary>Reads the UTF-8 bytes of an Avro string without allocating.</summary>
    public ReadOnlySpan<byte> ReadUtf8(int maxBytes = AvroLimits.MaxStringBytes)
    {
        var start = _position;
        var length = ReadLong();
        if (length < 0)
        {
            throw AvroDecodeException.At(start, $"negative string length {length}");
        }

        if (length > Remaining || length > maxBytes)
        {
            throw AvroDecodeException.At(start, $"string length {length} exceeds the {Math.Min(Remaining, maxBytes)} bytes allowed here");
        }

        return Take((int)length);
    }

    /// <summary>Reads the <paramref name="size"/> bytes of an Avro fixed.</summary>
    public ReadOnlySpan<byte> ReadFixed(int size) => Take(size);

    /// <summary>Reads a union branch index and checks it is below <paramref name="branchCount"/>.</summary>
    public int ReadUnionIndex(int branchCount) => ReadIndex(branchCount, "union branch");

    /// <summary>Reads an enum symbol index and checks it is below <paramref name="symbolCount"/>.</summary>
    public int ReadEnum(int symbolCount) => ReadIndex(symbolCount, "enum symbol");

    /// <summary>
    /// Reads the item count of the next array or map block (0 ends it). A negative count is followed by
    /// the block's byte size (Avro spec), which is skipped. Each item takes at least <paramref name="minItemBytes"/>,
    /// so a count the remaining input cannot hold is rejected before anything is allocated.
    /// </summary>
    public int ReadBlockCount(int minItemBytes, int maxItems)
    {
        var start = _position;
        var count = ReadLong();
        if (count < 0)
        {
            if (count == long.MinValue)
            {
                throw AvroDecodeException.At(start, "block count out of range");
            }

            count = -count;
            var size = ReadLong();
            if (size < 0 || size > Remaining)
            {
                throw AvroDecodeException.At(start, $"block size {size} exceeds the {Remaining} bytes that remain");
            }
        }

        if (count > maxItems || count * Math.Max(1, minItemBytes) > Remaining)
        {
            throw AvroDecodeException.At(start, $"block of {count} items does not fit the {Remaining} bytes that remain (limit {maxItems})");
        }

        return (int)count;
    }

    /// <summary>Reads a timestamp-micros value as a UTC <see cref="DateTime"/>.</summary>
    public DateTime ReadTimestampMicros()
    {
        var start = _position;
        var micros = ReadLong();
        return AvroTime.TryFromMicros(micros, out var value)
            ? value
            : throw AvroDecodeException.At(start, $"timestamp {micros} µs is outside years 1-9999");
    }

    /// <summary>Throws unless every byte was read (one datum per Kafka message value).</summary>
    public readonly void EnsureEnd()
    {
        if (Remaining != 0)
        {
            throw AvroDecodeException.At(_position, $"{Remaining} bytes left after the record");
        }
    }

    private int ReadIndex(int count, string what)
    {
        var start = _position;
        var index = ReadLong();
        if (index < 0 || index >= count)
        {
            throw AvroDecodeException.At(start, $"{what} index {index} is outside 0..{count - 1}");
        }

        return (int)index;
    }

    private byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw AvroDecodeException.At(_position, "unexpected end of data");
        }

        return _data[_position++];
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw AvroDecodeException.At(_position, $"unexpected end of data: {count} bytes needed, {Remaining} remain");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
