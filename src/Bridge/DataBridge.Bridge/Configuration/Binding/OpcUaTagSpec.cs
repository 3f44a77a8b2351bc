using System.Globalization;
using DataBridge.Bridge.Configuration.Yaml;
using DataBridge.Configuration;
using DataBridge.Configuration.Yaml;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>An OPC UA tag as read from YAML, checked, not yet bound to a source.</summary>
internal sealed record OpcUaTagSpec(
    CommonTagFields Common,
    string? NodeId,
    string? BrowsePath,
    IReadOnlyList<BrowsePathParser.Step> Steps,
    SourceLocation PathLocation,
    TimeSpan? SamplingInterval,
    OpcUaDeadbandType DeadbandType,
    int? QueueSize,
    bool? DiscardOldest)
{
    /// <summary>Part 4 §5.12.1.4 leaves the upper bound to the server; 10,000 bounds server memory per item.</summary>
    internal const int MaxQueueSize = 10_000;

    internal static readonly string[] Keys =
        ["name", "node", "path", "samplingInterval", "queueSize", "discardOldest", "deadband", "unit", "scale", "heartbeat", "description"];

    public string Name => Common.Name;

    public static OpcUaTagSpec? Read(ConfigMapping map, string owner, Diagnostics d)
    {
        var errorsBefore = d.ErrorCount;
        var nameHint = map.Find("name") is ConfigScalar { IsNull: false, IsSubstituted: false } n ? $"tag '{n.Value}'" : $"a tag of {owner}";
        var r = new MappingReader(map, nameHint, Keys, d);
        var common = CommonTagFields.Read(r);
        var node = r.String("node");
        var path = r.String("path");
        if (node is null && path is null)
        {
            d.Error(r.Location, $"missing required key 'node' in {r.Context}; add e.g. 'node: nsu=urn:acme:press;s=Temperature' or 'path: Objects/Press/Temperature'");
        }
        else if (node is not null && path is not null)
        {
            d.Error(r.At("path"), $"{r.Context} has both 'node' and 'path'; keep one of them");
        }
        else if (node is not null && CheckNodeId(node) is { } problem)
        {
            d.Error(r.At("node"), $"bad node id {r.Quote("node")} in {r.Context}: {problem}");
        }

        List<BrowsePathParser.Step> steps = [];
        if (path is not null && node is null)
        {
            if (BrowsePathParser.TryParse(path, out var pathProblem) is { } parsed)
            {
                steps = parsed;
            }
            else
            {
                d.Error(r.At("path"), $"bad browse path {r.Quote("path")} in {r.Context}: {pathProblem}");
            }
        }

        var sampling = r.Duration("samplingInterval", TimeSpan.Zero);
        var queueSize = r.Int("queueSize", 1, MaxQueueSize);
        var discardOldest = r.Choice("discardOldest", OpcUaSettingsSpec.Booleans);
        var (type, deadband) = ReadDeadband(r);
        if (common is null || d.ErrorCount != errorsBefore)
        {
            return null;
        }

        return new OpcUaTagSpec(common with { Deadband = deadband }, node, path, steps, r.At("path"), sampling, type, queueSize, discardOldest);
    }

    private static (OpcUaDeadbandType, double) ReadDeadband(MappingReader r)
    {
        var s = r.Scalar("deadband");
        if (s is null)
        {
            return (OpcUaDeadbandType.None, 0);
        }

        var text = s.Value.Trim();
        var percent = text.EndsWith('%');
        if (percent)
        {
            text = text[..^1].TrimEnd();
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < 0 || (percent && v > 100))
        {
            r.Diagnostics.Error(s.Location, $"bad deadband {s.Quoted} in {r.Context}; write an absolute amount (0.5) or a percent of the EU range (2%)");
            return (OpcUaDeadbandType.None, 0);
        }

        return v == 0 ? (OpcUaDeadbandType.None, 0) : (percent ? OpcUaDeadbandType.Percent : OpcUaDeadbandType.Absolute, v);
    }

    /// <summary>Null when acceptable. Namespace indexes are refused: they change when a server restarts (Part 6 §5.3.1.10 nsu= form).</summary>
    private static string? CheckNodeId(string node)
    {
        if (node.StartsWith("ns=", StringComparison.Ordinal))
        {
            return node.StartsWith("ns=0;", StringComparison.Ordinal)
                ? null
                : "namespace indexes change when the server restarts; write the namespace URI instead, e.g. nsu=urn:acme:press;s=Temperature";
        }

        var rest = node;
        if (node.StartsWith("nsu=", StringComparison.Ordinal))
        {
            var semi = node.IndexOf(';', StringComparison.Ordinal);
            if (semi < 5)
            {
                return "write nsu=<namespace URI>;<i|s|g|b>=<identifier>";
            }

            rest = node[(semi + 1)..];
        }

        return rest.Length > 2 && rest[1] == '=' && rest[0] is 'i' or 's' or 'g' or 'b'
            ? null
            : "write nsu=<namespace URI>;<i|s|g|b>=<identifier>, or i=<number> for a standard node";
    }
}
