namespace DataBridge.Configuration.Tests;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("90s", 90_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1m 30s", 90_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("0", 0)]
    public void Number_and_unit_parts_are_read_alike_by_the_bridge_and_the_KPI_model(string text, double ms)
    {
        Assert.True(DurationParser.TryParse(text, DurationRules.Default, out var bridge, out _));
        Assert.True(DurationParser.TryParse(text, DurationRules.Kpi, out var kpi, out _));
        Assert.Equal(TimeSpan.FromMilliseconds(ms), bridge);
        Assert.Equal(bridge, kpi);
    }

    [Fact]
    public void A_bare_non_zero_number_has_no_unit_in_the_bridge_but_means_seconds_in_the_KPI_model()
    {
        Assert.False(DurationParser.TryParse("90", DurationRules.Default, out _, out var problem));
        Assert.Equal("has no unit", problem);
        Assert.True(DurationParser.TryParse("90", DurationRules.Kpi, out var kpi, out _));
        Assert.Equal(TimeSpan.FromSeconds(90), kpi);
    }

    [Theory]
    [InlineData("-5s", "is negative")]
    [InlineData("5 fortnights", "has the unknown unit 'fortnights'")]
    [InlineData("25h", "is longer than a day")]
    [InlineData("", "is empty")]
    public void What_is_not_a_duration_says_why(string text, string expected)
    {
        Assert.False(DurationParser.TryParse(text, out _, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void The_KPI_model_keeps_durations_longer_than_a_day()
    {
        Assert.True(DurationParser.TryParse("168h", DurationRules.Kpi, out var week, out _));
        Assert.Equal(TimeSpan.FromDays(7), week);
    }
}
