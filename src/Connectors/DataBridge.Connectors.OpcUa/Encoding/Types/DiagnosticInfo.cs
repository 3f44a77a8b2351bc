using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Encoding.Types;

/// <summary>
/// Vendor diagnostics for an operation (Part 4 §7.12, binary encoding Part 6 §5.2.2.12). The four indexes point into the
/// response header's string table; recursion through <see cref="InnerDiagnosticInfo"/> is bounded by
/// <see cref="DecodingLimits.MaxNestingDepth"/> when decoding.
/// </summary>
public sealed record DiagnosticInfo
{
    /// <summary>Index of the symbolic id in the string table, or null.</summary>
    public int? SymbolicId { get; init; }

    /// <summary>Index of the namespace URI in the string table, or null.</summary>
    public int? NamespaceUri { get; init; }

    /// <summary>Index of the locale in the string table, or null.</summary>
    public int? Locale { get; init; }

    /// <summary>Index of the localized text in the string table, or null.</summary>
    public int? LocalizedText { get; init; }

    /// <summary>Detailed vendor information, or null.</summary>
    public string? AdditionalInfo { get; init; }

    /// <summary>The status code of an underlying system, or null.</summary>
    public StatusCode? InnerStatusCode { get; init; }

    /// <summary>Diagnostics of the underlying system, or null.</summary>
    public DiagnosticInfo? InnerDiagnosticInfo { get; init; }
}
