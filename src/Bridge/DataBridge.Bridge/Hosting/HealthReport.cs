using System.Text.Json.Serialization;

namespace DataBridge.Bridge.Hosting;

/// <summary>What <c>/healthz</c> answers: counters and the outbox's fill level.</summary>
public sealed record HealthReport
{
    /// <summary>
    /// <c>ok</c>, or <c>degraded</c> when the outbox is more than 80 % full, a source is down or its data stale, or the
    /// sink waits for Kafka.
    /// </summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>The bridge id.</summary>
    [JsonPropertyName("bridgeId")]
    public required string BridgeId { get; init; }

    /// <summary>Samples received from connectors since start.</summary>
    [JsonPropertyName("samples")]
    public long Samples { get; init; }

    /// <summary>Records durably accepted (by the outbox, or by Kafka without one) since start.</summary>
    [JsonPropertyName("records")]
    public long Records { get; init; }

    /// <summary>Gap records written since start.</summary>
    [JsonPropertyName("gaps")]
    public long Gaps { get; init; }

    /// <summary>The outbox, when there is one.</summary>
    [JsonPropertyName("outbox")]
    public OutboxHealth? Outbox { get; init; }

    /// <summary>The sink (Kafka): connected, or waiting and why; null for a host without one that reports.</summary>
    [JsonPropertyName("sink")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Sinks.SinkHealth? Sink { get; init; }

    /// <summary>State of every source, each kind under its own name (modbus, opcua).</summary>
    [JsonPropertyName("sources")]
    public IReadOnlyList<SourceHealth> Sources { get; init; } = [];

    /// <summary>OPC UA certificates in use with their expiry dates (ours, and trusted ones expiring within 30 days).</summary>
    [JsonPropertyName("certificates")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CertificateHealth>? Certificates { get; init; } = CertificateExpiryBoard.Snapshot() is { Count: > 0 } certificates ? certificates : null;
}

/// <summary>The outbox part of the health report.</summary>
public sealed record OutboxHealth
{
    /// <summary>Bytes on disk.</summary>
    [JsonPropertyName("usedBytes")]
    public long UsedBytes { get; init; }

    /// <summary>The disk budget.</summary>
    [JsonPropertyName("maxDiskBytes")]
    public long MaxDiskBytes { get; init; }

    /// <summary>Used / budget, 0..1.</summary>
    [JsonPropertyName("fillRatio")]
    public double FillRatio { get; init; }

    /// <summary>Bytes durable on disk but not yet acknowledged by Kafka.</summary>
    [JsonPropertyName("unforwardedBytes")]
    public long UnforwardedBytes { get; init; }

    /// <summary>Records refused (drop-newest) since start.</summary>
    [JsonPropertyName("rejectedRecords")]
    public long RejectedRecords { get; init; }

    /// <summary>Unforwarded records deleted (drop-oldest) since start.</summary>
    [JsonPropertyName("droppedRecords")]
    public long DroppedRecords { get; init; }
}
