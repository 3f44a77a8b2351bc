using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>The typed read-only services: discovery, browse, translate, read.</summary>
public sealed partial class OpcUaClient
{
    /// <summary>The endpoints the server offers (security policies, modes, user token policies).</summary>
    public async Task<IReadOnlyList<EndpointDescription>> GetEndpointsAsync(CancellationToken cancellationToken = default) =>
        await DiscoveryServices.GetEndpointsAsync(_invoker, EndpointUrl, cancellationToken).ConfigureAwait(false);

    /// <summary>The servers the server knows about (itself, for a plain server).</summary>
    public async Task<IReadOnlyList<ApplicationDescription>> FindServersAsync(CancellationToken cancellationToken = default) =>
        await DiscoveryServices.FindServersAsync(_invoker, EndpointUrl, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// All references of one node (continuation points followed with BrowseNext). Throws
    /// <see cref="OpcUaServiceException"/> when the server reports a Bad status for the node.
    /// </summary>
    public async Task<IReadOnlyList<ReferenceDescription>> BrowseAsync(NodeId node, BrowseOptions? options = null, CancellationToken cancellationToken = default)
    {
        var results = await BrowseAsync([node], options, cancellationToken).ConfigureAwait(false);
        var result = results[0];
        if (result.Status.IsBad)
        {
            throw new OpcUaServiceException("Browse", result.Status, $"node {FormatNodeId(node)}");
        }

        return result.References;
    }

    /// <summary>All references of several nodes in one Browse (plus BrowseNext calls); per-node status in each result.</summary>
    public async Task<IReadOnlyList<BrowseNodeResult>> BrowseAsync(IReadOnlyList<NodeId> nodes, BrowseOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        options ??= BrowseOptions.Default;
        var descriptions = new BrowseDescription[nodes.Count];
        for (var i = 0; i < descriptions.Length; i++)
        {
            descriptions[i] = options.Describe(nodes[i]);
        }

        var max = options.MaxReferencesPerNode ?? _options.MaxReferencesPerBrowse;
        return await ViewServices.BrowseAllAsync(_invoker, descriptions, max, () => Interlocked.Increment(ref _browseNextCalls), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>TranslateBrowsePathsToNodeIds for several paths (Part 4 §5.9.4).</summary>
    public async Task<IReadOnlyList<BrowsePathResult>> TranslateBrowsePathsAsync(IReadOnlyList<BrowsePath> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return await ViewServices.TranslateBrowsePathsAsync(_invoker, [.. paths], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Follows a path of browse names from <paramref name="start"/> over hierarchical references and returns the node
    /// it ends at; throws <see cref="OpcUaServiceException"/> (e.g. BadNoMatch) when it does not resolve.
    /// </summary>
    public async Task<NodeId> TranslateBrowsePathAsync(NodeId start, IReadOnlyList<QualifiedName> path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var elements = new RelativePathElement[path.Count];
        for (var i = 0; i < elements.Length; i++)
        {
            elements[i] = new RelativePathElement { ReferenceTypeId = WellKnownNodes.HierarchicalReferences, IncludeSubtypes = true, TargetName = path[i] };
        }

        var results = await TranslateBrowsePathsAsync([new BrowsePath { StartingNode = start, RelativePath = new RelativePath { Elements = elements } }], cancellationToken).ConfigureAwait(false);
        var result = results[0];
        if (result.StatusCode.IsBad || result.Targets is not { Length: > 0 } targets)
        {
            throw new OpcUaServiceException("TranslateBrowsePathsToNodeIds", result.StatusCode.IsBad ? result.StatusCode : StatusCodes.BadNoMatch, $"path {string.Join('/', path)} from {FormatNodeId(start)}");
        }

        return Namespaces.Resolve(targets[0].TargetId);
    }

    /// <summary>Reads attributes (values with status and source/server timestamps); one result per item, in order.</summary>
    public Task<DataValue[]> ReadAsync(IReadOnlyList<ReadValueId> nodes, TimestampsToReturn timestamps = TimestampsToReturn.Both, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return AttributeServices.ReadAsync(_invoker, [.. nodes], timestamps, 0, _options.MaxNodesPerRead, cancellationToken);
    }

    /// <summary>Reads one attribute of several nodes.</summary>
    public Task<DataValue[]> ReadAttributeAsync(IReadOnlyList<NodeId> nodes, uint attributeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var items = new ReadValueId[nodes.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new ReadValueId { NodeId = nodes[i], AttributeId = attributeId };
        }

        return AttributeServices.ReadAsync(_invoker, items, TimestampsToReturn.Both, 0, _options.MaxNodesPerRead, cancellationToken);
    }

    /// <summary>Reads the Value attribute of several nodes.</summary>
    public Task<DataValue[]> ReadValuesAsync(IReadOnlyList<NodeId> nodes, CancellationToken cancellationToken = default) =>
        ReadAttributeAsync(nodes, AttributeIds.Value, cancellationToken);

    /// <summary>Reads the Value attribute of one node.</summary>
    public async Task<DataValue> ReadValueAsync(NodeId node, CancellationToken cancellationToken = default)
    {
        var values = await ReadAttributeAsync([node], AttributeIds.Value, cancellationToken).ConfigureAwait(false);
        return values[0];
    }
}
