using DataBridge.Bridge.Configuration;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Managed;

namespace DataBridge.Bridge.Sources.OpcUa;

/// <summary>The tags of an OPC UA source resolved by the connector's <see cref="OpcUaNodeResolver"/>, one result per tag slot.</summary>
internal static class OpcUaTagResolver
{
    /// <summary>One result per tag of <paramref name="source"/>, in the same order.</summary>
    /// <exception cref="Connectors.OpcUa.OpcUaException">A whole request failed or the connection broke.</exception>
    public static Task<IReadOnlyList<OpcUaNodeResolution>> ResolveAsync(OpcUaClient client, OpcUaSourceDefinition source, bool checkDataTypes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return OpcUaNodeResolver.ResolveAsync(client, OpcUaTagAddresses.Of(source), checkDataTypes, cancellationToken);
    }
}
