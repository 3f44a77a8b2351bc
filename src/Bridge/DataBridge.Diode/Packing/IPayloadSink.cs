namespace DataBridge.Diode.Packing;

/// <summary>Receives the payloads a <see cref="RecordPacker"/> fills (the sender hands each to the FEC block encoder).</summary>
public interface IPayloadSink
{
    /// <summary>A full (or flushed) payload; the span is only valid during the call.</summary>
    void OnPayload(ReadOnlySpan<byte> payload);
}
