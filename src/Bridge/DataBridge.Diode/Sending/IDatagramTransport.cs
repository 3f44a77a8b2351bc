namespace DataBridge.Diode.Sending;

/// <summary>Hands finished datagrams to the network, one way. Nothing is ever read back.</summary>
public interface IDatagramTransport
{
    /// <summary>Sends one datagram (blocks while the kernel's send buffer is full: that is the sender's back-pressure).</summary>
    void Send(ReadOnlySpan<byte> datagram);
}
