using System.Buffers.Binary;
using System.Numerics;

namespace DataBridge.Bridge.Outbox;

/// <summary>
/// CRC-32C (Castagnoli, RFC 3720 §B.4), the checksum of every frame. <see cref="BitOperations.Crc32C(uint, ulong)"/>
/// uses the SSE4.2 / ARMv8 CRC instruction when present; System.IO.Hashing 10.0 has no Crc32C type.
/// </summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    public const uint Start = 0xFFFF_FFFFu;

    public static uint Finish(uint state) => ~state;

    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }
}
