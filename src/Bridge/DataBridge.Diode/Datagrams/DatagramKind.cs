namespace DataBridge.Diode.Datagrams;

/// <summary>What a datagram's payload is.</summary>
public enum DatagramKind : byte
{
    /// <summary>A data symbol of an FEC block: packed records (see <c>Packing</c>), sent as they are (systematic code).</summary>
    Data = 1,

    /// <summary>A parity symbol of an FEC block: a Reed–Solomon combination of the block's data symbols.</summary>
    Parity = 2,

    /// <summary>The sender's position and counters, sent when idle so the receiver can tell silence from loss.</summary>
    Heartbeat = 3,
}
