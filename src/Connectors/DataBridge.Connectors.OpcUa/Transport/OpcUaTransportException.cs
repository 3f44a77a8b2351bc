using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>
/// The connection or secure channel to an OPC UA server failed: the server sent an Error message or aborted a
/// message, broke the protocol, stopped answering, or closed the socket. <see cref="StatusCode"/> says which;
/// the message says what to check next. The channel is unusable afterwards unless <see cref="IsChannelFatal"/> is false.
/// </summary>
public sealed class OpcUaTransportException : OpcUaException
{
    /// <summary>Creates the exception.</summary>
    public OpcUaTransportException(StatusCode statusCode, string message, string? reason = null, bool isChannelFatal = true, Exception? innerException = null)
        : base(Compose(statusCode, message, reason), innerException)
    {
        StatusCode = statusCode;
        Reason = reason;
        IsChannelFatal = isChannelFatal;
    }

    /// <summary>Creates the exception (BadCommunicationError).</summary>
    public OpcUaTransportException()
        : this(StatusCodes.BadCommunicationError, "The OPC UA connection failed.")
    {
    }

    /// <summary>Creates the exception (BadCommunicationError).</summary>
    public OpcUaTransportException(string message)
        : this(StatusCodes.BadCommunicationError, message)
    {
    }

    /// <summary>Creates the exception (BadCommunicationError).</summary>
    public OpcUaTransportException(string message, Exception innerException)
        : this(StatusCodes.BadCommunicationError, message, null, true, innerException)
    {
    }

    /// <summary>The OPC UA status code (from the server's Error or abort message, or chosen by the client).</summary>
    public override StatusCode StatusCode { get; }

    /// <summary>Always true: a broken connection or a request that timed out may work on the next attempt.</summary>
    public override bool IsTransient => true;

    /// <summary>The server's reason text, when it sent one.</summary>
    public string? Reason { get; }

    /// <summary>False when only the one request failed (an aborted message or a timeout) and the channel lives on.</summary>
    public bool IsChannelFatal { get; }

    private static string Compose(StatusCode code, string message, string? reason) =>
        string.IsNullOrEmpty(reason) ? $"{code.Name}: {message}" : $"{code.Name}: {message} Server said: \"{reason}\".";
}
