using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace DataBridge.Connectors.OpcUa.Encoding;

/// <summary>
/// Reads the OPC UA binary encoding (Part 6 §5.2) from a span, little-endian, forward only. Every length, count and
/// nesting level read from the wire is checked against <see cref="DecodingLimits"/> and against the bytes that remain
/// before anything is allocated; bad input throws <see cref="OpcUaDecodingException"/> and nothing else.
/// The optional <c>field</c> argument of each method names the field in errors (pass a literal: no allocation).
/// </summary>
public ref partial struct OpcUaBinaryReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly DecodingLimits? _limits;
    private readonly EncodeableTypeRegistry? _registry;
    private int _position;
    private int _depth;

    /// <summary>Creates a reader over one message (or one structure's body).</summary>
    /// <param name="data">The bytes to decode.</param>
    /// <param name="limits">Limits on lengths and nesting; <see cref="DecodingLimits.Default"/> when null.</param>
    /// <param name="registry">Types that extension object bodies decode to; bodies stay bytes when null or unknown.</param>
    public OpcUaBinaryReader(ReadOnlySpan<byte> data, DecodingLimits? limits = null, EncodeableTypeRegistry? registry = null)
    {
        _limits = limits ?? DecodingLimits.Default;
        _registry = registry ?? EncodeableTypeRegistry.Empty;
        if (data.Length > Limits.MaxMessageSize)
        {
            DecodingErrors.LimitExceeded(null, "message size", data.Length, Limits.MaxMessageSize, 0);
        }

        _data = data;
    }

    /// <summary>The limits in force (the defaults for a <c>default</c> reader).</summary>
    public readonly DecodingLimits Limits => _limits ?? DecodingLimits.Default;

    /// <summary>The registry extension object bodies are decoded with.</summary>
    public readonly EncodeableTypeRegistry Registry => _registry ?? EncodeableTypeRegistry.Empty;

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not yet consumed.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>Current nesting depth of Variants, ExtensionObjects, DataValues, DiagnosticInfos and structures.</summary>
    public readonly int Depth => _depth;

    /// <summary>Reads a Boolean (one byte; any non-zero value is true, Part 6 §5.2.2.1).</summary>
    public bool ReadBoolean(string? field = null) => Take(1, field)[0] != 0;

    /// <summary>Reads an SByte.</summary>
    public sbyte ReadSByte(string? field = null) => (sbyte)Take(1, field)[0];

    /// <summary>Reads a Byte.</summary>
    public byte ReadByte(string? field = null) => Take(1, field)[0];

    /// <summary>Reads an Int16.</summary>
    public short ReadInt16(string? field = null) => BinaryPrimitives.ReadInt16LittleEndian(Take(2, field));

    /// <summary>Reads a UInt16.</summary>
    public ushort ReadUInt16(string? field = null) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, field));

    /// <summary>Reads an Int32.</summary>
    public int ReadInt32(string? field = null) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, field));

    /// <summary>Reads a UInt32.</summary>
    public uint ReadUInt32(string? field = null) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, field));

    /// <summary>Reads an Int64.</summary>
    public long ReadInt64(string? field = null) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, field));

    /// <summary>Reads a UInt64.</summary>
    public ulong ReadUInt64(string? field = null) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field));

    /// <summary>Reads a Float (IEEE 754 single).</summary>
    public float ReadFloat(string? field = null) => BinaryPrimitives.ReadSingleLittleEndian(Take(4, field));

    /// <summary>Reads a Double (IEEE 754 double).</summary>
    public double ReadDouble(string? field = null) => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, field));

    /// <summary>Reads a DateTime (Part 6 §5.2.2.5); see <see cref="OpcUaDateTime"/> for the edge values.</summary>
    public DateTime ReadDateTime(string? field = null) => OpcUaDateTime.FromWire(ReadInt64(field));

    /// <summary>Reads a Guid (Data1–Data3 little-endian, Data4 as bytes, Part 6 §5.2.2.6).</summary>
    public Guid ReadGuid(string? field = null) => new(Take(16, field));

    /// <summary>Reads a String (Int32 length, −1 for null, then UTF-8 bytes, Part 6 §5.2.2.4).</summary>
    public string? ReadString(string? field = null)
    {
        var bytes = ReadLengthPrefixed(Limits.MaxStringLength, "string length", field, out var isNull);
        return isNull ? null : System.Text.Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Reads a ByteString (Int32 length, −1 for null, Part 6 §5.2.2.7).</summary>
    public byte[]? ReadByteString(string? field = null)
    {
        var bytes = ReadLengthPrefixed(Limits.MaxByteStringLength, "byte string length", field, out var isNull);
        return isNull ? null : bytes.ToArray();
    }

    /// <summary>Reads a ByteString without copying it; the span is valid as long as the reader's input.</summary>
    public ReadOnlySpan<byte> ReadByteStringSpan(out bool isNull, string? field = null) =>
        ReadLengthPrefixed(Limits.MaxByteStringLength, "byte string length", field, out isNull);

    /// <summary>Reads an XmlElement as its text (a UTF-8 String on the wire, Part 6 §5.2.2.8).</summary>
    public string? ReadXmlElement(string? field = null) => ReadString(field);

    /// <summary>Skips bytes (e.g. the unread tail of an extension object body).</summary>
    public void Skip(int count, string? field = null) => Take(count, field);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count, string? field)
    {
        if ((uint)count > (uint)(_data.Length - _position))
        {
            DecodingErrors.Truncated(field, count, _data.Length - _position, _position);
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    private ReadOnlySpan<byte> ReadLengthPrefixed(int limit, string what, string? field, out bool isNull)
    {
        var start = _position;
        var length = ReadInt32(field);
        isNull = length == -1;
        if (length <= 0)
        {
            if (length < -1)
            {
                DecodingErrors.Invalid(field, what, length, start);
            }

            return default;
        }

        if (length > limit)
        {
            DecodingErrors.LimitExceeded(field, what, length, limit, start);
        }

        return Take(length, field);
    }

    /// <summary>
    /// Reads an array length (−1 is a null array) and checks it against <see cref="DecodingLimits.MaxArrayLength"/> and
    /// against the bytes left, given that each element takes at least <paramref name="minElementSize"/> bytes: an array
    /// is only allocated when the input could really hold it.
    /// </summary>
    public int ReadArrayLength(int minElementSize = 1, string? field = null)
    {
        var start = _position;
        var length = ReadInt32(field);
        if (length < -1)
        {
            DecodingErrors.Invalid(field, "array length", length, start);
        }

        CheckArrayLength(length, minElementSize, field, start);
        return length;
    }

    private readonly void CheckArrayLength(long length, int minElementSize, string? field, int start)
    {
        if (length > Limits.MaxArrayLength)
        {
            DecodingErrors.LimitExceeded(field, "array length", length, Limits.MaxArrayLength, start);
        }

        var needed = length * Math.Max(1, minElementSize);
        if (needed > _data.Length - _position)
        {
            DecodingErrors.Truncated(field, needed, _data.Length - _position, _position);
        }
    }

    /// <summary>Enters one nesting level; call <see cref="ExitNesting"/> when the nested value is read.</summary>
    public void EnterNesting(string? field = null)
    {
        if (_depth >= Limits.MaxNestingDepth)
        {
            DecodingErrors.LimitExceeded(field, "nesting depth", _depth + 1, Limits.MaxNestingDepth, _position);
        }

        _depth++;
    }

    /// <summary>Leaves a nesting level entered with <see cref="EnterNesting"/>.</summary>
    public void ExitNesting() => _depth--;

    private OpcUaBinaryReader(ReadOnlySpan<byte> data, DecodingLimits limits, EncodeableTypeRegistry registry, int depth)
    {
        _data = data;
        _limits = limits;
        _registry = registry;
        _depth = depth;
    }
}
