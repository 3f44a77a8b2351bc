using System.Buffers.Binary;

namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>
/// The 8-byte header shared by every UA-TCP message (Part 6 §7.1.2.2) and secure conversation chunk (§6.7.2.2):
/// <code>
/// | MessageType (3 bytes ASCII) | ChunkType (1) | MessageSize UInt32 (includes these 8 bytes) |
/// </code>
/// </summary>
internal readonly record struct MessageHeader(UaTcpMessageType MessageType, byte ChunkType, int MessageSize)
{
    /// <summary>Size of the header.</summary>
    public const int Size = 8;

    /// <summary>Writes a header.</summary>
    public static void Write(Span<byte> destination, UaTcpMessageType type, ChunkType chunkType, int messageSize)
    {
        var value = (uint)type | ((uint)chunkType << 24);
        BinaryPrimitives.WriteUInt32LittleEndian(destination, value);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], messageSize);
    }

    /// <summary>Reads a header without judging it.</summary>
    public static MessageHeader Read(ReadOnlySpan<byte> source)
    {
        var first = BinaryPrimitives.ReadUInt32LittleEndian(source);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(source[4..]);
        var type = (UaTcpMessageType)(first & 0x00FF_FFFF);
        return new MessageHeader(type, (byte)(first >> 24), size > int.MaxValue ? int.MaxValue : (int)size);
    }

    /// <summary>The message type as printable text for error messages (unknown bytes shown in hex).</summary>
    public string TypeText
    {
        get
        {
            var v = (uint)MessageType;
            Span<char> chars = stackalloc char[3];
            for (var i = 0; i < 3; i++)
            {
                var b = (byte)(v >> (8 * i));
                if (b < 0x20 || b > 0x7E)
                {
                    return $"0x{v:X6}";
                }

                chars[i] = (char)b;
            }

            return new string(chars);
        }
    }
}
