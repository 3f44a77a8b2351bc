using System.Diagnostics;
using System.Globalization;
using System.Text;
using DataBridge.Bridge.Configuration;

namespace DataBridge.Bench.Config;

/// <summary>
/// `bench/run.sh config [tags...]`: loads (parses, validates and binds) generated configurations of 5k, 20k, 50k and
/// 100k tags, half Modbus and half OPC UA, with templates whose tags the sources extend and override (issue #18), and
/// prints the time per size so the growth is visible: linear loading keeps "ms per 1,000 tags" flat.
/// </summary>
internal static class ConfigLoadBench
{
    private const int ModbusTagsPerSource = 1_000;
    private const int OpcUaTagsPerSource = 10_000;

    public static int Run(string[] args)
    {
        int[] sizes = args.Length == 0 ? [5_000, 20_000, 50_000, 100_000] : Array.ConvertAll(args, a => int.Parse(a, CultureInfo.InvariantCulture));
        Console.WriteLine("tags      sources  yaml (MiB)  load (ms, best of 3)  ms per 1,000 tags");
        foreach (var tags in sizes)
        {
            var (yaml, sources) = Generate(tags);
            var best = double.MaxValue;
            var runs = tags >= 50_000 ? 2 : 3;
            BridgeConfiguration? config = null;
            for (var i = 0; i < runs; i++)
            {
                var sw = Stopwatch.StartNew();
                config = ConfigurationLoader.Parse(yaml, "bench.yaml");
                best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
            }

            var loaded = 0;
            foreach (var s in config!.Sources)
            {
                loaded += s.Tags.Count;
            }

            if (loaded != tags)
            {
                Console.Error.WriteLine($"generated {tags} tags but the configuration has {loaded}");
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{tags,-9} {sources,-8} {yaml.Length / 1048576.0,-11:F1} {best,-21:F0} {best / (tags / 1000.0):F1}"));
        }

        return 0;
    }

    /// <summary>Half the tags on Modbus sources (a 500-tag template; each source overrides 100 and adds 500), half on OPC UA sources of 10,000 tags (100,000 monitored items over 10 sessions).</summary>
    internal static (string Yaml, int Sources) Generate(int tags)
    {
        var sb = new StringBuilder(tags * 110);
        sb.Append("bridge:\n  id: bench\n  stateDir: ./state\nkafka:\n  bootstrap: 127.0.0.1:9092\n");
        sb.Append("templates:\n  press:\n    modbus: { port: 502, unit: 1, timeout: 1s, pollGroups: { fast: 1s } }\n    tags:\n");
        for (var t = 0; t < ModbusTagsPerSource / 2; t++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"      - {{ name: t{t}, address: holding:{t * 2}, type: uint16, unit: CEL, deadband: 0.5, pollGroup: fast }}\n");
        }

        sb.Append("  oven:\n    opcua: { endpoint: \"opc.tcp://127.0.0.1:4840/plant\", publishingInterval: 500ms, namespace: urn:bench }\n    tags:\n");
        for (var t = 0; t < OpcUaTagsPerSource / 2; t++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"      - {{ name: v{t}, node: \"nsu=urn:bench;s=V{t}\", samplingInterval: 250ms, unit: CEL }}\n");
        }

        sb.Append("sources:\n");
        var modbusTags = tags / 2;
        var opcuaTags = tags - modbusTags;
        var sources = 0;
        for (var s = 0; modbusTags > 0; s++, sources++)
        {
            var own = Math.Min(ModbusTagsPerSource, modbusTags);
            modbusTags -= own;
            sb.Append(CultureInfo.InvariantCulture, $"  - id: press{s}\n    template: press\n    host: 10.0.{s / 250}.{(s % 250) + 1}\n    asset: acme/plant7/press/line{s / 100}/press{s}\n    tags:\n");
            // Override the first 100 template tags (same name, other deadband), then add tags of its own.
            var overrides = Math.Min(100, own);
            for (var t = 0; t < overrides; t++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"      - {{ name: t{t}, address: holding:{t * 2}, type: uint16, unit: CEL, deadband: 1, pollGroup: fast }}\n");
            }

            var inherited = Math.Min(ModbusTagsPerSource / 2, own);
            for (var t = ModbusTagsPerSource / 2; t < ModbusTagsPerSource / 2 + own - inherited; t++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"      - {{ name: t{t}, address: holding:{t * 2}, type: uint16, pollGroup: fast }}\n");
            }

            if (own < ModbusTagsPerSource / 2)
            {
                // The last, partial source: fewer tags than the template holds, so no template.
                TrimTemplate(sb, s, own, "press", "t", t => $"address: holding:{t * 2}, type: uint16, pollGroup: fast");
            }
        }

        for (var s = 0; opcuaTags > 0; s++, sources++)
        {
            var own = Math.Min(OpcUaTagsPerSource, opcuaTags);
            opcuaTags -= own;
            sb.Append(CultureInfo.InvariantCulture, $"  - id: oven{s}\n    template: oven\n    asset: acme/plant7/baking/line{s / 100}/oven{s}\n    tags:\n");
            var inherited = Math.Min(OpcUaTagsPerSource / 2, own);
            for (var t = OpcUaTagsPerSource / 2; t < OpcUaTagsPerSource / 2 + own - inherited; t++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"      - {{ name: v{t}, node: \"nsu=urn:bench;s=V{t}\" }}\n");
            }

            if (own < OpcUaTagsPerSource / 2)
            {
                TrimTemplate(sb, s, own, "oven", "v", t => $"node: \"nsu=urn:bench;s=V{t}\"");
            }
        }

        return (sb.ToString(), sources);
    }

    /// <summary>Rewrites the source just appended so that it lists exactly <paramref name="count"/> tags without the template.</summary>
    private static void TrimTemplate(StringBuilder sb, int s, int count, string template, string prefix, Func<int, string> fields)
    {
        var text = sb.ToString();
        var start = text.LastIndexOf("  - id: ", StringComparison.Ordinal);
        var head = text[start..text.IndexOf("    tags:\n", start, StringComparison.Ordinal)].Replace($"    template: {template}\n", string.Empty, StringComparison.Ordinal);
        sb.Length = start;
        sb.Append(head);
        sb.Append(template == "press" ? "    modbus: { port: 502, unit: 1, pollGroups: { fast: 1s } }\n" : "    opcua: { endpoint: \"opc.tcp://127.0.0.1:4840/plant\", namespace: urn:bench }\n");
        sb.Append("    tags:\n");
        for (var t = 0; t < count; t++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"      - {{ name: {prefix}{t}, {fields(t)} }}\n");
        }

        _ = s;
    }
}
