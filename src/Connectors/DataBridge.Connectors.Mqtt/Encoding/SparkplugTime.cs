namespace DataBridge.Connectors.Mqtt.Encoding;

/// <summary>Sparkplug timestamps: unsigned milliseconds since the Unix epoch, UTC (Sparkplug 3.0 §6.4.1).</summary>
public static class SparkplugTime
{
    private static readonly ulong MaxMilliseconds = (ulong)DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>Converts <paramref name="milliseconds"/>; false when it lies beyond year 9999.</summary>
    public static bool TryFromEpochMilliseconds(ulong milliseconds, out DateTime utc)
    {
        if (milliseconds > MaxMilliseconds)
        {
            utc = default;
            return false;
        }

        utc = DateTime.UnixEpoch.AddMilliseconds(milliseconds);
        return true;
    }

    /// <summary>The epoch milliseconds of <paramref name="utc"/>.</summary>
    public static ulong ToEpochMilliseconds(DateTime utc) => (ulong)new DateTimeOffset(utc.ToUniversalTime()).ToUnixTimeMilliseconds();
}
