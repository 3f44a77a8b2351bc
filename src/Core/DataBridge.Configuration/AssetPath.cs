namespace DataBridge.Configuration;

/// <summary>
/// An ISA-95 asset path <c>enterprise/site/area/line[/cell]</c>: 4 or 5 lower-case segments of a-z, 0-9, '_' and '-'.
/// Checked once here for the bridge configuration and the KPI model alike.
/// </summary>
public readonly record struct AssetPath
{
    /// <summary>The advice appended to an asset path problem.</summary>
    public const string Help = "write 4 or 5 lower-case segments enterprise/site/area/line[/cell] of a-z, 0-9, '_' and '-', e.g. acme/plant7/press/line2/press01";

    private AssetPath(string value, int segments)
    {
        Value = value;
        Segments = segments;
    }

    /// <summary>The path as written, e.g. <c>acme/plant7/press/line2/press01</c>.</summary>
    public string Value { get; }

    /// <summary>4 for a line, 5 for a cell.</summary>
    public int Segments { get; }

    /// <summary>True for enterprise/site/area/line/cell.</summary>
    public bool IsCell => Segments == 5;

    /// <summary>Parses <paramref name="text"/>; false with the problem ("has 3 segments", "segment 'A' contains 'A'", …) when it is not a valid path.</summary>
    public static bool TryParse(string text, out AssetPath path, out string? problem) => TryParse(text, anyCharacters: false, out path, out problem);

    /// <summary>
    /// Parses <paramref name="text"/>; with <paramref name="anyCharacters"/> only the shape (4 or 5 non-empty segments)
    /// is checked — the KPI model's rule, kept so that models it accepted before stay valid.
    /// </summary>
    public static bool TryParse(string text, bool anyCharacters, out AssetPath path, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        path = default;
        problem = Check(text, anyCharacters, out var segments);
        if (problem is not null)
        {
            return false;
        }

        path = new AssetPath(text, segments);
        return true;
    }

    /// <summary>True when <paramref name="ancestor"/> is this path's line (or this path itself is below it).</summary>
    public bool IsBelow(AssetPath ancestor) =>
        Value.Length > ancestor.Value.Length && Value[ancestor.Value.Length] == '/' && Value.StartsWith(ancestor.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;

    private static string? Check(string path, bool anyCharacters, out int count)
    {
        count = 1;
        foreach (var c in path)
        {
            if (c == '/')
            {
                count++;
            }
        }

        if (count is < 4 or > 5)
        {
            return $"has {count} segment{(count == 1 ? string.Empty : "s")}";
        }

        var start = 0;
        while (start <= path.Length)
        {
            var end = path.IndexOf('/', start);
            if (end < 0)
            {
                end = path.Length;
            }

            if (end == start)
            {
                return "has an empty segment";
            }

            for (var i = start; i < end && !anyCharacters; i++)
            {
                var c = path[i];
                if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_' || c == '-'))
                {
                    return $"segment '{path[start..end]}' contains '{c}'";
                }
            }

            start = end + 1;
        }

        return null;
    }
}
