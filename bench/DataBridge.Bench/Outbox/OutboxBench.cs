using System.Diagnostics;
using System.Globalization;
using DataBridge.Bridge.Outbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataBridge.Bench.Outbox;

/// <summary>
/// Stopwatch harness for the outbox (BenchmarkDotNet's many short iterations fit fsync-bound I/O badly).
/// <c>dotnet run -c Release --project bench/DataBridge.Bench -- outbox append</c> measures append throughput with the
/// default group commit and with an fsync per batch; <c>... -- outbox recovery [gigabytes]</c> measures start-up time of
/// a 1 GB outbox (clean, after a crash with the checkpoint one roll behind, and without a checkpoint; add <c>--cold</c>
/// to drop the page cache first, which needs root and slows every process on the machine for a moment).
/// </summary>
public static class OutboxBench
{
    private const int Payload = 200;

    /// <summary>Entry point for the <c>outbox</c> mode; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "append";
        var root = Path.Combine(Path.GetTempPath(), "databridge-outbox-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            switch (mode)
            {
                case "append":
                    await AppendAsync(root).ConfigureAwait(false);
                    return 0;
                case "recovery":
                    var gb = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0;
                    await RecoveryAsync(root, (long)(gb * (1L << 30)), cold: args.Contains("--cold")).ConfigureAwait(false);
                    return 0;
                default:
                    Console.Error.WriteLine("usage: outbox append | outbox recovery [gigabytes]");
                    return 2;
            }
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static OutboxOptions Options(string directory, TimeSpan interval) => new()
    {
        Directory = directory,
        MaxDiskBytes = 8L << 30,
        MaxCommitInterval = interval,
    };

    private static async Task AppendAsync(string root)
    {
        Console.WriteLine($"outbox append: {Environment.ProcessorCount} cores, payload {Payload} B + 24 B header + source id");
        await AppendCaseAsync(root, "default group commit, 8 producers x batch 100, ack per batch", 8, 100, 400_000, fsyncPerBatch: false).ConfigureAwait(false);
        await AppendCaseAsync(root, "default group commit, 1 producer x batch 100, ack per batch", 1, 100, 100_000, fsyncPerBatch: false).ConfigureAwait(false);
        await AppendCaseAsync(root, "timer-only group commit (10 ms), 8 producers x batch 100, ack per batch", 8, 100, 200_000, fsyncPerBatch: false, timerOnly: true).ConfigureAwait(false);
        await AppendCaseAsync(root, "fsync per batch, 8 producers x batch 100", 8, 100, 200_000, fsyncPerBatch: true).ConfigureAwait(false);
        await AppendCaseAsync(root, "fsync per batch, 1 producer x batch 100", 1, 100, 50_000, fsyncPerBatch: true).ConfigureAwait(false);
        await AppendCaseAsync(root, "fsync per batch, 1 producer x batch 1", 1, 1, 2_000, fsyncPerBatch: true).ConfigureAwait(false);
        await AppendCaseAsync(root, "group commit, 1 producer, no waiting (one commit at the end)", 1, 1_000_000, 1_000_000, fsyncPerBatch: false).ConfigureAwait(false);
    }

    private static async Task AppendCaseAsync(string root, string name, int producers, int batch, int total, bool fsyncPerBatch, bool timerOnly = false)
    {
        var dir = Path.Combine(root, Guid.NewGuid().ToString("N"));
        var options = Options(dir, fsyncPerBatch ? TimeSpan.Zero : TimeSpan.FromMilliseconds(10));
        options.CommitWhenAwaited = !timerOnly;
        var outbox = await Bridge.Outbox.Outbox.OpenAsync(options, TimeProvider.System, NullLogger.Instance).ConfigureAwait(false);
        var payload = new byte[Payload];
        var perProducer = total / producers;
        var started = Stopwatch.GetTimestamp();
        var tasks = new Task[producers];
        for (var p = 0; p < producers; p++)
        {
            var source = "source-" + p.ToString(CultureInfo.InvariantCulture);
            tasks[p] = Task.Run(async () =>
            {
                long seq = 0;
                while (seq < perProducer)
                {
                    AppendResult last = default;
                    for (var i = 0; i < batch && seq < perProducer; i++)
                    {
                        last = await outbox.AppendAsync(RecordKind.Value, source, ++seq, payload).ConfigureAwait(false);
                    }

                    if (fsyncPerBatch)
                    {
                        await outbox.CommitAsync().ConfigureAwait(false);
                    }
                    else
                    {
                        await outbox.WaitForCommitAsync(last.EndPosition).ConfigureAwait(false);
                    }
                }
            });
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var snapshot = outbox.GetSnapshot();
        await outbox.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(dir, recursive: true);
        var records = (double)perProducer * producers;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {name}: {records / elapsed:N0} records/s, {snapshot.EndPosition / elapsed / (1 << 20):N1} MB/s, {snapshot.Commits} fsync rounds ({records / Math.Max(1, snapshot.Commits):N0} records per fsync), {elapsed:N2} s"));
    }

    private static async Task RecoveryAsync(string root, long bytes, bool cold)
    {
        var dir = Path.Combine(root, "recovery");
        var options = Options(dir, TimeSpan.FromMilliseconds(10));
        options.Sinks.Add("kafka");
        var payload = new byte[Payload];
        var fill = Stopwatch.GetTimestamp();
        byte[]? checkpointBeforeClose;
        await using (var outbox = await Bridge.Outbox.Outbox.OpenAsync(options, TimeProvider.System, NullLogger.Instance).ConfigureAwait(false))
        {
            long seq = 0;
            // Stop 4 MiB short of a segment boundary so the active segment is nearly full: the worst case for a crash.
            while (outbox.EndPosition < bytes - (4 << 20))
            {
                for (var i = 0; i < 10_000; i++)
                {
                    await outbox.AppendAsync(RecordKind.Value, "source-" + (seq % 16).ToString(CultureInfo.InvariantCulture), ++seq, payload).ConfigureAwait(false);
                }

                await outbox.WaitForCommitAsync(outbox.EndPosition).ConfigureAwait(false);
            }

            await outbox.CommitAsync().ConfigureAwait(false);
            checkpointBeforeClose = File.ReadAllBytes(Path.Combine(dir, "checkpoint.json"));
        }

        var size = 0L;
        foreach (var f in Directory.GetFiles(dir, "seg-*.log"))
        {
            size += new FileInfo(f).Length;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"outbox recovery: {size / (double)(1 << 30):N2} GiB in {Directory.GetFiles(dir, "seg-*.log").Length} segments, filled in {Stopwatch.GetElapsedTime(fill).TotalSeconds:N1} s"));
        await MeasureOpenAsync(options, "clean shutdown (checkpoint current)").ConfigureAwait(false);

        // A crash: the checkpoint is as of the last segment roll, so the active segment's tail is scanned.
        File.WriteAllBytes(Path.Combine(dir, "checkpoint.json"), checkpointBeforeClose);
        await MeasureOpenAsync(options, "crash (checkpoint at last roll, tail scanned)").ConfigureAwait(false);

        File.Delete(Path.Combine(dir, "checkpoint.json"));
        await MeasureOpenAsync(options, "no checkpoint (every segment scanned, warm page cache)").ConfigureAwait(false);
        if (cold)
        {
            // Affects the whole machine: only on request.
            File.Delete(Path.Combine(dir, "checkpoint.json"));
            DropPageCache();
            await MeasureOpenAsync(options, "no checkpoint (every segment scanned, cold page cache)").ConfigureAwait(false);
        }
    }

    private static async Task MeasureOpenAsync(OutboxOptions options, string name)
    {
        var started = Stopwatch.GetTimestamp();
        await using var outbox = await Bridge.Outbox.Outbox.OpenAsync(options, TimeProvider.System, NullLogger.Instance).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var report = outbox.RecoveryReport;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  open after {name}: {elapsed.TotalMilliseconds:N0} ms, scanned {report.BytesScanned / (double)(1 << 20):N1} MiB / {report.RecordsScanned:N0} records, findings {report.Findings.Count}"));
    }

    /// <summary>Best effort (needs root); without it the full-scan figure is for a warm page cache.</summary>
    private static void DropPageCache()
    {
        try
        {
            File.WriteAllText("/proc/sys/vm/drop_caches", "3");
            Console.WriteLine("  (page cache dropped)");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.WriteLine("  (page cache could not be dropped: warm-cache figure)");
        }
    }
}
