namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>Rules for the identifiers a configuration names: asset paths, tag names, source and bridge ids.</summary>
internal static class Names
{
    public const string AssetHelp = "write 4 or 5 lower-case segments enterprise/site/area/line[/cell] of a-z, 0-9, '_' and '-', e.g. acme/plant7/press/line2/press01";

    /// <summary>ISA-95 enterprise/site/area/line[/cell]; null when valid, else the problem.</summary>
    public static string? CheckAssetPath(string path)
    {
        var segments = path.Split('/');
        if (segments.Length is < 4 or > 5)
        {
            return $"has {segments.Length} segment{(segments.Length == 1 ? string.Empty : "s")}";
        }

        foreach (var seg in segments)
        {
            if (seg.Length == 0)
            {
                return "has an empty segment";
            }

            foreach (var c in seg)
            {
                if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_' || c == '-'))
                {
                    return $"segment '{seg}' contains '{c}'";
                }
            }
        }

        return null;
    }

    public const string IdHelp = "use letters, digits, '_', '-' and '.' (at most 128 characters), e.g. press01";

    /// <summary>Ids of bridges and sources, and tag names: letters, digits, _ - . (tag names may also use '/' between parts).</summary>
    public static bool IsValidId(string id, bool allowSlash = false)
    {
        if (id.Length is 0 or > 128 || id[0] == '/' || id[^1] == '/' || id.Contains("//", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' || (allowSlash && c == '/')))
            {
                return false;
            }
        }

        return true;
    }
}
