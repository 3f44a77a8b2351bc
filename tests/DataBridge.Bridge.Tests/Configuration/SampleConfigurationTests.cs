using DataBridge.Bridge.Configuration;
using DataBridge.Testing.Support;

namespace DataBridge.Bridge.Tests.Configuration;

public class SampleConfigurationTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoPaths.Combine("samples"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_configuration_loads_without_errors(string relativePath)
    {
        var config = ConfigurationLoader.Load(RepoPaths.Combine(relativePath));
        if (Path.GetDirectoryName(relativePath) == "samples")
        {
            Assert.Empty(config.Warnings);
        }

        Assert.NotEmpty(config.Sources);
    }

    [Fact]
    public void Twenty_presses_sample_expands_to_twenty_sources_with_eight_tags_each_plus_one_extra()
    {
        var config = ConfigurationLoader.Load(RepoPaths.Combine("samples", "twenty-presses.yaml"));
        Assert.Equal(20, config.Sources.Count);
        Assert.Equal((20 * 8) + 1, config.Sources.Sum(s => s.Tags.Count));
        var press20 = (ModbusSourceDefinition)config.Sources[19];
        var mould = (ModbusTagDefinition)press20.Tags[0];
        Assert.Equal(("acme/plant7/press/line2/press20/mould_temperature", (ushort)130), (mould.TagId, mould.Address));
    }
}
