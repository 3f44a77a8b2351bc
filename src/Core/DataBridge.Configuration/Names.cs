namespace DataBridge.Configuration;

/// <summary>Rules for the identifiers a configuration names: tag names, source, bridge and template ids (asset paths: <see cref="AssetPath"/>).</summary>
public static class Names
{
    /// <summary>The advice appended to an id problem.</summary>
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
