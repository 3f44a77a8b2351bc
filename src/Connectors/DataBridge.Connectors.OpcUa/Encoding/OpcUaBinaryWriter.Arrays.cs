using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Encoding;

/// <summary>Arrays (Part 6 §5.2.5): Int32 length, −1 for a null array, then the elements.</summary>
public ref partial struct OpcUaBinaryWriter
{
    /// <summary>Writes an array whose elements <paramref name="writeElement"/> writes; a null array is written as length −1.</summary>
    public void WriteArray<T>(ReadOnlySpan<T> values, ElementWriter<T> writeElement, bool isNull = false)
    {
        ArgumentNullException.ThrowIfNull(writeElement);
        if (isNull)
        {
            WriteInt32(-1);
            return;
        }

        WriteInt32(values.Length);
        foreach (var value in values)
        {
            writeElement(ref this, value);
        }
    }

    /// <summary>Writes an array whose elements <paramref name="writeElement"/> writes; null is written as length −1.</summary>
    public void WriteArray<T>(T[]? values, ElementWriter<T> writeElement) => WriteArray<T>(values, writeElement, values is null);

    /// <summary>Writes an array of structures (fields only); null is written as length −1.</summary>
    public void WriteEncodeableArray<T>(T[]? values)
        where T : IEncodeable =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, T v) => w.WriteEncodeable(v));

    /// <summary>Writes an array of Boolean; null is written as length −1.</summary>
    public void WriteBooleanArray(bool[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, bool v) => w.WriteBoolean(v));

    /// <summary>Writes an array of SByte; null is written as length −1.</summary>
    public void WriteSByteArray(sbyte[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, sbyte v) => w.WriteSByte(v));

    /// <summary>Writes an array of Byte; null is written as length −1.</summary>
    public void WriteByteArray(byte[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, byte v) => w.WriteByte(v));

    /// <summary>Writes an array of Int16; null is written as length −1.</summary>
    public void WriteInt16Array(short[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, short v) => w.WriteInt16(v));

    /// <summary>Writes an array of UInt16; null is written as length −1.</summary>
    public void WriteUInt16Array(ushort[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, ushort v) => w.WriteUInt16(v));

    /// <summary>Writes an array of Int32; null is written as length −1.</summary>
    public void WriteInt32Array(int[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, int v) => w.WriteInt32(v));

    /// <summary>Writes an array of UInt32; null is written as length −1.</summary>
    public void WriteUInt32Array(uint[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, uint v) => w.WriteUInt32(v));

    /// <summary>Writes an array of Int64; null is written as length −1.</summary>
    public void WriteInt64Array(long[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, long v) => w.WriteInt64(v));

    /// <summary>Writes an array of UInt64; null is written as length −1.</summary>
    public void WriteUInt64Array(ulong[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, ulong v) => w.WriteUInt64(v));

    /// <summary>Writes an array of Float; null is written as length −1.</summary>
    public void WriteFloatArray(float[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, float v) => w.WriteFloat(v));

    /// <summary>Writes an array of Double; null is written as length −1.</summary>
    public void WriteDoubleArray(double[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, double v) => w.WriteDouble(v));

    /// <summary>Writes an array of String; null is written as length −1.</summary>
    public void WriteStringArray(string?[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, string? v) => w.WriteString(v));

    /// <summary>Writes an array of DateTime; null is written as length −1.</summary>
    public void WriteDateTimeArray(DateTime[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, DateTime v) => w.WriteDateTime(v));

    /// <summary>Writes an array of Guid; null is written as length −1.</summary>
    public void WriteGuidArray(Guid[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, Guid v) => w.WriteGuid(v));

    /// <summary>Writes an array of ByteString; null is written as length −1.</summary>
    public void WriteByteStringArray(byte[]?[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, byte[]? v) => w.WriteByteString(v));

    /// <summary>Writes an array of XmlElement; null is written as length −1.</summary>
    public void WriteXmlElementArray(string?[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, string? v) => w.WriteXmlElement(v));

    /// <summary>Writes an array of NodeId; null is written as length −1.</summary>
    public void WriteNodeIdArray(NodeId[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, NodeId v) => w.WriteNodeId(v));

    /// <summary>Writes an array of ExpandedNodeId; null is written as length −1.</summary>
    public void WriteExpandedNodeIdArray(ExpandedNodeId[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, ExpandedNodeId v) => w.WriteExpandedNodeId(v));

    /// <summary>Writes an array of StatusCode; null is written as length −1.</summary>
    public void WriteStatusCodeArray(StatusCode[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, StatusCode v) => w.WriteStatusCode(v));

    /// <summary>Writes an array of QualifiedName; null is written as length −1.</summary>
    public void WriteQualifiedNameArray(QualifiedName[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, QualifiedName v) => w.WriteQualifiedName(v));

    /// <summary>Writes an array of LocalizedText; null is written as length −1.</summary>
    public void WriteLocalizedTextArray(LocalizedText[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, LocalizedText v) => w.WriteLocalizedText(v));

    /// <summary>Writes an array of ExtensionObject; null is written as length −1.</summary>
    public void WriteExtensionObjectArray(ExtensionObject[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, ExtensionObject v) => w.WriteExtensionObject(v));

    /// <summary>Writes an array of Variant; null is written as length −1.</summary>
    public void WriteVariantArray(Variant[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, Variant v) => w.WriteVariant(v));

    /// <summary>Writes an array of DataValue; null is written as length −1.</summary>
    public void WriteDataValueArray(DataValue[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, DataValue v) => w.WriteDataValue(v));

    /// <summary>Writes an array of DiagnosticInfo; null is written as length −1.</summary>
    public void WriteDiagnosticInfoArray(DiagnosticInfo?[]? values) =>
        WriteArray(values, static (ref OpcUaBinaryWriter w, DiagnosticInfo? v) => w.WriteDiagnosticInfo(v));
}
