using System.Globalization;
using DataBridge.Configuration;
using YamlDotNet.RepresentationModel;

namespace DataBridge.Kpi.Model.Yaml;

/// <summary>
/// Reads typed values out of YAML nodes and records a positioned error instead of throwing, so that the loader
/// reports every problem of a file at once. Problems are the configuration kernel's <see cref="ConfigurationError"/>
/// (file:line:column) and durations follow its one dialect (<see cref="DurationParser"/>, with the KPI model's
/// bare-number-is-seconds rule).
/// </summary>
internal sealed class YamlCursor(string file)
{
    private readonly List<ConfigurationError> _errors = [];

    public IReadOnlyList<ConfigurationError> Errors => _errors;

    public string File => file;

    public void Error(YamlNode node, string message) =>
        _errors.Add(new ConfigurationError(file, (int)node.Start.Line, (int)node.Start.Column, message));

    public void Error(long line, long column, string message) =>
        _errors.Add(new ConfigurationError(file, (int)line, (int)column, message));

    public YamlMappingNode? Mapping(YamlNode? node, string what)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlMappingNode m)
        {
            return m;
        }

        Error(node, $"{what} must be a mapping (key: value lines).");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode? node, string what)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlSequenceNode s)
        {
            return s;
        }

        Error(node, $"{what} must be a list (lines starting with '- ').");
        return null;
    }

    /// <summary>Checks that a mapping uses only known keys; names the allowed ones otherwise.</summary>
    public void OnlyKeys(YamlMappingNode map, string what, params string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (Array.IndexOf(allowed, name) < 0)
            {
                Error(key, $"unknown key '{name}' in {what}; expected one of: {string.Join(", ", allowed)}.");
            }
        }
    }

    public static YamlNode? Get(YamlMappingNode? map, string key)
    {
        if (map is null)
        {
            return null;
        }

        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return v;
            }
        }

        return null;
    }

    public string? Text(YamlNode? node, string what)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value))
        {
            return s.Value.Trim();
        }

        Error(node, $"{what} must be a non-empty text value.");
        return null;
    }

    public string? RequiredText(YamlMappingNode owner, string key, string what)
    {
        var node = Get(owner, key);
        if (node is null)
        {
            Error(owner, $"{what} needs '{key}:'.");
            return null;
        }

        return Text(node, $"'{key}' of {what}");
    }

    public double? Number(YamlNode? node, string what, double min, double max)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            Error(node!, $"{what} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not '{text}'.");
            return null;
        }

        return v;
    }

    public long? Integer(YamlNode node, string what)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
        {
            Error(node, $"{what} must be an integer, not '{text}'.");
            return null;
        }

        return v;
    }

    public TimeSpan? Duration(YamlNode? node, string what, bool mustBePositive = true)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (!DurationParser.TryParse(text, DurationRules.Kpi, out var d, out _) || (mustBePositive && d <= TimeSpan.Zero))
        {
            Error(node!, $"{what} must be a positive duration such as 90, 2.5s, 15m, 8h or 1h30m, not '{text}'.");
            return null;
        }

        return d;
    }

    public TimeOnly? TimeOfDay(YamlNode? node, string what)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (text == "24:00")
        {
            return TimeOnly.MinValue;
        }

        if (!TimeOnly.TryParseExact(text, ["H:mm", "HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            Error(node!, $"{what} must be a local time of day such as \"06:00\", not '{text}'.");
            return null;
        }

        return t;
    }
}
