using DataBridge.Bridge.Configuration.Yaml;
using DataBridge.Configuration;
using DataBridge.Configuration.Yaml;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>Turns the YAML tree into a <see cref="BridgeConfiguration"/>, reporting every problem to <see cref="Diagnostics"/>.</summary>
internal static class ConfigurationBinder
{
    internal static readonly string[] RootKeys = ["bridge", "kafka", "outbox", "templates", "sources"];
    internal static readonly string[] BridgeKeys = ["id", "stateDir"];

    public static BridgeConfiguration? Bind(ConfigNode? root, string filePath, string baseDirectory, Diagnostics d)
    {
        if (root is null || root is ConfigScalar { IsNull: true })
        {
            d.Error(new SourceLocation(d.File, 1, 1), "the file is empty; a configuration needs at least 'bridge: { id: ... }' and 'sources:' (see samples/modbus-quickstart.yaml)");
            return null;
        }

        if (root is not ConfigMapping map)
        {
            d.Error(root.Location, $"the file must be a mapping with the keys {string.Join(", ", RootKeys)}, not {root.Kind}");
            return null;
        }

        var r = new MappingReader(map, "the file", RootKeys, d);
        var bridgeMap = r.Mapping("bridge", required: true, example: "{ id: edge-plant7 }");
        string? bridgeId = null;
        var stateDir = Path.GetFullPath(Path.Combine(baseDirectory, "databridge-state"));
        if (bridgeMap is not null)
        {
            var br = new MappingReader(bridgeMap, "bridge", BridgeKeys, d);
            var id = br.Scalar("id", "edge-plant7");
            if (id is not null && !Names.IsValidId(id.Value))
            {
                d.Error(id.Location, $"bad bridge id {id.Quoted}; {Names.IdHelp}");
            }
            else
            {
                bridgeId = id?.Value;
            }

            stateDir = ResolveDirectory(br, "stateDir", baseDirectory) ?? stateDir;
        }

        var kafka = KafkaReader.Read(r.Mapping("kafka"), d);
        var outbox = OutboxSettingsReader.Read(r.Mapping("outbox"), baseDirectory, d);
        var templates = ReadTemplates(r.Mapping("templates"), d);
        var sources = ReadSources(r, templates, d);

        foreach (var t in templates.Values)
        {
            if (!t.Used)
            {
                d.Warning(t.Location, $"template '{t.Name}' is not used by any source; remove it or add a source with 'template: {t.Name}'");
            }
        }

        CrossChecks.UniqueTagIds(sources, d);
        foreach (var s in sources.OfType<ModbusSourceDefinition>())
        {
            CrossChecks.Overlaps(s, d);
        }

        if (bridgeId is null)
        {
            return null;
        }

        return new BridgeConfiguration
        {
            BridgeId = bridgeId,
            StateDirectory = stateDir,
            Kafka = kafka,
            Outbox = outbox,
            Sources = sources,
            FilePath = filePath,
            Warnings = d.Warnings(),
        };
    }

    private static string? ResolveDirectory(MappingReader r, string key, string baseDirectory)
    {
        var s = r.Scalar(key);
        if (s is null)
        {
            return null;
        }

        if (s.Value.Length == 0 || s.Value.Contains('\0', StringComparison.Ordinal))
        {
            r.Diagnostics.Error(s.Location, $"bad {key} {s.Quoted}; write a folder path such as ./state or /var/lib/databridge");
            return null;
        }

        return Path.GetFullPath(Path.Combine(baseDirectory, s.Value));
    }

    private static Dictionary<string, TemplateSpec> ReadTemplates(ConfigMapping? map, Diagnostics d)
    {
        var templates = new Dictionary<string, TemplateSpec>(StringComparer.Ordinal);
        if (map is null)
        {
            return templates;
        }

        foreach (var (name, node) in map.Entries)
        {
            if (!Names.IsValidId(name.Value))
            {
                d.Error(name.Location, $"bad template name '{name.Value}'; {Names.IdHelp}");
                continue;
            }

            if (TemplateSpec.Read(name, node, d) is { } t)
            {
                templates[t.Name] = t;
            }
            else
            {
                // Keep the name known so its sources do not also get 'unknown template'.
                templates[name.Value] = new TemplateSpec { Name = name.Value, Location = name.Location, Used = true, Modbus = new ModbusSettingsSpec() };
            }
        }

        return templates;
    }

    private static List<SourceDefinition> ReadSources(MappingReader r, Dictionary<string, TemplateSpec> templates, Diagnostics d)
    {
        var result = new List<SourceDefinition>();
        var list = r.Sequence("sources", "- { id: press01, template: press, host: 10.0.0.11, asset: acme/plant7/press/line2/press01 }");
        if (list is null)
        {
            if (!r.Has("sources"))
            {
                r.Missing("sources", "[ { id: press01, template: press, host: 10.0.0.11, asset: acme/plant7/press/line2/press01 } ]");
            }

            return result;
        }

        var ids = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (list.Items[i] is not ConfigMapping map)
            {
                d.Error(list.Items[i].Location, $"each source must be a mapping such as '- {{ id: press01, template: press, host: 10.0.0.11, asset: acme/plant7/press/line2/press01 }}', not {list.Items[i].Kind}");
                continue;
            }

            if (map.Find("id") is ConfigScalar { IsNull: false } id)
            {
                if (ids.TryGetValue(id.Value, out var first))
                {
                    d.Error(id.Location, $"duplicate source id {id.Quoted}; it is already used at line {first.Line} column {first.Column}; source ids must be unique");
                }
                else
                {
                    ids.Add(id.Value, id.Location);
                }
            }

            if (SourceReader.Read(map, i, templates, d) is { } source)
            {
                result.Add(source);
            }
        }

        return result;
    }
}
