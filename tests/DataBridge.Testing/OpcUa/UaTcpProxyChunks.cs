using System.Buffers.Binary;
using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Generated;

namespace DataBridge.Testing.OpcUa;

/// <summary>
/// What the proxy needs to know about one server→client UA-TCP chunk (OPC 10000-6 §6.7.2, §7.1.2), with security
/// policy None only: no signature or padding, so the body runs from after the sequence header to the chunk's end.
/// <code>
/// | "MSG"/"OPN"/"CLO" | 'F'/'C'/'A' | size u32 | SecureChannelId u32 | security header | SequenceNumber u32 | RequestId u32 | body |
/// </code>
/// The symmetric security header (MSG, CLO) is the TokenId (4 bytes); the asymmetric one (OPN) is a PolicyUri
/// string and two ByteStrings (certificate, thumbprint), each an Int32 length (-1 for null) and its bytes.
/// </summary>
public static class UaTcpProxyChunks
{
    /// <summary>Size of the UA-TCP message header ("MSG" + chunk type + size).</summary>
    public const int HeaderSize = 8;

    /// <summary>Largest chunk the proxy buffers; anything bigger ends the connection (the peers negotiate 64 KiB or so).</summary>
    public const int MaxChunkSize = 16 * 1024 * 1024;

    /// <summary>PublishResponse_Encoding_DefaultBinary (i=829) in the four-byte NodeId form (Part 6 §5.2.2.9).</summary>
    private static ReadOnlySpan<byte> PublishResponseEncoding => [0x01, 0x00, 0x3D, 0x03];

    /// <summary>RepublishResponse_Encoding_DefaultBinary (i=835) in the four-byte NodeId form.</summary>
    private static ReadOnlySpan<byte> RepublishResponseEncoding => [0x01, 0x00, 0x43, 0x03];

    /// <summary>True when the chunk is a whole (single 'F' chunk) RepublishResponse.</summary>
    public static bool IsRepublishResponse(ReadOnlySpan<byte> chunk)
    {
        const int BodyOffset = HeaderSize + 8 + 8;
        return chunk.Length >= BodyOffset + 4 && MessageType(chunk) == "MSG" && chunk[3] == (byte)'F' && chunk.Slice(BodyOffset, 4).SequenceEqual(RepublishResponseEncoding);
    }

    /// <summary>The three-letter message type of a chunk ("MSG", "OPN", "CLO", "ACK", "ERR", "HEL").</summary>
    public static string MessageType(ReadOnlySpan<byte> chunk) =>
        chunk.Length < 3 ? string.Empty : System.Text.Encoding.ASCII.GetString(chunk[..3]);

    /// <summary>The size field of a header; negative when it cannot be a chunk.</summary>
    public static int ChunkSize(ReadOnlySpan<byte> header)
    {
        var size = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        return size < HeaderSize || size > MaxChunkSize ? -1 : (int)size;
    }

    /// <summary>
    /// Where the sequence header (SequenceNumber, RequestId) starts in a secure conversation chunk, or -1 for a chunk
    /// that has none (Hello/Acknowledge/Error) or is malformed.
    /// </summary>
    public static int SequenceHeaderOffset(ReadOnlySpan<byte> chunk)
    {
        int offset;
        switch (MessageType(chunk))
        {
            case "MSG":
            case "CLO":
                offset = HeaderSize + 8;
                break;
            case "OPN":
                offset = HeaderSize + 4;
                for (var field = 0; field < 3; field++)
                {
                    if (offset + 4 > chunk.Length)
                    {
                        return -1;
                    }

                    var length = BinaryPrimitives.ReadInt32LittleEndian(chunk[offset..]);
                    offset += 4;
                    if (length > 0)
                    {
                        if (length > chunk.Length - offset)
                        {
                            return -1;
                        }

                        offset += length;
                    }
                }

                break;
            default:
                return -1;
        }

        return offset + 8 <= chunk.Length ? offset : -1;
    }

    /// <summary>
    /// True when the chunk is a whole (single 'F' chunk) PublishResponse whose NotificationMessage carries
    /// notifications, i.e. not a keep-alive (Part 4 §5.13.5.2).
    /// </summary>
    public static bool TryReadDataPublishResponse(ReadOnlySpan<byte> chunk, out uint subscriptionId, out uint sequenceNumber, out int notificationCount)
    {
        subscriptionId = 0;
        sequenceNumber = 0;
        notificationCount = 0;
        const int BodyOffset = HeaderSize + 8 + 8;
        if (chunk.Length < BodyOffset + 4 || MessageType(chunk) != "MSG" || chunk[3] != (byte)'F' || !chunk.Slice(BodyOffset, 4).SequenceEqual(PublishResponseEncoding))
        {
            return false;
        }

        try
        {
            var reader = new OpcUaBinaryReader(chunk[(BodyOffset + 4)..]);
            var response = new PublishResponse();
            response.Decode(ref reader);
            notificationCount = response.NotificationMessage.NotificationData?.Length ?? 0;
            subscriptionId = response.SubscriptionId;
            sequenceNumber = response.NotificationMessage.SequenceNumber;
            return notificationCount > 0;
        }
        catch (OpcUaDecodingException)
        {
            return false;
        }
    }
}
