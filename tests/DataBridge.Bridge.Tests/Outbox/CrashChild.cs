using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using DataBridge.Testing.Outbox;

namespace DataBridge.Bridge.Tests.Outbox;

/// <summary>
/// Entry of the child process of <see cref="KillNineTests"/>: the test assembly itself, started with <c>dotnet
/// DataBridge.Bridge.Tests.dll</c> and an environment variable naming the outbox directory. The module initializer runs
/// before the (empty) generated Main, so no extra project is needed; the workload is <see cref="OutboxCrashChild"/>.
/// </summary>
internal static class CrashChild
{
    public const string DirectoryVariable = "DATABRIDGE_OUTBOX_CRASH_CHILD";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "Test-only child process entry; inert unless the variable is set.")]
    internal static void RunIfChild()
    {
        var directory = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        Environment.Exit(OutboxCrashChild.RunAsync(directory).GetAwaiter().GetResult());
    }
}
