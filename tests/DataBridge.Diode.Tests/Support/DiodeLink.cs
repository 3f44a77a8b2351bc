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
            core.Receive(datagram);
        }

        time.Advance(TimeSpan.FromSeconds(1));
        core.Tick();
        core.Flush();
        return (output, core.Statistics);
    }

    public static bool IsKind(byte[] datagram, DatagramKind kind) => datagram[3] == (byte)kind;
}
