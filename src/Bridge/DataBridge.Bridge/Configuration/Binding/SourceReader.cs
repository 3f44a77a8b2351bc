using DataBridge.Bridge.Configuration.Yaml;
using DataBridge.Configuration;
using DataBridge.Configuration.Yaml;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>Reads one entry of <c>sources:</c>, expands its template and resolves it into a <see cref="SourceDefinition"/>.</summary>
internal static class SourceReader
{
    internal static readonly string[] Keys = ["id", "asset", "template", "host", "port", "unit", "endpoint", "modbus", "opcua", "tags", "description"];

    public static SourceDefinition? Read(ConfigMapping map, int index, IReadOnlyDictionary<string, TemplateSpec> templates, Diagnostics d)
    {
        var idHint = map.Find("id") is ConfigScalar { IsNull: false, IsSubstituted: false } n ? $"source '{n.Value}'" : $"source #{index + 1}";
        var r = new MappingReader(map, idHint, Keys, d);
        var idScalar = r.Scalar("id", "press01");
        var identified = idScalar is not null;
        if (idScalar is not null && !Names.IsValidId(idScalar.Value))
        {
            d.Error(idScalar.Location, $"bad source id {idScalar.Quoted}; {Names.IdHelp}");
            identified = false;
        }

        var asset = r.Scalar("asset", "acme/plant7/press/line2/press01");
        identified &= asset is not null;
        if (asset is not null && !AssetPath.TryParse(asset.Value, out _, out var problem))
        {
            d.Error(asset.Location, $"bad asset path {asset.Quoted} in {r.Context}: it {problem}; {AssetPath.Help}");
            identified = false;
        }

        r.String("description");
        var template = ResolveTemplate(r, templates);
        var modbusMap = r.Mapping("modbus");
        var opcuaMap = r.Mapping("opcua");
        if (modbusMap is null && opcuaMap is null && template is null && MisspelledKind(map) is { } guess)
        {
            // The unknown key is reported already ("did you mean 'modbus'?"); read the source as the kind it most
            // likely meant, so that the problems in its settings and tags are named in the same run.
            if (guess.Kind == "modbus")
            {
                modbusMap = guess.Settings;
            }
            else
            {
                opcuaMap = guess.Settings;
            }
        }

        var isOpcUa = template?.OpcUa is not null || opcuaMap is not null || r.Has("endpoint");
        var isModbus = template?.Modbus is not null || modbusMap is not null || r.Has("host") || r.Has("port") || r.Has("unit");
        if (isOpcUa && isModbus)
        {
            d.Error(r.Location, $"{r.Context} mixes Modbus settings (modbus, host, port, unit) with OPC UA settings (opcua, endpoint); a source is one device, so split it in two");
            return null;
        }

        var tags = r.Sequence("tags", "- { name: temperature, address: holding:100, type: float32 }");
        if (!isOpcUa && !isModbus)
        {
            if (!r.Has("template"))
            {
                d.Error(r.Location, $"{r.Context} names no device; add 'template: <name>', 'modbus: {{ host: 10.0.0.11 }}' or 'opcua: {{ endpoint: opc.tcp://host:4840 }}'");
            }

            return null;
        }

        var common = new SourceCommon(idScalar?.Value ?? string.Empty, asset?.Value ?? string.Empty, r.Location, template, r.Has("template"));
        var source = isModbus
            ? (SourceDefinition?)ModbusSourceBuilder.Build(r, common, modbusMap, tags)
            : OpcUaSourceBuilder.Build(r, common, opcuaMap, tags);
        // Returned even with other errors so cross-source checks (duplicate tag ids) still run, but not without a
        // usable id and asset path: its tag ids would be wrong and only add noise.
        return identified ? source : null;
    }

    /// <summary>An unknown key that is a mapping and a near miss of <c>modbus</c> or <c>opcua</c> (e.g. <c>modbsu:</c>).</summary>
    private static (string Kind, ConfigMapping Settings)? MisspelledKind(ConfigMapping map)
    {
        foreach (var (key, value) in map.Entries)
        {
            if (value is not ConfigMapping settings || Array.IndexOf(Keys, key.Value) >= 0)
            {
                continue;
            }

            if (Suggestions.Closest(key.Value, ["modbus", "opcua"]) is { } kind)
            {
                return (kind, settings);
            }
        }

        return null;
    }

    private static TemplateSpec? ResolveTemplate(MappingReader r, IReadOnlyDictionary<string, TemplateSpec> templates)
    {
        var name = r.Scalar("template");
        if (name is null)
        {
            return null;
        }

        if (templates.TryGetValue(name.Value, out var t))
        {
            t.Used = true;
            return t;
        }

        var known = templates.Keys.ToList();
        var hint = known.Count == 0
            ? "; define it under 'templates:' first"
            : Suggestions.Hint(name.Value, known, "templates");
        r.Diagnostics.Error(name.Location, $"unknown template {name.Quoted} in {r.Context}{hint}");
        return null;
    }
}

/// <summary>What every source has, whatever its protocol.</summary>
internal sealed record SourceCommon(string Id, string AssetPath, SourceLocation Location, TemplateSpec? Template, bool NamesTemplate);
