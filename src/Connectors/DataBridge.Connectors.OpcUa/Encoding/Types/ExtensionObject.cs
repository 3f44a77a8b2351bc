namespace DataBridge.Connectors.OpcUa.Encoding.Types;

/// <summary>
/// A structure carried with its encoding id (Part 6 §5.2.2.15). Either <see cref="Decoded"/> is set (the type was in the
/// reader's <see cref="EncodeableTypeRegistry"/>, or the caller built it to send) or <see cref="Body"/> holds the bytes.
/// </summary>
public readonly struct ExtensionObject : IEquatable<ExtensionObject>
{
    /// <summary>An extension object kept as encoded bytes.</summary>
    public ExtensionObject(NodeId typeId, ExtensionObjectEncoding encoding, byte[]? body)
    {
        TypeId = typeId;
        Encoding = encoding;
        Body = encoding == ExtensionObjectEncoding.None ? null : body;
    }

    /// <summary>An extension object holding a typed structure; it is encoded with the structure's binary encoding id.</summary>
    public ExtensionObject(IEncodeable decoded)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        Decoded = decoded;
        TypeId = decoded.BinaryEncodingId;
        Encoding = ExtensionObjectEncoding.Binary;
    }

    /// <summary>The id of the body's encoding (for binary bodies, the type's <c>Default Binary</c> object).</summary>
    public NodeId TypeId { get; }

    /// <summary>How the body is encoded.</summary>
    public ExtensionObjectEncoding Encoding { get; }

    /// <summary>The encoded body (binary, or UTF-8 XML) when it was not decoded; null otherwise.</summary>
    public byte[]? Body { get; }

    /// <summary>The decoded structure, or null.</summary>
    public IEncodeable? Decoded { get; }

    /// <summary>Whether the extension object carries nothing (null type id and no body).</summary>
    public bool IsNull => TypeId.IsNull && Encoding == ExtensionObjectEncoding.None;

    /// <summary>Equality.</summary>
    public static bool operator ==(ExtensionObject left, ExtensionObject right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(ExtensionObject left, ExtensionObject right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ExtensionObject other) =>
        TypeId == other.TypeId
        && Encoding == other.Encoding
        && Equals(Decoded, other.Decoded)
        && (Body ?? []).AsSpan().SequenceEqual(other.Body ?? []);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ExtensionObject other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TypeId, Encoding, Body?.Length ?? -1);

    /// <inheritdoc />
    public override string ToString() =>
        Decoded is not null ? $"{Decoded.GetType().Name} ({TypeId})" : $"ExtensionObject {TypeId}, {Encoding}, {Body?.Length ?? 0} bytes";
}
