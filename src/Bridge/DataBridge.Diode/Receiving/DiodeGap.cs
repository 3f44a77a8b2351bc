namespace DataBridge.Diode.Receiving;

/// <summary>
/// Sequence numbers of one source that did not cross the diode and that FEC could not rebuild: the future
/// <c>diode_loss</c> gap record. Every number in <c>First..Last</c> is missing; a later resend may still fill it.
/// </summary>
/// <param name="SourceId">The source.</param>
/// <param name="First">First missing sequence number.</param>
/// <param name="Last">Last missing sequence number (inclusive).</param>
public readonly record struct DiodeGap(string SourceId, long First, long Last)
{
    /// <summary>The reason string gap records carry for diode loss.</summary>
    public const string Reason = "diode_loss";

    /// <summary>How many sequence numbers are missing.</summary>
    public long Count => Last - First + 1;
}
