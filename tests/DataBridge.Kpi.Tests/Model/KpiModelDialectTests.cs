using DataBridge.Kpi.Model.Yaml;

namespace DataBridge.Kpi.Tests.Model;

/// <summary>The KPI model reads durations and asset paths with the configuration kernel's rules, as the bridge does.</summary>
public sealed class KpiModelDialectTests
{
    private static string Model(string rolling, string ideal, string path = "acme/p/a/l1/c1") => $"""
        kpi: {"{"} rollingWindow: {rolling} {"}"}
        assets:
          - path: {path}
            state: {"{"} tag: s, codes: {"{"}0: down, 1: running{"}"} {"}"}
            counters: {"{"} total: t {"}"}
            idealCycleTime: {ideal}
        """;

    [Fact]
    public void Compound_durations_such_as_1h30m_are_accepted_like_in_the_bridge_configuration()
    {
        var model = KpiModelLoader.Parse(Model("1h30m", "1m 30s"), "kpi.yaml");

        Assert.Equal(TimeSpan.FromMinutes(90), model.RollingWindow);
        Assert.Equal(90, model.Assets[0].IdealCycleSeconds);
    }

    [Fact]
    public void A_bare_number_still_means_seconds_in_the_KPI_model()
    {
        var model = KpiModelLoader.Parse(Model("3600", "2.5"), "kpi.yaml");

        Assert.Equal(TimeSpan.FromHours(1), model.RollingWindow);
        Assert.Equal(2.5, model.Assets[0].IdealCycleSeconds);
    }

    [Fact]
    public void An_asset_path_with_an_empty_segment_is_refused_with_the_reason()
    {
        var ex = Assert.Throws<KpiModelException>(() => KpiModelLoader.Parse(Model("1h", "2s", "acme/p7//l1"), "kpi.yaml"));

        var e = Assert.Single(ex.Errors);
        Assert.Equal(3, e.Line);
        Assert.Contains("it has an empty segment", e.Message, StringComparison.Ordinal);
    }
}
