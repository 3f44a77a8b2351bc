using System.Globalization;
using DataBridge.Bridge.Configuration.Yaml;
using DataBridge.Configuration;
using DataBridge.Configuration.Yaml;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>
/// Reads the keys of one YAML mapping against the list of keys it allows: reports unknown keys (with a
/// did-you-mean), wrong node kinds, missing required keys and malformed values, and returns null for anything
/// unusable so the caller continues and collects every problem in one pass.
/// </summary>
internal sealed class MappingReader
{
    private readonly ConfigMapping _map;
    private readonly Diagnostics _d;

    public MappingReader(ConfigMapping map, string context, IReadOnlyList<string> allowed, Diagnostics diagnostics)
    {
        _map = map;
        _d = diagnostics;
        Context = context;
        foreach (var e in map.Entries)
        {
            var key = e.Key.Value;
            if (!allowed.Contains(key))
            {
                diagnostics.Error(e.Key.Location, $"unknown key '{key}' in {context}{Suggestions.Hint(key, allowed.ToList(), "keys")}");
            }
        }
    }

    /// <summary>Words naming the mapping in messages, e.g. <c>tag 'temperature'</c>.</summary>
    public string Context { get; }

    public SourceLocation Location => _map.Location;

    public Diagnostics Diagnostics => _d;

    public bool Has(string key) => _map.Find(key) is { } n && !(n is ConfigScalar { IsNull: true });

    public ConfigNode? Node(string key) => _map.Find(key);

    /// <summary>Location of the value of <paramref name="key"/>, or of the mapping when absent.</summary>
    public SourceLocation At(string key) => _map.Find(key)?.Location ?? _map.Location;

    /// <summary>The value of <paramref name="key"/> quoted for a message: as written, never a substituted value.</summary>
    public string Quote(string key) => _map.Find(key) is ConfigScalar s ? s.Quoted : "''";

    public void Missing(string key, string example) =>
        _d.Error(_map.Location, $"missing required key '{key}' in {Context}; add e.g. '{key}: {example}'");

    /// <summary>A scalar value, or null (reported when required or not a scalar).</summary>
    public ConfigScalar? Scalar(string key, string? requiredExample = null)
    {
        var node = _map.Find(key);
        if (node is ConfigScalar { IsInvalid: true })
        {
            return null;
        }

        if (node is null || node is ConfigScalar { IsNull: true })
        {
            if (requiredExample is not null)
            {
                Missing(key, requiredExample);
            }

            return null;
        }

        if (node is ConfigScalar s)
        {
            return s;
        }

        _d.Error(node.Location, $"'{key}' in {Context} must be a single value, not {node.Kind}");
        return null;
    }

    public string? String(string key, string? requiredExample = null) => Scalar(key, requiredExample)?.Value;

    public ConfigMapping? Mapping(string key, bool required = false, string example = "{ ... }")
    {
        var node = _map.Find(key);
        if (node is null || node is ConfigScalar { IsNull: true })
        {
            if (required)
            {
                Missing(key, example);
            }

            return null;
        }

        if (node is ConfigMapping m)
        {
            return m;
        }

        _d.Error(node.Location, $"'{key}' in {Context} must be a mapping ('{key}: {{ name: value, ... }}' or an indented block), not {node.Kind}");
        return null;
    }

    public ConfigSequence? Sequence(string key, string example)
    {
        var node = _map.Find(key);
        if (node is null || node is ConfigScalar { IsNull: true })
        {
            return null;
        }

        if (node is ConfigSequence s)
        {
            return s;
        }

        _d.Error(node.Location, $"'{key}' in {Context} must be a list ({example}), not {node.Kind}");
        return null;
    }

    public int? Int(string key, int min, int max, string? requiredExample = null)
    {
        var s = Scalar(key, requiredExample);
        if (s is null)
        {
            return null;
        }

        if (long.TryParse(s.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
        {
            return (int)v;
        }

        _d.Error(s.Location, $"bad {key} {s.Quoted} in {Context}; write a whole number from {min} to {max}");
        return null;
    }

    public double? Double(string key, double min = double.MinValue, string? rangeText = null)
    {
        var s = Scalar(key);
        return s is null ? null : ParseDouble(s, key, min, rangeText);
    }

    public double? ParseDouble(ConfigScalar s, string key, double min = double.MinValue, string? rangeText = null)
    {
        if (double.TryParse(s.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= min)
        {
            return v;
        }

        _d.Error(s.Location, $"bad {key} {s.Quoted} in {Context}; write {rangeText ?? "a number such as 0.5 or 12"}");
        return null;
    }

    public TimeSpan? Duration(string key, TimeSpan min, string? requiredExample = null)
    {
        var s = Scalar(key, requiredExample);
        return s is null ? null : ParseDuration(s, key, min);
    }

    public TimeSpan? ParseDuration(ConfigScalar s, string key, TimeSpan min)
    {
        if (!DurationParser.TryParse(s.Value, out var value, out var problem))
        {
            _d.Error(s.Location, $"bad duration {s.Quoted} for '{key}' in {Context}: it {problem}; {DurationParser.Help}");
            return null;
        }

        if (value < min)
        {
            _d.Error(s.Location, $"duration {s.Quoted} for '{key}' in {Context} is too short; write at least {Format(min)}");
            return null;
        }

        return value;
    }

    /// <summary>One of a fixed set of words (case-insensitive); the message lists them all.</summary>
    public T? Choice<T>(string key, IReadOnlyList<KeyValuePair<string, T>> choices, string? requiredExample = null)
        where T : struct
    {
        var s = Scalar(key, requiredExample);
        if (s is null)
        {
            return null;
        }

        foreach (var c in choices)
        {
            if (string.Equals(c.Key, s.Value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return c.Value;
            }
        }

        var names = choices.Select(c => c.Key).ToList();
        _d.Error(s.Location, $"bad {key} {s.Quoted} in {Context}{Suggestions.Hint(s.Value, names, "values")}");
        return null;
    }

    internal static string Format(TimeSpan t) =>
        t.TotalMilliseconds < 1000 ? $"{t.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms" : $"{t.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";
}
