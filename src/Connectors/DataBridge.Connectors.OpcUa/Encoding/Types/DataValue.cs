using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Encoding.Types;

/// <summary>
/// A value with its status and timestamps (Part 4 §7.11, binary encoding Part 6 §5.2.2.17). A field equal to its default
/// (null Variant, Good, <see cref="DateTime.MinValue"/>, 0 picoseconds) is absent from the encoding mask.
/// </summary>
public readonly record struct DataValue
{
    /// <summary>Creates a data value.</summary>
    public DataValue(Variant value, StatusCode status = default, DateTime sourceTimestamp = default, DateTime serverTimestamp = default)
    {
        Value = value;
        Status = status;
        SourceTimestamp = sourceTimestamp;
        ServerTimestamp = serverTimestamp;
    }

    /// <summary>The value (a null Variant when absent).</summary>
    public Variant Value { get; init; }

    /// <summary>The status (Good when absent).</summary>
    public StatusCode Status { get; init; }

    /// <summary>When the source produced the value (UTC; <see cref="DateTime.MinValue"/> when absent).</summary>
    public DateTime SourceTimestamp { get; init; }

    /// <summary>Picoseconds to add to <see cref="SourceTimestamp"/> (0 to 9999).</summary>
    public ushort SourcePicoseconds { get; init; }

    /// <summary>When the server received or produced the value (UTC; <see cref="DateTime.MinValue"/> when absent).</summary>
    public DateTime ServerTimestamp { get; init; }

    /// <summary>Picoseconds to add to <see cref="ServerTimestamp"/> (0 to 9999).</summary>
    public ushort ServerPicoseconds { get; init; }
}
