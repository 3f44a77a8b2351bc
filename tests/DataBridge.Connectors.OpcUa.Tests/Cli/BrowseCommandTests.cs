using DataBridge.Testing.OpcUa;
using DataBridge.Testing.Support;
using Xunit.Abstractions;

namespace DataBridge.Connectors.OpcUa.Tests.Cli;

/// <summary>The real <c>databridge browse</c> executable against the node-opcua peer.</summary>
public sealed class BrowseCommandTests(OpcUaPeerFixture fixture, ITestOutputHelper log) : IClassFixture<OpcUaPeerFixture>
{
    private static string DatabridgeDll
    {
        get
        {
            // Same configuration and framework folder as this test assembly (bin/<Configuration>/<tfm>/).
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = tfm.Parent!.Name;
            return RepoPaths.Combine("src", "Bridge", "DataBridge.Cli", "bin", configuration, tfm.Name, "databridge.dll");
        }
    }

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        Assert.True(File.Exists(DatabridgeDll), $"{DatabridgeDll} is not built");
        await using var process = ChildProcess.Start("dotnet", [DatabridgeDll, .. args]);
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await Eventually.WaitUntilAsync(() => process.Output.Length > 0 || code != 0, TimeSpan.FromSeconds(5), "output");
        log.WriteLine(process.Output);
        return (code, process.Output);
    }

    [Fact]
    public async Task Browse_prints_endpoints_namespaces_and_the_tree_with_types_units_and_values()
    {
        var (code, output) = await RunAsync("browse", fixture.Peer.EndpointUrl, "--node", $"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Line1", "--depth", "3");

        Assert.Equal(0, code);
        Assert.Contains("None", output, StringComparison.Ordinal);
        Assert.Contains("Anonymous", output, StringComparison.Ordinal);
        Assert.Contains(OpcUaPeerDefinitions.PlantNamespace, output, StringComparison.Ordinal);
        var line = output.Split('\n').Single(l => l.Contains("Temperature", StringComparison.Ordinal) && l.Contains("Variable", StringComparison.Ordinal));
        Assert.Contains("Double", line, StringComparison.Ordinal);
        Assert.Contains("(CEL)", line, StringComparison.Ordinal);
        Assert.Contains("182.5", line, StringComparison.Ordinal);
        Assert.Contains($"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Line1.Press07.Temperature", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browse_as_yaml_prints_a_source_that_databridge_validate_accepts()
    {
        var (code, output) = await RunAsync("browse", fixture.Peer.EndpointUrl, "--node", $"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Line1", "--depth", "3", "--format", "yaml");

        Assert.Equal(0, code);
        Assert.Contains("    asset: enterprise/site/area/line1", output, StringComparison.Ordinal);
        Assert.Contains("    opcua:", output, StringComparison.Ordinal);
        Assert.Contains($"      endpoint: {fixture.Peer.EndpointUrl}", output, StringComparison.Ordinal);
        Assert.Contains("    tags:", output, StringComparison.Ordinal);
        Assert.Contains("      - name: temperature", output, StringComparison.Ordinal);
        Assert.Contains($"        node: \"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Line1.Press07.Temperature\"", output, StringComparison.Ordinal);
        Assert.Contains("        unit: CEL", output, StringComparison.Ordinal);
        Assert.Contains("        unit: BAR", output, StringComparison.Ordinal);
        Assert.Contains("        description: Platen temperature", output, StringComparison.Ordinal);
        Assert.Contains("# asset path guess: line1/press07", output, StringComparison.Ordinal);

        // Ready to paste: below a bridge and kafka section it is a valid configuration.
        var dir = Directory.CreateTempSubdirectory("databridge-browse-");
        try
        {
            var file = Path.Combine(dir.FullName, "config.yaml");
            await File.WriteAllTextAsync(file, "bridge:\n  id: edge-test\n  stateDir: ./state\nkafka:\n  bootstrap: 127.0.0.1:9092\n" + output);
            var (validateCode, validation) = await RunAsync("validate", file);
            Assert.True(validateCode == 0, validation);
            Assert.Contains("1 source, 3 tags", validation, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Browse_as_yaml_of_every_type_and_array_passes_validate_online_against_the_same_server()
    {
        // The whole plant: scalars of every built-in type, arrays, the 100,000-element array, analog items.
        var (code, output) = await RunAsync("browse", fixture.Peer.EndpointUrl, "--node", $"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Plant", "--depth", "3", "--format", "yaml");
        Assert.Equal(0, code);

        // What the bridge cannot carry yet is listed commented out with the reason, never as a tag that fails later.
        Assert.Contains("      # - name: ", output, StringComparison.Ordinal);
        Assert.Contains("# not mapped: holds arrays (", output, StringComparison.Ordinal);
        Assert.Contains("# not mapped: data type ByteString, which the bridge cannot carry", output, StringComparison.Ordinal);
        Assert.Contains("      - name: temperature", output, StringComparison.Ordinal);

        var dir = Directory.CreateTempSubdirectory("databridge-browse-online-");
        try
        {
            var file = Path.Combine(dir.FullName, "config.yaml");
            await File.WriteAllTextAsync(file, "bridge:\n  id: edge-test\n  stateDir: ./state\n" + output);
            var (validateCode, validation) = await RunAsync("validate", "--online", file);
            Assert.True(validateCode == 0, validation);
            Assert.Contains("online OK", validation, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Browse_of_an_unreachable_server_fails_with_a_clear_message_and_exit_code()
    {
        var (code, output) = await RunAsync("browse", $"opc.tcp://127.0.0.1:{FreePort.Tcp()}", "--timeout", "2");

        Assert.Equal(2, code);
        Assert.Contains("BadNotConnected", output, StringComparison.Ordinal);
    }
}
