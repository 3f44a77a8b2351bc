using System.Buffers;
using DataBridge.Connectors.Mqtt.Encoding.Proto;
using Google.Protobuf;

namespace DataBridge.Connectors.Mqtt.Encoding;

/// <summary>Decodes Sparkplug B payload bytes into the generated protobuf model, within <see cref="SparkplugDecoderLimits"/>.</summary>
internal static class SparkplugPayloadDecoder
{
    /// <summary>Decodes <paramref name="bytes"/> that arrived on <paramref name="topic"/>.</summary>
    /// <exception cref="SparkplugPayloadException">The bytes are not a Sparkplug B payload or break a limit.</exception>
    public static Payload Decode(string topic, ReadOnlySequence<byte> bytes, SparkplugDecoderLimits limits)
    {
        if (bytes.Length > limits.MaxPayloadBytes)
        {
            throw new SparkplugPayloadException(topic, $"the payload is {bytes.Length} bytes, more than the limit of {limits.MaxPayloadBytes} (raise sparkplug max payload bytes if the edge node really sends births this large)");
        }

        Payload payload;
        try
        {
            // The recursion limit bounds nesting (property sets, datasets, templates) before anything is allocated for it.
            using var input = CodedInputStream.CreateWithLimits(new SequenceStream(bytes), limits.MaxPayloadBytes, limits.MaxNesting);
            payload = Payload.Parser.ParseFrom(input);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new SparkplugPayloadException(topic, $"not a valid Sparkplug B protobuf payload ({e.Message})", e);
        }

        if (payload.Metrics.Count > limits.MaxMetrics)
        {
            throw new SparkplugPayloadException(topic, $"it carries {payload.Metrics.Count} metrics, more than the limit of {limits.MaxMetrics}");
        }

        if (payload.HasSeq && payload.Seq > 255)
        {
            throw new SparkplugPayloadException(topic, $"seq is {payload.Seq}; Sparkplug sequence numbers run from 0 to 255");
        }

        return payload;
    }
}
