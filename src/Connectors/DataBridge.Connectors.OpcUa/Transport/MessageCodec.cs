using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>
/// Turns service structures into message bodies and back (Part 6 §7.1.2.4: encoding NodeId, then the fields), with the
/// buffer bounded by the negotiated message size. The only place Transport touches the Encoding layer.
/// </summary>
internal static class MessageCodec
{
    /// <summary>Encodes a request into a pooled buffer the caller disposes.</summary>
    public static PooledBuffer Encode(IEncodeable message, int maxSize)
    {
        var buffer = new PooledBuffer(1024, Math.Max(maxSize, 1024));
        try
        {
            var writer = new OpcUaBinaryWriter(buffer);
            writer.WriteMessage(message);
            return buffer;
        }
        catch (InsufficientMemoryException ex)
        {
            buffer.Dispose();
            throw new OpcUaTransportException(StatusCodes.BadRequestTooLarge, $"The request is larger than the server's limit of {maxSize} bytes. Send fewer nodes per request.", null, false, ex);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>Decodes a response body with the service types this client knows.</summary>
    public static IEncodeable Decode(ReadOnlySpan<byte> body, DecodingLimits limits)
    {
        var reader = new OpcUaBinaryReader(body, limits, Generated.StandardEncodeables.Registry);
        return reader.ReadMessage();
    }
}
