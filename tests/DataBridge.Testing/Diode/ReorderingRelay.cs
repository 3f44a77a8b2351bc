using System.Net;
using System.Net.Sockets;

namespace DataBridge.Testing.Diode;

/// <summary>
/// A UDP relay that shuffles datagrams within batches of <c>window</c> and repeats a share of them: what a network with
/// several paths and a misbehaving switch does to a datagram stream. Forwards from its bound socket to <c>target</c>;
/// a partial batch goes out after 50 ms without traffic. Runs on its own thread until disposed.
/// </summary>
public sealed class ReorderingRelay : IDisposable
{
    private readonly Socket _in;
    private readonly Socket _out;
    private readonly EndPoint _target;
    private readonly int _window;
    private readonly double _duplicate;
    private readonly Random _random = new(13);
    private readonly Thread _thread;
    private volatile bool _stop;

    public ReorderingRelay(Socket boundIn, Socket outSocket, IPEndPoint target, int window, double duplicateShare)
    {
        ArgumentNullException.ThrowIfNull(boundIn);
        _in = boundIn;
        _out = outSocket;
        _target = target;
        _window = window;
        _duplicate = duplicateShare;
        _in.ReceiveTimeout = 50;
        _thread = new Thread(Run) { IsBackground = true, Name = "reordering relay" };
        _thread.Start();
    }

    public long Forwarded { get; private set; }

    public long Duplicated { get; private set; }

    public void Dispose()
    {
        _stop = true;
        _thread.Join(TimeSpan.FromSeconds(10));
        _in.Dispose();
        _out.Dispose();
    }

    private void Run()
    {
        var batch = new List<byte[]>();
        var buffer = new byte[65536];
        while (!_stop)
        {
            try
            {
                var length = _in.Receive(buffer);
                batch.Add(buffer.AsSpan(0, length).ToArray());
                if (_random.NextDouble() < _duplicate)
                {
                    batch.Add(buffer.AsSpan(0, length).ToArray());
                    Duplicated++;
                }

                if (batch.Count < _window)
                {
                    continue;
                }
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut || e.SocketErrorCode == SocketError.WouldBlock)
            {
            }

            _random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batch));
            foreach (var datagram in batch)
            {
                _out.SendTo(datagram, _target);
                Forwarded++;
            }

            batch.Clear();
        }
    }
}
