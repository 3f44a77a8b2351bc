using DataBridge.Bridge.Configuration.Yaml;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>The keys of an <c>opcua:</c> mapping as written; a template's settings are overlaid by the source's.</summary>
internal sealed record OpcUaSettingsSpec(string? Endpoint, TimeSpan? PublishingInterval)
{
    internal static readonly string[] Keys = ["endpoint", "publishingInterval"];

    public static OpcUaSettingsSpec Read(ConfigMapping map, string context, Diagnostics d)
    {
        var r = new MappingReader(map, context, Keys, d);
        var endpoint = r.String("endpoint");
        if (endpoint is not null && !endpoint.StartsWith("opc.tcp://", StringComparison.OrdinalIgnoreCase))
        {
            d.Error(r.At("endpoint"), $"bad endpoint '{endpoint}' in {context}; write opc.tcp://host:port[/path], e.g. opc.tcp://10.0.0.20:4840");
            endpoint = null;
        }

        return new OpcUaSettingsSpec(endpoint, r.Duration("publishingInterval", TimeSpan.FromMilliseconds(10)));
    }

    public OpcUaSettingsSpec Overlay(OpcUaSettingsSpec over) =>
        new(over.Endpoint ?? Endpoint, over.PublishingInterval ?? PublishingInterval);
}
