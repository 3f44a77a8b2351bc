using DataBridge.Bridge.Configuration.Yaml;
using DataBridge.Configuration;
using DataBridge.Configuration.Yaml;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>Resolves an OPC UA source: template settings ← source <c>opcua:</c> ← <c>endpoint</c> shorthand; template tags ← own tags.</summary>
internal static class OpcUaSourceBuilder
{
    public static OpcUaSourceDefinition? Build(MappingReader r, SourceCommon common, ConfigMapping? opcuaMap, ConfigSequence? tagList)
    {
        var d = r.Diagnostics;
        var settings = common.Template?.OpcUa ?? new OpcUaSettingsSpec();
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

        settings.CheckCounts(r.Context, d);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal) { [BrowsePathParser.StandardAlias] = OpcUaBrowsePathElement.StandardNamespaceUri };
        foreach (var (alias, uri) in settings.Aliases)
        {
            aliases[alias] = uri;
        }

        // A source's tag with the same name as a template tag replaces it (per-machine override); others are added.
        var specs = Layering.MergeByName(common.Template?.OpcUaTags ?? [], TagListReader.ReadOpcUa(tagList, r.Context, d), t => t.Name);

        var tags = new List<TagDefinition>(specs.Count);
        foreach (var s in specs)
        {
            var elements = ResolveSteps(s, settings.Namespace, aliases, r.Context, d);
            if (elements is null)
            {
                continue;
            }

            tags.Add(new OpcUaTagDefinition
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
            BrowsePathElements = elements,
            SamplingInterval = s.SamplingInterval ?? settings.SamplingInterval,
            DeadbandType = s.DeadbandType,
            QueueSize = (uint)(s.QueueSize ?? settings.QueueSize ?? 10),
            DiscardOldest = s.DiscardOldest ?? settings.DiscardOldest ?? true,
            });
        }

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
                KeepAliveCount = (uint)(settings.KeepAliveCount ?? 10),
                LifetimeCount = (uint)(settings.LifetimeCount ?? 60),
                MaxNotificationsPerPublish = (uint)(settings.MaxNotificationsPerPublish ?? 0),
                Security = settings.Security ?? OpcUaSecurityDefinition.Default,
                Namespace = settings.Namespace,
                NamespaceAliases = aliases,
            };
    }

    /// <summary>The path's steps with their namespace URIs; null (reported) when an alias is not declared.</summary>
    private static List<OpcUaBrowsePathElement>? ResolveSteps(OpcUaTagSpec tag, string? defaultNamespace, Dictionary<string, string> aliases, string context, Diagnostics d)
    {
        var elements = new List<OpcUaBrowsePathElement>(tag.Steps.Count);
        foreach (var step in tag.Steps)
        {
            if (step.Alias is null)
            {
                elements.Add(new OpcUaBrowsePathElement(defaultNamespace ?? OpcUaBrowsePathElement.StandardNamespaceUri, step.Name));
            }
            else if (aliases.TryGetValue(step.Alias, out var uri))
            {
                elements.Add(new OpcUaBrowsePathElement(uri, step.Name));
            }
            else
            {
                d.Error(tag.PathLocation, $"unknown namespace alias '{step.Alias}' in the browse path of tag '{tag.Name}' of {context}{Suggestions.Hint(step.Alias, [.. aliases.Keys], "aliases")}; or declare it: opcua: {{ namespaces: {{ {step.Alias}: <namespace URI> }} }}");
                return null;
            }
        }

        return elements;
    }
}
