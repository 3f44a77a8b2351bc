using System.Buffers.Binary;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>
/// The UA Connection Protocol messages that precede the secure channel (Part 6 §7.1.2): Hello out, Acknowledge or
/// Error in. Their layout is fixed (UInt32 fields and one String), so they are framed here without the encoder.
/// </summary>
internal static class UaTcpHandshake
{
    /// <summary>Header (8) plus the five UInt32 fields (20) of Hello and Acknowledge.</summary>
    public const int HelloFixedSize = 28;

    /// <summary>Part 6 §7.1.2.3: EndpointUrl and Error reasons are at most 4,096 bytes.</summary>
    public const int MaxStringBytes = 4096;

    /// <summary>Largest Acknowledge or Error message accepted before the buffers are negotiated.</summary>
    public const int MaxHandshakeMessageSize = 8 + 4 + 4 + MaxStringBytes;

    /// <summary>Encodes a Hello message offering <paramref name="limits"/> for <paramref name="endpointUrl"/>.</summary>
    public static byte[] EncodeHello(OpcUaTransportLimits limits, string endpointUrl)
    {
        var urlBytes = System.Text.Encoding.UTF8.GetBytes(endpointUrl);
        if (urlBytes.Length > MaxStringBytes)
        {
            throw new OpcUaTransportException(StatusCodes.BadTcpEndpointUrlInvalid, $"The endpoint URL is {urlBytes.Length} bytes long; OPC UA allows at most {MaxStringBytes}. Use a shorter URL.", isChannelFatal: true);
        }

        var message = new byte[HelloFixedSize + 4 + urlBytes.Length];
        var span = message.AsSpan();
        MessageHeader.Write(span, UaTcpMessageType.Hello, ChunkType.Final, message.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], 0); // ProtocolVersion 0 (Part 6 §7.1.2.3)
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)limits.ReceiveBufferSize);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], (uint)limits.SendBufferSize);
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], (uint)limits.MaxMessageSize);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)limits.MaxChunkCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], urlBytes.Length);
        urlBytes.CopyTo(span[32..]);
        return message;
    }

    /// <summary>
    /// Checks the server's Acknowledge against what was offered (Part 6 §7.1.2.4) and returns the limits in force.
    /// <paramref name="body"/> is the message after its 8-byte header.
    /// </summary>
    public static NegotiatedLimits ParseAcknowledge(ReadOnlySpan<byte> body, OpcUaTransportLimits offered)
    {
        if (body.Length < HelloFixedSize - 8)
        {
            throw new OpcUaTransportException(StatusCodes.BadTcpMessageTooLarge, $"The server's Acknowledge is {body.Length + 8} bytes; it must be at least {HelloFixedSize}. The server is not speaking OPC UA TCP; check host and port.");
        }

        var serverReceive = BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
        var serverSend = BinaryPrimitives.ReadUInt32LittleEndian(body[8..]);
        var serverMaxMessage = BinaryPrimitives.ReadUInt32LittleEndian(body[12..]);
        var serverMaxChunks = BinaryPrimitives.ReadUInt32LittleEndian(body[16..]);

        // Part 6 §7.1.2.4 lets the server only lower our sizes. Some servers (node-opcua 2.x) echo the Hello's values
        // in swapped fields, so instead of refusing we cap at what we offered: a chunk above our receive buffer is
        // still refused when it arrives, which is what keeps memory bounded.
        if (serverSend < 1024 || serverReceive < 1024)
        {
            throw new OpcUaTransportException(StatusCodes.BadTcpInternalError, $"The server acknowledged buffer sizes receive={serverReceive}, send={serverSend}; OPC UA requires at least 1024 bytes. The server violates Part 6 §7.1.2.4.");
        }

        serverSend = Math.Min(serverSend, (uint)offered.ReceiveBufferSize);
        return new NegotiatedLimits(
            ReceiveChunkSize: (int)serverSend,
            SendChunkSize: (int)Math.Min(serverReceive, (uint)offered.SendBufferSize),
            MaxRequestMessageSize: serverMaxMessage == 0 ? int.MaxValue : (int)Math.Min(serverMaxMessage, int.MaxValue),
            MaxRequestChunkCount: serverMaxChunks == 0 ? int.MaxValue : (int)Math.Min(serverMaxChunks, int.MaxValue),
            MaxResponseMessageSize: offered.MaxMessageSize,
            MaxResponseChunkCount: offered.MaxChunkCount);
    }

    /// <summary>Reads an Error message body (or an abort chunk body): a UInt32 code and a String reason (Part 6 §7.1.2.5).</summary>
    public static (StatusCode Code, string? Reason) ParseError(ReadOnlySpan<byte> body)
    {
        if (body.Length < 4)
        {
            return (StatusCodes.BadTcpInternalError, "(the server's error message was truncated)");
        }

        var code = new StatusCode(BinaryPrimitives.ReadUInt32LittleEndian(body));
        string? reason = null;
        if (body.Length >= 8)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
            // Part 6 §6.7.3: a client shall ignore reasons longer than 4,096 bytes.
            if (length > 0 && length <= MaxStringBytes && length <= body.Length - 8)
            {
                reason = System.Text.Encoding.UTF8.GetString(body.Slice(8, length));
            }
        }

        return (code, reason);
    }
}
