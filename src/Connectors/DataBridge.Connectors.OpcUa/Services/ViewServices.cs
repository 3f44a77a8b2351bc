using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Services;

/// <summary>
/// The View service set (Part 4 §5.9): Browse, BrowseNext and TranslateBrowsePathsToNodeIds. Continuation points are
/// always followed to the end or released, so a client never leaks the server's limited supply.
/// </summary>
internal static class ViewServices
{
    /// <summary>One Browse call (no continuation points followed).</summary>
    public static async Task<BrowseResult[]> BrowseAsync(ServiceInvoker invoker, BrowseDescription[] nodes, uint maxReferencesPerNode, CancellationToken cancellationToken)
    {
        var timeout = invoker.DefaultTimeout;
        var request = new BrowseRequest
        {
            RequestHeader = invoker.CreateHeader(timeout),
            View = new ViewDescription(),
            RequestedMaxReferencesPerNode = maxReferencesPerNode,
            NodesToBrowse = nodes,
        };
        var response = await invoker.CallAsync<BrowseResponse>("Browse", request, static r => r.ResponseHeader, timeout, cancellationToken).ConfigureAwait(false);
        return CheckCount("Browse", response.Results, nodes.Length);
    }

    /// <summary>One BrowseNext call; with <paramref name="release"/> the points are only released.</summary>
    public static async Task<BrowseResult[]> BrowseNextAsync(ServiceInvoker invoker, byte[][] continuationPoints, bool release, CancellationToken cancellationToken)
    {
        var timeout = invoker.DefaultTimeout;
        var request = new BrowseNextRequest
        {
            RequestHeader = invoker.CreateHeader(timeout),
            ReleaseContinuationPoints = release,
            ContinuationPoints = continuationPoints,
        };
        var response = await invoker.CallAsync<BrowseNextResponse>("BrowseNext", request, static r => r.ResponseHeader, timeout, cancellationToken).ConfigureAwait(false);
        return release ? response.Results ?? [] : CheckCount("BrowseNext", response.Results, continuationPoints.Length);
    }

    /// <summary>Browses nodes and follows every continuation point with BrowseNext; releases them if anything fails.</summary>
    public static async Task<BrowseNodeResult[]> BrowseAllAsync(ServiceInvoker invoker, BrowseDescription[] nodes, uint maxReferencesPerNode, Action? onBrowseNext, CancellationToken cancellationToken)
    {
        var references = new List<ReferenceDescription>[nodes.Length];
        var statuses = new StatusCode[nodes.Length];
        var open = new List<(int Index, byte[] Point)>();
        try
        {
            var first = await BrowseAsync(invoker, nodes, maxReferencesPerNode, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < first.Length; i++)
            {
                references[i] = [.. first[i].References ?? []];
                statuses[i] = first[i].StatusCode;
                if (first[i].ContinuationPoint is { Length: > 0 } cp)
                {
                    open.Add((i, cp));
                }
            }

            while (open.Count > 0)
            {
                onBrowseNext?.Invoke();
                var points = new byte[open.Count][];
                for (var i = 0; i < points.Length; i++)
                {
                    points[i] = open[i].Point;
                }

                var next = await BrowseNextAsync(invoker, points, release: false, cancellationToken).ConfigureAwait(false);
                var still = new List<(int Index, byte[] Point)>();
                for (var i = 0; i < next.Length; i++)
                {
                    var index = open[i].Index;
                    references[index].AddRange(next[i].References ?? []);
                    if (next[i].StatusCode.IsBad)
                    {
                        statuses[index] = next[i].StatusCode;
                    }
                    else if (next[i].ContinuationPoint is { Length: > 0 } cp)
                    {
                        still.Add((index, cp));
                    }
                }

                open = still;
            }
        }
        catch when (open.Count > 0)
        {
            await ReleaseQuietlyAsync(invoker, open).ConfigureAwait(false);
            throw;
        }

        var results = new BrowseNodeResult[nodes.Length];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = new BrowseNodeResult(statuses[i], references[i]);
        }

        return results;
    }

    /// <summary>TranslateBrowsePathsToNodeIds (Part 4 §5.9.4).</summary>
    public static async Task<BrowsePathResult[]> TranslateBrowsePathsAsync(ServiceInvoker invoker, BrowsePath[] paths, CancellationToken cancellationToken)
    {
        var timeout = invoker.DefaultTimeout;
        var request = new TranslateBrowsePathsToNodeIdsRequest { RequestHeader = invoker.CreateHeader(timeout), BrowsePaths = paths };
        var response = await invoker.CallAsync<TranslateBrowsePathsToNodeIdsResponse>("TranslateBrowsePathsToNodeIds", request, static r => r.ResponseHeader, timeout, cancellationToken).ConfigureAwait(false);
        return CheckCount("TranslateBrowsePathsToNodeIds", response.Results, paths.Length);
    }

    private static async Task ReleaseQuietlyAsync(ServiceInvoker invoker, List<(int Index, byte[] Point)> open)
    {
        var points = new byte[open.Count][];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = open[i].Point;
        }

        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await BrowseNextAsync(invoker, points, release: true, cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OpcUaException { IsTransient: true } or OperationCanceledException)
        {
            // The channel is probably gone; the server frees the points with the session.
        }
    }

    private static T[] CheckCount<T>(string service, T[]? results, int expected) =>
        results is not null && results.Length == expected
            ? results
            : throw new OpcUaServiceException(service, StatusCodes.BadUnexpectedError, $"the server returned {results?.Length ?? 0} results for {expected} operations");
}
