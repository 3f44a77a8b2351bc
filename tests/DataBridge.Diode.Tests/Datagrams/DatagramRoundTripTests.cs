using System.Buffers.Binary;
using CsCheck;
using DataBridge.Diode.Datagrams;

namespace DataBridge.Diode.Tests.Datagrams;

public sealed class DatagramRoundTripTests
{
    internal static readonly Gen<(DatagramHeader Header, byte[] Payload)> Datagrams =
        from kind in Gen.OneOf(Gen.Const(DatagramKind.Data), Gen.Const(DatagramKind.Parity), Gen.Const(DatagramKind.Heartbeat))
        from stream in Gen.UInt
        from sequence in Gen.ULong
        from block in Gen.ULong
        from k in Gen.Int[1, DatagramLimits.MaxDataCount]
        from m in Gen.Int[kind == DatagramKind.Parity ? 1 : 0, Math.Min(DatagramLimits.MaxParityCount, DatagramLimits.MaxSymbolsPerBlock - k)]
        from index in kind switch
        {
            DatagramKind.Data => Gen.Int[0, k - 1],
            DatagramKind.Parity => Gen.Int[k, k + m - 1],
            _ => Gen.Const(0),
        }
        from payload in Gen.Byte.Array[kind == DatagramKind.Heartbeat ? 0 : 1, 1500]
        select kind == DatagramKind.Heartbeat
            ? (new DatagramHeader(kind, stream, sequence, 0, 0, 0, 0, (ushort)payload.Length), payload)
            : (new DatagramHeader(kind, stream, sequence, block, (byte)index, (byte)k, (byte)m, (ushort)payload.Length), payload);

    internal static byte[] Write(DatagramHeader header, byte[] payload, DatagramAuthenticator? key = null)
    {
        var buffer = new byte[DatagramLimits.MaxDatagramLength];
        var length = DatagramWriter.Write(buffer, header, payload, key ?? TestKeys.A);
        return buffer[..length];
    }

    [Fact]
    public void Every_header_field_and_the_payload_survive_a_round_trip()
    {
        Datagrams.Sample(d =>
        {
            var bytes = Write(d.Header, d.Payload);
            Assert.Equal(DatagramLimits.OverheadLength + d.Payload.Length, bytes.Length);
            var read = DatagramReader.Read(bytes, TestKeys.A);
            Assert.Equal(d.Header, read.Header);
            Assert.True(read.Payload.SequenceEqual(d.Payload));
        });
    }

    [Fact]
    public void The_header_layout_is_the_documented_one()
    {
        var header = new DatagramHeader(DatagramKind.Parity, 0x01020304, 0x1112131415161718, 0x2122232425262728, 33, 32, 4, 3);
        var bytes = Write(header, [0xAA, 0xBB, 0xCC]);
        Assert.Equal(
            "DBD1" + "01" + "02" + "01020304" + "1112131415161718" + "2122232425262728" + "21" + "20" + "04" + "00" + "0003" + "AABBCC",
            Convert.ToHexString(bytes[..33]));
        Assert.Equal(33 + 16, bytes.Length);
    }

