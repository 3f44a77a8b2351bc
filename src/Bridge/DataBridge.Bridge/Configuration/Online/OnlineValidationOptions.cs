namespace DataBridge.Bridge.Configuration.Online;

/// <summary>How long <see cref="OnlineValidator"/> waits for each source.</summary>
public sealed record OnlineValidationOptions
{
    /// <summary>The defaults: 10 s to connect, 30 s for a whole source.</summary>
    public static OnlineValidationOptions Default { get; } = new();

    /// <summary>Time to open the TCP connection (and, for OPC UA, the secure channel); default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound for everything done with one source (connect, resolve, read); default 30 s.</summary>
    public TimeSpan SourceTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sources checked at the same time; default 8.</summary>
    public int MaxParallelSources { get; init; } = 8;
}
