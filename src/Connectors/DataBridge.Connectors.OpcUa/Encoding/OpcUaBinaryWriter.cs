using System.Buffers;
using System.Buffers.Binary;

namespace DataBridge.Connectors.OpcUa.Encoding;

/// <summary>
/// Writes the OPC UA binary encoding (Part 6 §5.2) into an <see cref="IBufferWriter{T}"/>, little-endian; the mirror of
/// <see cref="OpcUaBinaryReader"/>.
/// </summary>
public ref partial struct OpcUaBinaryWriter
{
    private readonly IBufferWriter<byte> _output;
    private long _written;

    /// <summary>Creates a writer appending to <paramref name="output"/>.</summary>
    public OpcUaBinaryWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Bytes written by this writer so far.</summary>
    public readonly long BytesWritten => _written;

    /// <summary>Writes a Boolean as one byte (0 or 1).</summary>
    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    /// <summary>Writes an SByte.</summary>
    public void WriteSByte(sbyte value) => WriteByte((byte)value);

    /// <summary>Writes a Byte.</summary>
    public void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        Advance(1);
    }

    /// <summary>Writes an Int16.</summary>
    public void WriteInt16(short value)
    {
        BinaryPrimitives.WriteInt16LittleEndian(_output.GetSpan(2), value);
        Advance(2);
    }

    /// <summary>Writes a UInt16.</summary>
    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_output.GetSpan(2), value);
        Advance(2);
    }

    /// <summary>Writes an Int32.</summary>
    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_output.GetSpan(4), value);
        Advance(4);
    }

    /// <summary>Writes a UInt32.</summary>
    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_output.GetSpan(4), value);
        Advance(4);
    }

    /// <summary>Writes an Int64.</summary>
    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_output.GetSpan(8), value);
        Advance(8);
    }

    /// <summary>Writes a UInt64.</summary>
    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_output.GetSpan(8), value);
        Advance(8);
    }

    /// <summary>Writes a Float (NaN as the quiet NaN).</summary>
    public void WriteFloat(float value)
    {
        // Part 6 §5.2.2.3: every NaN is written as the quiet NaN 0xFFC00000.
        value = float.IsNaN(value) ? float.NaN : value;
        BinaryPrimitives.WriteSingleLittleEndian(_output.GetSpan(4), value);
        Advance(4);
    }

    /// <summary>Writes a Double (NaN as the quiet NaN).</summary>
    public void WriteDouble(double value)
    {
        // Part 6 §5.2.2.3: every NaN is written as the quiet NaN 0xFFF8000000000000.
        value = double.IsNaN(value) ? double.NaN : value;
        BinaryPrimitives.WriteDoubleLittleEndian(_output.GetSpan(8), value);
        Advance(8);
    }

    /// <summary>Writes a DateTime (Part 6 §5.2.2.5; see <see cref="OpcUaDateTime"/>).</summary>
    public void WriteDateTime(DateTime value) => WriteInt64(OpcUaDateTime.ToWire(value));

    /// <summary>Writes a Guid (Part 6 §5.2.2.6).</summary>
    public void WriteGuid(Guid value)
    {
        value.TryWriteBytes(_output.GetSpan(16));
        Advance(16);
    }

    /// <summary>Writes a String as Int32 length and UTF-8 bytes; null is length −1.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        var count = System.Text.Encoding.UTF8.GetByteCount(value);
        WriteInt32(count);
        if (count > 0)
        {
            var written = System.Text.Encoding.UTF8.GetBytes(value, _output.GetSpan(count));
            Advance(written);
        }
    }

    /// <summary>Writes a ByteString; null is length −1.</summary>
    public void WriteByteString(byte[]? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        WriteByteString(value.AsSpan());
    }

    /// <summary>Writes a (non-null) ByteString from a span.</summary>
    public void WriteByteString(ReadOnlySpan<byte> value)
    {
        WriteInt32(value.Length);
        WriteRaw(value);
    }

    /// <summary>Writes an XmlElement given as its text.</summary>
    public void WriteXmlElement(string? value) => WriteString(value);

    /// <summary>Writes bytes as they are (no length prefix).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        bytes.CopyTo(_output.GetSpan(bytes.Length));
        Advance(bytes.Length);
    }

    private void Advance(int count)
    {
        _output.Advance(count);
        _written += count;
    }
}
