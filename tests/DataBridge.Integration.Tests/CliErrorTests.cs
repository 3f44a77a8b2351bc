using DataBridge.Integration.Tests.Support;
using DataBridge.Testing.Support;

namespace DataBridge.Integration.Tests;

/// <summary>Issue #16: every command answers a user mistake with a clean line and a documented exit code, never a stack trace.</summary>
[Collection(nameof(ProcessTests))]
public sealed class CliErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("databridge-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string[], int, string> Mistakes => new()
    {
        { ["run", "no-such-config.yaml"], 2, "does not exist" },
        { ["validate", "no-such-config.yaml"], 2, "does not exist" },
        { ["kpi", "--config", "no-such-kpi.yaml"], 1, "no-such-kpi.yaml" }, // docs/kpi.md: 1 when the model cannot be loaded
        { ["outbox", "inspect", "no-such-outbox"], 2, "no outbox directory" },
        { ["run"], 1, "config" },
        { ["no-such-command"], 1, "no-such-command" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_user_mistake_gets_a_clean_message_and_a_documented_exit_code(string[] args, int exitCode, string mentions)
    {
        var (code, output) = await BridgeProcess.RunAsync(TimeSpan.FromSeconds(60), args);
        Assert.True(exitCode == code, $"exit code {code}, expected {exitCode}:\n{output}");
        Assert.Contains(mentions, output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browse_of_a_server_that_is_not_there_is_one_line_and_exit_code_2()
    {
        var (code, output) = await BridgeProcess.RunAsync(TimeSpan.FromSeconds(60), "browse", $"opc.tcp://127.0.0.1:{FreePort.Tcp()}", "--timeout", "3");
        Assert.True(code == 2, $"exit code {code}:\n{output}");
        Assert.StartsWith("error:", output.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
