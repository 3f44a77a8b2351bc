using DataBridge.Core;

namespace DataBridge.Schemas;

/// <summary>
/// One value of one tag on its way to Kafka (schema <c>io.databridge.TagValue</c>, tag-value.avsc).
/// A struct: the pipeline makes one per value and the sink encodes it without boxing.
/// </summary>
/// <param name="SourceId">The source whose sequence this record belongs to.</param>
/// <param name="Sequence">Per-source sequence number: strictly increasing, never reused.</param>
/// <param name="TagId">Stable tag name from the mapping; the Kafka key.</param>
/// <param name="AssetPath">ISA-95 asset path enterprise/site/area/line/cell.</param>
/// <param name="Value">The typed value.</param>
/// <param name="Quality">The quality as an OPC UA status code.</param>
/// <param name="SourceTimestamp">
/// When the source says the value was true (UTC; microseconds survive the wire); <c>default</c> when the source gave
/// none, written as null.
/// </param>
/// <param name="ServerTimestamp">When the server handled the value (UTC); <c>default</c> when absent, written as null.</param>
/// <param name="BridgeTimestamp">When the bridge made the record (UTC).</param>
public readonly record struct TagValueRecord(
    string SourceId,
    long Sequence,
    string TagId,
    string AssetPath,
    TagValue Value,
    StatusCode Quality,
    DateTime SourceTimestamp,
    DateTime ServerTimestamp,
    DateTime BridgeTimestamp);
