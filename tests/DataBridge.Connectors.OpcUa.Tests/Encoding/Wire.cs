using System.Buffers;
using DataBridge.Connectors.OpcUa.Encoding;

namespace DataBridge.Connectors.OpcUa.Tests.Encoding;

internal delegate void WriteAction(ref OpcUaBinaryWriter writer);

internal delegate T ReadFunc<out T>(ref OpcUaBinaryReader reader);

/// <summary>Small helpers to encode into a byte array and decode from one.</summary>
internal static class Wire
{
    public static byte[] Encode(WriteAction write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new OpcUaBinaryWriter(buffer);
        write(ref writer);
        Assert.Equal(buffer.WrittenCount, writer.BytesWritten);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes and checks that every byte was consumed.</summary>
    public static T Decode<T>(byte[] bytes, ReadFunc<T> read, DecodingLimits? limits = null, EncodeableTypeRegistry? registry = null)
    {
        var reader = new OpcUaBinaryReader(bytes, limits, registry);
        var value = read(ref reader);
        Assert.Equal(0, reader.Remaining);
        Assert.Equal(0, reader.Depth);
        return value;
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static string ToHex(byte[] bytes) => Convert.ToHexString(bytes);
}
