using DataBridge.Configuration;

namespace DataBridge.Bridge.Configuration.Online;

/// <summary>What <see cref="OnlineValidator"/> found: problems with the position of the source or tag they concern, and counts.</summary>
public sealed class OnlineValidationReport
{
    /// <summary>Errors and warnings in file order, each at the source or tag it concerns.</summary>
    public required IReadOnlyList<ConfigurationError> Problems { get; init; }

    /// <summary>Sources checked (OPC UA and Modbus).</summary>
    public int Sources { get; init; }

    /// <summary>Sources that answered (OPC UA: session created; Modbus: TCP connection accepted).</summary>
    public int SourcesReached { get; init; }

    /// <summary>OPC UA tags of reached sources that were checked.</summary>
    public int OpcUaTags { get; init; }

    /// <summary>OPC UA tags found with a node class, data type and value rank the bridge carries.</summary>
    public int OpcUaTagsOk { get; init; }

    /// <summary>Number of errors in <see cref="Problems"/>.</summary>
    public int ErrorCount => Problems.Count(p => p.Severity == ConfigurationSeverity.Error);
}
