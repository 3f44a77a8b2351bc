using DataBridge.Bridge.Configuration.Yaml;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>Resolves an OPC UA source: template settings ← source <c>opcua:</c> ← <c>endpoint</c> shorthand; template tags ← own tags.</summary>
internal static class OpcUaSourceBuilder
{
    public static OpcUaSourceDefinition? Build(MappingReader r, SourceCommon common, ConfigMapping? opcuaMap, ConfigSequence? tagList)
    {
        var d = r.Diagnostics;
        var settings = common.Template?.OpcUa ?? new OpcUaSettingsSpec(null, null);
        if (opcuaMap is not null)
        {
            settings = settings.Overlay(OpcUaSettingsSpec.Read(opcuaMap, $"opcua settings of {r.Context}", d));
        }

        var endpoint = r.Scalar("endpoint");
        if (endpoint is not null)
        {
            if (endpoint.Value.StartsWith("opc.tcp://", StringComparison.OrdinalIgnoreCase))
            {
                settings = settings with { Endpoint = endpoint.Value };
            }
            else
            {
                d.Error(endpoint.Location, $"bad endpoint {endpoint.Quoted} in {r.Context}; write opc.tcp://host:port[/path], e.g. opc.tcp://10.0.0.20:4840");
            }
        }

        if (settings.Endpoint is null && endpoint is null)
        {
            d.Error(r.Location, $"missing required key 'endpoint' in {r.Context}; add e.g. 'opcua: {{ endpoint: opc.tcp://10.0.0.20:4840 }}'");
        }

        var specs = new List<OpcUaTagSpec>(common.Template?.OpcUaTags ?? []);
        foreach (var t in TagListReader.ReadOpcUa(tagList, r.Context, d))
        {
            var i = specs.FindIndex(x => x.Name == t.Name);
            if (i >= 0)
            {
                specs[i] = t;
            }
            else
            {
                specs.Add(t);
            }
        }

        var tags = specs.Select(s => (TagDefinition)new OpcUaTagDefinition
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
            NodeId = s.NodeId,
            BrowsePath = s.BrowsePath,
            SamplingInterval = s.SamplingInterval,
            DeadbandType = s.DeadbandType,
        }).ToList();

        return settings.Endpoint is null
            ? null
            : new OpcUaSourceDefinition
            {
                Id = common.Id,
                AssetPath = common.AssetPath,
                Location = common.Location,
                Template = common.Template?.Name,
                Tags = tags,
                Endpoint = settings.Endpoint,
                PublishingInterval = settings.PublishingInterval ?? TimeSpan.FromSeconds(1),
            };
    }
}
