using System.Net;
using DataBridge.Diode.Datagrams;
using DataBridge.Diode.Receiving;
using DataBridge.Diode.Tests.Support;
using DataBridge.Testing.Diode;
using DataBridge.Testing.Support;

namespace DataBridge.Diode.Tests.Kernel;

/// <summary>
/// Real UDP through the kernel: the sender runs as its own process inside the sender's network namespace
/// (<c>ip netns exec</c> — the whole edge process is inside, as on a real edge host, and every packet it could ever
/// receive meets the drop-all rule); the receiver's socket is created inside the receiver's namespace by this test
/// process. nftables drops every inbound frame on the sender side and a share of datagrams on the receiver side.
/// </summary>
[Collection("network namespaces")]
public sealed class NamespaceLinkTests
{
    private const int Sources = 5;
    private const int Port = 47000;

    [Fact]
    public async Task Values_cross_a_link_whose_sender_side_drops_every_inbound_packet()
    {
        using var net = NetworkNamespacePair.Create();
        net.DropEverythingInboundOnSender();
        var (output, stats, child) = await RunAsync(net, 4000, null);
        await using (child)
        {
            Assert.Equal(Sources * 4000, output.Count);
            Assert.Equal(0, output.WrongContent);
            Assert.Contains($"sent {Sources * 4000} ", child.Output, StringComparison.Ordinal);
            Assert.Contains(" 0\n", child.Output.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

            // The rule is live: a "reply" towards the sender is counted and dropped, and the sender never needed one.
            var before = net.SenderDroppedPackets();
            net.SendFromReceiverToSender(9);
            await Eventually.WaitUntilAsync(() => net.SenderDroppedPackets() > before, TimeSpan.FromSeconds(10), "the sender-side drop counter counts a packet from the receiver side");
            Assert.Equal(0, stats.Rejected + stats.Unauthenticated);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public async Task At_the_default_FEC_every_value_arrives_through_random_kernel_drops_of(int percent)
    {
        using var net = NetworkNamespacePair.Create();
        net.DropEverythingInboundOnSender();
        net.DropOnReceiver(Port, $"numgen random mod 100 < {percent}");
        var (output, stats, child) = await RunAsync(net, 4000, null);
        await using (child)
        {
            Assert.Equal(Sources * 4000, output.Count);
            Assert.Empty(output.Gaps);
            Assert.True(net.ReceiverDroppedPackets() > 0, "the loss rule dropped datagrams");
            Assert.True(stats.SymbolsRepaired > 0);
        }
    }

    [Theory]
    [InlineData("numgen random mod 100 < 10")]
    [InlineData("numgen inc mod 1000 < 60")]
    public async Task Beyond_FEC_every_missing_sequence_is_inside_a_reported_gap_and_nothing_else_is_missing(string rule)
    {
        using var net = NetworkNamespacePair.Create();
        net.DropEverythingInboundOnSender();
        net.DropOnReceiver(Port, rule);
        var (output, _, child) = await RunAsync(net, 20000, output => output.Unaccounted(Sources, 1, 20000).Count == 0);
        await using (child)
        {
            Assert.Empty(output.Unaccounted(Sources, 1, 20000));
            Assert.Empty(output.Duplicates());
            foreach (var gap in output.Gaps)
            {
                for (var q = gap.First; q <= gap.Last; q++)
                {
                    Assert.False(output.Delivered.ContainsKey((gap.SourceId, q)), $"{gap} names delivered {gap.SourceId}#{q}");
                }
            }
        }
    }

    [Fact]
    public async Task A_relay_that_reorders_and_duplicates_datagrams_changes_nothing_that_is_delivered()
    {
        using var net = NetworkNamespacePair.Create();
        net.DropEverythingInboundOnSender();
        const int RelayPort = Port + 1;
        var relayIn = net.BindUdpInReceiver(RelayPort);

        // The relay must not drop datagrams itself (the default 208 KB buffer overflows on a block burst).
        UdpDiodeReceiver.SetReceiveBuffer(relayIn, 32 << 20);
        using var relay = new ReorderingRelay(relayIn, net.BindUdpInReceiver(0), new IPEndPoint(net.ReceiverAddress, Port), window: 100, duplicateShare: 0.2);
        var (output, stats, child) = await RunAsync(net, 4000, null, RelayPort);
        await using (child)
        {
            Assert.Equal(Sources * 4000, output.Count);
            Assert.Empty(output.Duplicates());
            Assert.Empty(output.Gaps);
            Assert.True(relay.Duplicated > 100, $"{relay.Duplicated} duplicated");
            Assert.True(stats.DuplicateDatagrams > 100, $"{stats.DuplicateDatagrams} duplicates seen by the receiver");
        }
    }

    [Fact]
    public async Task A_sender_killed_mid_stream_and_restarted_from_its_saved_position_leaves_nothing_missing_or_doubled()
    {
        using var net = NetworkNamespacePair.Create();
        net.DropEverythingInboundOnSender();
        var keyFile = await WriteKeyAsync();
        var output = new CollectingOutput();
        var core = new DiodeReceiverCore(new DatagramAuthenticator(DiodeKey.Load(keyFile)), output, DiodeLink.Receiver);
        var socket = net.BindUdpInReceiver(Port);
        UdpDiodeReceiver.SetReceiveBuffer(socket, 32 << 20);
        var receiver = UdpDiodeReceiver.Start(socket, core);
        try
        {
            await using (var first = StartSender(net, keyFile, 1, 20000, "10Mbit", Port))
            {
                await Eventually.WaitUntilAsync(() => output.Count > Sources * 5000, TimeSpan.FromSeconds(120), "a quarter of the records arrived");
            }

            // kill -9 (the tree is killed on dispose); the outbox's saved position is behind what arrived: 2,000 per source.
            Assert.True(output.Count < Sources * 20000, "the sender was killed mid-stream");
            await using var second = StartSender(net, keyFile, 2001, 20000, "50Mbit", Port);
            await Eventually.WaitUntilAsync(() => output.Count == Sources * 20000, TimeSpan.FromSeconds(120), "every record arrived after the restart");
            await Eventually.WaitUntilAsync(() => receiver.Statistics.StreamRestarts == 1, TimeSpan.FromSeconds(30), "the receiver saw the sender's new stream");

            Assert.Empty(output.Duplicates());
            Assert.Empty(output.Unaccounted(Sources, 1, 20000));
            Assert.True(receiver.Statistics.DuplicateRecords > 0, "the resent records already delivered were dropped");
        }
        finally
        {
            await receiver.DisposeAsync();
            File.Delete(keyFile);
        }
    }

    private static async Task<string> WriteKeyAsync()
    {
        var keyFile = Path.Combine(Path.GetTempPath(), $"diode-{Guid.NewGuid():N}.key");
        await File.WriteAllTextAsync(keyFile, Convert.ToHexString(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return keyFile;
    }

    private static ChildProcess StartSender(NetworkNamespacePair net, string keyFile, long first, long last, string rate, int port)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "DataBridge.Diode.TestHost.dll");
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return ChildProcess.Start("ip", ["netns", "exec", net.Sender, "dotnet", host, $"{net.ReceiverAddress}:{port}", keyFile, Sources.ToString(invariant), first.ToString(invariant), last.ToString(invariant), rate, "linger"]);
    }

    private static async Task<(CollectingOutput Output, DiodeLinkStatistics Statistics, ChildProcess Child)> RunAsync(NetworkNamespacePair net, long last, Func<CollectingOutput, bool>? done, int targetPort = Port)
    {
        var keyFile = Path.Combine(Path.GetTempPath(), $"diode-{Guid.NewGuid():N}.key");
        await File.WriteAllTextAsync(keyFile, Convert.ToHexString(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var output = new CollectingOutput();
        var core = new DiodeReceiverCore(new DatagramAuthenticator(DiodeKey.Load(keyFile)), output, DiodeLink.Receiver);
        var socket = net.BindUdpInReceiver(Port);
        UdpDiodeReceiver.SetReceiveBuffer(socket, 32 << 20);
        var receiver = UdpDiodeReceiver.Start(socket, core);
        var host = Path.Combine(AppContext.BaseDirectory, "DataBridge.Diode.TestHost.dll");
        var child = ChildProcess.Start("ip", ["netns", "exec", net.Sender, "dotnet", host, $"{net.ReceiverAddress}:{targetPort}", keyFile, Sources.ToString(System.Globalization.CultureInfo.InvariantCulture), "1", last.ToString(System.Globalization.CultureInfo.InvariantCulture), "50Mbit", "linger"]);
        try
        {
            done ??= o => o.Count == Sources * last;
            try
            {
                await Eventually.WaitUntilAsync(() => done(output) || child.HasExited, TimeSpan.FromSeconds(120), "every record accounted for");
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}: {output.Count} delivered, gaps {string.Join(", ", output.Gaps.Take(10))}, {receiver.Statistics}, sender: {child.Output}", e);
            }

            Assert.False(child.HasExited, child.Output);
            await Eventually.WaitUntilAsync(() => child.Output.Contains("sent ", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the sender reports all sent");
        }
        finally
        {
            await receiver.DisposeAsync();
            File.Delete(keyFile);
        }

        return (output, core.Statistics, child);
    }
}
