using DataBridge.Connectors.OpcUa.Services;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>The seam the subscription engine (namespace <c>DataBridge.Connectors.OpcUa.Subscriptions</c>) calls services through.</summary>
public sealed partial class OpcUaClient
{
    /// <summary>The session's service invoker: subscriptions share the session's channel and authentication token.</summary>
    internal ServiceInvoker Invoker => _invoker;

    /// <summary>The clock the client runs on.</summary>
    internal TimeProvider Time => _time;
}
