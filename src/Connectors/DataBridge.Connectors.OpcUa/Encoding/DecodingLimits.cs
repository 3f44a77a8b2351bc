namespace DataBridge.Connectors.OpcUa.Encoding;

/// <summary>
/// Limits a decoder enforces on untrusted bytes before it allocates anything (Part 6 §5.2 leaves the limits to the
/// implementation; Part 4 §5.4 lets the client report them as BadEncodingLimitsExceeded).
/// </summary>
public sealed record DecodingLimits
{
    /// <summary>The defaults: generous for real servers, small enough that one hostile message cannot exhaust memory.</summary>
    public static DecodingLimits Default { get; } = new();

    /// <summary>Largest String or XmlElement, in UTF-8 bytes (default 1 MiB).</summary>
    public int MaxStringLength { get; init; } = 1024 * 1024;

    /// <summary>Largest ByteString, in bytes (default 16 MiB).</summary>
    public int MaxByteStringLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>Largest number of elements in one array, matrices included (default 1,000,000).</summary>
    public int MaxArrayLength { get; init; } = 1_000_000;

    /// <summary>Deepest nesting of Variants, ExtensionObjects, DataValues and DiagnosticInfos (Part 6 §5.2.2.12 asks for at least 100).</summary>
    public int MaxNestingDepth { get; init; } = 100;

    /// <summary>Largest message handed to one reader, in bytes (default 16 MiB).</summary>
    public int MaxMessageSize { get; init; } = 16 * 1024 * 1024;
}
