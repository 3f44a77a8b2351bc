using System.Globalization;

namespace DataBridge.Bench.OpcUa;

/// <summary>The workload of one <c>opcua</c> bench run, from the command line.</summary>
internal sealed record BenchSettings
{
    public int Items { get; init; } = 5000;

    /// <summary>Length of the measured window (after the warm-up), per client.</summary>
    public double Seconds { get; init; } = 10;

    /// <summary>Long enough for tiered JIT to finish on a loaded 2-core machine (the harness prints what it compiled in the window).</summary>
    public double WarmupSeconds { get; init; } = 5;

    /// <summary>
    /// How often the server changes every item. Twice the sampling interval by default: a sampled item (OPC 10000-4
    /// §5.12.1.2) can only report every change when each value lasts longer than one sampling interval, so at equal
    /// rates node-opcua's sampling timers would skip changes and "lost" would count the server's aliasing.
    /// </summary>
    /// <summary>Upper bound of the adaptive warm-up (see OpcUaSubscriptionBench.WarmUpAsync).</summary>
    public double MaxWarmupSeconds { get; init; } = 15;

    /// <summary>Fewer methods than this JIT-compiled in one second: warm.</summary>
    public int SettledJitMethods { get; init; } = 10;

    public int ChangeMs { get; init; } = 200;

    public int SamplingMs { get; init; } = 100;

    public int PublishingMs { get; init; } = 100;

    /// <summary>Skip the pipeline: what the connector alone costs (DataBridge side only).</summary>
    public bool ConnectorOnly { get; init; }

    /// <summary>Also run the DataBridge side with Aes256_Sha256_RsaPss SignAndEncrypt, right after None, against the same server.</summary>
    public bool Security { get; init; }

    /// <summary>null: both clients; "databridge" or "node-opcua": only that one.</summary>
    public string? Only { get; init; }

    public static BenchSettings Parse(string[] args)
    {
        var s = new BenchSettings();
        var positional = 0;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{a} needs a value");
            s = a switch
            {
                "--change-ms" => s with { ChangeMs = PositiveInt(a, Next()) },
                "--warmup" => s with { WarmupSeconds = NonNegative(a, Next()) },
                "--sampling-ms" => s with { SamplingMs = PositiveInt(a, Next()) },
                "--publishing-ms" => s with { PublishingMs = PositiveInt(a, Next()) },
                "--connector-only" => s with { ConnectorOnly = true },
                "--security" => s with { Security = true },
                "--only" => s with { Only = Next() switch { "databridge" => "databridge", "node-opcua" => "node-opcua", _ => throw new FormatException("--only takes databridge or node-opcua") } },
                _ when a.StartsWith("--", StringComparison.Ordinal) => throw new FormatException($"unknown option {a}"),
                _ when positional == 0 => s with { Items = PositiveInt("items", a) },
                _ when positional == 1 => s with { Seconds = NonNegative("seconds", a) },
                _ => throw new FormatException($"unexpected argument {a}"),
            };
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                positional++;
            }
        }

        return s.Seconds > 0 ? s : throw new FormatException("seconds must be > 0");
    }

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"opcua subscribe: {Items:N0} Double items, sampling {SamplingMs} ms, publishing {PublishingMs} ms, queue 10; server changes every item every {ChangeMs} ms ({Items * 1000.0 / ChangeMs:N0} changes/s); per client a warm-up of {WarmupSeconds}-{MaxWarmupSeconds} s (until .NET's JIT settles) + {Seconds} s measured");

    private static int PositiveInt(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new FormatException($"{name} must be a positive whole number, not '{text}'");

    private static double NonNegative(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : throw new FormatException($"{name} must be a number ≥ 0, not '{text}'");
}
