using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>
/// A server's NamespaceArray (Part 5 §6.3.13, read at connect). Namespace indexes change when a server restarts or
/// loads models in another order, so DataBridge keeps node ids as <c>nsu=&lt;uri&gt;;…</c> and resolves them to
/// indexes per connection with this table.
/// </summary>
public sealed class NamespaceTable
{
    private readonly string[] _uris;
    private readonly Dictionary<string, ushort> _indexes;

    /// <summary>Creates the table from the NamespaceArray, index 0 first.</summary>
    public NamespaceTable(IReadOnlyList<string> uris)
    {
        ArgumentNullException.ThrowIfNull(uris);
        _uris = [.. uris];
        _indexes = new Dictionary<string, ushort>(StringComparer.Ordinal);
        for (var i = 0; i < _uris.Length && i <= ushort.MaxValue; i++)
        {
            _indexes.TryAdd(_uris[i], (ushort)i);
        }
    }

    /// <summary>The URIs, index 0 (<c>http://opcfoundation.org/UA/</c>) first.</summary>
    public IReadOnlyList<string> Uris => _uris;

    /// <summary>The index of a namespace URI on this server.</summary>
    public bool TryGetIndex(string uri, out ushort index) => _indexes.TryGetValue(uri, out index);

    /// <summary>The URI at an index, or null when the server has no such namespace.</summary>
    public string? GetUri(ushort index) => index < _uris.Length ? _uris[index] : null;

    /// <summary>
    /// Resolves <c>nsu=…;s=…</c>, <c>ns=2;s=…</c> or <c>i=85</c> to a NodeId for this server. Throws
    /// <see cref="OpcUaServiceException"/> (BadNodeIdInvalid or BadNodeIdUnknown) naming what is wrong.
    /// </summary>
    public NodeId Resolve(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ExpandedNodeId parsed;
        try
        {
            parsed = ExpandedNodeId.Parse(text.Trim());
        }
        catch (FormatException ex)
        {
            throw new OpcUaServiceException("ResolveNodeId", StatusCodes.BadNodeIdInvalid, ex.Message, ex);
        }

        return Resolve(parsed);
    }

    /// <summary>Resolves an ExpandedNodeId (by URI when it carries one) to a NodeId for this server.</summary>
    public NodeId Resolve(ExpandedNodeId id)
    {
        if (id.NamespaceUri is null)
        {
            return id.NodeId;
        }

        if (!TryGetIndex(id.NamespaceUri, out var index))
        {
            throw new OpcUaServiceException("ResolveNodeId", StatusCodes.BadNodeIdUnknown, $"the server has no namespace '{id.NamespaceUri}' (it has: {string.Join(", ", _uris)})");
        }

        var local = id.NodeId;
        return local.IdType switch
        {
            NodeIdType.Numeric => new NodeId(local.NumericIdentifier, index),
            NodeIdType.String => new NodeId(local.StringIdentifier!, index),
            NodeIdType.Guid => new NodeId(local.GuidIdentifier, index),
            _ => new NodeId(local.OpaqueIdentifier!, index),
        };
    }

    /// <summary>The stable form of a node id: <c>nsu=&lt;uri&gt;;…</c> for namespaces above 0, plain for namespace 0.</summary>
    public ExpandedNodeId ToStable(NodeId id)
    {
        if (id.NamespaceIndex == 0)
        {
            return new ExpandedNodeId(id);
        }

        var uri = GetUri(id.NamespaceIndex);
        return uri is null ? new ExpandedNodeId(id) : new ExpandedNodeId(id, uri);
    }

    /// <summary>The stable form of an ExpandedNodeId from a Browse result.</summary>
    public ExpandedNodeId ToStable(ExpandedNodeId id) => id.NamespaceUri is not null || id.ServerIndex != 0 ? id : ToStable(id.NodeId);

    /// <summary>Text of the stable form, e.g. <c>nsu=urn:acme:press;s=Line1.Temperature</c> or <c>i=2253</c>.</summary>
    public string Format(NodeId id) => ToStable(id).ToString();
}
