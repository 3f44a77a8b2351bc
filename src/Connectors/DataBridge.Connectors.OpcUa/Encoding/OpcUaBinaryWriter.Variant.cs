using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Encoding;

/// <summary>Variant encoding (Part 6 §5.2.2.16).</summary>
public ref partial struct OpcUaBinaryWriter
{
    /// <summary>Writes a Variant: mask, then the scalar, or the array followed by the matrix dimensions.</summary>
    public void WriteVariant(Variant value)
    {
        if (value.IsNull)
        {
            WriteByte(0);
            return;
        }

        var mask = (byte)value.Type;
        if (!value.IsArray)
        {
            if (value.Type == BuiltInType.Variant)
            {
                throw new OpcUaEncodingException("A Variant cannot hold a scalar Variant (Part 6 §5.2.2.16); use an array of Variants.");
            }

            WriteByte(mask);
            WriteVariantScalar(value);
            return;
        }

        var dimensions = value.ArrayDimensions;
        mask |= 0x80;
        if (dimensions is not null)
        {
            mask |= 0x40;
        }

        WriteByte(mask);
        WriteVariantArray(value.Type, value.ArrayValue!);
        if (dimensions is not null)
        {
            WriteInt32(dimensions.Length);
            foreach (var d in dimensions)
            {
                WriteInt32(d);
            }
        }
    }

    private void WriteVariantScalar(Variant value)
    {
        var bits = value.Bits;
        var reference = value.Reference;
        switch (value.Type)
        {
            case BuiltInType.Boolean: WriteBoolean(bits != 0); break;
            case BuiltInType.SByte: WriteSByte((sbyte)bits); break;
            case BuiltInType.Byte: WriteByte((byte)bits); break;
            case BuiltInType.Int16: WriteInt16((short)bits); break;
            case BuiltInType.UInt16: WriteUInt16((ushort)bits); break;
            case BuiltInType.Int32: WriteInt32((int)bits); break;
            case BuiltInType.UInt32: WriteUInt32((uint)bits); break;
            case BuiltInType.Int64: WriteInt64((long)bits); break;
            case BuiltInType.UInt64: WriteUInt64(bits); break;
            case BuiltInType.Float: WriteUInt32((uint)bits); break;
            case BuiltInType.Double: WriteUInt64(bits); break;
            case BuiltInType.String: WriteString((string?)reference); break;
            case BuiltInType.DateTime: WriteDateTime(DateTime.FromBinary((long)bits)); break;
            case BuiltInType.Guid: WriteGuid((Guid)reference!); break;
            case BuiltInType.XmlElement: WriteXmlElement((string?)reference); break;
            case BuiltInType.NodeId: WriteNodeId((NodeId)reference!); break;
            case BuiltInType.ExpandedNodeId: WriteExpandedNodeId((ExpandedNodeId)reference!); break;
            case BuiltInType.StatusCode: WriteUInt32((uint)bits); break;
            case BuiltInType.QualifiedName: WriteQualifiedName((QualifiedName)reference!); break;
            case BuiltInType.LocalizedText: WriteLocalizedText((LocalizedText)reference!); break;
            case BuiltInType.ExtensionObject: WriteExtensionObject((ExtensionObject)reference!); break;
            case BuiltInType.DataValue: WriteDataValue((DataValue)reference!); break;
            case BuiltInType.DiagnosticInfo: WriteDiagnosticInfo((DiagnosticInfo?)reference); break;
            default: WriteByteString((byte[]?)reference); break;
        }
    }

    private void WriteVariantArray(BuiltInType type, Array values)
    {
        switch (type)
        {
            case BuiltInType.Boolean: WriteBooleanArray((bool[])values); break;
            case BuiltInType.SByte: WriteSByteArray((sbyte[])values); break;
            case BuiltInType.Byte: WriteByteString((byte[])values); break;
            case BuiltInType.Int16: WriteInt16Array((short[])values); break;
            case BuiltInType.UInt16: WriteUInt16Array((ushort[])values); break;
            case BuiltInType.Int32: WriteInt32Array((int[])values); break;
            case BuiltInType.UInt32: WriteUInt32Array((uint[])values); break;
            case BuiltInType.Int64: WriteInt64Array((long[])values); break;
            case BuiltInType.UInt64: WriteUInt64Array((ulong[])values); break;
            case BuiltInType.Float: WriteFloatArray((float[])values); break;
            case BuiltInType.Double: WriteDoubleArray((double[])values); break;
            case BuiltInType.String: WriteStringArray((string?[])values); break;
            case BuiltInType.DateTime: WriteDateTimeArray((DateTime[])values); break;
            case BuiltInType.Guid: WriteGuidArray((Guid[])values); break;
            case BuiltInType.XmlElement: WriteXmlElementArray((string?[])values); break;
            case BuiltInType.NodeId: WriteNodeIdArray((NodeId[])values); break;
            case BuiltInType.ExpandedNodeId: WriteExpandedNodeIdArray((ExpandedNodeId[])values); break;
            case BuiltInType.StatusCode: WriteStatusCodeArray((StatusCode[])values); break;
            case BuiltInType.QualifiedName: WriteQualifiedNameArray((QualifiedName[])values); break;
            case BuiltInType.LocalizedText: WriteLocalizedTextArray((LocalizedText[])values); break;
            case BuiltInType.ExtensionObject: WriteExtensionObjectArray((ExtensionObject[])values); break;
            case BuiltInType.DataValue: WriteDataValueArray((DataValue[])values); break;
            case BuiltInType.Variant: WriteVariantArray((Variant[])values); break;
            case BuiltInType.DiagnosticInfo: WriteDiagnosticInfoArray((DiagnosticInfo?[])values); break;
            default: WriteByteStringArray((byte[]?[])values); break;
        }
    }
}
