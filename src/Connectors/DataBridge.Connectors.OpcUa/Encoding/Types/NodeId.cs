namespace DataBridge.Connectors.OpcUa.Encoding.Types;

/// <summary>
/// Identifies a node in a server (Part 3 §8.2, binary encoding Part 6 §5.2.2.9). A value type so decoding a numeric
/// id allocates nothing; <c>default</c> is the null NodeId <c>i=0</c>. Text form: <c>i=85</c>, <c>ns=2;s=Foo</c>.
/// </summary>
public readonly partial struct NodeId : IEquatable<NodeId>
{
    private readonly uint _numeric;
    private readonly Guid _guid;
    private readonly object? _identifier; // string or byte[]

    /// <summary>A numeric NodeId.</summary>
    public NodeId(uint identifier, ushort namespaceIndex = 0)
    {
        _numeric = identifier;
        NamespaceIndex = namespaceIndex;
        IdType = NodeIdType.Numeric;
    }

    /// <summary>A string NodeId.</summary>
    public NodeId(string identifier, ushort namespaceIndex)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        _identifier = identifier;
        NamespaceIndex = namespaceIndex;
        IdType = NodeIdType.String;
    }

    /// <summary>A Guid NodeId.</summary>
    public NodeId(Guid identifier, ushort namespaceIndex)
    {
        _guid = identifier;
        NamespaceIndex = namespaceIndex;
        IdType = NodeIdType.Guid;
    }

    /// <summary>An opaque (ByteString) NodeId; the array is not copied.</summary>
    public NodeId(byte[] identifier, ushort namespaceIndex)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        _identifier = identifier;
        NamespaceIndex = namespaceIndex;
        IdType = NodeIdType.Opaque;
    }

    /// <summary>The null NodeId (<c>i=0</c>).</summary>
    public static NodeId Null => default;

    /// <summary>The namespace index (0 is the OPC UA namespace).</summary>
    public ushort NamespaceIndex { get; }

    /// <summary>Which identifier the NodeId carries.</summary>
    public NodeIdType IdType { get; }

    /// <summary>Whether this is the null NodeId (numeric 0 in namespace 0, or an empty string/opaque/Guid in namespace 0).</summary>
    public bool IsNull => NamespaceIndex == 0 && IdType switch
    {
        NodeIdType.Numeric => _numeric == 0,
        NodeIdType.String => string.IsNullOrEmpty((string?)_identifier),
        NodeIdType.Guid => _guid == Guid.Empty,
        _ => _identifier is not byte[] { Length: > 0 },
    };

    /// <summary>The numeric identifier (0 unless <see cref="IdType"/> is Numeric).</summary>
    public uint NumericIdentifier => _numeric;

    /// <summary>The string identifier, or null.</summary>
    public string? StringIdentifier => _identifier as string;

    /// <summary>The Guid identifier (empty unless <see cref="IdType"/> is Guid).</summary>
    public Guid GuidIdentifier => _guid;

    /// <summary>The opaque identifier, or null.</summary>
    public byte[]? OpaqueIdentifier => _identifier as byte[];

    /// <summary>Equality.</summary>
    public static bool operator ==(NodeId left, NodeId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(NodeId left, NodeId right) => !left.Equals(right);

    /// <summary>A numeric NodeId in namespace 0.</summary>
    public static implicit operator NodeId(uint identifier) => new(identifier);

    /// <summary>A numeric NodeId in namespace 0.</summary>
    public static NodeId FromUInt32(uint identifier) => new(identifier);

    /// <inheritdoc />
    public bool Equals(NodeId other)
    {
        if (NamespaceIndex != other.NamespaceIndex || IdType != other.IdType)
        {
            return false;
        }

        return IdType switch
        {
            NodeIdType.Numeric => _numeric == other._numeric,
            NodeIdType.Guid => _guid == other._guid,
            NodeIdType.String => string.Equals((string?)_identifier, (string?)other._identifier, StringComparison.Ordinal),
            _ => ((byte[]?)_identifier ?? []).AsSpan().SequenceEqual((byte[]?)other._identifier ?? []),
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NodeId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(NamespaceIndex);
        h.Add(IdType);
        switch (IdType)
        {
            case NodeIdType.Numeric:
                h.Add(_numeric);
                break;
            case NodeIdType.Guid:
                h.Add(_guid);
                break;
            case NodeIdType.String:
                h.Add((string?)_identifier, StringComparer.Ordinal);
                break;
            default:
                h.AddBytes((byte[]?)_identifier ?? []);
                break;
        }

        return h.ToHashCode();
    }
}
