using System.Globalization;

namespace DataBridge.Bench.OpcUa;

/// <summary>What one client measured in its window, and the completeness check over its whole burst.</summary>
internal sealed record SideResult(
    string Name,
    long Notifications,
    double Seconds,
    double CpuMs,
    double? BytesPerNotification,
    int Gen0Collections,
    int Gen2Collections,
    double ServerCpuMs,
    long Expected,
    long Received,
    long Skipped,
    long Disorder,
    bool Complete,
    ServerBurst Server,
    int? JitCompiledInWindow,
    double WarmupSeconds)
{
    public double PerSecond => Notifications / Seconds;

    public double CpuMsPer1K => CpuMs / (Notifications / 1000.0);

    /// <summary>Changes the server made that never arrived (sampling skips included; 0 expected).</summary>
    public long Lost => Math.Max(0, Expected - Received);

    public string Describe()
    {
        var memory = BytesPerNotification is { } b
            ? string.Create(CultureInfo.InvariantCulture, $", {b:N0} B allocated/notif, GCs gen0 {Gen0Collections} gen2 {Gen2Collections}, methods JIT-compiled in the window {JitCompiledInWindow}")
            : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"""
              {Name}:
                {PerSecond:N0} notif/s ({Notifications:N0} in {Seconds:N1} s after {WarmupSeconds:N1} s warm-up), {CpuMsPer1K:N2} ms CPU per 1,000 notifications ({CpuMs / Seconds / 10:N0} % of one core){memory}
                completeness: {Received:N0} of {Expected:N0} changes received, lost {Lost:N0}, skipped values {Skipped:N0}, out of order/gaps {Disorder:N0}{(Complete ? string.Empty : ", NOT every item reached its last value")}
                server: {ServerCpuMs / Seconds / 10:N0} % of one core in the window; the burst {Server}
            """);
    }
}
