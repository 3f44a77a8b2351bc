using DataBridge.Diode.Sending;

namespace DataBridge.Diode.Tests.Support;

/// <summary>Keeps every datagram the sender hands to the "network", in order.</summary>
internal sealed class MemoryTransport : IDatagramTransport
{
    public List<byte[]> Datagrams { get; } = [];

    public void Send(ReadOnlySpan<byte> datagram) => Datagrams.Add(datagram.ToArray());
}
