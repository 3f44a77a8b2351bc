namespace DataBridge.Core;

/// <summary>
/// One reading of one source address as a connector delivers it to the tag pipeline: value, quality,
/// and the source's own timestamp (the server's for OPC UA, the poll time for Modbus).
/// </summary>
/// <param name="Value">The typed value; <see cref="TagValue.Null"/> when the status is Bad and nothing was read.</param>
/// <param name="Status">The quality, as an OPC UA status code.</param>
/// <param name="SourceTimestamp">When the source says the value was true (UTC).</param>
/// <param name="ServerTimestamp">When the server handled the value (UTC); equal to the source timestamp for Modbus.</param>
public readonly record struct Sample(TagValue Value, StatusCode Status, DateTime SourceTimestamp, DateTime ServerTimestamp)
{
    /// <summary>A Good sample read at <paramref name="timestamp"/>.</summary>
    public static Sample Good(TagValue value, DateTime timestamp) => new(value, new StatusCode(StatusCodes.Good), timestamp, timestamp);

    /// <summary>A sample carrying no value and a Bad status (communication error, timeout, exception).</summary>
    public static Sample Bad(uint status, DateTime timestamp) => new(TagValue.Null, new StatusCode(status), timestamp, timestamp);
}
