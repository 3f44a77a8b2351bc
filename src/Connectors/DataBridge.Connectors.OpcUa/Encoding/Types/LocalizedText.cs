namespace DataBridge.Connectors.OpcUa.Encoding.Types;

/// <summary>Human readable text with an optional locale such as <c>en-US</c> (Part 6 §5.2.2.14).</summary>
public readonly record struct LocalizedText
{
    /// <summary>Creates a localized text.</summary>
    public LocalizedText(string? text, string? locale = null)
    {
        Text = text;
        Locale = locale;
    }

    /// <summary>The locale, or null.</summary>
    public string? Locale { get; init; }

    /// <summary>The text, or null.</summary>
    public string? Text { get; init; }

    /// <inheritdoc />
    public override string ToString() => Text ?? string.Empty;
}
