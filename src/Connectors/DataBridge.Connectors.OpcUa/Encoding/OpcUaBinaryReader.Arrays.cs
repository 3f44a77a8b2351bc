using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Encoding;

/// <summary>Arrays (Part 6 §5.2.5): Int32 length, −1 for null, then the elements; lengths are checked before allocation.</summary>
public ref partial struct OpcUaBinaryReader
{
    /// <summary>Reads an array whose elements <paramref name="readElement"/> reads; null for a null array (length −1).</summary>
    /// <param name="readElement">Reads one element (use a static lambda).</param>
    /// <param name="minElementSize">The fewest bytes one element can take, used to reject impossible lengths before allocating.</param>
    /// <param name="field">The field name for errors.</param>
    public T[]? ReadArray<T>(ElementReader<T> readElement, int minElementSize = 1, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(readElement);
        var length = ReadArrayLength(minElementSize, field);
        if (length < 0)
        {
            return null;
        }

        return length == 0 ? [] : Fill(new T[length], readElement);
    }

    /// <summary>Reads an array of structures of a known type; null for a null array.</summary>
    public T[]? ReadEncodeableArray<T>(string? field = null)
        where T : IEncodeable, new() =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadEncodeable<T>(), 1, field);

    /// <summary>Reads an array of Boolean; null for a null array.</summary>
    public bool[]? ReadBooleanArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadBoolean(), 1, field);

    /// <summary>Reads an array of SByte; null for a null array.</summary>
    public sbyte[]? ReadSByteArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadSByte(), 1, field);

    /// <summary>Reads an array of Byte; null for a null array.</summary>
    public byte[]? ReadByteArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadByte(), 1, field);

    /// <summary>Reads an array of Int16; null for a null array.</summary>
    public short[]? ReadInt16Array(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadInt16(), 2, field);

    /// <summary>Reads an array of UInt16; null for a null array.</summary>
    public ushort[]? ReadUInt16Array(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadUInt16(), 2, field);

    /// <summary>Reads an array of Int32; null for a null array.</summary>
    public int[]? ReadInt32Array(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadInt32(), 4, field);

    /// <summary>Reads an array of UInt32; null for a null array.</summary>
    public uint[]? ReadUInt32Array(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadUInt32(), 4, field);

    /// <summary>Reads an array of Int64; null for a null array.</summary>
    public long[]? ReadInt64Array(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadInt64(), 8, field);

    /// <summary>Reads an array of UInt64; null for a null array.</summary>
    public ulong[]? ReadUInt64Array(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadUInt64(), 8, field);

    /// <summary>Reads an array of Float; null for a null array.</summary>
    public float[]? ReadFloatArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadFloat(), 4, field);

    /// <summary>Reads an array of Double; null for a null array.</summary>
    public double[]? ReadDoubleArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadDouble(), 8, field);

    /// <summary>Reads an array of String; null for a null array.</summary>
    public string?[]? ReadStringArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadString(), 4, field);

    /// <summary>Reads an array of DateTime; null for a null array.</summary>
    public DateTime[]? ReadDateTimeArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadDateTime(), 8, field);

    /// <summary>Reads an array of Guid; null for a null array.</summary>
    public Guid[]? ReadGuidArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadGuid(), 16, field);

    /// <summary>Reads an array of ByteString; null for a null array.</summary>
    public byte[]?[]? ReadByteStringArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadByteString(), 4, field);

    /// <summary>Reads an array of XmlElement; null for a null array.</summary>
    public string?[]? ReadXmlElementArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadXmlElement(), 4, field);

    /// <summary>Reads an array of NodeId; null for a null array.</summary>
    public NodeId[]? ReadNodeIdArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadNodeId(), 2, field);

    /// <summary>Reads an array of ExpandedNodeId; null for a null array.</summary>
    public ExpandedNodeId[]? ReadExpandedNodeIdArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadExpandedNodeId(), 2, field);

    /// <summary>Reads an array of StatusCode; null for a null array.</summary>
    public StatusCode[]? ReadStatusCodeArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadStatusCode(), 4, field);

    /// <summary>Reads an array of QualifiedName; null for a null array.</summary>
    public QualifiedName[]? ReadQualifiedNameArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadQualifiedName(), 6, field);

    /// <summary>Reads an array of LocalizedText; null for a null array.</summary>
    public LocalizedText[]? ReadLocalizedTextArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadLocalizedText(), 1, field);

    /// <summary>Reads an array of ExtensionObject; null for a null array.</summary>
    public ExtensionObject[]? ReadExtensionObjectArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadExtensionObject(), 3, field);

    /// <summary>Reads an array of Variant; null for a null array.</summary>
    public Variant[]? ReadVariantArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadVariant(), 1, field);

    /// <summary>Reads an array of DataValue; null for a null array.</summary>
    public DataValue[]? ReadDataValueArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadDataValue(), 1, field);

    /// <summary>Reads an array of DiagnosticInfo; null for a null array.</summary>
    public DiagnosticInfo?[]? ReadDiagnosticInfoArray(string? field = null) =>
        ReadArray(static (ref OpcUaBinaryReader r) => r.ReadDiagnosticInfo(), 1, field);
}
