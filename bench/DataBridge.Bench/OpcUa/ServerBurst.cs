using System.Globalization;

namespace DataBridge.Bench.OpcUa;

/// <summary>bench-server.js's "DONE value=V ticks=T changes=C total=N seconds=S lag-ms=L" line: what one burst did.</summary>
internal sealed record ServerBurst(long Value, long Changes, double Seconds, long LagMs)
{
    /// <summary>Changes per second the server actually made (below the nominal rate when it could not keep up).</summary>
    public double ChangesPerSecond => Changes / Seconds;

    public static ServerBurst Parse(string line)
    {
        long value = -1, changes = -1, lag = 0;
        double seconds = double.NaN;
        foreach (var part in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                continue;
            }

            var text = part[(eq + 1)..];
            switch (part[..eq])
            {
                case "value": value = long.Parse(text, CultureInfo.InvariantCulture); break;
                case "changes": changes = long.Parse(text, CultureInfo.InvariantCulture); break;
                case "seconds": seconds = double.Parse(text, CultureInfo.InvariantCulture); break;
                case "lag-ms": lag = long.Parse(text, CultureInfo.InvariantCulture); break;
            }
        }

        return value >= 0 && changes >= 0 && !double.IsNaN(seconds)
            ? new ServerBurst(value, changes, seconds, lag)
            : throw new FormatException($"bench-server.js printed an unexpected DONE line: {line}");
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"made {Changes:N0} changes in {Seconds:N1} s ({ChangesPerSecond:N0}/s), ran up to {LagMs:N0} ms behind its schedule");
}
