using System.Globalization;

namespace DataBridge.Core;

/// <summary>
/// One typed value from a source. A struct so the per-value hot path neither boxes nor allocates
/// (only strings carry a reference).
/// </summary>
public readonly struct TagValue : IEquatable<TagValue>
{
    private readonly long _bits;
    private readonly string? _text;

    private TagValue(ValueKind kind, long bits, string? text = null)
    {
        Kind = kind;
        _bits = bits;
        _text = text;
    }

    /// <summary>The type of the value.</summary>
    public ValueKind Kind { get; }

    /// <summary>True when the value carries nothing.</summary>
    public bool IsNull => Kind == ValueKind.Null;

    /// <summary>
    /// False for <see cref="Null"/> and for an empty value of a type (<see cref="Empty"/>): a null String, or a
    /// DateTime that means "no date".
    /// </summary>
    public bool HasValue => Kind switch
    {
        ValueKind.Null => false,
        ValueKind.String => _text is not null,
        ValueKind.DateTime => _bits != NoDateBits,
        _ => true,
    };

    // A DateTime's ticks are never negative, so this cannot collide with a date.
    private const long NoDateBits = long.MinValue;

    /// <summary>The empty value.</summary>
    public static TagValue Null => default;

    /// <summary>Creates a boolean value.</summary>
    public static TagValue FromBoolean(bool value) => new(ValueKind.Boolean, value ? 1 : 0);
    /// <summary>Creates a signed 8-bit value.</summary>
    public static TagValue FromSByte(sbyte value) => new(ValueKind.SByte, value);
    /// <summary>Creates an unsigned 8-bit value.</summary>
    public static TagValue FromByte(byte value) => new(ValueKind.Byte, value);
    /// <summary>Creates a signed 16-bit value.</summary>
    public static TagValue FromInt16(short value) => new(ValueKind.Int16, value);
    /// <summary>Creates an unsigned 16-bit value.</summary>
    public static TagValue FromUInt16(ushort value) => new(ValueKind.UInt16, value);
    /// <summary>Creates a signed 32-bit value.</summary>
    public static TagValue FromInt32(int value) => new(ValueKind.Int32, value);
    /// <summary>Creates an unsigned 32-bit value.</summary>
    public static TagValue FromUInt32(uint value) => new(ValueKind.UInt32, value);
    /// <summary>Creates a signed 64-bit value.</summary>
    public static TagValue FromInt64(long value) => new(ValueKind.Int64, value);
    /// <summary>Creates an unsigned 64-bit value.</summary>
    public static TagValue FromUInt64(ulong value) => new(ValueKind.UInt64, unchecked((long)value));
    /// <summary>Creates a single-precision value.</summary>
    public static TagValue FromFloat(float value) => new(ValueKind.Float, BitConverter.DoubleToInt64Bits(value));
    /// <summary>Creates a double-precision value.</summary>
    public static TagValue FromDouble(double value) => new(ValueKind.Double, BitConverter.DoubleToInt64Bits(value));
    /// <summary>Creates a text value.</summary>
    public static TagValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(ValueKind.String, 0, value);
    }
    /// <summary>
    /// An empty value of a type that has one: a null String (OPC UA Part 6 §5.2.2.4: a String of length -1 is null), or
    /// a DateTime that means "no date" (Part 6 §5.2.2.5: 0 and dates at or before 1601-01-01). Records carry it as a
    /// null value whose valueType still names the type, so a consumer never reads a fake date or text.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not String or DateTime.</exception>
    public static TagValue Empty(ValueKind kind) => kind switch
    {
        ValueKind.String => new(ValueKind.String, 0),
        ValueKind.DateTime => new(ValueKind.DateTime, NoDateBits),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only String and DateTime have an empty value; use TagValue.Null for no value at all."),
    };

    /// <summary>Creates a timestamp value (stored as UTC ticks).</summary>
    public static TagValue FromDateTime(DateTime value) => new(ValueKind.DateTime, value.ToUniversalTime().Ticks);

    /// <summary>The value as a boolean; numbers are true when non-zero.</summary>
    public bool AsBoolean() => Kind switch
    {
        ValueKind.Float or ValueKind.Double => AsDouble() != 0,
        ValueKind.String => bool.TryParse(_text, out var b) && b,
        _ => _bits != 0,
    };

    /// <summary>The value as a signed 64-bit integer (floating values truncated, UInt64 reinterpreted).</summary>
    public long AsInt64() => Kind switch
    {
        ValueKind.Float or ValueKind.Double => (long)AsDouble(),
        _ => _bits,
    };

    /// <summary>The value as an unsigned 64-bit integer.</summary>
    public ulong AsUInt64() => unchecked((ulong)AsInt64());

    /// <summary>The value as a double; integers are converted, text and null give NaN.</summary>
    public double AsDouble() => Kind switch
    {
        ValueKind.Float or ValueKind.Double => BitConverter.Int64BitsToDouble(_bits),
        ValueKind.UInt64 => unchecked((ulong)_bits),
        ValueKind.Null or ValueKind.String => double.NaN,
        ValueKind.DateTime => double.NaN,
        _ => _bits,
    };

    /// <summary>The value as a timestamp (only meaningful for <see cref="ValueKind.DateTime"/>; "no date" gives <see cref="DateTime.MinValue"/>).</summary>
    public DateTime AsDateTime() => _bits == NoDateBits ? DateTime.MinValue : new(_bits, DateTimeKind.Utc);

    /// <summary>The text of a string value, or null.</summary>
    public string? AsString() => _text;

    /// <summary>True when the value is a number (integer or floating point).</summary>
    public bool IsNumeric => Kind is >= ValueKind.SByte and <= ValueKind.Double;

    /// <inheritdoc />
    public bool Equals(TagValue other) => Kind == other.Kind && _bits == other._bits && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TagValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, _bits, _text);

    /// <summary>Value equality.</summary>
    public static bool operator ==(TagValue left, TagValue right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(TagValue left, TagValue right) => !left.Equals(right);

    /// <summary>Invariant-culture text of the value, for logs and the console.</summary>
    public override string ToString() => Kind switch
    {
        _ when !HasValue => "null",
        ValueKind.Boolean => _bits != 0 ? "true" : "false",
        ValueKind.Float => ((float)AsDouble()).ToString("R", CultureInfo.InvariantCulture),
        ValueKind.Double => AsDouble().ToString("R", CultureInfo.InvariantCulture),
        ValueKind.UInt64 => AsUInt64().ToString(CultureInfo.InvariantCulture),
        ValueKind.String => _text!,
        ValueKind.DateTime => AsDateTime().ToString("O", CultureInfo.InvariantCulture),
        _ => _bits.ToString(CultureInfo.InvariantCulture),
    };
}
