using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Encoding.Types;

/// <summary>Constructors of scalar and array Variants.</summary>
public readonly partial struct Variant
{
    /// <summary>A Boolean.</summary>
    public Variant(bool value) : this(BuiltInType.Boolean, value ? 1UL : 0UL, null, false, null) { }

    /// <summary>An SByte.</summary>
    public Variant(sbyte value) : this(BuiltInType.SByte, (ulong)value, null, false, null) { }

    /// <summary>A Byte.</summary>
    public Variant(byte value) : this(BuiltInType.Byte, value, null, false, null) { }

    /// <summary>An Int16.</summary>
    public Variant(short value) : this(BuiltInType.Int16, (ulong)value, null, false, null) { }

    /// <summary>A UInt16.</summary>
    public Variant(ushort value) : this(BuiltInType.UInt16, value, null, false, null) { }

    /// <summary>An Int32.</summary>
    public Variant(int value) : this(BuiltInType.Int32, (ulong)value, null, false, null) { }

    /// <summary>A UInt32.</summary>
    public Variant(uint value) : this(BuiltInType.UInt32, value, null, false, null) { }

    /// <summary>An Int64.</summary>
    public Variant(long value) : this(BuiltInType.Int64, (ulong)value, null, false, null) { }

    /// <summary>A UInt64.</summary>
    public Variant(ulong value) : this(BuiltInType.UInt64, value, null, false, null) { }

    /// <summary>A Float (any NaN becomes the quiet NaN, as on the wire).</summary>
    public Variant(float value) : this(BuiltInType.Float, (uint)BitConverter.SingleToInt32Bits(float.IsNaN(value) ? float.NaN : value), null, false, null) { }

    /// <summary>A Double (any NaN becomes the quiet NaN, as on the wire).</summary>
    public Variant(double value) : this(BuiltInType.Double, (ulong)BitConverter.DoubleToInt64Bits(double.IsNaN(value) ? double.NaN : value), null, false, null) { }

    /// <summary>A String (null is a null string, not a null Variant).</summary>
    public Variant(string? value) : this(BuiltInType.String, 0, value, false, null) { }

    /// <summary>A DateTime (converted to UTC).</summary>
    public Variant(DateTime value) : this(BuiltInType.DateTime, (ulong)OpcUaDateTime.AsUtc(value).ToBinary(), null, false, null) { }

    /// <summary>A Guid.</summary>
    public Variant(Guid value) : this(BuiltInType.Guid, 0, value, false, null) { }

    /// <summary>A ByteString.</summary>
    public Variant(byte[]? value) : this(BuiltInType.ByteString, 0, value, false, null) { }

    /// <summary>A NodeId.</summary>
    public Variant(NodeId value) : this(BuiltInType.NodeId, 0, value, false, null) { }

    /// <summary>An ExpandedNodeId.</summary>
    public Variant(ExpandedNodeId value) : this(BuiltInType.ExpandedNodeId, 0, value, false, null) { }

    /// <summary>A StatusCode.</summary>
    public Variant(StatusCode value) : this(BuiltInType.StatusCode, value.Code, null, false, null) { }

    /// <summary>A QualifiedName.</summary>
    public Variant(QualifiedName value) : this(BuiltInType.QualifiedName, 0, value, false, null) { }

    /// <summary>A LocalizedText.</summary>
    public Variant(LocalizedText value) : this(BuiltInType.LocalizedText, 0, value, false, null) { }

    /// <summary>An ExtensionObject.</summary>
    public Variant(ExtensionObject value) : this(BuiltInType.ExtensionObject, 0, value, false, null) { }

    /// <summary>A DataValue.</summary>
    public Variant(DataValue value) : this(BuiltInType.DataValue, 0, value, false, null) { }

    /// <summary>A DiagnosticInfo.</summary>
    public Variant(DiagnosticInfo? value) : this(BuiltInType.DiagnosticInfo, 0, value, false, null) { }

    /// <summary>An XmlElement given as its text.</summary>
    public static Variant FromXmlElement(string? xml) => ScalarRef(BuiltInType.XmlElement, xml);

    /// <summary>
    /// An array (or, with <paramref name="dimensions"/> of rank ≥ 2, a matrix stored higher rank first) of a built-in type:
    /// bool, sbyte, byte, short, ushort, int, uint, long, ulong, float, double, string, DateTime, Guid, byte[], NodeId,
    /// ExpandedNodeId, StatusCode, QualifiedName, LocalizedText, ExtensionObject, DataValue, Variant or DiagnosticInfo.
    /// Use <see cref="FromXmlElementArray"/> for XmlElements.
    /// </summary>
    public static Variant FromArray<T>(T[] values, int[]? dimensions = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var type = ElementType<T>();
        if (type == BuiltInType.Null)
        {
            throw new ArgumentException($"{typeof(T).Name} is not an OPC UA built-in type.", nameof(values));
        }

        return ArrayOf(type, values, CheckDimensions(values.Length, dimensions));
    }

    /// <summary>An array (or matrix) of XmlElements given as their text.</summary>
    public static Variant FromXmlElementArray(string?[] values, int[]? dimensions = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        return ArrayOf(BuiltInType.XmlElement, values, CheckDimensions(values.Length, dimensions));
    }

    private static int[]? CheckDimensions(int length, int[]? dimensions)
    {
        if (dimensions is null || dimensions.Length < 2)
        {
            return null;
        }

        long product = 1;
        foreach (var d in dimensions)
        {
            if (d < 0)
            {
                throw new ArgumentException("Matrix dimensions must not be negative.", nameof(dimensions));
            }

            product = Math.Min(product * d, int.MaxValue + 1L);
        }

        return product == length
            ? dimensions
            : throw new ArgumentException($"The matrix dimensions give {product} elements but the array has {length}.", nameof(dimensions));
    }

    internal static BuiltInType ElementType<T>() =>
        typeof(T) == typeof(bool) ? BuiltInType.Boolean
        : typeof(T) == typeof(sbyte) ? BuiltInType.SByte
        : typeof(T) == typeof(byte) ? BuiltInType.Byte
        : typeof(T) == typeof(short) ? BuiltInType.Int16
        : typeof(T) == typeof(ushort) ? BuiltInType.UInt16
        : typeof(T) == typeof(int) ? BuiltInType.Int32
        : typeof(T) == typeof(uint) ? BuiltInType.UInt32
        : typeof(T) == typeof(long) ? BuiltInType.Int64
        : typeof(T) == typeof(ulong) ? BuiltInType.UInt64
        : typeof(T) == typeof(float) ? BuiltInType.Float
        : typeof(T) == typeof(double) ? BuiltInType.Double
        : typeof(T) == typeof(string) ? BuiltInType.String
        : typeof(T) == typeof(DateTime) ? BuiltInType.DateTime
        : typeof(T) == typeof(Guid) ? BuiltInType.Guid
        : typeof(T) == typeof(byte[]) ? BuiltInType.ByteString
        : typeof(T) == typeof(NodeId) ? BuiltInType.NodeId
        : typeof(T) == typeof(ExpandedNodeId) ? BuiltInType.ExpandedNodeId
        : typeof(T) == typeof(StatusCode) ? BuiltInType.StatusCode
        : typeof(T) == typeof(QualifiedName) ? BuiltInType.QualifiedName
        : typeof(T) == typeof(LocalizedText) ? BuiltInType.LocalizedText
        : typeof(T) == typeof(ExtensionObject) ? BuiltInType.ExtensionObject
        : typeof(T) == typeof(DataValue) ? BuiltInType.DataValue
        : typeof(T) == typeof(Variant) ? BuiltInType.Variant
        : typeof(T) == typeof(DiagnosticInfo) ? BuiltInType.DiagnosticInfo
        : BuiltInType.Null;
}
