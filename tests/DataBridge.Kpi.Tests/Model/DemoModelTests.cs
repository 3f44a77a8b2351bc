using DataBridge.Bridge.Configuration;
using DataBridge.Kpi.Model.Yaml;
using DataBridge.Testing.Support;

namespace DataBridge.Kpi.Tests.Model;

public sealed class DemoModelTests
{
    [Fact]
    public void Demo_kpi_model_names_only_tags_the_demo_bridge_publishes()
    {
        var kpi = KpiModelLoader.Load(RepoPaths.Combine("samples", "kpi", "demo-kpi.yaml"));
        var bridge = ConfigurationLoader.Load(RepoPaths.Combine("samples", "demo", "demo.yaml"));
        var published = bridge.Sources.SelectMany(s => s.Tags).Select(t => t.TagId).ToHashSet(StringComparer.Ordinal);

        var used = kpi.Assets.SelectMany(AssetReader.TagsOf).ToList();

        Assert.Equal(5, kpi.Assets.Count); // three Modbus presses, two OPC UA ovens
        Assert.All(used, tag => Assert.Contains(tag, published));
    }
}
