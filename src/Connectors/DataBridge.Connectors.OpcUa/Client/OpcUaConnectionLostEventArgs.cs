namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>Why an <see cref="OpcUaClient"/> lost its connection.</summary>
public sealed class OpcUaConnectionLostEventArgs(Exception error) : EventArgs
{
    /// <summary>The failure (an OpcUaTransportException or OpcUaServiceException).</summary>
    public Exception Error { get; } = error;
}
