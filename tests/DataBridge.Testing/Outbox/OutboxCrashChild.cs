using System.Globalization;
using DataBridge.Bridge.Outbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataBridge.Testing.Outbox;

/// <summary>
/// The workload of the outbox kill -9 test's child process: appends values of two sources as fast as group commit allows,
/// prints "ACK" lines only after the records are durable, and runs a sink committing read positions, until killed.
/// It lives outside the test assembly because the child is entered from that assembly's module initializer, and the
/// runtime blocks other threads from running code of a module whose initializer has not returned.
/// </summary>
public static class OutboxCrashChild
{
    public static OutboxOptions Options(string directory)
    {
        var options = new OutboxOptions { Directory = directory, SegmentBytes = 64 * 1024, MaxDiskBytes = 256L << 20, MaxRecordBytes = 4096 };
        options.Sinks.Add("kafka");
        options.Sinks.Add("audit");
        return options;
    }

    public static async Task<int> RunAsync(string directory)
    {
        var outbox = await Bridge.Outbox.Outbox.OpenAsync(Options(directory), TimeProvider.System, NullLogger.Instance);
        Console.WriteLine($"OPEN findings={outbox.RecoveryReport.Findings.Count} truncated={outbox.RecoveryReport.TruncatedBytes}");
        var sink = Task.Run(async () =>
        {
            using var reader = outbox.OpenReader("kafka");
            var n = 0;
            while (true)
            {
                var r = await reader.ReadAsync();
                if (++n % 37 == 0)
                {
                    await outbox.CommitReadPositionAsync("kafka", r.NextPosition);
                }
            }
        });
        var next = new Dictionary<string, long>();
        foreach (var s in new[] { "A", "B" })
        {
            next[s] = outbox.TryGetLastSequence(s, out var last) ? last + 1 : 1;
        }

        var random = new Random();
        var payload = new byte[300];
        while (!sink.IsCompleted)
        {
            AppendResult lastResult = default;
            var batch = random.Next(1, 20);
            for (var i = 0; i < batch; i++)
            {
                var source = random.Next(2) == 0 ? "A" : "B";
                lastResult = await outbox.AppendAsync(RecordKind.Value, source, next[source], payload.AsMemory(0, random.Next(payload.Length)));
                next[source]++;
            }

            await outbox.WaitForCommitAsync(lastResult.EndPosition);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ACK A {next["A"] - 1} B {next["B"] - 1}"));
        }

        await sink;
        return 1;
    }
}
