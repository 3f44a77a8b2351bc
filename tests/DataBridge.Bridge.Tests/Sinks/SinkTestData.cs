using DataBridge.Core;
using DataBridge.Schemas;
using DataBridge.Schemas.Binary;

namespace DataBridge.Bridge.Tests.Sinks;

internal static class SinkTestData
{
    public static readonly DateTime T0 = new(2026, 11, 24, 22, 0, 0, DateTimeKind.Utc);

    /// <summary><paramref name="count"/> values over <paramref name="tags"/> tags of two sources, sequences 1..n per source.</summary>
    public static List<TagValueRecord> Values(int count, int tags = 50, long firstSequence = 1)
    {
        var list = new List<TagValueRecord>(count);
        var sequence = new long[] { firstSequence, firstSequence };
        for (var i = 0; i < count; i++)
        {
            var tag = i % tags;
            var source = tag % 2;
            var t = AvroTime.TruncateToMicros(T0.AddTicks(i * 12_345L));
            var value = (i % 3) switch
            {
                0 => TagValue.FromDouble(i * 0.5),
                1 => TagValue.FromInt32(i),
                _ => TagValue.FromString("state-" + i),
            };
            list.Add(new TagValueRecord($"source-{source}", sequence[source]++, $"acme/plant7/press/line2/m{tag:00}/temp", $"acme/plant7/press/line2/m{tag:00}", value, new StatusCode(StatusCodes.Good), t, t, t));
        }

        return list;
    }
}
