using System.Buffers;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Encoding;

/// <summary>The structured built-in types of Part 6 §5.2.2.9–§5.2.2.17.</summary>
public ref partial struct OpcUaBinaryWriter
{
    /// <summary>Writes a NodeId in its most compact encoding (two-byte, four-byte or numeric for numeric ids; Part 6 §5.2.2.9).</summary>
    public void WriteNodeId(NodeId value) => WriteNodeId(value, 0);

    /// <summary>Writes an ExpandedNodeId (Part 6 §5.2.2.10).</summary>
    public void WriteExpandedNodeId(ExpandedNodeId value)
    {
        byte flags = 0;
        if (value.NamespaceUri is not null)
        {
            flags |= 0x80;
        }

        if (value.ServerIndex != 0)
        {
            flags |= 0x40;
        }

        WriteNodeId(value.NodeId, flags);
        if (value.NamespaceUri is not null)
        {
            WriteString(value.NamespaceUri);
        }

        if (value.ServerIndex != 0)
        {
            WriteUInt32(value.ServerIndex);
        }
    }

    private void WriteNodeId(NodeId value, byte flags)
    {
        var ns = value.NamespaceIndex;
        switch (value.IdType)
        {
            case NodeIdType.Numeric when ns == 0 && value.NumericIdentifier <= byte.MaxValue:
                WriteByte(flags);
                WriteByte((byte)value.NumericIdentifier);
                break;
            case NodeIdType.Numeric when ns <= byte.MaxValue && value.NumericIdentifier <= ushort.MaxValue:
                WriteByte((byte)(flags | 1));
                WriteByte((byte)ns);
                WriteUInt16((ushort)value.NumericIdentifier);
                break;
            case NodeIdType.Numeric:
                WriteByte((byte)(flags | 2));
                WriteUInt16(ns);
                WriteUInt32(value.NumericIdentifier);
                break;
            case NodeIdType.String:
                WriteByte((byte)(flags | 3));
                WriteUInt16(ns);
                WriteString(value.StringIdentifier);
                break;
            case NodeIdType.Guid:
                WriteByte((byte)(flags | 4));
                WriteUInt16(ns);
                WriteGuid(value.GuidIdentifier);
                break;
            default:
                WriteByte((byte)(flags | 5));
                WriteUInt16(ns);
                WriteByteString(value.OpaqueIdentifier);
                break;
        }
    }

    /// <summary>Writes a StatusCode.</summary>
    public void WriteStatusCode(StatusCode value) => WriteUInt32(value.Code);

    /// <summary>Writes a QualifiedName.</summary>
    public void WriteQualifiedName(QualifiedName value)
    {
        WriteUInt16(value.NamespaceIndex);
        WriteString(value.Name);
    }

    /// <summary>Writes a LocalizedText with its mask (0x01 locale, 0x02 text).</summary>
    public void WriteLocalizedText(LocalizedText value)
    {
        var mask = (byte)((value.Locale is null ? 0 : 1) | (value.Text is null ? 0 : 2));
        WriteByte(mask);
        if (value.Locale is not null)
        {
            WriteString(value.Locale);
        }

        if (value.Text is not null)
        {
            WriteString(value.Text);
        }
    }

    /// <summary>Writes an ExtensionObject; a decoded body is encoded with its binary encoding id and a length prefix.</summary>
    public void WriteExtensionObject(ExtensionObject value)
    {
        if (value.Decoded is { } decoded)
        {
            WriteNodeId(decoded.BinaryEncodingId);
            WriteByte((byte)ExtensionObjectEncoding.Binary);

            // The body's length precedes it, so it is encoded aside first (requests only; never on the decode hot path).
            var body = new ArrayBufferWriter<byte>(256);
            var inner = new OpcUaBinaryWriter(body);
            decoded.Encode(ref inner);
            WriteByteString(body.WrittenSpan);
            return;
        }

        WriteNodeId(value.TypeId);
        WriteByte((byte)value.Encoding);
        if (value.Encoding != ExtensionObjectEncoding.None)
        {
            WriteByteString((value.Body ?? []).AsSpan());
        }
    }

    /// <summary>Writes a DataValue; fields equal to their defaults are left out of the mask (Part 6 §5.2.2.17).</summary>
    public void WriteDataValue(DataValue value)
    {
        var mask = 0;
        mask |= value.Value.IsNull ? 0 : 0x01;
        mask |= value.Status.Code == 0 ? 0 : 0x02;
        mask |= value.SourceTimestamp == DateTime.MinValue ? 0 : 0x04;
        mask |= value.ServerTimestamp == DateTime.MinValue ? 0 : 0x08;
        mask |= value.SourcePicoseconds == 0 ? 0 : 0x10;
        mask |= value.ServerPicoseconds == 0 ? 0 : 0x20;
        WriteByte((byte)mask);
        if ((mask & 0x01) != 0)
        {
            WriteVariant(value.Value);
        }

        if ((mask & 0x02) != 0)
        {
            WriteStatusCode(value.Status);
        }

        if ((mask & 0x04) != 0)
        {
            WriteDateTime(value.SourceTimestamp);
        }

        if ((mask & 0x10) != 0)
        {
            WriteUInt16(value.SourcePicoseconds);
        }

        if ((mask & 0x08) != 0)
        {
            WriteDateTime(value.ServerTimestamp);
        }

        if ((mask & 0x20) != 0)
        {
            WriteUInt16(value.ServerPicoseconds);
        }
    }

    /// <summary>Writes a DiagnosticInfo (Part 6 §5.2.2.12); null is an empty mask.</summary>
    public void WriteDiagnosticInfo(DiagnosticInfo? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }

        var mask = (value.SymbolicId.HasValue ? 0x01 : 0) | (value.NamespaceUri.HasValue ? 0x02 : 0)
            | (value.LocalizedText.HasValue ? 0x04 : 0) | (value.Locale.HasValue ? 0x08 : 0)
            | (value.AdditionalInfo is not null ? 0x10 : 0) | (value.InnerStatusCode.HasValue ? 0x20 : 0)
            | (value.InnerDiagnosticInfo is not null ? 0x40 : 0);
        WriteByte((byte)mask);
        WriteOptional(value.SymbolicId);
        WriteOptional(value.NamespaceUri);
        WriteOptional(value.Locale);
        WriteOptional(value.LocalizedText);
        if (value.AdditionalInfo is not null)
        {
            WriteString(value.AdditionalInfo);
        }

        if (value.InnerStatusCode is { } inner)
        {
            WriteStatusCode(inner);
        }

        if (value.InnerDiagnosticInfo is not null)
        {
            WriteDiagnosticInfo(value.InnerDiagnosticInfo);
        }
    }

    /// <summary>Writes a structure's fields (no type id).</summary>
    public void WriteEncodeable<T>(T value)
        where T : IEncodeable
    {
        ArgumentNullException.ThrowIfNull(value);
        value.Encode(ref this);
    }

    /// <summary>Writes a message body for a UA-TCP MSG chunk (Part 6 §7.1.2.4): its binary encoding id, then its fields.</summary>
    public void WriteMessage(IEncodeable message)
    {
        ArgumentNullException.ThrowIfNull(message);
        WriteNodeId(message.BinaryEncodingId);
        message.Encode(ref this);
    }

    private void WriteOptional(int? value)
    {
        if (value is { } v)
        {
            WriteInt32(v);
        }
    }
}
