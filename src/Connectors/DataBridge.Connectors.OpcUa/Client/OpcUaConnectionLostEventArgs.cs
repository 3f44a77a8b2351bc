namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>Why an <see cref="OpcUaClient"/> lost its connection.</summary>
public sealed class OpcUaConnectionLostEventArgs(Exception error) : EventArgs
{
    /// <summary>The failure (a transient <see cref="OpcUaException"/>).</summary>
    public Exception Error { get; } = error;
}
