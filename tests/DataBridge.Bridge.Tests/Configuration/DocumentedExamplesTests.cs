using System.Text;
using System.Text.RegularExpressions;
using DataBridge.Bridge.Configuration;
using DataBridge.Testing.Support;
using DataBridge.Configuration;

namespace DataBridge.Bridge.Tests.Configuration;

/// <summary>
/// Issue #19: every bridge configuration example in the documentation parses. Each ```yaml block of README.md and
/// docs/*.md is completed into a whole configuration where it is a fragment (a bridge id, a minimal source, the
/// preceding templates block, a tag list item placed in a source) and loaded with the real loader; secrets written
/// as ${NAME} or ${file:...} are replaced by a placeholder, since the test has neither. samples/ are covered by
/// <see cref="SampleConfigurationTests"/>.
/// </summary>
public sealed partial class DocumentedExamplesTests
{
    private const string MinimalSource = """
        sources:
          - id: docs-example
            asset: acme/plant7/area/line1
            modbus: { host: 127.0.0.1 }
            tags: [ { name: t, address: holding:0, type: int16 } ]
        """;

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, index, _) in Blocks())
        {
            data.Add(file, index);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void A_documented_yaml_example_loads_without_errors(string file, int index)
    {
        var blocks = Blocks().Where(b => b.File == file).ToList();
        var yaml = Complete(blocks, index);
        try
        {
            var config = ConfigurationLoader.Parse(yaml, $"{file} (yaml block {index + 1})");
            Assert.NotEmpty(config.Sources);
        }
        catch (ConfigurationException ex)
        {
            Assert.Fail($"{file}, yaml block {index + 1} does not load:\n{ex.Message}\n--- as completed for the test:\n{yaml}");
        }
    }

    [Fact]
    public void The_documentation_has_bridge_examples_to_check()
    {
        Assert.True(Blocks().Count() >= 8, "the yaml blocks of docs/configuration.md and README.md were not found");
    }

    private static IEnumerable<(string File, int Index, string Text)> Blocks()
    {
        var files = Directory.GetFiles(RepoPaths.Combine("docs"), "*.md").Order(StringComparer.Ordinal).Prepend(RepoPaths.Combine("README.md"));
        foreach (var path in files)
        {
            var relative = Path.GetRelativePath(RepoPaths.Root, path);
            var index = 0;
            foreach (Match m in YamlBlock().Matches(File.ReadAllText(path)))
            {
                var text = Dedent(m.Groups[1].Value);

                // Other services' configurations (the KPI service's 'kpi:') are checked by their own tests.
                if (!TopLevelKeys(text).Contains("kpi"))
                {
                    yield return (relative, index, text);
                }

                index++;
            }
        }
    }

    private static string Complete(List<(string File, int Index, string Text)> blocks, int index)
    {
        var position = blocks.FindIndex(b => b.Index == index);
        var text = blocks[position].Text;
        var keys = TopLevelKeys(text);
        var sb = new StringBuilder();
        if (!keys.Contains("bridge"))
        {
            sb.Append("bridge: { id: docs-example }\n");
        }

        if (text.TrimStart().StartsWith('-'))
        {
            // A single tag of a tag list.
            sb.Append("sources:\n  - id: docs-example\n    asset: acme/plant7/area/line1\n    modbus: { host: 127.0.0.1, pollGroups: { fast: 250ms } }\n    tags:\n");
            foreach (var line in text.Split('\n'))
            {
                sb.Append("      ").Append(line).Append('\n');
            }

            return Placeholders(sb.ToString());
        }

        if (keys.Contains("sources") && !keys.Contains("templates") && text.Contains("template:", StringComparison.Ordinal) && position > 0
            && TopLevelKeys(blocks[position - 1].Text) is var previous && previous.Contains("templates") && !previous.Contains("sources"))
        {
            // The sources example that uses the templates example right before it.
            sb.Append(blocks[position - 1].Text).Append('\n');
        }

        sb.Append(text).Append('\n');
        if (!keys.Contains("sources"))
        {
            sb.Append(keys.Contains("templates") ? TemplateSources(text) : MinimalSource).Append('\n');
        }

        return Placeholders(sb.ToString());
    }

    /// <summary>One source per template of a templates-only example, so the templates are expanded and checked.</summary>
    private static string TemplateSources(string text)
    {
        var sb = new StringBuilder("sources:\n");
        var where = text.Contains("opcua:", StringComparison.Ordinal) ? "endpoint: \"opc.tcp://127.0.0.1:4840\"" : "host: 127.0.0.1";
        var inTemplates = false;
        var n = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("templates:", StringComparison.Ordinal))
            {
                inTemplates = true;
                continue;
            }

            if (inTemplates && TemplateName().Match(line) is { Success: true } m)
            {
                n++;
                sb.Append($"  - {{ id: docs{n}, template: {m.Groups[1].Value}, {where}, asset: acme/plant7/area/line{n} }}\n");
            }
            else if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                inTemplates = false;
            }
        }

        return sb.ToString();
    }

    private static HashSet<string> TopLevelKeys(string text)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (TopLevelKey().Match(line) is { Success: true } m)
            {
                keys.Add(m.Groups[1].Value);
            }
        }

        return keys;
    }

    /// <summary>A block inside a list item is indented as a whole; YAML wants its top level at column 1.</summary>
    private static string Dedent(string text)
    {
        var lines = text.Split('\n');
        var indent = int.MaxValue;
        foreach (var line in lines)
        {
            if (line.Trim().Length > 0)
            {
                indent = Math.Min(indent, line.Length - line.TrimStart(' ').Length);
            }
        }

        return indent is 0 or int.MaxValue ? text : string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart(' ')));
    }

    /// <summary>Substitutions become placeholders, except OPC UA passwords: those stay references (the loader never expands them).</summary>
    private static string Placeholders(string yaml) =>
        Secret().Replace(yaml, m => IsOpcUaPassword(yaml[..m.Index]) ? m.Value : "placeholder-secret");

    private static bool IsOpcUaPassword(string before) =>
        before.TrimEnd(' ', '"', '\'').EndsWith("password:", StringComparison.Ordinal)
        && before.LastIndexOf("security:", StringComparison.Ordinal) > Math.Max(before.LastIndexOf("kafka:", StringComparison.Ordinal), before.LastIndexOf("sasl:", StringComparison.Ordinal));

    [GeneratedRegex(@"```ya?ml\n(.*?)^[ ]*```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex(@"^([A-Za-z_]+):")]
    private static partial Regex TopLevelKey();

    [GeneratedRegex(@"^  ([A-Za-z0-9_-]+):\s*$")]
    private static partial Regex TemplateName();

    [GeneratedRegex(@"\$\{(file:[^}]*|[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Secret();
}
