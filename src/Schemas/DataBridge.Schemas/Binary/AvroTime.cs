namespace DataBridge.Schemas.Binary;

/// <summary>
/// Conversions for the Avro <c>timestamp-micros</c> logical type. .NET ticks are 100 ns, so the
/// sub-microsecond digit is truncated on the wire (documented in src/Schemas/README.md).
/// </summary>
public static class AvroTime
{
    private const long TicksPerMicrosecond = 10;
    private static readonly long MinMicros = -DateTime.UnixEpoch.Ticks / TicksPerMicrosecond;
    private static readonly long MaxMicros = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / TicksPerMicrosecond;

    /// <summary>Microseconds since 1970-01-01T00:00:00Z; an unspecified kind is taken as UTC.</summary>
    public static long ToMicros(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return (utc.Ticks - DateTime.UnixEpoch.Ticks) / TicksPerMicrosecond;
    }

    /// <summary>The UTC time of a microsecond count, or false when it is outside the range of <see cref="DateTime"/>.</summary>
    public static bool TryFromMicros(long micros, out DateTime value)
    {
        if (micros < MinMicros || micros > MaxMicros)
        {
            value = default;
            return false;
        }

        value = new DateTime(DateTime.UnixEpoch.Ticks + (micros * TicksPerMicrosecond), DateTimeKind.Utc);
        return true;
    }

    /// <summary>Truncates a time to whole microseconds (what survives a round trip through Avro).</summary>
    public static DateTime TruncateToMicros(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return new DateTime(utc.Ticks - (utc.Ticks % TicksPerMicrosecond), DateTimeKind.Utc);
    }
}
