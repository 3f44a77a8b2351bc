using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Services;

/// <summary>
/// The Attribute service set, read side only (Part 4 §5.10.2). Large reads are split into batches that go out
/// together over the one channel, so the server's per-request limits are respected without serialising round trips.
/// </summary>
internal static class AttributeServices
{
    /// <summary>How many batches are in flight at once.</summary>
    private const int MaxBatchesInFlight = 4;

    /// <summary>Reads attributes; results are in request order, each with its own status and timestamps.</summary>
    public static async Task<DataValue[]> ReadAsync(ServiceInvoker invoker, ReadValueId[] nodes, TimestampsToReturn timestamps, double maxAge, int batchSize, CancellationToken cancellationToken)
    {
        if (nodes.Length <= batchSize)
        {
            return await ReadBatchAsync(invoker, nodes, timestamps, maxAge, cancellationToken).ConfigureAwait(false);
        }

        var results = new DataValue[nodes.Length];
        using var gate = new SemaphoreSlim(MaxBatchesInFlight);
        var tasks = new List<Task>();
        for (var start = 0; start < nodes.Length; start += batchSize)
        {
            var offset = start;
            var batch = nodes[start..Math.Min(nodes.Length, start + batchSize)];
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            tasks.Add(ReadIntoAsync(invoker, batch, timestamps, maxAge, results, offset, gate, cancellationToken));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return results;
    }

    private static async Task ReadIntoAsync(ServiceInvoker invoker, ReadValueId[] batch, TimestampsToReturn timestamps, double maxAge, DataValue[] results, int offset, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        try
        {
            var values = await ReadBatchAsync(invoker, batch, timestamps, maxAge, cancellationToken).ConfigureAwait(false);
            values.CopyTo(results, offset);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<DataValue[]> ReadBatchAsync(ServiceInvoker invoker, ReadValueId[] nodes, TimestampsToReturn timestamps, double maxAge, CancellationToken cancellationToken)
    {
        var timeout = invoker.DefaultTimeout;
        var request = new ReadRequest
        {
            RequestHeader = invoker.CreateHeader(timeout),
            MaxAge = maxAge,
            TimestampsToReturn = timestamps,
            NodesToRead = nodes,
        };
        var response = await invoker.CallAsync<ReadResponse>("Read", request, static r => r.ResponseHeader, timeout, cancellationToken).ConfigureAwait(false);
        var results = response.Results;
        if (results is null || results.Length != nodes.Length)
        {
            throw new OpcUaServiceException("Read", StatusCodes.BadUnexpectedError, $"the server returned {results?.Length ?? 0} values for {nodes.Length} nodes");
        }

        return results;
    }
}
