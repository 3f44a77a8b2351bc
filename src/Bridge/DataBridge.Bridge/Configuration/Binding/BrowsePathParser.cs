using System.Text;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>
/// The browse path syntax of a tag's <c>path:</c> key: <c>Objects/Seg/Seg/...</c> where the first step is the Objects
/// folder (i=85) and each later step is a browse name, optionally <c>alias:Name</c> with an alias declared under
/// <c>opcua: namespaces:</c> (or the built-in <c>ua</c> for namespace 0). Unprefixed names are in the source's
/// <c>namespace:</c> URI (namespace 0 when none is set). <c>\/</c>, <c>\:</c> and <c>\\</c> escape those characters
/// inside a name. A numeric prefix (<c>2:Name</c>) is refused: it is a namespace index, which changes when the server
/// restarts, so a path written with one would silently resolve to another node (or none) one day.
/// </summary>
internal static class BrowsePathParser
{
    /// <summary>The alias of namespace 0 that needs no declaration.</summary>
    public const string StandardAlias = "ua";

    /// <summary>The fixed first step.</summary>
    public const string Root = "Objects";

    /// <summary>More steps than any real address space nests; bounds work on hostile input.</summary>
    public const int MaxSteps = 64;

    /// <summary>One step as written: its alias (null for the default namespace) and unescaped name.</summary>
    internal readonly record struct Step(string? Alias, string Name);

    /// <summary>Whether <paramref name="text"/> can be a namespace alias: a letter, then letters, digits, '_' or '-'.</summary>
    public static bool IsAlias(string text)
    {
        if (text.Length is 0 or > 64 || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A browse name written so that <see cref="TryParse"/> reads it back unchanged ('/', ':' and '\' escaped).</summary>
    public static string Escape(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (c is '/' or ':' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>The steps below Objects, or null with <paramref name="problem"/> saying what to write instead.</summary>
    public static List<Step>? TryParse(string path, out string? problem)
    {
        var segments = Split(path, out problem);
        if (segments is null)
        {
            return null;
        }

        if (segments[0] != Root)
        {
            problem = $"a browse path starts at the Objects folder, e.g. Objects/{(segments[0].Length > 0 ? segments[0] : "Press")}/Temperature";
            return null;
        }

        if (segments.Count == 1)
        {
            problem = "it names the Objects folder itself; add the steps to a variable, e.g. Objects/Press/Temperature";
            return null;
        }

        if (segments.Count > MaxSteps + 1)
        {
            problem = $"it has more than {MaxSteps} steps";
            return null;
        }

        var steps = new List<Step>(segments.Count - 1);
        for (var i = 1; i < segments.Count; i++)
        {
            var step = ParseStep(segments[i], out problem);
            if (step is null)
            {
                return null;
            }

            steps.Add(step.Value);
        }

        return steps;
    }

    /// <summary>Splits on unescaped '/', keeping escapes of ':' (marked by a NUL) so the prefix split can tell them apart.</summary>
    private static List<string>? Split(string path, out string? problem)
    {
        problem = null;
        var segments = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '\\')
            {
                if (i + 1 >= path.Length || path[i + 1] is not ('/' or ':' or '\\'))
                {
                    problem = "'\\' escapes only '/', ':' and '\\' inside a name (write \\/, \\: or \\\\)";
                    return null;
                }

                // An escaped ':' must not split a prefix; NUL cannot appear in YAML scalars, so it marks it safely.
                current.Append(path[i + 1] == ':' ? '\0' : path[i + 1]);
                i++;
            }
            else if (c == '/')
            {
                segments.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        segments.Add(current.ToString());
        if (segments.Exists(s => s.Length == 0))
        {
            problem = "it has an empty step (a leading, trailing or doubled '/'); write Objects/Press/Temperature";
            return null;
        }

        return segments;
    }

    private static Step? ParseStep(string segment, out string? problem)
    {
        problem = null;
        var colon = segment.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return new Step(null, Unmark(segment));
        }

        var prefix = segment[..colon];
        var name = Unmark(segment[(colon + 1)..]);
        if (prefix.Length > 0 && prefix.All(char.IsAsciiDigit))
        {
            problem = $"step '{Unmark(segment)}' uses namespace index {prefix}, and indexes change when the server restarts; write the name alone when it is in the source's 'namespace:', or declare an alias (opcua: {{ namespaces: {{ plant: <namespace URI> }} }}) and write plant:{name}";
            return null;
        }

        if (!IsAlias(prefix))
        {
            problem = $"step '{Unmark(segment)}' has a bad prefix '{prefix}'; a prefix is a namespace alias (letters, digits, '_', '-'); write \\: for a ':' that is part of the name";
            return null;
        }

        if (name.Length == 0)
        {
            problem = $"step '{Unmark(segment)}' has no name after the alias; write {prefix}:Name";
            return null;
        }

        return new Step(prefix, name);
    }

    private static string Unmark(string text) => text.Replace('\0', ':');
}
