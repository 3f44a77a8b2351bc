namespace DataBridge.Bridge.Configuration;

/// <summary>
/// One step of a configured browse path: a browse name and the namespace URI it belongs to. The URI, never an index,
/// is kept because namespace indexes change when servers restart; the resolver maps it through the session's
/// namespace table on every connect (Part 4 §5.9.4 TranslateBrowsePathsToNodeIds takes QualifiedNames by index).
/// </summary>
/// <param name="NamespaceUri">The namespace URI of the browse name; <see cref="StandardNamespaceUri"/> for namespace 0.</param>
/// <param name="Name">The browse name's text, unescaped.</param>
public readonly record struct OpcUaBrowsePathElement(string NamespaceUri, string Name)
{
    /// <summary>The URI of namespace 0, the OPC UA standard nodes (Part 3 §8.2.2).</summary>
    public const string StandardNamespaceUri = "http://opcfoundation.org/UA/";

    /// <summary>The element as it would be written in a path with this URI spelled out, for messages.</summary>
    public override string ToString() => NamespaceUri == StandardNamespaceUri ? Name : $"{{{NamespaceUri}}}{Name}";
}
