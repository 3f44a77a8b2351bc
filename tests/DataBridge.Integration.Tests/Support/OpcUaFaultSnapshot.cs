using System.Globalization;
using System.Text;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;

namespace DataBridge.Integration.Tests.Support;

/// <summary>
/// Everything one OPC UA source put into Kafka so far: its value records in partition order (one tag, so one
/// partition) and its gap records, read to the end of every partition with kcat.
/// </summary>
public sealed class OpcUaFaultSnapshot
{
    private OpcUaFaultSnapshot(string sourceId, IReadOnlyList<TagValueRecord> values, IReadOnlyList<GapRecord> gaps)
    {
        SourceId = sourceId;
        Values = values;
        Gaps = gaps;
    }

    public string SourceId { get; }

    /// <summary>The source's value records in the order kcat read them.</summary>
    public IReadOnlyList<TagValueRecord> Values { get; }

    /// <summary>The source's gap records.</summary>
    public IReadOnlyList<GapRecord> Gaps { get; }

    public static async Task<OpcUaFaultSnapshot> ReadAsync(string bootstrap, string sourceId)
    {
        var values = (await KafkaReadBack.KcatAsync(bootstrap, "databridge.values", TimeSpan.FromSeconds(30)))
            .Select(b => TagValueSerializer.Read(b)).Where(r => r.SourceId == sourceId).ToList();
        var gaps = (await KafkaReadBack.KcatAsync(bootstrap, "databridge.gaps", TimeSpan.FromSeconds(30)))
            .Select(b => GapSerializer.Read(b)).Where(g => g.SourceId == sourceId).ToList();
        return new OpcUaFaultSnapshot(sourceId, values, gaps);
    }

    /// <summary>Good, non-null values of <paramref name="tagId"/> in sequence order.</summary>
    public IReadOnlyList<TagValueRecord> Good(string tagId) =>
        [.. Values.Where(r => r.TagId == tagId && r.Quality.IsGood && !r.Value.IsNull).OrderBy(r => r.Sequence)];

    /// <summary>The ticker's Good values (integers) in sequence order.</summary>
    public long[] Ticks(string tagId) => [.. Good(tagId).Select(r => r.Value.AsInt64())];

    /// <summary>Good ticker values after sequence number <paramref name="sequence"/>.</summary>
    public long[] TicksAfter(string tagId, long sequence) => [.. Good(tagId).Where(r => r.Sequence > sequence).Select(r => r.Value.AsInt64())];

    /// <summary>
    /// The story for failure messages: every record as seq=value (quality when not Good), every gap as its range and
    /// reason.
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Values.Count} value records, {Gaps.Count} gap records of source '{SourceId}'\nvalues: ");
        foreach (var r in Values)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{r.Sequence}={(r.Value.IsNull ? "null" : r.Value.ToString())}");
            if (!r.Quality.IsGood)
            {
                sb.Append('(').Append(r.Quality.Name).Append(')');
            }

            sb.Append(' ');
        }

        sb.Append("\ngaps: ");
        foreach (var g in Gaps)
        {
            sb.Append(CultureInfo.InvariantCulture, $"[{g.FirstSequence}-{g.LastSequence} {g.Reason} at {g.DetectedAt:HH:mm:ss.fff}] ");
        }

        return sb.ToString();
    }
}
