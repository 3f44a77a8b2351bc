using CsCheck;
using DataBridge.Diode.Datagrams;
using DataBridge.Diode.Fec;

namespace DataBridge.Diode.Tests.Fec;

public sealed class FecBlockDecoderTests
{
    private const int MaxSymbol = 600;

    internal static (byte[][] Data, List<(DatagramHeader Header, byte[] Payload)> Symbols) Block(int k, int m, int maxLength, Random random, ulong blockId = 7)
    {
        var encoder = new FecBlockEncoder(k, m, MaxSymbol);
        var data = new byte[k][];
        for (var i = 0; i < k; i++)
        {
            data[i] = new byte[random.Next(1, maxLength + 1)];
            random.NextBytes(data[i]);
            encoder.Add(data[i]);
        }

        encoder.EncodeParity();
        var symbols = new List<(DatagramHeader, byte[])>();
        for (var i = 0; i < k; i++)
        {
            symbols.Add((Header(DatagramKind.Data, blockId, i, k, m, data[i].Length), data[i]));
        }

        for (var i = 0; i < m; i++)
        {
            symbols.Add((Header(DatagramKind.Parity, blockId, k + i, k, m, encoder.SymbolSize), encoder.GetParity(i).ToArray()));
        }

        return (data, symbols);
    }

    private static DatagramHeader Header(DatagramKind kind, ulong blockId, int index, int k, int m, int length) =>
        new(kind, 1, (ulong)index, blockId, (byte)index, (byte)k, (byte)m, (ushort)length);

    private static readonly Gen<(int K, int M, int Seed, int MaxLength)> Blocks =
        from k in Gen.Int[1, 32]
        from m in Gen.Int[0, 6]
        from seed in Gen.Int
        from maxLength in Gen.Int[1, MaxSymbol]
        select (k, m, seed, maxLength);

    [Fact]
    public void Symbols_in_any_order_with_duplicates_and_up_to_m_lost_give_back_every_data_symbol()
    {
        Blocks.Sample(c =>
        {
            var random = new Random(c.Seed);
            var (data, symbols) = Block(c.K, c.M, c.MaxLength, random);
            var lost = random.Next(0, c.M + 1);
            var arriving = symbols.OrderBy(_ => random.Next()).Skip(lost).ToList();
            arriving.AddRange(arriving.Where(_ => random.Next(4) == 0).ToList());
            arriving = arriving.OrderBy(_ => random.Next()).ToList();

            using var decoder = new FecBlockDecoder(MaxSymbol);
            var duplicates = arriving.Count(s => decoder.Add(s.Header, s.Payload) == FecSymbolStatus.Duplicate);
            Assert.Equal(arriving.Count - (symbols.Count - lost), duplicates);
            Assert.True(decoder.CanDecode);

            var result = decoder.Decode();
            var lostData = symbols.Count(s => s.Header.Kind == DatagramKind.Data && !arriving.Contains(s));
            Assert.Equal(lostData == 0 ? FecBlockStatus.Complete : FecBlockStatus.Repaired, result.Status);
            Assert.Equal(lostData, result.RepairedCount);
            for (var i = 0; i < c.K; i++)
            {
                var symbol = decoder.GetData(i);

                // A rebuilt symbol is the original followed by the sender's zero padding up to the parity length.
                Assert.True(symbol[..data[i].Length].SequenceEqual(data[i]), $"data symbol {i}");
                Assert.True(symbol[data[i].Length..].IndexOfAnyExcept((byte)0) < 0);
            }
        }, iter: 500);
    }

    [Fact]
    public void More_than_m_lost_symbols_make_the_block_unrecoverable_naming_exactly_the_lost_data_symbols()
    {
        Blocks.Where(c => c.K >= 2).Sample(c =>
        {
            var random = new Random(c.Seed);
            var (_, symbols) = Block(c.K, c.M, c.MaxLength, random);
            var lostCount = random.Next(c.M + 1, c.K + c.M + 1);
            var lost = symbols.OrderBy(_ => random.Next()).Take(lostCount).ToList();
            using var decoder = new FecBlockDecoder(MaxSymbol);
            foreach (var s in symbols.Except(lost))
            {
                decoder.Add(s.Header, s.Payload);
            }

            var expected = lost.Where(s => s.Header.Kind == DatagramKind.Data).Select(s => (int)s.Header.SymbolIndex).Order().ToArray();
            if (symbols.Count == lostCount)
            {
                // Nothing arrived: there is no block to decode at all, the receiver only learns of it from sequence numbers.
                Assert.False(decoder.IsStarted);
                return;
            }

            Assert.False(decoder.CanDecode);
            var result = decoder.Decode();
            Assert.Equal(FecBlockStatus.Unrecoverable, result.Status);
            Assert.Equal(expected, result.LostDataIndices);
        }, iter: 500);
    }

