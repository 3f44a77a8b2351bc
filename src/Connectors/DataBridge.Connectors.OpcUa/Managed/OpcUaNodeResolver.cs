using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Services;

namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>
/// Resolves configured node addresses against a connected session: <c>nsu=</c> node ids and browse-path
/// namespace URIs through the server's current namespace table (indexes can change across server restarts, so this
/// runs on every connect), browse paths with batched TranslateBrowsePathsToNodeIds, and optionally each node's
/// NodeClass, DataType and ValueRank against what the bridge can carry.
/// </summary>
public static partial class OpcUaNodeResolver
{
    /// <summary>Paths per TranslateBrowsePathsToNodeIds request when the server states no lower limit.</summary>
    internal const int DefaultBatch = 1000;

    private static readonly NodeId ObjectsFolder = new(ObjectIds.ObjectsFolder);
    private static readonly NodeId HierarchicalReferences = new(ReferenceTypeIds.HierarchicalReferences);
    private static readonly NodeId MaxTranslateLimit = new(VariableIds.Server_ServerCapabilities_OperationLimits_MaxNodesPerTranslateBrowsePathsToNodeIds);

    /// <summary>One result per address, in the same order.</summary>
    /// <exception cref="OpcUaException">A whole request failed or the connection broke (transient).</exception>
    public static async Task<IReadOnlyList<OpcUaNodeResolution>> ResolveAsync(OpcUaClient client, IReadOnlyList<OpcUaNodeAddress> addresses, bool checkDataTypes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(addresses);
        var namespaces = client.Namespaces;
        var results = new OpcUaNodeResolution[addresses.Count];
        var pathTags = new List<int>();
        var paths = new List<BrowsePath>();
        for (var i = 0; i < results.Length; i++)
        {
            var tag = addresses[i];
            if (tag.NodeId is not null)
            {
                results[i] = ResolveNodeId(tag.NodeId, namespaces, client.EndpointUrl);
            }
            else if (ToBrowsePath(tag.BrowsePath, namespaces, client.EndpointUrl, out var problem) is { } path)
            {
                pathTags.Add(i);
                paths.Add(path);
            }
            else
            {
                results[i] = new OpcUaNodeResolution(default, problem);
            }
        }

        if (paths.Count > 0)
        {
            await TranslateAsync(client, addresses, pathTags, paths, results, cancellationToken).ConfigureAwait(false);
        }

        if (checkDataTypes)
        {
            await CheckNodesAsync(client, results, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    private static OpcUaNodeResolution ResolveNodeId(string text, NamespaceTable namespaces, string endpoint)
    {
        ExpandedNodeId parsed;
        try
        {
            parsed = ExpandedNodeId.Parse(text.Trim());
        }
        catch (FormatException)
        {
            return new OpcUaNodeResolution(default, $"'{text}' is not a node id; write nsu=<namespace URI>;<i|s|g|b>=<identifier>");
        }

        if (parsed.NamespaceUri is not null && !namespaces.TryGetIndex(parsed.NamespaceUri, out _))
        {
            return new OpcUaNodeResolution(default, NoNamespace(parsed.NamespaceUri, namespaces, endpoint));
        }

        return new OpcUaNodeResolution(namespaces.Resolve(parsed), null);
    }

    private static BrowsePath? ToBrowsePath(IReadOnlyList<OpcUaBrowseStep> steps, NamespaceTable namespaces, string endpoint, out string? problem)
    {
        problem = null;
        if (steps.Count == 0)
        {
            problem = "the tag has neither a node id nor a browse path";
            return null;
        }

        var elements = new RelativePathElement[steps.Count];
        for (var i = 0; i < elements.Length; i++)
        {
            if (!namespaces.TryGetIndex(steps[i].NamespaceUri, out var index))
            {
                problem = NoNamespace(steps[i].NamespaceUri, namespaces, endpoint) + $" (step '{steps[i].Name}' of the browse path)";
                return null;
            }

            // Part 4 §7.31: HierarchicalReferences with subtypes follows Organizes, HasComponent, HasProperty, ...
            elements[i] = new RelativePathElement { ReferenceTypeId = HierarchicalReferences, IncludeSubtypes = true, TargetName = new QualifiedName(steps[i].Name, index) };
        }

        return new BrowsePath { StartingNode = ObjectsFolder, RelativePath = new RelativePath { Elements = elements } };
    }

    private static async Task TranslateAsync(OpcUaClient client, IReadOnlyList<OpcUaNodeAddress> addresses, List<int> pathTags, List<BrowsePath> paths, OpcUaNodeResolution[] results, CancellationToken cancellationToken)
    {
        var batch = await TranslateBatchSizeAsync(client, cancellationToken).ConfigureAwait(false);
        var translated = await TranslateAllAsync(client, paths, batch, cancellationToken).ConfigureAwait(false);
        var failed = new List<int>();
        for (var k = 0; k < pathTags.Count; k++)
        {
            var tag = addresses[pathTags[k]];
            var result = translated[k];
            if (result.StatusCode.IsBad || result.Targets is not { Length: > 0 } targets)
            {
                if (!result.StatusCode.IsBad || result.StatusCode.SubCode == DataBridge.Core.StatusCodes.BadNoMatch)
                {
                    failed.Add(k);
                }

                results[pathTags[k]] = new OpcUaNodeResolution(default, $"browse path '{tag.BrowsePathText}' gives {(result.StatusCode.IsBad ? result.StatusCode.Name : "no node")} on {client.EndpointUrl}; check the names with 'databridge browse {client.EndpointUrl}'");
                continue;
            }

            var target = targets[0].TargetId;
            if (target.ServerIndex != 0)
            {
                results[pathTags[k]] = new OpcUaNodeResolution(default, $"browse path '{tag.BrowsePathText}' leads to a node on another server (server index {target.ServerIndex}); name a node of {client.EndpointUrl}");
                continue;
            }

            var node = target.NamespaceUri is null ? target.NodeId : client.Namespaces.Resolve(target);
            var warning = targets.Length > 1
                ? $"browse path '{tag.BrowsePathText}' matches {targets.Length} nodes on {client.EndpointUrl}; using the first, {client.FormatNodeId(node)} (write node: {client.FormatNodeId(node)} to make the choice explicit)"
                : null;
            results[pathTags[k]] = new OpcUaNodeResolution(node, null) { Warning = warning };
        }

        if (failed.Count > 0)
        {
            await ExplainFailuresAsync(client, addresses, pathTags, paths, failed, batch, results, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// For paths that did not resolve, translates their prefixes too (one batched call) so the message names the first
    /// step that is missing instead of only saying the whole path matched nothing.
    /// </summary>
    private static async Task ExplainFailuresAsync(OpcUaClient client, IReadOnlyList<OpcUaNodeAddress> addresses, List<int> pathTags, List<BrowsePath> paths, List<int> failed, int batch, OpcUaNodeResolution[] results, CancellationToken cancellationToken)
    {
        const int MaxExplained = 200;
        var prefixes = new List<BrowsePath>();
        var owners = new List<(int Failed, int Length)>();
        foreach (var k in failed.Take(MaxExplained))
        {
            var elements = paths[k].RelativePath.Elements!;
            for (var n = 1; n < elements.Length; n++)
            {
                prefixes.Add(new BrowsePath { StartingNode = ObjectsFolder, RelativePath = new RelativePath { Elements = elements[..n] } });
                owners.Add((k, n));
            }
        }

        var prefixResults = prefixes.Count == 0 ? [] : await TranslateAllAsync(client, prefixes, batch, cancellationToken).ConfigureAwait(false);
        foreach (var k in failed.Take(MaxExplained))
        {
            var resolvedSteps = 0;
            for (var j = 0; j < owners.Count; j++)
            {
                if (owners[j].Failed == k && !prefixResults[j].StatusCode.IsBad && prefixResults[j].Targets is { Length: > 0 })
                {
                    resolvedSteps = Math.Max(resolvedSteps, owners[j].Length);
                }
            }

            var tag = addresses[pathTags[k]];
            var steps = tag.BrowsePath;
            var missing = steps[resolvedSteps];
            var parent = resolvedSteps == 0 ? "Objects" : "Objects/" + string.Join('/', steps.Take(resolvedSteps).Select(s => s.Name));
            results[pathTags[k]] = new OpcUaNodeResolution(default,
                $"browse path '{tag.BrowsePathText}' not found on {client.EndpointUrl}: {parent} has no child '{missing.Name}' in namespace {missing.NamespaceUri}; check the name and its namespace with 'databridge browse {client.EndpointUrl}'");
        }
    }

    private static async Task<List<BrowsePathResult>> TranslateAllAsync(OpcUaClient client, List<BrowsePath> paths, int batch, CancellationToken cancellationToken)
    {
        var all = new List<BrowsePathResult>(paths.Count);
        for (var offset = 0; offset < paths.Count; offset += batch)
        {
            var count = Math.Min(batch, paths.Count - offset);
            var part = await client.TranslateBrowsePathsAsync(paths.GetRange(offset, count), cancellationToken).ConfigureAwait(false);
            if (part.Count != count)
            {
                throw new OpcUaServiceException("TranslateBrowsePathsToNodeIds", DataBridge.Core.StatusCodes.BadUnexpectedError, $"the server returned {part.Count} results for {count} paths");
            }

            all.AddRange(part);
        }

        return all;
    }

    /// <summary>
    /// The server's MaxNodesPerTranslateBrowsePathsToNodeIds (Part 5 §6.3.11 OperationLimits) when it states one below
    /// <see cref="DefaultBatch"/>; 0 or an unreadable value means no stated limit.
    /// </summary>
    private static async Task<int> TranslateBatchSizeAsync(OpcUaClient client, CancellationToken cancellationToken)
    {
        var value = await client.ReadValueAsync(MaxTranslateLimit, cancellationToken).ConfigureAwait(false);
        return value.Status.IsBad || value.Value.Type != BuiltInType.UInt32 || value.Value.IsArray || value.Value.GetUInt32() is 0 or >= DefaultBatch
            ? DefaultBatch
            : (int)value.Value.GetUInt32();
    }

    private static string NoNamespace(string uri, NamespaceTable namespaces, string endpoint) =>
        $"the server at {endpoint} has no namespace '{uri}' (it has: {string.Join(", ", namespaces.Uris)}); check the namespace URI";
}
