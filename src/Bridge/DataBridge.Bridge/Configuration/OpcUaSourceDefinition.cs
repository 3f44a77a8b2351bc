namespace DataBridge.Bridge.Configuration;

/// <summary>An OPC UA server endpoint and its subscription settings (parsed now; connected by a later issue).</summary>
public sealed class OpcUaSourceDefinition : SourceDefinition
{
    /// <summary>The endpoint URL, <c>opc.tcp://host:port/path</c>.</summary>
    public required string Endpoint { get; init; }

    /// <summary>Subscription publishing interval; default 1 s.</summary>
    public TimeSpan PublishingInterval { get; init; } = TimeSpan.FromSeconds(1);
}
