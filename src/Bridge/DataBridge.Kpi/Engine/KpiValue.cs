using DataBridge.Core;

namespace DataBridge.Kpi.Engine;

/// <summary>One value record as the KPI engine needs it (a projection of the tag value record).</summary>
/// <param name="SourceId">The source the value came from (for gap mapping).</param>
/// <param name="Sequence">The per-source sequence number.</param>
/// <param name="TagId">The tag id.</param>
/// <param name="Value">The value.</param>
/// <param name="Quality">Its quality; Bad values are excluded and the state time they cover is unknown.</param>
/// <param name="SourceTimestamp">Source timestamp (UTC): the engine orders by it, not by arrival.</param>
public readonly record struct KpiValue(string SourceId, ulong Sequence, string TagId, TagValue Value, StatusCode Quality, DateTime SourceTimestamp);
