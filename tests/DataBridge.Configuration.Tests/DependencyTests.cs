namespace DataBridge.Configuration.Tests;

/// <summary>The configuration kernel and the KPI service are not part of the edge bridge: neither may reference it.</summary>
public sealed class DependencyTests
{
    [Theory]
    [InlineData(typeof(DurationParser))]
    [InlineData(typeof(DataBridge.Kpi.Model.Yaml.KpiModelLoader))]
    public void The_assembly_does_not_reference_the_bridge(Type probe)
    {
        var references = probe.Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("DataBridge.Configuration", references.Append(probe.Assembly.GetName().Name));
        Assert.DoesNotContain("DataBridge.Bridge", references);
        Assert.DoesNotContain("DataBridge.Connectors.OpcUa", references);
        Assert.DoesNotContain("DataBridge.Connectors.Modbus", references);
    }

    [Fact]
    public void The_kernel_references_only_the_core_and_YamlDotNet_among_non_framework_assemblies()
    {
        var own = typeof(DurationParser).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && !n.StartsWith("Microsoft", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(["DataBridge.Core", "YamlDotNet"], own);
    }
}
