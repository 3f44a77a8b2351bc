using CsCheck;
using DataBridge.Bridge.Configuration;
using DataBridge.Testing.Support;
using DataBridge.Configuration;

namespace DataBridge.Bridge.Tests.Configuration;

/// <summary>Garbled input must give a configuration or a ConfigurationException with plausible positions, never anything else.</summary>
public class ConfigurationFuzzTests
{
    private static readonly string Sample = File.ReadAllText(RepoPaths.Combine("samples", "twenty-presses.yaml"));

    private static readonly string[] Fragments =
    [
        ":", "- ", "{", "}", "[", "]", "\n", "  ", "\t", "&a ", "*a", "*b", "!!str ", "'", "\"", "#", "${", "${X}", "$", "---\n", "? ",
        "|\n", ">", "%YAML 1.2\n", "null", "~", "1e400", "-1", "65536", "holding:", ".", "template: press", "tags: []", "\u0000", "\uFEFF", "é",
    ];

    [Fact]
    public void Random_bytes_give_a_config_or_a_configuration_exception()
    {
        Gen.Byte.Array[0, 400].Sample(bytes => Check(System.Text.Encoding.UTF8.GetString(bytes)), iter: Iterations(3000));
    }

    [Fact]
    public void Mutations_of_a_valid_sample_give_a_config_or_a_configuration_exception()
    {
        var mutation = Gen.Select(Gen.Int[0, Sample.Length], Gen.Int[0, 40], Gen.Int[0, Fragments.Length - 1].Select(i => Fragments[i]), Gen.Int[0, 2]);
        mutation.Array[1, 6].Sample(
            edits =>
            {
                var text = Sample;
                foreach (var (at, length, fragment, kind) in edits)
                {
                    var pos = Math.Min(at, text.Length);
                    var len = Math.Min(length, text.Length - pos);
                    text = kind switch
                    {
                        0 => text.Insert(pos, fragment),
                        1 => text.Remove(pos, len),
                        _ => text.Remove(pos, len).Insert(pos, fragment),
                    };
                }

                Check(text);
            },
            iter: Iterations(1000));
    }

    private static readonly string[] Keys =
        ["bridge", "id", "stateDir", "kafka", "bootstrap", "topics", "properties", "values", "templates", "press", "modbus", "opcua",
         "tags", "sources", "template", "host", "port", "unit", "asset", "pollGroups", "fast", "name", "address", "type", "length",
         "scale", "factor", "raw", "eng", "deadband", "heartbeat", "pollGroup", "endpoint", "node", "path", "byteOrder", "acks"];

    private static readonly string[] Scalars =
        ["press", "press01", "0", "-1", "1e308", "NaN", "holding:100", "coil:1.2", "40001", "float32", "bool", "string", "250ms", "0s",
         "acme/plant7/press/line2/press01", "opc.tcp://h:4840", "nsu=urn:x;s=a", "ns=2;i=1", "${X}", "${X:-1}", "${file:}", "''", "~", "[]", "{}", "ABCD", "2%"];

    /// <summary>Schema-shaped YAML built from the real key names, so the binder (not just the parser) sees wrong kinds and values.</summary>
    private static readonly Gen<string> ShapedYaml = Gen.Recursive<string>((depth, self) =>
        depth >= 4
            ? Gen.Int[0, Scalars.Length - 1].Select(i => Scalars[i])
            : Gen.Frequency(
                (3, Gen.Int[0, Scalars.Length - 1].Select(i => Scalars[i])),
                (3, Gen.Select(Gen.Int[0, Keys.Length - 1], self).Array[0, 5].Select(kv => "{ " + string.Join(", ", kv.Select(p => Keys[p.Item1] + ": " + p.Item2)) + " }")),
                (2, self.Array[0, 4].Select(items => "[ " + string.Join(", ", items) + " ]"))));

    [Fact]
    public void Schema_shaped_random_documents_give_a_config_or_a_configuration_exception()
    {
        Gen.Select(Gen.Int[0, Keys.Length - 1], ShapedYaml).Array[1, 5]
            .Select(kv => string.Join("\n", kv.Select(p => Keys[p.Item1] + ": " + p.Item2)))
            .Sample(Check, iter: Iterations(1000));
    }

    [Fact]
    public void Deep_nesting_is_refused_without_overflowing_the_stack()
    {
        var errors = Yaml.Errors(new string('[', 100_000));
        Assert.Equal("plant.yaml:1:65: nesting deeper than 64 levels; a DataBridge configuration needs at most a handful", Assert.Single(errors));
    }

    /// <summary>DATABRIDGE_FUZZ_SCALE=100 runs a long soak locally; CI keeps the default.</summary>
    private static long Iterations(long normal) =>
        long.TryParse(Environment.GetEnvironmentVariable("DATABRIDGE_FUZZ_SCALE"), out var scale) && scale > 0 ? normal * scale : normal;

    private static void Check(string text)
    {
        // YAML 1.1 also breaks lines at CR, NEL, LS and PS.
        var lines = text.Count(c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029') + 1;
        try
        {
            ConfigurationLoader.Parse(text, "fuzz.yaml");
        }
        catch (ConfigurationException ex)
        {
            Assert.NotEmpty(ex.Errors);
            Assert.Contains(ex.Errors, e => e.Severity == ConfigurationSeverity.Error);
            foreach (var e in ex.Errors)
            {
                Assert.Equal("fuzz.yaml", e.File);
                Assert.InRange(e.Line, 0, lines + 1);
                Assert.InRange(e.Column, 0, text.Length + 1);
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            }
        }
    }
}
