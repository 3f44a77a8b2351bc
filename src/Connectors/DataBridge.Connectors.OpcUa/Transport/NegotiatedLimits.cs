namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>
/// The limits in force after Hello/Acknowledge (Part 6 §7.1.2.4): the server's Acknowledge may only lower what the
/// client offered; a zero from the server means "no limit" and is kept as <see cref="int.MaxValue"/>.
/// </summary>
internal readonly record struct NegotiatedLimits(
    int ReceiveChunkSize,
    int SendChunkSize,
    int MaxRequestMessageSize,
    int MaxRequestChunkCount,
    int MaxResponseMessageSize,
    int MaxResponseChunkCount);
