namespace DataBridge.Schemas;

/// <summary>Something that happened to a bridge process (schema <c>io.databridge.BridgeEvent</c>, bridge-event.avsc).</summary>
/// <param name="BridgeId">The bridge the event is about; the Kafka key.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Timestamp">When it happened (UTC).</param>
/// <param name="Detail">A sentence for people.</param>
/// <param name="Attributes">Machine-readable details (source id, endpoint, counts).</param>
public sealed record BridgeEventRecord(string BridgeId, BridgeEventKind Kind, DateTime Timestamp, string Detail, IReadOnlyDictionary<string, string> Attributes);
