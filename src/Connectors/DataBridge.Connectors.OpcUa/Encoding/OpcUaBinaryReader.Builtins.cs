using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Encoding;

/// <summary>The structured built-in types of Part 6 §5.2.2.9–§5.2.2.17.</summary>
public ref partial struct OpcUaBinaryReader
{
    private const byte NamespaceUriFlag = 0x80;
    private const byte ServerIndexFlag = 0x40;

    /// <summary>Reads a NodeId in any of its six encodings (Part 6 §5.2.2.9).</summary>
    public NodeId ReadNodeId(string? field = null)
    {
        var start = _position;
        var encoding = ReadByte(field);
        if ((encoding & 0xC0) != 0)
        {
            DecodingErrors.Invalid(field, "NodeId encoding byte", encoding, start);
        }

        return ReadNodeIdBody(encoding, field, start);
    }

    /// <summary>Reads an ExpandedNodeId (Part 6 §5.2.2.10): a NodeId whose flags announce a namespace URI and a server index.</summary>
    public ExpandedNodeId ReadExpandedNodeId(string? field = null)
    {
        var start = _position;
        var encoding = ReadByte(field);
        var nodeId = ReadNodeIdBody((byte)(encoding & 0x3F), field, start);
        var uri = (encoding & NamespaceUriFlag) != 0 ? ReadString(field) : null;
        var server = (encoding & ServerIndexFlag) != 0 ? ReadUInt32(field) : 0;
        return new ExpandedNodeId(nodeId, uri, server);
    }

    private NodeId ReadNodeIdBody(byte encoding, string? field, int start)
    {
        switch (encoding)
        {
            case 0:
                return new NodeId(ReadByte(field));
            case 1:
                var ns = ReadByte(field);
                return new NodeId(ReadUInt16(field), ns);
            case 2:
                var ns2 = ReadUInt16(field);
                return new NodeId(ReadUInt32(field), ns2);
            case 3:
                var ns3 = ReadUInt16(field);
                return new NodeId(ReadString(field) ?? string.Empty, ns3);
            case 4:
                var ns4 = ReadUInt16(field);
                return new NodeId(ReadGuid(field), ns4);
            case 5:
                var ns5 = ReadUInt16(field);
                return new NodeId(ReadByteString(field) ?? [], ns5);
            default:
                DecodingErrors.Invalid(field, "NodeId encoding byte", encoding, start);
                return default;
        }
    }

    /// <summary>Reads a StatusCode (UInt32, Part 6 §5.2.2.11).</summary>
    public StatusCode ReadStatusCode(string? field = null) => new(ReadUInt32(field));

    /// <summary>Reads a QualifiedName (UInt16 namespace index, String name; Part 6 §5.2.2.13).</summary>
    public QualifiedName ReadQualifiedName(string? field = null)
    {
        var ns = ReadUInt16(field);
        return new QualifiedName(ReadString(field), ns);
    }

    /// <summary>Reads a LocalizedText (mask 0x01 locale, 0x02 text; Part 6 §5.2.2.14).</summary>
    public LocalizedText ReadLocalizedText(string? field = null)
    {
        var mask = ReadByte(field);
        var locale = (mask & 0x01) != 0 ? ReadString(field) : null;
        var text = (mask & 0x02) != 0 ? ReadString(field) : null;
        return new LocalizedText(text, locale);
    }

    /// <summary>
    /// Reads an ExtensionObject (Part 6 §5.2.2.15). A binary body whose type id is in <see cref="Registry"/> is decoded
    /// (one nesting level deeper, confined to the body's length); any other body is kept as bytes.
    /// </summary>
    public ExtensionObject ReadExtensionObject(string? field = null)
    {
        EnterNesting(field);
        var typeId = ReadNodeId(field);
        var start = _position;
        var encoding = ReadByte(field);
        ExtensionObject result;
        switch (encoding)
        {
            case 0:
                result = new ExtensionObject(typeId, ExtensionObjectEncoding.None, null);
                break;
            case 1:
            case 2:
                var body = ReadLengthPrefixed(Limits.MaxByteStringLength, "extension object body length", field, out _);
                if (encoding == 1 && Registry.TryCreate(typeId, out var decoded))
                {
                    // Part 6 §5.2.2.15: a decoder skips what it does not understand at the end of a body.
                    var inner = new OpcUaBinaryReader(body, Limits, Registry, _depth);
                    decoded.Decode(ref inner);
                    result = new ExtensionObject(decoded);
                }
                else
                {
                    result = new ExtensionObject(typeId, (ExtensionObjectEncoding)encoding, body.ToArray());
                }

                break;
            default:
                DecodingErrors.Invalid(field, "extension object encoding byte", encoding, start);
                return default;
        }

        ExitNesting();
        return result;
    }

    /// <summary>Reads a DataValue (Part 6 §5.2.2.17): mask, value, status, source time and picoseconds, server time and picoseconds.</summary>
    public DataValue ReadDataValue(string? field = null)
    {
        EnterNesting(field);
        var mask = ReadByte(field);
        var value = (mask & 0x01) != 0 ? ReadVariant(field) : default;
        var status = (mask & 0x02) != 0 ? ReadStatusCode(field) : default;
        var sourceTime = (mask & 0x04) != 0 ? ReadDateTime(field) : default;
        var sourcePico = (mask & 0x10) != 0 ? ReadUInt16(field) : (ushort)0;
        var serverTime = (mask & 0x08) != 0 ? ReadDateTime(field) : default;
        var serverPico = (mask & 0x20) != 0 ? ReadUInt16(field) : (ushort)0;
        ExitNesting();
        return new DataValue(value, status, sourceTime, serverTime) { SourcePicoseconds = sourcePico, ServerPicoseconds = serverPico };
    }

    /// <summary>
    /// Reads a DiagnosticInfo (Part 6 §5.2.2.12); an empty mask gives null. Each inner DiagnosticInfo is one nesting
    /// level deeper, so a hostile chain stops at <see cref="DecodingLimits.MaxNestingDepth"/>.
    /// </summary>
    public DiagnosticInfo? ReadDiagnosticInfo(string? field = null)
    {
        EnterNesting(field);
        var mask = ReadByte(field);
        DiagnosticInfo? result = null;
        if (mask != 0)
        {
            var symbolicId = (mask & 0x01) != 0 ? ReadInt32(field) : (int?)null;
            var namespaceUri = (mask & 0x02) != 0 ? ReadInt32(field) : (int?)null;
            var locale = (mask & 0x08) != 0 ? ReadInt32(field) : (int?)null;
            var localizedText = (mask & 0x04) != 0 ? ReadInt32(field) : (int?)null;
            var additionalInfo = (mask & 0x10) != 0 ? ReadString(field) : null;
            var innerStatus = (mask & 0x20) != 0 ? ReadStatusCode(field) : (StatusCode?)null;
            var inner = (mask & 0x40) != 0 ? ReadDiagnosticInfo(field) : null;
            result = new DiagnosticInfo
            {
                SymbolicId = symbolicId,
                NamespaceUri = namespaceUri,
                Locale = locale,
                LocalizedText = localizedText,
                AdditionalInfo = additionalInfo,
                InnerStatusCode = innerStatus,
                InnerDiagnosticInfo = inner,
            };
        }

        ExitNesting();
        return result;
    }

    /// <summary>Reads a structure of a known type (its fields only, no type id), one nesting level deeper.</summary>
    public T ReadEncodeable<T>(string? field = null)
        where T : IEncodeable, new()
    {
        EnterNesting(field);
        var value = new T();
        value.Decode(ref this);
        ExitNesting();
        return value;
    }

    /// <summary>
    /// Reads a message body as sent in a UA-TCP MSG chunk (Part 6 §7.1.2.4): the NodeId of its binary encoding, then the
    /// structure. Throws when the type is not in <see cref="Registry"/>.
    /// </summary>
    public IEncodeable ReadMessage(string? field = null)
    {
        var start = _position;
        var typeId = ReadNodeId(field);
        if (!Registry.TryCreate(typeId, out var message))
        {
            throw new OpcUaDecodingException(
                $"The peer sent a message of type {typeId}, which this client does not know (byte {start}). The server may use a service this read-only client does not support.",
                StatusCodes.BadDecodingError, field, typeId.NumericIdentifier, null, start);
        }

        EnterNesting(field);
        message.Decode(ref this);
        ExitNesting();
        return message;
    }
}
