using DataBridge.Diode.Datagrams;
using DataBridge.Diode.Receiving;
using DataBridge.Diode.Sending;
using DataBridge.Diode.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace DataBridge.Diode.Tests.Support;

/// <summary>A sender run into memory, and a receiver core on a fake clock, for link tests without sockets.</summary>
internal static class DiodeLink
{
    public static readonly DiodeReceiverOptions Receiver = new() { InitialSequence = 1 };

    /// <summary>The fake time between two datagrams: 249 of them (one default block) take longer than the 500 ms block timeout.</summary>
    public static readonly TimeSpan PerDatagram = TimeSpan.FromMilliseconds(3);

    /// <summary>Runs a sender over the generated records and returns every datagram it sent, in order.</summary>
    public static List<byte[]> Send(int sources, long first, long last, DiodeSenderOptions? options = null, DatagramAuthenticator? key = null)
    {
        var transport = new MemoryTransport();
        var sender = new DiodeSender(options ?? new DiodeSenderOptions(), key ?? Datagrams.TestKeys.A, transport);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        sender.RunAsync(new GeneratedRecordSource(sources, first, last), deadline.Token).GetAwaiter().GetResult();
        return transport.Datagrams;
    }

    /// <summary>Feeds <paramref name="datagrams"/> to a fresh core, then lets the clock run past every timeout and flushes.</summary>
    public static (CollectingOutput Output, DiodeLinkStatistics Statistics) Receive(IEnumerable<byte[]> datagrams, DiodeReceiverOptions? options = null, CollectingOutput? output = null, IReadOnlyDictionary<string, long>? positions = null)
    {
        output ??= new CollectingOutput();
        var time = new FakeTimeProvider();
        using var core = new DiodeReceiverCore(Datagrams.TestKeys.A, output, options ?? Receiver, positions, time);
        foreach (var datagram in datagrams)
        {
            // Datagrams take time to arrive: a block spans longer than the block timeout, so a receiver that gave up a
            // block before its parity came would fail these tests.
            time.Advance(PerDatagram);
            core.Receive(datagram);
        }

        time.Advance(TimeSpan.FromSeconds(1));
        core.Tick();
        core.Flush();
        return (output, core.Statistics);
    }

    public static bool IsKind(byte[] datagram, DatagramKind kind) => datagram[3] == (byte)kind;
}
