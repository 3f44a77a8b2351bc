using System.Globalization;
using System.Text;

namespace DataBridge.Integration.Tests.Support;

/// <summary>Writes a bridge configuration with one <c>opcua:</c> source pointed at a node-opcua peer.</summary>
public static class OpcUaBridgeConfig
{
    public const string SourceId = "opc1";

    public const string Asset = "acme/testplant/opc/line1";

    /// <summary>The tag id the bridge gives a tag of the source (asset path + name).</summary>
    public static string TagId(string name) => Asset + "/" + name;

    /// <summary>A string node id written the way the configuration wants it: by namespace URI, never by index.</summary>
    public static string Node(string namespaceUri, string id) => $"nsu={namespaceUri};s={id}";

    /// <summary>Writes <c>bridge.yaml</c> into <paramref name="directory"/> (state under <c>state/</c>) and returns its path.</summary>
    public static string Write(string directory, string endpoint, string bootstrap, IEnumerable<Tag> tags, string publishingInterval = "100ms")
    {
        var sb = new StringBuilder(64 * 1024);
        sb.Append(CultureInfo.InvariantCulture, $"""
            bridge:
              id: it-edge
              stateDir: {Path.Combine(directory, "state")}
            kafka:
              bootstrap: {bootstrap}
            sources:
              - id: {SourceId}
                asset: {Asset}
                opcua: {"{"} endpoint: "{endpoint}", publishingInterval: {publishingInterval}, security: {"{"} mode: none {"}"} {"}"}
                tags:

            """);
        foreach (var t in tags)
        {
            sb.Append(CultureInfo.InvariantCulture, $"      - {{ name: {t.Name}, node: \"{t.Node}\"");
            if (t.SamplingInterval is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $", samplingInterval: {t.SamplingInterval}");
            }

            if (t.Deadband is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $", deadband: \"{t.Deadband}\"");
            }

            sb.Append(" }\n");
        }

        var path = Path.Combine(directory, "bridge.yaml");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    /// <summary>One line of the tag list: <c>deadband</c> as written in YAML (<c>1.0</c> or <c>10%</c>).</summary>
    public sealed record Tag(string Name, string Node, string? SamplingInterval = "100ms", string? Deadband = null);
}
