using DataBridge.Bridge.Configuration.Yaml;
using DataBridge.Configuration;
using DataBridge.Configuration.Yaml;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>Resolves a Modbus source: template settings ← source <c>modbus:</c> ← shorthand keys; template tags ← own tags.</summary>
internal static class ModbusSourceBuilder
{
    public static ModbusSourceDefinition? Build(MappingReader r, SourceCommon common, ConfigMapping? modbusMap, ConfigSequence? tagList)
    {
        var d = r.Diagnostics;
        var settings = common.Template?.Modbus ?? new ModbusSettingsSpec();
        if (modbusMap is not null)
        {
            settings = settings.Overlay(ModbusSettingsSpec.Read(modbusMap, $"modbus settings of {r.Context}", d));
        }

        settings = settings.Overlay(ModbusSettingsSpec.ReadShorthand(r));
        if (!settings.HostWritten)
        {
            d.Error(r.Location, $"missing required key 'host' in {r.Context}; add e.g. 'host: 10.0.0.11' (or 'modbus: {{ host: 10.0.0.11 }}')");
        }

        var groups = settings.EffectivePollGroups();
        var own = TagListReader.ReadModbus(tagList, r.Context, d);

        // A source's tag with the same name as a template tag replaces it (per-machine override); others are added.
        var specs = Layering.MergeByName(common.Template?.ModbusTags ?? [], own, t => t.Name);

        if (specs.Count == 0 && !common.NamesTemplate && (tagList is null || tagList.Items.Count == 0))
        {
            d.Error(r.Location, $"{r.Context} has no tags; add 'tags:' with at least one tag, or a 'template:' that has tags");
        }

        var tags = new List<TagDefinition>(specs.Count);
        foreach (var s in specs)
        {
            var group = ResolvePollGroup(s, groups, d);
            if (group is null)
            {
                continue;
            }

            tags.Add(new ModbusTagDefinition
            {
                TagId = common.AssetPath + "/" + s.Name,
                Name = s.Name,
                AssetPath = common.AssetPath,
                Unit = s.Common.Unit,
                Description = s.Common.Description,
                Scaling = s.Common.Scaling,
                Deadband = s.Common.Deadband,
                Heartbeat = s.Common.Heartbeat,
                Location = s.Common.Location,
                Table = s.Address.Table,
                Address = s.Address.Address,
                BitIndex = s.Address.BitIndex,
                DataType = s.DataType,
                ByteOrder = s.ByteOrder,
                StringLength = s.StringLength,
                StringTrim = s.StringTrim,
                PollGroup = group,
                AddressText = s.AddressText,
            });
        }

        if (settings.Host is null)
        {
            return null;
        }

        return new ModbusSourceDefinition
        {
            Id = common.Id,
            AssetPath = common.AssetPath,
            Location = common.Location,
            Template = common.Template?.Name,
            Tags = tags,
            Host = settings.Host,
            Port = settings.Port ?? 502,
            UnitId = (byte)(settings.Unit ?? 1),
            RequestTimeout = settings.Timeout ?? TimeSpan.FromSeconds(1),
            MaxGap = settings.MaxGap ?? 0,
            MaxRegistersPerRequest = settings.MaxRegistersPerRequest ?? 125,
            MaxBitsPerRequest = settings.MaxBitsPerRequest ?? 2000,
            MaxInFlight = settings.MaxInFlight ?? 4,
            PollGroups = groups,
        };
    }

    private static string? ResolvePollGroup(ModbusTagSpec tag, IReadOnlyList<PollGroupDefinition> groups, Diagnostics d)
    {
        var names = groups.Select(g => g.Name).ToList();
        if (tag.PollGroup is { } written)
        {
            if (names.Contains(written.Value))
            {
                return written.Value;
            }

            d.Error(written.Location, $"poll group {written.Quoted} of tag '{tag.Name}' is not defined{Suggestions.Hint(written.Value, names, "poll groups")}; or define it under modbus: pollGroups: {{ {written.Value}: 1s }}");
            return null;
        }

        if (groups.Count == 1)
        {
            return groups[0].Name;
        }

        if (names.Contains("default"))
        {
            return "default";
        }

        d.Error(tag.Common.Location, $"tag '{tag.Name}' has no pollGroup and its source has several ({string.Join(", ", names)}); add e.g. 'pollGroup: {names[0]}'");
        return null;
    }
}
