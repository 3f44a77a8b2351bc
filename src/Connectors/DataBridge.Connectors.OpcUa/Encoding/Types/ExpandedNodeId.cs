using System.Globalization;

namespace DataBridge.Connectors.OpcUa.Encoding.Types;

/// <summary>
/// A NodeId that may name its namespace by URI instead of index and may live on another server
/// (Part 6 §5.2.2.10). DataBridge stores node ids by URI (<c>nsu=</c>) because indexes change when servers restart.
/// </summary>
public readonly record struct ExpandedNodeId
{
    /// <summary>Wraps a local NodeId.</summary>
    public ExpandedNodeId(NodeId nodeId, string? namespaceUri = null, uint serverIndex = 0)
    {
        NodeId = nodeId;
        NamespaceUri = namespaceUri;
        ServerIndex = serverIndex;
    }

    /// <summary>The NodeId; its namespace index is meaningless when <see cref="NamespaceUri"/> is set.</summary>
    public NodeId NodeId { get; init; }

    /// <summary>The namespace URI, or null when the NodeId's index applies.</summary>
    public string? NamespaceUri { get; init; }

    /// <summary>Index into the server's ServerArray; 0 is the local server.</summary>
    public uint ServerIndex { get; init; }

    /// <summary>Whether this is the null id.</summary>
    public bool IsNull => NodeId.IsNull && NamespaceUri is null && ServerIndex == 0;

    /// <summary>A local NodeId.</summary>
    public static implicit operator ExpandedNodeId(NodeId nodeId) => new(nodeId);

    /// <summary>A local NodeId.</summary>
    public static ExpandedNodeId FromNodeId(NodeId nodeId) => new(nodeId);

    /// <summary>
    /// Parses <c>[svr=&lt;index&gt;;][nsu=&lt;uri&gt;;|ns=&lt;index&gt;;]&lt;i|s|g|b&gt;=&lt;id&gt;</c> (Part 6 §5.3.1.11),
    /// e.g. <c>nsu=http://acme.com/press/;s=Line1.Temperature</c>.
    /// </summary>
    public static ExpandedNodeId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.AsSpan();
        uint server = 0;
        if (rest.StartsWith("svr="))
        {
            var semi = rest.IndexOf(';');
            if (semi < 0 || !uint.TryParse(rest[4..semi], NumberStyles.None, CultureInfo.InvariantCulture, out server))
            {
                throw new FormatException($"'{text}' is not an ExpandedNodeId: 'svr=' must be followed by a server index and ';'.");
            }

            rest = rest[(semi + 1)..];
        }

        if (!rest.StartsWith("nsu="))
        {
            return new ExpandedNodeId(NodeId.Parse(rest.ToString()), null, server);
        }

        // The URI ends at the first ';' that starts an identifier ("…;s=", ";i=", ";g=", ";b=").
        var uriEnd = -1;
        for (var i = 4; i + 2 < rest.Length; i++)
        {
            if (rest[i] == ';' && rest[i + 2] == '=' && rest[i + 1] is 'i' or 's' or 'g' or 'b')
            {
                uriEnd = i;
                break;
            }
        }

        if (uriEnd < 0 || !NodeId.TryParseIdentifier(rest[(uriEnd + 1)..], 0, out var id, out var error))
        {
            throw new FormatException(
                $"'{text}' is not an ExpandedNodeId: expected 'nsu=<namespace uri>;<i|s|g|b>=<identifier>', e.g. 'nsu=http://acme.com/press/;s=Line1.Temperature'.");
        }

        return new ExpandedNodeId(id, Uri.UnescapeDataString(rest[4..uriEnd].ToString()), server);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var svr = ServerIndex == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"svr={ServerIndex};");
        if (NamespaceUri is null)
        {
            return svr + NodeId.ToString();
        }

        // The index is replaced by the URI; ';' inside the URI is escaped so the text parses back.
        var local = NodeId.NamespaceIndex == 0 ? NodeId : Strip(NodeId);
        return $"{svr}nsu={NamespaceUri.Replace("%", "%25", StringComparison.Ordinal).Replace(";", "%3B", StringComparison.Ordinal)};{local}";
    }

    private static NodeId Strip(NodeId id) => id.IdType switch
    {
        NodeIdType.Numeric => new NodeId(id.NumericIdentifier),
        NodeIdType.String => new NodeId(id.StringIdentifier!, 0),
        NodeIdType.Guid => new NodeId(id.GuidIdentifier, 0),
        _ => new NodeId(id.OpaqueIdentifier!, 0),
    };
}
