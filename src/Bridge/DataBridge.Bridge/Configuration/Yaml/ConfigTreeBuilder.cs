using DataBridge.Configuration;
using DataBridge.Configuration.Yaml;

namespace DataBridge.Bridge.Configuration.Yaml;

/// <summary>The bridge's entry to the kernel's YAML tree builder: values pass through <c>${...}</c> substitution.</summary>
internal static class ConfigTreeBuilder
{
    /// <summary>Builds the positioned tree of <paramref name="yaml"/>, expanding <c>${...}</c> in values with <paramref name="substitution"/>.</summary>
    public static ConfigNode? Build(string yaml, Diagnostics diagnostics, Substitution substitution) =>
        global::DataBridge.Configuration.Yaml.ConfigTreeBuilder.Build(yaml, diagnostics, substitution.Expand);
}
