namespace DataBridge.Bridge.Sinks;

/// <summary>
/// A record as it leaves the outbox: its key (for Kafka the message key: the tag id for values and metadata, the bridge
/// id for events) and its value bytes exactly as stored — the Avro encoding a sink sends without decoding it.
/// </summary>
/// <param name="Key">The message key.</param>
/// <param name="Value">The encoded record (Avro binary, without any wire-format header).</param>
public readonly record struct EncodedRecord(string Key, ReadOnlyMemory<byte> Value);
