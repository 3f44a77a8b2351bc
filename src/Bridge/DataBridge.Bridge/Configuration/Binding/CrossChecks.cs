using DataBridge.Connectors.Modbus.Encoding;
using DataBridge.Configuration;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>Checks across tags and sources: unique tag ids, overlapping multi-register tags.</summary>
internal static class CrossChecks
{
    public static void UniqueTagIds(IReadOnlyList<SourceDefinition> sources, Diagnostics d)
    {
        var seen = new Dictionary<string, (SourceDefinition Source, TagDefinition Tag)>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            foreach (var tag in source.Tags)
            {
                if (seen.TryGetValue(tag.TagId, out var first))
                {
                    // Template tags share one location; point at the source that repeats the asset path instead.
                    var at = source.Template is not null && tag.Location == first.Tag.Location ? source.Location : tag.Location;
                    d.Error(at, $"duplicate tag id '{tag.TagId}': source '{source.Id}' repeats a tag of source '{first.Source.Id}' (line {first.Source.Location.Line}); tag ids must be unique, so give each source its own asset path or rename the tag");
                    continue;
                }

                seen.Add(tag.TagId, (source, tag));
            }
        }
    }

    /// <summary>Two multi-register tags sharing registers usually means a typo in an address; a warning, since some devices do overlay views.</summary>
    public static void Overlaps(ModbusSourceDefinition source, Diagnostics d)
    {
        var multi = source.Tags.OfType<ModbusTagDefinition>()
            .Where(t => t.Count > 1 && t.Table is ModbusTable.HoldingRegister or ModbusTable.InputRegister)
            .OrderBy(t => t.Table).ThenBy(t => t.Address).ToList();
        ModbusTagDefinition? reach = null; // the tag reaching furthest so far in the current table
        foreach (var b in multi)
        {
            if (reach is not null && reach.Table == b.Table && reach.Address + reach.Count > b.Address)
            {
                d.Warning(b.Location, $"tags '{reach.Name}' ({reach.AddressText}, {reach.Count} registers) and '{b.Name}' ({b.AddressText}, {b.Count} registers) overlap; check the addresses");
            }

            if (reach is null || reach.Table != b.Table || b.Address + b.Count > reach.Address + reach.Count)
            {
                reach = b;
            }
        }
    }
}
