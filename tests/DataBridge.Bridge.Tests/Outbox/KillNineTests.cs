using System.Globalization;
using DataBridge.Bridge.Outbox;
using DataBridge.Testing.Outbox;
using DataBridge.Testing.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataBridge.Bridge.Tests.Outbox;

/// <summary>A real process appending to the outbox is killed with SIGKILL at random moments; nothing acknowledged is lost.</summary>
public sealed class KillNineTests
{
    [Fact]
    public async Task Killing_the_writer_process_at_random_moments_never_loses_an_acknowledged_value()
    {
        using var fx = new OutboxFixture();
        var dll = Path.Combine(AppContext.BaseDirectory, "DataBridge.Bridge.Tests.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var random = new Random(20261124);
        var acked = new Dictionary<string, long> { ["A"] = 0, ["B"] = 0 };
        var opens = new List<string>();
        const int Rounds = 20;
        for (var round = 0; round < Rounds; round++)
        {
            await using var child = ChildProcess.Start(dotnet, [dll], environment: new Dictionary<string, string?> { [CrashChild.DirectoryVariable] = fx.Directory });
            await child.WaitForLineAsync("OPEN", TimeSpan.FromSeconds(30));
            await child.WaitForLineAsync("ACK", TimeSpan.FromSeconds(30));
            await Task.Delay(random.Next(0, 150));
            child.Kill();
            await child.WaitForExitAsync(TimeSpan.FromSeconds(10));
            foreach (var line in child.Output.Split('\n'))
            {
                if (line.StartsWith("OPEN", StringComparison.Ordinal))
                {
                    opens.Add(line.Trim());
                }

                var parts = line.Trim().Split(' ');
                if (parts.Length == 5 && parts[0] == "ACK")
                {
                    acked["A"] = Math.Max(acked["A"], long.Parse(parts[2], CultureInfo.InvariantCulture));
                    acked["B"] = Math.Max(acked["B"], long.Parse(parts[4], CultureInfo.InvariantCulture));
                }
            }
        }

        await using var outbox = await Bridge.Outbox.Outbox.OpenAsync(OutboxCrashChild.Options(fx.Directory), TimeProvider.System, NullLogger.Instance);
        var seen = new Dictionary<string, long> { ["A"] = 0, ["B"] = 0 };
        using var audit = outbox.OpenReader("audit");
        while (audit.TryRead(out var r))
        {
            Assert.True(r.Kind == RecordKind.Value, $"{r.Kind} at {r.Position}: {(r.Kind == RecordKind.Gap ? r.Gap.ToString() : "")}; recoveries: {string.Join(" | ", opens)}; findings now: {string.Join(" | ", outbox.RecoveryReport.Findings)}");
            Assert.Equal(seen[r.SourceId] + 1, r.Sequence);
            seen[r.SourceId] = r.Sequence;
        }

        Assert.True(acked["A"] > 0 && acked["B"] > 0, "the child acknowledged values");
        Assert.True(seen["A"] >= acked["A"], $"A acknowledged up to {acked["A"]} but the outbox holds up to {seen["A"]}");
        Assert.True(seen["B"] >= acked["B"], $"B acknowledged up to {acked["B"]} but the outbox holds up to {seen["B"]}");
        Assert.True(outbox.GetReadPosition("kafka") <= outbox.DurablePosition);
    }
}
