using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace DataBridge.Schemas.Binary;

/// <summary>
/// Writes Avro binary encoding (Avro 1.12 specification, "Binary Encoding") straight into an
/// <see cref="IBufferWriter{T}"/>: no streams, no intermediate arrays, no allocation per value.
/// The caller writes fields in schema order; tests read the output back with Apache.Avro's
/// generic reader and the parsed <c>.avsc</c>, so the order can never drift from the schema.
/// </summary>
public ref struct AvroWriter
{
    // A zig-zag varint of a 64-bit value takes at most 10 bytes.
    private const int MaxVarLongBytes = 10;

    private readonly IBufferWriter<byte> _output;

    /// <summary>Creates a writer appending to <paramref name="output"/>.</summary>
    public AvroWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Writes a boolean as one byte 0 or 1.</summary>
    public readonly void WriteBoolean(bool value)
    {
        var span = _output.GetSpan(1);
        span[0] = value ? (byte)1 : (byte)0;
        _output.Advance(1);
    }

    /// <summary>Writes an Avro int (zig-zag varint).</summary>
    public readonly void WriteInt(int value) => WriteLong(value);

    /// <summary>Writes an Avro long (zig-zag varint).</summary>
    public readonly void WriteLong(long value)
    {
        var span = _output.GetSpan(MaxVarLongBytes);
        var n = (ulong)((value << 1) ^ (value >> 63));
        var i = 0;
        while (n >= 0x80)
        {
            span[i++] = (byte)(n | 0x80);
            n >>= 7;
        }

        span[i++] = (byte)n;
        _output.Advance(i);
    }

    /// <summary>Writes an Avro float (4 bytes, little-endian IEEE 754).</summary>
    public readonly void WriteFloat(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_output.GetSpan(4), value);
        _output.Advance(4);
    }

    /// <summary>Writes an Avro double (8 bytes, little-endian IEEE 754).</summary>
    public readonly void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_output.GetSpan(8), value);
        _output.Advance(8);
    }

    /// <summary>Writes an Avro string: long byte count, then UTF-8 bytes.</summary>
    public readonly void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var count = Encoding.UTF8.GetByteCount(value);
        WriteLong(count);
        if (count > 0)
        {
            var written = Encoding.UTF8.GetBytes(value, _output.GetSpan(count));
            _output.Advance(written);
        }
    }

    /// <summary>Writes an Avro string from UTF-8 bytes already encoded.</summary>
    public readonly void WriteUtf8(ReadOnlySpan<byte> utf8)
    {
        WriteLong(utf8.Length);
        if (!utf8.IsEmpty)
        {
            utf8.CopyTo(_output.GetSpan(utf8.Length));
            _output.Advance(utf8.Length);
        }
    }

    /// <summary>Writes the zero-based branch index of a union (an Avro long).</summary>
    public readonly void WriteUnionIndex(int branch) => WriteLong(branch);

    /// <summary>Writes the zero-based symbol index of an enum (an Avro int).</summary>
    public readonly void WriteEnum(int symbol) => WriteLong(symbol);

    /// <summary>Starts a block of <paramref name="count"/> array items or map entries; 0 ends the array or map.</summary>
    public readonly void WriteBlockCount(long count) => WriteLong(count);

    /// <summary>Writes a timestamp-micros logical value (microseconds since the Unix epoch, UTC).</summary>
    public readonly void WriteTimestampMicros(DateTime value) => WriteLong(AvroTime.ToMicros(value));
}
