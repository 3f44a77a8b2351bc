using CsCheck;
using DataBridge.Bridge.Configuration.Binding;

namespace DataBridge.Bridge.Tests.Configuration;

/// <summary>Properties of the browse path syntax: escaped names read back unchanged, any text parses or explains itself.</summary>
public class BrowsePathParserTests
{
    private static readonly Gen<string> Name = Gen.Char["a/:\\ .b1Ä_"].Array[1, 12].Select(c => new string(c));

    [Fact]
    public void Escaped_names_with_optional_aliases_read_back_unchanged()
    {
        Gen.Select(Name, Gen.Bool).Array[1, 8].Sample(steps =>
        {
            var path = "Objects/" + string.Join('/', steps.Select(s => (s.Item2 ? "plant:" : string.Empty) + BrowsePathParser.Escape(s.Item1)));
            var parsed = BrowsePathParser.TryParse(path, out var problem);
            Assert.True(parsed is not null, $"{path}: {problem}");
            Assert.Equal(steps.Select(s => new BrowsePathParser.Step(s.Item2 ? "plant" : null, s.Item1)), parsed);
        });
    }

    [Fact]
    public void Any_text_gives_steps_or_a_problem_and_never_throws()
    {
        Gen.Char["Objects/:\\2a "].Array[0, 40].Select(c => new string(c)).Sample(text =>
        {
            var parsed = BrowsePathParser.TryParse(text, out var problem);
            Assert.True((parsed is null) != (problem is null), text);
            Assert.True(parsed is null || parsed.Count is > 0 and <= BrowsePathParser.MaxSteps);
        });
    }
}
