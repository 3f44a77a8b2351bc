using DataBridge.Bridge.Pipeline;

namespace DataBridge.Bridge.Sources;

/// <summary>One configured source (a Modbus device, an OPC UA endpoint) running its connector into its pipeline.</summary>
internal interface IBridgeSource : IDisposable
{
    /// <summary>The source's pipeline (tags, last values, sequence numbers).</summary>
    SourcePipeline Pipeline { get; }

    /// <summary>Reads from the source until cancelled; only an unrecoverable sink failure ends it early.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Connection state for <c>/healthz</c>; every source kind reports one.</summary>
    Hosting.SourceHealth Health { get; }
}
