namespace DataBridge.Kpi.Model;

/// <summary>A part counter tag. Increments are taken between consecutive Good samples in source-timestamp order.</summary>
public sealed class CounterModel
{
    /// <summary>The counter's tag id.</summary>
    public required string TagId { get; init; }

    /// <summary>
    /// The value at which the counter wraps to 0 (e.g. 65536 for a 16-bit register); null to infer it from the
    /// value's type (UInt16 → 2^16, UInt32/Int32 → 2^32). A decrease that is not a wrap is a reset: counting restarts at 0.
    /// </summary>
    public double? WrapAt { get; init; }
}
