using DataBridge.Bridge.Configuration;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Encoding.Types;

namespace DataBridge.Bridge.Sources.OpcUa;

/// <summary>
/// Resolves the configured tags of an OPC UA source against a connected session: <c>nsu=</c> node ids through the
/// server's current namespace table (indexes can change across server restarts, so this runs on every connect).
/// </summary>
internal static class OpcUaTagResolver
{
    /// <summary>One result per tag of <paramref name="source"/>, in the same order.</summary>
    public static Task<IReadOnlyList<OpcUaTagResolution>> ResolveAsync(OpcUaClient client, OpcUaSourceDefinition source, bool checkDataTypes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(source);
        var results = new OpcUaTagResolution[source.Tags.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var tag = (OpcUaTagDefinition)source.Tags[i];
            if (tag.NodeId is null)
            {
                results[i] = new OpcUaTagResolution(default(NodeId), "browse paths are not resolved yet");
                continue;
            }

            try
            {
                results[i] = new OpcUaTagResolution(client.ResolveNodeId(tag.NodeId), null);
            }
            catch (DataBridge.Connectors.OpcUa.Services.OpcUaServiceException ex)
            {
                results[i] = new OpcUaTagResolution(default(NodeId), ex.Message);
            }
        }

        return Task.FromResult<IReadOnlyList<OpcUaTagResolution>>(results);
    }
}
