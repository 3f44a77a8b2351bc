namespace DataBridge.Bridge.Configuration;

/// <summary>An OPC UA server endpoint and the settings of the one subscription the bridge keeps on it.</summary>
public sealed class OpcUaSourceDefinition : SourceDefinition
{
    /// <summary>The endpoint URL, <c>opc.tcp://host:port/path</c>.</summary>
    public required string Endpoint { get; init; }

    /// <summary>Subscription publishing interval; default 1 s.</summary>
    public TimeSpan PublishingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Publishing intervals without data after which the server sends a keep-alive; default 10.</summary>
    public uint KeepAliveCount { get; init; } = 10;

    /// <summary>Publishing intervals without a Publish request after which the server drops the subscription; default 60 (at least 3 × <see cref="KeepAliveCount"/>).</summary>
    public uint LifetimeCount { get; init; } = 60;

    /// <summary>Most notifications per NotificationMessage; 0 (default) leaves it to the server.</summary>
    public uint MaxNotificationsPerPublish { get; init; }

    /// <summary>The security mode as configured (<c>None</c>, <c>Sign</c>, <c>SignAndEncrypt</c>), or <c>Auto</c>: the strongest the server offers.</summary>
    public string SecurityMode => Security is null ? "None" : Security.Mode ?? "Auto";

    /// <summary>
    /// The <c>security:</c> block; null for a definition built in code (then the source uses the client options it is
    /// given), <see cref="OpcUaSecurityDefinition.Default"/> (secure by default) for a configured source without one.
    /// </summary>
    public OpcUaSecurityDefinition? Security { get; internal set; }

    /// <summary>Namespace URI that unprefixed browse-path segments belong to, or null (then they are in namespace 0).</summary>
    public string? Namespace { get; init; }

    /// <summary>Namespace aliases usable as <c>alias:Name</c> in browse paths (alias → URI), including the built-in <c>ua</c>.</summary>
    public IReadOnlyDictionary<string, string> NamespaceAliases { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
