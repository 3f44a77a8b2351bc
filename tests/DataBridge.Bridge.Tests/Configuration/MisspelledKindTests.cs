namespace DataBridge.Bridge.Tests.Configuration;

/// <summary>Issue #16: a misspelled kind key does not hide the problems in that source's tags until the next run.</summary>
public sealed class MisspelledKindTests
{
    private const string Broken = """
        bridge:
          id: edge-test
        sources:
          - id: press1
            asset: acme/plant7/press/line1/press1
            modbsu: { host: 127.0.0.1, pollGroups: { fast: 250ms } }
            tags:
              - { name: t1, address: holding:100, type: flaot32 }
              - { name: t2, type: uint16 }
              - { name: t3, adress: holding:101, type: uint16 }
              - { name: t4, address: holdnig:102, type: uint16 }
              - { name: t5, address: holding:103, type: float32, byteOrder: ABDC }
        """;

    [Fact]
    public void Validate_names_the_misspelled_kind_and_every_problem_of_its_tags_at_once()
    {
        var errors = Yaml.Errors(Broken);
        var text = string.Join('\n', errors);
        Assert.Contains(errors, e => e.Contains("plant.yaml:6:", StringComparison.Ordinal) && e.Contains("'modbsu'", StringComparison.Ordinal) && e.Contains("did you mean 'modbus'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("plant.yaml:8:", StringComparison.Ordinal) && e.Contains("flaot32", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("plant.yaml:9:", StringComparison.Ordinal) && e.Contains("'address'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("plant.yaml:10:", StringComparison.Ordinal) && e.Contains("adress", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("plant.yaml:11:", StringComparison.Ordinal) && e.Contains("holdnig", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("plant.yaml:12:", StringComparison.Ordinal) && e.Contains("ABDC", StringComparison.Ordinal));
        Assert.DoesNotContain("names no device", text, StringComparison.Ordinal);

        // Once the kind key is fixed, exactly the tag problems remain: nothing new appears after the first fix.
        var afterFix = Yaml.Errors(Broken.Replace("modbsu:", "modbus:", StringComparison.Ordinal));
        Assert.Equal(errors.Count - 1, afterFix.Count);
    }
}
