using System.Buffers.Binary;
using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Simulators.Modbus;

/// <summary>
/// Builds the simulator's answers (Modbus Application Protocol v1.1b3 §6.1-§6.4 responses, §7 exceptions).
/// Only read function codes 1-4 are served; every other function code is refused with exception 1.
/// </summary>
internal static class ModbusServerFrames
{
    /// <summary>Answers the request <paramref name="pdu"/> into <paramref name="response"/> (a full ADU); returns its length.</summary>
    public static int Answer(MbapHeader request, ReadOnlySpan<byte> pdu, ModbusDataBank bank, Span<byte> response)
    {
        var functionCode = pdu[0];
        if (functionCode is < 1 or > 4)
        {
            return Exception(request, functionCode, ModbusExceptionCode.IllegalFunction, response);
        }

        if (pdu.Length != 5)
        {
            return Exception(request, functionCode, ModbusExceptionCode.IllegalDataValue, response);
        }

        var table = (ModbusTable)functionCode;
        var start = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        var quantity = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        var isBits = table is ModbusTable.Coil or ModbusTable.DiscreteInput;
        var max = isBits ? ModbusReadRequest.MaxBits : ModbusReadRequest.MaxRegisters;

        // §6.1-§6.4 state diagrams: the quantity is checked (exception 3) before the address range (exception 2).
        if (quantity < 1 || quantity > max)
        {
            return Exception(request, functionCode, ModbusExceptionCode.IllegalDataValue, response);
        }

        if (start + quantity > bank.Size)
        {
            return Exception(request, functionCode, ModbusExceptionCode.IllegalDataAddress, response);
        }

        var byteCount = isBits ? (quantity + 7) / 8 : quantity * 2;
        var data = response.Slice(MbapHeader.Size + 2, byteCount);
        if (isBits)
        {
            bank.ReadBits(table, start, quantity, data);
        }
        else
        {
            bank.ReadRegisters(table, start, quantity, data);
        }

        new MbapHeader(request.TransactionId, 0, (ushort)(3 + byteCount), request.UnitId).Write(response);
        response[MbapHeader.Size] = functionCode;
        response[MbapHeader.Size + 1] = (byte)byteCount;
        return MbapHeader.Size + 2 + byteCount;
    }

    private static int Exception(MbapHeader request, byte functionCode, ModbusExceptionCode code, Span<byte> response)
    {
        new MbapHeader(request.TransactionId, 0, 3, request.UnitId).Write(response);
        response[MbapHeader.Size] = (byte)(functionCode | 0x80);
        response[MbapHeader.Size + 1] = (byte)code;
        return MbapHeader.Size + 2;
    }
}
