using DataBridge.Testing.Support;

namespace DataBridge.Integration.Tests.Support;

/// <summary>The real <c>databridge</c> executable run as a child process, as an operator would run it.</summary>
public static class BridgeProcess
{
    /// <summary>The databridge.dll copied into this test's output by the project reference.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "databridge.dll");

    public static ChildProcess Start(params string[] arguments) =>
        ChildProcess.Start("dotnet", [Dll, .. arguments], workingDirectory: AppContext.BaseDirectory);

    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        await using var p = Start(arguments);
        var code = await p.WaitForExitAsync(timeout);
        return (code, p.Output);
    }
}
