using CsCheck;
using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Connectors.Modbus.Tests.Encoding;

public sealed class FrameParserFuzzTests
{
    private static readonly Gen<ModbusReadRequest> Requests =
        from table in Gen.Enum<ModbusTable>()
        from start in Gen.UShort[0, 1000]
        from quantity in table is ModbusTable.Coil or ModbusTable.DiscreteInput ? Gen.UShort[1, 2000] : Gen.UShort[1, 125]
        select new ModbusReadRequest(table, start, quantity);

    [Fact]
    public void Random_bytes_either_parse_or_raise_a_protocol_error_and_nothing_else()
    {
        // Half pure noise, half frames that start with a plausible header so the PDU checks get exercised too.
        var noise = Gen.Byte.Array[0, 300];
        var plausible =
            from tid in Gen.UShort
            from fc in Gen.OneOf(Gen.Byte, Gen.Byte[1, 4], Gen.Byte[0x81, 0x84])
            from body in Gen.Byte.Array[0, 260]
            from lengthDelta in Gen.Int[-3, 3]
            select Frame(tid, fc, body, lengthDelta);

        Gen.Select(Gen.OneOf(noise, plausible), Requests).Sample((bytes, request) =>
        {
            try
            {
                if (ModbusFrameReader.TryReadFrame(bytes, out var header, out var pdu, out var length))
                {
                    Assert.InRange(length, 8, MbapHeader.MaxAduLength);
                    Assert.Equal(0, header.ProtocolId);
                    var response = ModbusResponseReader.Read(pdu, request, header.TransactionId);
                    if (!response.IsException)
                    {
                        Assert.Equal(request.ExpectedByteCount, response.Data.Length);
                    }
                }
            }
            catch (ModbusProtocolException)
            {
                // The only failure allowed.
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Every_well_formed_response_parses_to_its_data()
    {
        Gen.Select(Requests, Gen.UShort, Gen.Byte.Array[250]).Sample((request, tid, data) =>
        {
            var body = new byte[1 + request.ExpectedByteCount];
            body[0] = (byte)request.ExpectedByteCount;
            data.AsSpan(0, request.ExpectedByteCount).CopyTo(body.AsSpan(1));
            var frame = Frame(tid, (byte)request.Table, body, 0);
            Assert.True(ModbusFrameReader.TryReadFrame(frame, out var header, out var pdu, out _));
            var response = ModbusResponseReader.Read(pdu, request, header.TransactionId);
            Assert.Equal(data.AsSpan(0, request.ExpectedByteCount).ToArray(), response.Data.ToArray());
        });
    }

    private static byte[] Frame(ushort tid, byte functionCode, byte[] body, int lengthDelta)
    {
        var frame = new byte[MbapHeader.Size + 1 + body.Length];
        var length = Math.Clamp(2 + body.Length + lengthDelta, 0, ushort.MaxValue);
        new MbapHeader(tid, 0, (ushort)length, 1).Write(frame);
        frame[MbapHeader.Size] = functionCode;
        body.CopyTo(frame, MbapHeader.Size + 1);
        return frame;
    }
}