    [Fact]
    public void One_flipped_bit_anywhere_in_a_datagram_gets_it_rejected()
    {
        var bytes = Write(new DatagramHeader(DatagramKind.Data, 9, 100, 3, 5, 32, 4, 0), Enumerable.Range(0, 200).Select(i => (byte)i).ToArray());
        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var altered = (byte[])bytes.Clone();
            altered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(DatagramReader.TryRead(altered, TestKeys.A, out _, out var error), $"bit {bit} flipped was accepted");
            Assert.False(string.IsNullOrEmpty(error.Field));
        }
    }

    [Fact]
    public void A_flipped_bit_outside_the_structural_fields_is_reported_as_an_authentication_failure()
    {
        Gen.Select(Datagrams, Gen.Int).Sample((d, pick) =>
        {
            var bytes = Write(d.Header, d.Payload);

            // Anything but magic, version, flags and payload length (which are rejected by structure first).
            int[] structural = [0, 1, 2, 27, 28, 29];
            var candidates = Enumerable.Range(0, bytes.Length).Except(structural).ToArray();
            var at = candidates[(int)((uint)pick % candidates.Length)];
            bytes[at] ^= (byte)(1 << (pick & 7));
            Assert.False(DatagramReader.TryRead(bytes, TestKeys.A, out _, out var error));
            Assert.True(error.IsAuthenticationFailure, $"byte {at}: {error}");
            Assert.IsType<DiodeAuthenticationException>(error.ToException());
        });
    }

    [Fact]
    public void A_datagram_signed_with_another_key_is_rejected()
    {
        Datagrams.Sample(d =>
        {
            var bytes = Write(d.Header, d.Payload, TestKeys.B);
            var e = Assert.Throws<DiodeAuthenticationException>(() => DatagramReader.Read(bytes, TestKeys.A));
            Assert.Contains("another key", e.Message, StringComparison.Ordinal);
        }, iter: 50);
    }

    [Fact]
    public void Random_bytes_are_rejected_without_an_exception_or_an_allocation()
    {
        var noise = Gen.Byte.Array[0, 2000];

        // Bytes that pass the structural checks, so the tag and field checks are reached too.
        var plausible =
            from body in Gen.Byte.Array[DatagramLimits.OverheadLength, 2000]
            select Plausible(body);
        var inputs = Gen.OneOf(noise, plausible).Array[200].Single();
        for (var pass = 0; pass < 50; pass++)
        {
            // Warm-up: first calls initialise the runtime's crypto and let tiered JIT settle.
            foreach (var input in inputs)
            {
                DatagramReader.TryRead(input, TestKeys.A, out _, out _);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var rejected = 0;
        foreach (var input in inputs)
        {
            rejected += DatagramReader.TryRead(input, TestKeys.A, out _, out _) ? 0 : 1;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(inputs.Length, rejected);
    }

    [Fact]
    public void Every_truncation_of_a_datagram_is_rejected_with_a_typed_error()
    {
        var bytes = Write(new DatagramHeader(DatagramKind.Parity, 9, 100, 3, 33, 32, 4, 0), new byte[300]);
        for (var length = 0; length < bytes.Length; length++)
        {
            var e = Assert.Throws<DiodeFormatException>(() => DatagramReader.Read(bytes.AsSpan(0, length).ToArray(), TestKeys.A));
            Assert.Equal(length < DatagramLimits.OverheadLength ? "datagram.length" : "header.payloadLength", e.Field);
        }
    }

    public static TheoryData<string, int, byte, long> FieldRules() => new()
    {
        // field, offset, value written there (before signing), value reported
        { "header.magic", 0, 0x00, 0x00D1 },
        { "header.version", 2, 2, 2 },
        { "header.flags", 27, 0x80, 0x80 },
        { "header.kind", 3, 7, 7 },
        { "header.dataCount", 25, 0, 0 },
        { "header.dataCount", 25, 225, 225 },
        { "header.parityCount", 26, 65, 65 },
        { "header.symbolIndex", 24, 36, 36 },
    };

    [Theory]
    [MemberData(nameof(FieldRules))]
    public void A_correctly_signed_datagram_with_a_field_out_of_its_rules_is_rejected_naming_the_field(string field, int offset, byte value, long reported)
    {
        var bytes = Write(new DatagramHeader(DatagramKind.Parity, 9, 100, 3, 33, 32, 4, 0), new byte[20]);
        bytes[offset] = value;
        TestKeys.A.ComputeTag(bytes.AsSpan(0, bytes.Length - 16), bytes.AsSpan(bytes.Length - 16));
        var e = Assert.Throws<DiodeFormatException>(() => DatagramReader.Read(bytes, TestKeys.A));
        Assert.Equal(field, e.Field);
        Assert.Equal(reported, e.Value);
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_writer_refuses_a_header_a_receiver_would_reject()
    {
        var buffer = new byte[DatagramLimits.MaxDatagramLength];
        Assert.Throws<ArgumentException>(() => DatagramWriter.Write(buffer, new DatagramHeader(DatagramKind.Data, 1, 1, 1, 4, 4, 0, 0), [1], TestKeys.A));
        Assert.Throws<ArgumentException>(() => DatagramWriter.Write(buffer, new DatagramHeader(DatagramKind.Heartbeat, 1, 1, 1, 0, 0, 0, 0), [1], TestKeys.A));
        Assert.Throws<ArgumentException>(() => DatagramWriter.Write(buffer, new DatagramHeader(DatagramKind.Data, 1, 1, 1, 0, 4, 0, 0), new byte[DatagramLimits.MaxPayloadLength + 1], TestKeys.A));
        Assert.Throws<ArgumentException>(() => DatagramWriter.Write(buffer.AsSpan(0, 50), new DatagramHeader(DatagramKind.Data, 1, 1, 1, 0, 4, 0, 0), new byte[10], TestKeys.A));
    }

    private static byte[] Plausible(byte[] body)
    {
        BinaryPrimitives.WriteUInt16BigEndian(body, DatagramLimits.Magic);
        body[2] = DatagramLimits.Version;
        body[27] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(28), (ushort)(body.Length - DatagramLimits.OverheadLength));
        return body;
    }
}