    [Fact]
    public void A_symbol_that_contradicts_its_block_is_refused_with_the_field_named()
    {
        var (_, symbols) = Block(4, 2, 100, new Random(1));
        using var decoder = new FecBlockDecoder(MaxSymbol);
        decoder.Add(symbols[4].Header, symbols[4].Payload);

        var otherK = Assert.Throws<DiodeFormatException>(() => decoder.Add(symbols[0].Header with { DataCount = 5 }, symbols[0].Payload));
        Assert.Equal("header.dataCount", otherK.Field);
        var otherBlock = Assert.Throws<DiodeFormatException>(() => decoder.Add(symbols[0].Header with { BlockId = 8 }, symbols[0].Payload));
        Assert.Equal("header.blockId", otherBlock.Field);
        var shortParity = Assert.Throws<DiodeFormatException>(() => decoder.Add(symbols[5].Header, symbols[5].Payload.AsSpan(0, symbols[5].Payload.Length - 1)));
        Assert.Equal("header.payloadLength", shortParity.Field);
        var longData = Assert.Throws<DiodeFormatException>(() => decoder.Add(symbols[0].Header, new byte[symbols[4].Payload.Length + 1]));
        Assert.Equal("header.payloadLength", longData.Field);
        var outside = Assert.Throws<DiodeFormatException>(() => decoder.Add(6, new byte[1]));
        Assert.Equal("header.symbolIndex", outside.Field);
        var tooBig = Assert.Throws<DiodeFormatException>(() => decoder.Add(0, new byte[MaxSymbol + 1]));
        Assert.Equal(MaxSymbol + 1, tooBig.Value);

        // None of it was kept.
        Assert.Equal(1, decoder.ReceivedCount);
    }

    [Fact]
    public void Random_symbols_are_accepted_or_refused_with_a_typed_error_and_memory_stays_within_one_block()
    {
        var symbolsGen =
            from kind in Gen.OneOf(Gen.Const(DatagramKind.Data), Gen.Const(DatagramKind.Parity), Gen.Const(DatagramKind.Heartbeat), Gen.Const((DatagramKind)9))
            from index in Gen.Byte
            from k in Gen.Byte
            from m in Gen.Byte
            from length in Gen.Int[0, 9000]
            select (Header: new DatagramHeader(kind, 1, 0, 3, index, k, m, (ushort)length), Length: length);
        symbolsGen.Array[1, 40].Sample(batch =>
        {
            using var decoder = new FecBlockDecoder(DatagramLimits.MaxPayloadLength);
            foreach (var (header, length) in batch)
            {
                try
                {
                    decoder.Add(header, new byte[length]);
                }
                catch (DiodeFormatException)
                {
                }
            }

            if (decoder.IsStarted)
            {
                Assert.InRange(decoder.DataCount, 1, DatagramLimits.MaxDataCount);
                Assert.InRange(decoder.ParityCount, 0, DatagramLimits.MaxParityCount);
                var result = decoder.Decode();
                Assert.True(result.IsDecoded || result.LostDataIndices.Count > 0);
            }
        }, iter: 300);
    }

    [Fact]
    public void A_short_block_closed_early_by_the_sender_decodes_with_its_own_k()
    {
        var encoder = new FecBlockEncoder(32, 4, MaxSymbol);
        encoder.Add([1, 2, 3]);
        encoder.Add([4, 5]);
        encoder.EncodeParity();
        using var decoder = new FecBlockDecoder(MaxSymbol);
        decoder.Add(new DatagramHeader(DatagramKind.Parity, 1, 2, 9, 2, 2, 4, 3), encoder.GetParity(0));
        decoder.Add(new DatagramHeader(DatagramKind.Parity, 1, 5, 9, 5, 2, 4, 3), encoder.GetParity(3));
        Assert.Equal(FecBlockStatus.Repaired, decoder.Decode().Status);
        Assert.Equal([1, 2, 3], decoder.GetData(0).ToArray());
        Assert.Equal([4, 5, 0], decoder.GetData(1).ToArray());
    }
}
