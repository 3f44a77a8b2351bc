using System.Globalization;
using DataBridge.Schemas;
using DataBridge.Testing.OpcUa;

namespace DataBridge.Integration.Tests.Support;

/// <summary>The promises every fault test checks on what reached Kafka.</summary>
public static class OpcUaFaultAssertions
{
    /// <summary>
    /// Nothing lost silently: sequence numbers are unique, strictly increasing per tag in partition order, start at 1
    /// (a fresh state folder), and every number from 1 to the highest is in exactly one place: a value record or a
    /// gap record's range.
    /// </summary>
    public static void EverySequenceAccountedFor(OpcUaFaultSnapshot s, string report)
    {
        var duplicates = s.Values.GroupBy(v => v.Sequence).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"sequence numbers in more than one value record: {string.Join(',', duplicates)}\n{report}");

        foreach (var tag in s.Values.GroupBy(v => v.TagId))
        {
            var order = tag.Select(v => v.Sequence).ToArray();
            for (var i = 1; i < order.Length; i++)
            {
                Assert.True(order[i] > order[i - 1], $"tag {tag.Key}: sequence {order[i]} after {order[i - 1]} in partition order\n{report}");
            }
        }

        foreach (var g in s.Gaps)
        {
            Assert.True(g.FirstSequence >= 1 && g.LastSequence >= g.FirstSequence, $"malformed gap [{g.FirstSequence}-{g.LastSequence}]\n{report}");
        }

        var values = s.Values.Select(v => v.Sequence).ToHashSet();
        var highest = Math.Max(values.Count == 0 ? 0 : values.Max(), s.Gaps.Count == 0 ? 0 : s.Gaps.Max(g => g.LastSequence));
        var missing = new List<long>();
        var twice = new List<long>();
        for (var n = 1L; n <= highest; n++)
        {
            var places = (values.Contains(n) ? 1 : 0) + s.Gaps.Count(g => g.FirstSequence <= n && n <= g.LastSequence);
            if (places == 0)
            {
                missing.Add(n);
            }
            else if (places > 1)
            {
                twice.Add(n);
            }
        }

        Assert.True(missing.Count == 0, $"sequence numbers in neither a value nor a gap record: {Ranges(missing)}\n{report}");
        Assert.True(twice.Count == 0, $"sequence numbers both in a value record and in a gap record (or in two gaps): {Ranges(twice)}\n{report}");
    }

    /// <summary>
    /// Every tick the server made between the first and the last Good ticker value reached Kafka once, in order:
    /// consecutive integers, where a value may repeat only after a non-Good record of the tag (the present value
    /// reported again once the source is back).
    /// </summary>
    public static void TicksConsecutive(OpcUaFaultSnapshot s, string tagId, string report, long afterSequence = 0, long beforeSequence = long.MaxValue)
    {
        var records = s.Values.Where(r => r.TagId == tagId && r.Sequence > afterSequence && r.Sequence < beforeSequence).OrderBy(r => r.Sequence).ToList();
        TagValueRecord? previous = null;
        var badSincePrevious = false;
        foreach (var r in records)
        {
            if (!r.Quality.IsGood || r.Value.IsNull)
            {
                badSincePrevious = true;
                continue;
            }

            if (previous is { } p)
            {
                var step = r.Value.AsInt64() - p.Value.AsInt64();
                Assert.True(step == 1 || (step == 0 && badSincePrevious), string.Create(CultureInfo.InvariantCulture, $"ticker {p.Value} (seq {p.Sequence}) then {r.Value} (seq {r.Sequence}): {(step > 1 ? $"{step - 1} tick(s) lost" : "a tick repeated or went back")}\n{report}"));
            }

            previous = r;
            badSincePrevious = false;
        }
    }

    /// <summary>
    /// What the bridge owes is what the server sent: every ticker value that crossed the proxy in a Publish or
    /// Republish response (between the first and the last value in Kafka) is in Kafka, and every hole in Kafka's
    /// ticker sequence is a value the server never put on the wire (a server-side loss the client cannot see: no
    /// NotificationMessage is missing). Returns those server-side losses for the test's output.
    /// </summary>
    public static long[] TicksMatchTheWire(OpcUaFaultSnapshot s, string tagId, IReadOnlyList<UaTcpProxyNotification> wire, string report)
    {
        var ticks = s.Ticks(tagId);
        Assert.True(ticks.Length > 0, report);
        var sent = new HashSet<long>();
        foreach (var n in wire)
        {
            if (n.Status.IsGood && n.Value is not null)
            {
                sent.Add(Convert.ToInt64(n.Value, CultureInfo.InvariantCulture));
            }
        }

        var inKafka = ticks.ToHashSet();
        var first = ticks.Min();
        var last = ticks.Max();
        var lost = sent.Where(t => t >= first && t <= last && !inKafka.Contains(t)).Order().ToList();
        Assert.True(lost.Count == 0, $"the server sent ticker value(s) {Ranges(lost)} through the proxy but they never reached Kafka\n{report}");

        var neverSent = new List<long>();
        for (var i = 1; i < ticks.Length; i++)
        {
            var step = ticks[i] - ticks[i - 1];
            Assert.True(step >= 1, $"ticker {ticks[i - 1]} then {ticks[i]}: a value repeated or went back\n{report}");
            for (var t = ticks[i - 1] + 1; t < ticks[i]; t++)
            {
                neverSent.Add(t);
            }
        }

        Assert.True(neverSent.All(t => !sent.Contains(t)), report);
        return [.. neverSent];
    }

    private static string Ranges(List<long> numbers)
    {
        var parts = new List<string>();
        for (var i = 0; i < numbers.Count && parts.Count < 20;)
        {
            var j = i;
            while (j + 1 < numbers.Count && numbers[j + 1] == numbers[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? numbers[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{numbers[i]}-{numbers[j]}"));
            i = j + 1;
        }

        return string.Join(", ", parts);
    }
}
