namespace DataBridge.Configuration.Tests;

public sealed class AssetPathTests
{
    [Theory]
    [InlineData("acme/plant7/press/line2", 4)]
    [InlineData("acme/plant7/press/line2/press01", 5)]
    public void Lines_and_cells_are_asset_paths(string text, int segments)
    {
        Assert.True(AssetPath.TryParse(text, out var path, out _));
        Assert.Equal(segments, path.Segments);
        Assert.Equal(text, path.ToString());
    }

    [Theory]
    [InlineData("acme/plant7/press", "has 3 segments")]
    [InlineData("acme/plant7/press/line2/press01/x", "has 6 segments")]
    [InlineData("acme//press/line2", "has an empty segment")]
    [InlineData("acme/Plant7/press/line2", "segment 'Plant7' contains 'P'")]
    public void Anything_else_is_refused_with_the_reason(string text, string expected)
    {
        Assert.False(AssetPath.TryParse(text, out _, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void A_tag_id_is_the_asset_path_and_the_tag_name()
    {
        Assert.True(AssetPath.TryParse("acme/plant7/press/line2/press01", out var asset, out _));
        Assert.True(TagId.TryCreate(asset, "axis1/position", out var id));
        Assert.Equal("acme/plant7/press/line2/press01/axis1/position", id.Value);
        Assert.False(TagId.TryCreate(asset, "bad name", out _));
    }

    [Fact]
    public void Unit_codes_are_checked_against_the_generated_UNECE_table()
    {
        Assert.Null(UnitCodes.Check("CEL", "'CEL'"));
        Assert.Contains("not in the UNECE Recommendation 20 table", UnitCodes.Check("QQQ", "'QQQ'"), StringComparison.Ordinal);
        Assert.Contains("write CEL", UnitCodes.Check("°C", "'°C'"), StringComparison.Ordinal);
    }
}
