using System.Text.RegularExpressions;
using DataBridge.Integration.Tests.Support;

namespace DataBridge.Integration.Tests;

[Collection(nameof(ProcessTests))]
public sealed partial class DemoTests
{
    [GeneratedRegex(@"Stopped\. (\d+) records delivered to Kafka, (\d+) read back\.")]
    private static partial Regex Summary();

    [Fact]
    public async Task Demo_runs_on_embedded_defaults_and_every_delivered_record_is_read_back_from_kafka()
    {
        var state = Directory.CreateTempSubdirectory("databridge-demo-test-").FullName;
        try
        {
            var (code, output) = await BridgeProcess.RunAsync(TimeSpan.FromSeconds(90), "demo", "--duration", "12", "--state-dir", state);
            Assert.True(code == 0, output);
            Assert.Contains("in-memory mock cluster", output, StringComparison.Ordinal);
            Assert.Contains("acme/plant7/pressing/line1/press1/temperature", output, StringComparison.Ordinal);
            var m = Summary().Match(output);
            Assert.True(m.Success, output);
            var delivered = long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var readBack = long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(delivered >= 30, $"only {delivered} records in 12 s:\n{output}");

            // The console keeps reading after the bridge stops until it has seen every delivered record.
            Assert.Equal(delivered, readBack);
            Assert.DoesNotContain("Bad", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task Demo_streams_the_opcua_ovens_through_kafka_beside_the_modbus_presses()
    {
        var state = Directory.CreateTempSubdirectory("databridge-demo-test-").FullName;
        try
        {
            var (code, output) = await BridgeProcess.RunAsync(TimeSpan.FromSeconds(90), "demo", "--duration", "20", "--state-dir", state);
            Assert.True(code == 0, output);
            Assert.Matches(@"OPC UA simulator \(node-opcua, 2 ovens\): opc\.tcp://127\.0\.0\.1:\d+/plant", output);
            Assert.Contains("Bridge 'demo-edge': 5 sources", output, StringComparison.Ordinal);

            // The console lists only tags it read back from Kafka: OPC UA tags of both ovens by node id and by browse
            // path (speed), next to a Modbus press.
            foreach (var tag in new[] { "oven1/temperature", "oven1/parts_total", "oven1/state", "oven1/speed", "oven2/state", "oven2/parts_good", "oven2/machine_name", "oven2/speed" })
            {
                Assert.Matches(@"acme/plant7/baking/line3/" + tag + @"\s+\S.*\s+Good\s+seq \d+", output);
            }

            Assert.Contains("acme/plant7/pressing/line1/press1/temperature", output, StringComparison.Ordinal);
            var m = Summary().Match(output);
            Assert.True(m.Success, output);
            Assert.Equal(m.Groups[1].Value, m.Groups[2].Value);
            Assert.DoesNotContain("Bad", output, StringComparison.Ordinal);
            Assert.DoesNotContain("skipped", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task Demo_without_nodejs_runs_the_modbus_presses_and_says_how_to_get_the_opcua_ovens()
    {
        var dotnet = Cli.Hosting.NodeSimulatorProcess.FindOnPath("dotnet") ?? Environment.ProcessPath!;
        var state = Directory.CreateTempSubdirectory("databridge-demo-test-").FullName;
        var emptyPath = Directory.CreateTempSubdirectory("databridge-no-node-").FullName;
        try
        {
            await using var demo = Testing.Support.ChildProcess.Start(
                dotnet,
                [BridgeProcess.Dll, "demo", "--duration", "10", "--state-dir", state, "--dashboard", "http://127.0.0.1:0"],
                AppContext.BaseDirectory,
                new Dictionary<string, string?> { ["PATH"] = emptyPath });
            var code = await demo.WaitForExitAsync(TimeSpan.FromSeconds(60));
            var output = demo.Output;
            Assert.True(code == 0, output);
            Assert.Contains("OPC UA simulator skipped: Node.js is not on PATH. Install Node.js 20", output, StringComparison.Ordinal);
            Assert.Contains("Bridge 'demo-edge': 3 sources", output, StringComparison.Ordinal);
            Assert.DoesNotContain("/baking/", output, StringComparison.Ordinal);
            var m = Summary().Match(output);
            Assert.True(m.Success, output);
            Assert.True(long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, output);
            Assert.Equal(m.Groups[1].Value, m.Groups[2].Value);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
            Directory.Delete(emptyPath, recursive: true);
        }
    }
}
