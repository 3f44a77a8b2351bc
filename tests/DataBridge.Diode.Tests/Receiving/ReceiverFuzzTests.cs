using CsCheck;
using DataBridge.Diode.Datagrams;
using DataBridge.Diode.Receiving;
using DataBridge.Diode.Tests.Datagrams;
using DataBridge.Diode.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DataBridge.Diode.Tests.Receiving;

/// <summary>Whatever reaches the receiver's port: a typed outcome per datagram, no exception, nothing delivered that was not sent, bounded memory.</summary>
public sealed class ReceiverFuzzTests
{
    [Fact]
    public void Random_bytes_are_rejected_with_a_typed_outcome_and_deliver_nothing()
    {
        var output = new CollectingOutput();
        using var core = new DiodeReceiverCore(TestKeys.A, output, DiodeLink.Receiver, time: new FakeTimeProvider());
        Gen.Byte.Array[0, 9000].Sample(bytes =>
        {
            var outcome = core.Receive(bytes);
            Assert.True(outcome is DatagramOutcome.Rejected or DatagramOutcome.Unauthenticated, $"{outcome} for {bytes.Length} random bytes");
        }, iter: 5000, threads: 1);

        core.Flush();
        Assert.Equal(0, output.Count);
        Assert.Empty(output.Gaps);
        Assert.Equal(5000, core.Statistics.Rejected + core.Statistics.Unauthenticated);
    }

    [Fact]
    public void Every_truncation_of_a_genuine_datagram_is_rejected_naming_the_length()
    {
        var genuine = DiodeLink.Send(1, 1, 50).First(d => DiodeLink.IsKind(d, DatagramKind.Data));
        using var core = new DiodeReceiverCore(TestKeys.A, new CollectingOutput(), DiodeLink.Receiver, time: new FakeTimeProvider());
        for (var length = 0; length < genuine.Length; length++)
        {
            Assert.Equal(DatagramOutcome.Rejected, core.Receive(genuine.AsSpan(0, length)));
            Assert.Contains(core.LastRejection!.Value.Field, new[] { "datagram.length", "header.payloadLength" });
        }
    }

    [Fact]
    public void Authenticated_symbols_with_absurd_block_ids_and_sizes_never_hold_more_than_the_pending_block_limit()
    {
        var options = DiodeLink.Receiver with { MaxPendingBlocks = 8 };
        var output = new CollectingOutput();
        using var core = new DiodeReceiverCore(TestKeys.A, output, options, time: new FakeTimeProvider());
        var buffer = new byte[DatagramLimits.MaxDatagramLength];
        var gen =
            from block in Gen.OneOf(Gen.ULong, Gen.ULong[0, 40])
            from k in Gen.Int[1, DatagramLimits.MaxDataCount]
            from m in Gen.Int[0, Math.Min(DatagramLimits.MaxParityCount, DatagramLimits.MaxSymbolsPerBlock - k)]
            from parity in Gen.Bool
            from index in parity && m > 0 ? Gen.Int[k, k + m - 1] : Gen.Int[0, k - 1]
            from sequence in Gen.ULong[0, 100_000]
            from payload in Gen.Byte.Array[1, DatagramLimits.DefaultPayloadLength]
            select (new DatagramHeader(parity && m > 0 ? DatagramKind.Parity : DatagramKind.Data, 77, sequence, block, (byte)index, (byte)k, (byte)m, 0), payload);

        var before = GC.GetTotalMemory(true);
        gen.Sample(t =>
        {
            var length = DatagramWriter.Write(buffer, t.Item1, t.Item2, TestKeys.A);
            var outcome = core.Receive(buffer.AsSpan(0, length));
            Assert.NotEqual(DatagramOutcome.Unauthenticated, outcome);
            Assert.InRange(core.PendingBlockCount, 0, options.MaxPendingBlocks);
        }, iter: 3000, threads: 1);

        core.Flush();
        var after = GC.GetTotalMemory(true);

        // Eight pending blocks of at most 255 × 1,400 bytes, plus pooled decoders: well under 64 MiB whatever came in.
        Assert.True(after - before < 64L << 20, $"{(after - before) >> 20} MiB retained");
    }
}
