namespace DataBridge.Diode.Fec;

/// <summary>What a block decoder could make of the symbols it received.</summary>
public enum FecBlockStatus
{
    /// <summary>Every data symbol arrived; nothing to repair.</summary>
    Complete,

    /// <summary>Some data symbols were lost and rebuilt from parity.</summary>
    Repaired,

    /// <summary>Fewer than k symbols arrived: the lost data symbols are named in the result.</summary>
    Unrecoverable,
}
