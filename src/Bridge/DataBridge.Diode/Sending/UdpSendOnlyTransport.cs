using System.Net;
using System.Net.Sockets;

namespace DataBridge.Diode.Sending;

/// <summary>
/// A connected, send-only UDP socket. <c>connect</c> on a UDP socket sends nothing: it fixes the destination so each
/// send is one <c>send(2)</c> without an address. The code never calls a receive method on it (a test scans this
/// assembly's IL for that), and it is never bound to a listening address: the kernel picks an ephemeral source port.
/// </summary>
/// <remarks>
/// Across a real diode nothing comes back. On an ordinary network an ICMP "port unreachable" for an earlier datagram
/// makes the kernel fail the next send with ECONNREFUSED, once; the datagram of that call was not sent, so it is sent
/// again and the event counted (<see cref="RefusedCount"/>) — it means nothing listens at the target.
/// </remarks>
public sealed class UdpSendOnlyTransport : IDatagramTransport, IDisposable
{
    private readonly Socket _socket;

    /// <summary>Creates the socket and connects it to <paramref name="target"/>.</summary>
    /// <param name="target">The receiver (or the diode's input side); an IP address: a diode carries no DNS replies.</param>
    /// <param name="sendBufferBytes">The kernel send buffer; at least the rate limiter's burst.</param>
    public UdpSendOnlyTransport(IPEndPoint target, int sendBufferBytes = 4 << 20)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
        _socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.SendBufferSize = sendBufferBytes;
            _socket.Connect(target);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    /// <summary>Where the datagrams go.</summary>
    public IPEndPoint Target { get; }

    /// <summary>Sends the kernel refused because an ICMP error came back for an earlier datagram (nothing listens at the target).</summary>
    public long RefusedCount { get; private set; }

    /// <inheritdoc/>
    public void Send(ReadOnlySpan<byte> datagram)
    {
        try
        {
            _socket.Send(datagram, SocketFlags.None);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            // The pending error is consumed by the failed call; the second attempt sends.
            RefusedCount++;
            _socket.Send(datagram, SocketFlags.None);
        }
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _socket.Dispose();
}
