namespace DataBridge.Connectors.OpcUa.Encoding;

/// <summary>
/// The wire form of DateTime (Part 6 §5.2.2.5): 100 ns intervals since 1601-01-01 00:00 UTC as Int64. Values at or
/// before 1601 encode as 0 and values at or after 9999-12-31 23:59:59 as Int64.MaxValue; decoding maps these back to
/// <see cref="DateTime.MinValue"/> and <see cref="DateTime.MaxValue"/>.
/// </summary>
public static class OpcUaDateTime
{
    /// <summary>The epoch of the wire form, in .NET ticks.</summary>
    public static readonly long EpochTicks = new DateTime(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private static readonly long MaxTicks = new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc).Ticks;

    /// <summary>Converts to the wire value.</summary>
    public static long ToWire(DateTime value)
    {
        var ticks = AsUtc(value).Ticks;
        if (ticks <= EpochTicks)
        {
            return 0;
        }

        return ticks >= MaxTicks ? long.MaxValue : ticks - EpochTicks;
    }

    /// <summary>Converts from the wire value (always UTC).</summary>
    public static DateTime FromWire(long value)
    {
        if (value <= 0)
        {
            return DateTime.MinValue;
        }

        if (value >= MaxTicks - EpochTicks)
        {
            return DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);
        }

        return new DateTime(value + EpochTicks, DateTimeKind.Utc);
    }

    /// <summary>Treats an unspecified kind as UTC (OPC UA times are UTC) and converts local times.</summary>
    public static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
