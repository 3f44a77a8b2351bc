using System.Collections;
using System.Globalization;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Encoding.Types;

/// <summary>
/// A union of the built-in types: a scalar, a one-dimensional array or a matrix (Part 6 §5.2.2.16). Numeric scalars,
/// DateTime and StatusCode are stored unboxed. Arrays are typed .NET arrays (<c>int[]</c>, <c>string?[]</c>,
/// <c>Variant[]</c>…); a matrix is its flat array (higher rank first) plus <see cref="ArrayDimensions"/>.
/// </summary>
public readonly partial struct Variant : IEquatable<Variant>
{
    private readonly ulong _bits;
    private readonly object? _ref;
    private readonly int[]? _dimensions;
    private readonly BuiltInType _type;
    private readonly bool _isArray;

    private Variant(BuiltInType type, ulong bits, object? reference, bool isArray, int[]? dimensions)
    {
        _type = type;
        _bits = bits;
        _ref = reference;
        _isArray = isArray;
        _dimensions = dimensions;
    }

    /// <summary>The null Variant.</summary>
    public static Variant Null => default;

    /// <summary>The built-in type of the value or of the array's elements (ids 26–31 are kept as received, with ByteString values).</summary>
    public BuiltInType Type => _type;

    /// <summary>Whether the Variant is null.</summary>
    public bool IsNull => _type == BuiltInType.Null;

    /// <summary>Whether the value is an array (one-dimensional or a matrix).</summary>
    public bool IsArray => _isArray;

    /// <summary>The dimensions of a matrix (rank ≥ 2), or null for scalars and one-dimensional arrays.</summary>
    public int[]? ArrayDimensions => _dimensions;

    /// <summary>The typed array (flat, for matrices), or null for scalars.</summary>
    public Array? ArrayValue => _isArray ? (Array?)_ref : null;

    /// <summary>The value boxed as an object (for display and diagnostics; boxes numeric scalars).</summary>
    public object? Value => _isArray || UsesReference(_type) ? _ref : BoxScalar();

    internal ulong Bits => _bits;

    internal object? Reference => _ref;

    /// <summary>Equality.</summary>
    public static bool operator ==(Variant left, Variant right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Variant left, Variant right) => !left.Equals(right);

    internal static Variant Scalar(BuiltInType type, ulong bits) => new(type, bits, null, false, null);

    internal static Variant ScalarRef(BuiltInType type, object? value) => new(type, 0, value, false, null);

    internal static Variant ArrayOf(BuiltInType type, Array values, int[]? dimensions) => new(type, 0, values, true, dimensions);

    /// <summary>Whether scalars of this type live in the reference slot rather than the 64-bit slot.</summary>
    internal static bool UsesReference(BuiltInType type) =>
        type is BuiltInType.String or BuiltInType.Guid or BuiltInType.ByteString or BuiltInType.XmlElement
            or BuiltInType.NodeId or BuiltInType.ExpandedNodeId or BuiltInType.QualifiedName or BuiltInType.LocalizedText
            or BuiltInType.ExtensionObject or BuiltInType.DataValue or BuiltInType.Variant or BuiltInType.DiagnosticInfo
        || (byte)type > (byte)BuiltInType.DiagnosticInfo;

    /// <inheritdoc />
    public bool Equals(Variant other)
    {
        if (_type != other._type || _isArray != other._isArray || _bits != other._bits)
        {
            return false;
        }

        if (!(_dimensions ?? []).AsSpan().SequenceEqual(other._dimensions ?? []))
        {
            return false;
        }

        return StructuralComparisons.StructuralEqualityComparer.Equals(_ref, other._ref);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Variant other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_type, _isArray, _bits, _ref is Array a ? a.Length : _ref?.GetHashCode() ?? 0);

    /// <inheritdoc />
    public override string ToString()
    {
        if (IsNull)
        {
            return "(null)";
        }

        if (_isArray)
        {
            var length = ((Array)_ref!).Length;
            return _dimensions is null
                ? string.Create(CultureInfo.InvariantCulture, $"{_type}[{length}]")
                : $"{_type}[{string.Join(",", _dimensions)}]";
        }

        return Convert.ToString(Value, CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private object? BoxScalar() => _type switch
    {
        BuiltInType.Null => null,
        BuiltInType.Boolean => _bits != 0,
        BuiltInType.SByte => (sbyte)_bits,
        BuiltInType.Byte => (byte)_bits,
        BuiltInType.Int16 => (short)_bits,
        BuiltInType.UInt16 => (ushort)_bits,
        BuiltInType.Int32 => (int)_bits,
        BuiltInType.UInt32 => (uint)_bits,
        BuiltInType.Int64 => (long)_bits,
        BuiltInType.UInt64 => _bits,
        BuiltInType.Float => BitConverter.Int32BitsToSingle((int)_bits),
        BuiltInType.Double => BitConverter.Int64BitsToDouble((long)_bits),
        BuiltInType.DateTime => DateTime.FromBinary((long)_bits),
        BuiltInType.StatusCode => new StatusCode((uint)_bits),
        _ => null,
    };
}
