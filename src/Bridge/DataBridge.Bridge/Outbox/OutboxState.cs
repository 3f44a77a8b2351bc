using System.Text.Json;

namespace DataBridge.Bridge.Outbox;

/// <summary>
/// The small state files beside the segments, each replaced atomically (temp + fsync + rename + directory fsync):
/// <c>checkpoint.json</c> (segment table, durable position, last sequence per source — so start-up scans only the tail),
/// <c>sinks.json</c> (committed read position per sink) and <c>refused.json</c> (drop-newest ranges not yet written as gaps).
/// </summary>
internal static class OutboxState
{
    public const string CheckpointFile = "checkpoint.json";
    public const string SinksFile = "sinks.json";
    public const string RefusedFile = "refused.json";

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value);

    /// <summary>Reads a state file; null when it is missing or unreadable (the caller reports and rebuilds).</summary>
    public static T? TryLoad<T>(IOutboxDevice device, string name)
        where T : class
    {
        var bytes = device.ReadAll(name);
        if (bytes is null || bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Content of <c>checkpoint.json</c>.</summary>
internal sealed class CheckpointData
{
    public int Version { get; set; } = 1;

    public long FirstPosition { get; set; }

    public long DurablePosition { get; set; }

    public List<CheckpointSegment> Segments { get; set; } = [];

    public Dictionary<string, long> LastSequences { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One segment in the checkpoint: its data length and record count as of <see cref="CheckpointData.DurablePosition"/>.</summary>
internal sealed class CheckpointSegment
{
    public long Base { get; set; }

    public long Length { get; set; }

    public long Records { get; set; }

    public bool Sealed { get; set; }
}

/// <summary>Content of <c>refused.json</c>.</summary>
internal sealed class RefusedData
{
    public List<RefusedRange> Ranges { get; set; } = [];
}

/// <summary>One refused range in <c>refused.json</c>.</summary>
internal sealed class RefusedRange
{
    public string Source { get; set; } = "";

    public long First { get; set; }

    public long Last { get; set; }
}
