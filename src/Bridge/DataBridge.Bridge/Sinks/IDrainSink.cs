using DataBridge.Bridge.Outbox;
using DataBridge.Schemas;

namespace DataBridge.Bridge.Sinks;

/// <summary>
/// The drain side: where the outbox's forwarder delivers what it reads back (Kafka today; a diode sender or an MQTT
/// publisher implement the same two methods). The writing side — the pipeline putting records into the outbox — is
/// <see cref="IRecordSink"/>.
/// </summary>
/// <remarks>
/// <para>Values, metadata and events arrive as they are stored: key plus Avro bytes (<see cref="EncodedRecord"/>), in
/// log order, so a sink never decodes a value to send it. Gaps arrive as <see cref="GapRecord"/>s: the outbox stores
/// only their range and reason, and it makes some of them itself (overflow, corruption).</para>
/// <para>A call completes only when the sink has durably accepted every record of it; the forwarder then advances the
/// sink's read position. On failure throw <see cref="SinkException"/> after every record of the call is settled: the
/// forwarder re-sends the whole batch (consumers de-duplicate on source id and sequence). Calls are not concurrent.</para>
/// </remarks>
public interface IDrainSink
{
    /// <summary>Sends encoded records of one kind (<see cref="RecordKind.Value"/>, <see cref="RecordKind.Metadata"/> or <see cref="RecordKind.Event"/>).</summary>
    ValueTask SendAsync(RecordKind kind, IReadOnlyList<EncodedRecord> records, CancellationToken ct);

    /// <summary>Sends one gap record.</summary>
    ValueTask SendGapAsync(GapRecord gap, CancellationToken ct);
}
