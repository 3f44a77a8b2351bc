using System.Buffers.Binary;
using System.Globalization;

namespace DataBridge.Bridge.Outbox;

/// <summary>
/// Segment naming and the 32-byte segment header:
/// <code>
///  0  8  magic "DBOXSEG1"
///  8  u32 version (1)
/// 12  u32 header length (32)
/// 16  i64 base position (logical position of the first record)
/// 24  u32 CRC-32C of bytes [0, 24)
/// 28  u32 reserved (0)
/// </code>
/// A record at logical position p lives at file offset 32 + (p - base). Segments are named by their base position so a
/// directory listing alone orders them (and a lost header can be rebuilt from the name).
/// </summary>
internal static class SegmentFile
{
    public const int HeaderLength = 32;
    private const string Prefix = "seg-";
    private const string Suffix = ".log";
    private static ReadOnlySpan<byte> MagicBytes => "DBOXSEG1"u8;

    public static string NameFor(long basePosition) => Prefix + basePosition.ToString("D20", CultureInfo.InvariantCulture) + Suffix;

    public static bool TryParseName(string name, out long basePosition)
    {
        basePosition = 0;
        return name.StartsWith(Prefix, StringComparison.Ordinal)
            && name.EndsWith(Suffix, StringComparison.Ordinal)
            && long.TryParse(name.AsSpan(Prefix.Length, name.Length - Prefix.Length - Suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out basePosition);
    }

    public static void WriteHeader(Span<byte> destination, long basePosition)
    {
        destination[..HeaderLength].Clear();
        MagicBytes.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], HeaderLength);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], basePosition);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], Crc32C.Compute(destination[..24]));
    }

    public static bool IsValidHeader(ReadOnlySpan<byte> header, long expectedBase)
    {
        return header.Length >= HeaderLength
            && header[..8].SequenceEqual(MagicBytes)
            && BinaryPrimitives.ReadUInt32LittleEndian(header[24..]) == Crc32C.Compute(header[..24])
            && BinaryPrimitives.ReadInt64LittleEndian(header[16..]) == expectedBase;
    }
}
