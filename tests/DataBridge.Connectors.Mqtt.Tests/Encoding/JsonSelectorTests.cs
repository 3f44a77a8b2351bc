using System.Text.Json;
using CsCheck;
using DataBridge.Connectors.Mqtt.Encoding.Json;

namespace DataBridge.Connectors.Mqtt.Tests.Encoding;

public sealed class JsonSelectorTests
{
    private const string Document = """{"value": 21.5, "data": {"temp": 19, "odd key": "x", "readings": [{"v": 1}, {"v": 2}]}}""";

    [Theory]
    [InlineData("$.value", "21.5")]
    [InlineData("$.data.temp", "19")]
    [InlineData("$.data['odd key']", "\"x\"")]
    [InlineData("$.data.readings[1].v", "2")]
    [InlineData("$['data'][\"temp\"]", "19")]
    public void Selectors_pick_the_named_element(string selector, string expected)
    {
        using var document = JsonDocument.Parse(Document);

        Assert.True(JsonSelector.Parse(selector).TrySelect(document.RootElement, out var element));
        Assert.Equal(expected, element.GetRawText());
    }

    [Theory]
    [InlineData("$.missing")]
    [InlineData("$.value.deeper")]
    [InlineData("$.data.readings[2]")]
    [InlineData("$.data[0]")]
    public void A_selector_that_finds_nothing_says_so_instead_of_throwing(string selector)
    {
        using var document = JsonDocument.Parse(Document);

        Assert.False(JsonSelector.Parse(selector).TrySelect(document.RootElement, out _));
    }

    [Theory]
    [InlineData("value", 1, "must start with '$'")]
    [InlineData("$.", 3, "a name must follow '.'")]
    [InlineData("$.a..b", 5, "a name must follow '.'")]
    [InlineData("$[x]", 3, "array index")]
    [InlineData("$['a'", 6, "expected ']'")]
    [InlineData("$['a", 3, "not closed")]
    [InlineData("$.a b", 4, "unexpected ' '")]
    [InlineData("$[99999999999]", 3, "array index")]
    public void Malformed_selectors_are_rejected_at_the_offending_character(string selector, int character, string problem)
    {
        var e = Assert.Throws<JsonSelectorException>(() => JsonSelector.Parse(selector));

        Assert.Contains($"at character {character}", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_string_either_parses_or_is_rejected_with_a_typed_error()
    {
        Gen.OneOf(Gen.String, Gen.String[Gen.Char["$.[]'\"a0"], 0, 12]).Sample(text =>
        {
            try
            {
                JsonSelector.Parse(text);
            }
            catch (JsonSelectorException e)
            {
                return e.Position >= 0 && e.Position <= text.Length;
            }

            return true;
        }, iter: 5000);
    }
}
