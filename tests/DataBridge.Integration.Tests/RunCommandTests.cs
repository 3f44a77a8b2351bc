using DataBridge.Integration.Tests.Support;

namespace DataBridge.Integration.Tests;

[Collection(nameof(ProcessTests))]
public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("databridge-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_broken_configuration_stops_run_before_anything_starts_and_names_every_problem()
    {
        var config = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(config, "bridge: { id: x }\nsources:\n  - { id: s, asset: a/b/c/d, modbus: { host: 127.0.0.1 }, tags: [ { name: t, address: coil:0, type: float } ] }\n");
        var (code, output) = await BridgeProcess.RunAsync(TimeSpan.FromSeconds(30), "run", config);
        Assert.Equal(1, code);
        Assert.Contains("bad.yaml:3:", output, StringComparison.Ordinal);
        Assert.Contains("The bridge did not start", output, StringComparison.Ordinal);
    }
}
