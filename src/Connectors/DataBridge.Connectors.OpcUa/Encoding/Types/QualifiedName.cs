namespace DataBridge.Connectors.OpcUa.Encoding.Types;

/// <summary>A name qualified by a namespace index, e.g. a BrowseName (Part 6 §5.2.2.13).</summary>
public readonly record struct QualifiedName
{
    /// <summary>Creates a qualified name.</summary>
    public QualifiedName(string? name, ushort namespaceIndex = 0)
    {
        Name = name;
        NamespaceIndex = namespaceIndex;
    }

    /// <summary>The namespace index.</summary>
    public ushort NamespaceIndex { get; init; }

    /// <summary>The name (null is the null name).</summary>
    public string? Name { get; init; }

    /// <inheritdoc />
    public override string ToString() => NamespaceIndex == 0 ? Name ?? string.Empty : $"{NamespaceIndex}:{Name}";
}
