namespace DataBridge.Diode.Datagrams;

/// <summary>A verified datagram: its header and a view of its payload inside the received bytes.</summary>
public readonly ref struct Datagram
{
    /// <summary>Creates the view.</summary>
    public Datagram(DatagramHeader header, ReadOnlySpan<byte> payload)
    {
        Header = header;
        Payload = payload;
    }

    /// <summary>The header, validated.</summary>
    public DatagramHeader Header { get; }

    /// <summary>The payload, authenticated (<see cref="DatagramHeader.PayloadLength"/> bytes).</summary>
    public ReadOnlySpan<byte> Payload { get; }
}
