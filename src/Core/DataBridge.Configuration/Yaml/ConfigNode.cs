namespace DataBridge.Configuration.Yaml;

/// <summary>A node of the parsed YAML document; every node keeps where it was written.</summary>
public abstract class ConfigNode
{
    /// <summary>Creates a node written at <paramref name="location"/>.</summary>
    protected ConfigNode(SourceLocation location) => Location = location;

    /// <summary>Where the node starts in the file.</summary>
    public SourceLocation Location { get; }

    /// <summary>A word for messages: "a value", "a mapping", "a list".</summary>
    public abstract string Kind { get; }
}

/// <summary>A scalar after environment substitution.</summary>
public sealed class ConfigScalar : ConfigNode
{
    /// <summary>Creates a scalar; <paramref name="value"/> is after substitution, <paramref name="raw"/> as written.</summary>
    public ConfigScalar(SourceLocation location, string value, string raw, bool isNull, bool isInvalid = false)
        : base(location)
    {
        Value = value;
        Raw = raw;
        IsNull = isNull;
        IsInvalid = isInvalid;
    }

    /// <summary>True when substitution failed (already reported): readers skip it without reporting it missing.</summary>
    public bool IsInvalid { get; }

    /// <summary>The value after substitution of <c>${...}</c>.</summary>
    public string Value { get; }

    /// <summary>The text as written; quoted in messages so that substituted (possibly secret) values never appear.</summary>
    public string Raw { get; }

    /// <summary>True for an empty plain scalar, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull { get; }

    /// <summary>True when the value came (partly) from the environment or a file.</summary>
    public bool IsSubstituted => !string.Equals(Value, Raw, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string Kind => IsNull ? "an empty value" : "a value";

    /// <summary>How to quote the value in a message: the text as written, never a substituted value.</summary>
    public string Quoted => IsSubstituted ? $"'{Raw}' (after substitution)" : $"'{Raw}'";
}

/// <summary>A mapping with scalar keys in file order; duplicate keys were reported and dropped by the builder.</summary>
public sealed class ConfigMapping : ConfigNode
{
    /// <summary>Creates an empty mapping written at <paramref name="location"/>.</summary>
    public ConfigMapping(SourceLocation location)
        : base(location)
    {
    }

    /// <summary>The entries in file order.</summary>
    public List<KeyValuePair<ConfigScalar, ConfigNode>> Entries { get; } = [];

    /// <inheritdoc/>
    public override string Kind => "a mapping";

    /// <summary>The value of <paramref name="key"/>, or null when the mapping does not have it.</summary>
    public ConfigNode? Find(string key)
    {
        foreach (var e in Entries)
        {
            if (e.Key.Value == key)
            {
                return e.Value;
            }
        }

        return null;
    }
}

/// <summary>A list.</summary>
public sealed class ConfigSequence : ConfigNode
{
    /// <summary>Creates an empty list written at <paramref name="location"/>.</summary>
    public ConfigSequence(SourceLocation location)
        : base(location)
    {
    }

    /// <summary>The items in file order.</summary>
    public List<ConfigNode> Items { get; } = [];

    /// <inheritdoc/>
    public override string Kind => "a list";
}
