namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>What the subscription engine (namespace <c>DataBridge.Connectors.OpcUa.Subscriptions</c>) needs beyond <see cref="Invoker"/>.</summary>
public sealed partial class OpcUaClient
{
    /// <summary>The clock the client runs on; the engine's keep-alive watchdog and Publish timeouts use it too.</summary>
    internal TimeProvider Time => _time;
}
