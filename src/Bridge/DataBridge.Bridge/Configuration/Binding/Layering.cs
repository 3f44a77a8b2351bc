namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>How a later configuration layer (a source) lays named entries over an earlier one (its template).</summary>
internal static class Layering
{
    /// <summary>
    /// The entries of <paramref name="under"/> in their order, each replaced by the entry of <paramref name="over"/>
    /// with the same name; the other entries of <paramref name="over"/> are added after them, in their order.
    /// </summary>
    public static List<T> MergeByName<T>(IEnumerable<T> under, IEnumerable<T> over, Func<T, string> name)
    {
        var merged = new List<T>(under);
        foreach (var entry in over)
        {
            var key = name(entry);
            var i = merged.FindIndex(x => string.Equals(name(x), key, StringComparison.Ordinal));
            if (i >= 0)
            {
                merged[i] = entry;
            }
            else
            {
                merged.Add(entry);
            }
        }

        return merged;
    }
}
