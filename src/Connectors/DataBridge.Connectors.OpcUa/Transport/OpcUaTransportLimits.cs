namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>
/// What this client offers in its Hello (Part 6 §7.1.2.3). Every received chunk and reassembled message is checked
/// against these before memory is committed, so a hostile server cannot make the client allocate more.
/// </summary>
public sealed record OpcUaTransportLimits
{
    /// <summary>Smallest buffer size the protocol allows for non-ECC policies (Part 6 §7.1.2.3).</summary>
    public const int MinBufferSize = 8192;

    /// <summary>The defaults: 64 KiB chunks, 16 MiB messages.</summary>
    public static OpcUaTransportLimits Default { get; } = new();

    /// <summary>Largest chunk the client accepts (default 65,535 bytes).</summary>
    public int ReceiveBufferSize { get; init; } = 65_535;

    /// <summary>Largest chunk the client sends (default 65,535 bytes).</summary>
    public int SendBufferSize { get; init; } = 65_535;

    /// <summary>Largest response message body after reassembly (default 16 MiB).</summary>
    public int MaxMessageSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most chunks in one response message (default 4,096).</summary>
    public int MaxChunkCount { get; init; } = 4096;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value outside the protocol's range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveBufferSize, MinBufferSize, nameof(ReceiveBufferSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(SendBufferSize, MinBufferSize, nameof(SendBufferSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageSize, MinBufferSize, nameof(MaxMessageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxChunkCount, 1, nameof(MaxChunkCount));
    }
}
