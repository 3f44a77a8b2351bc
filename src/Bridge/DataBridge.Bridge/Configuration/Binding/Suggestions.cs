namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>Did-you-mean by edit distance (optimal string alignment: insertions, deletions, substitutions, swaps).</summary>
internal static class Suggestions
{
    /// <summary>The closest candidate within a distance that still looks like a typo, or null.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var limit = Math.Max(1, Math.Min(3, (word.Length + 1) / 3));
        foreach (var c in candidates)
        {
            if (word.Length >= 3 && c.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }

            var d = Distance(word.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }

        return bestDistance <= limit ? best : null;
    }

    internal static int Distance(string a, string b)
    {
        if (a.Length > 256 || b.Length > 256)
        {
            return int.MaxValue;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                }

                d[i, j] = v;
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>"; did you mean 'x'? Allowed keys: a, b" or "; allowed keys: a, b" (<paramref name="what"/> = "keys").</summary>
    public static string Hint(string word, IReadOnlyCollection<string> candidates, string what)
    {
        var s = Closest(word, candidates);
        var list = string.Join(", ", candidates);
        return s is null ? $"; allowed {what}: {list}" : $"; did you mean '{s}'? Allowed {what}: {list}";
    }
}
