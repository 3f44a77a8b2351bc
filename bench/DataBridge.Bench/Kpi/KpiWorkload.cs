using System.Buffers;
using System.Globalization;
using System.Text;
using DataBridge.Core;
using DataBridge.Kpi.Engine;
using DataBridge.Kpi.Model;
using DataBridge.Kpi.Model.Yaml;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;

namespace DataBridge.Bench.Kpi;

/// <summary>
/// A plant of 100 cells (state code + total + good counters each) and the value stream a bridge would send:
/// half the values belong to tags the KPI model does not use (temperatures), 5 % arrive late (out of order).
/// </summary>
internal static class KpiWorkload
{
    public const int Cells = 100;

    public static readonly DateTime Start = new(2026, 11, 23, 6, 0, 0, DateTimeKind.Utc);

    public static KpiModel Model()
    {
        var yaml = new StringBuilder("kpi: { rollingWindow: 60m, retention: 12h }\nassets:\n");
        for (var i = 0; i < Cells; i++)
        {
            var p = string.Create(CultureInfo.InvariantCulture, $"acme/plant{i / 50}/area{i / 25}/line{i / 5}/cell{i}");
            yaml.Append(CultureInfo.InvariantCulture, $"""
                  - path: {p}
                    state: {"{"} tag: {p}/state, codes: {"{"}0: down, 1: running, 2: idle, 4: planned-stop{"}"} {"}"}
                    counters: {"{"} total: {p}/total, good: {p}/good {"}"}
                    idealCycleTime: 2s

                """);
        }

        return KpiModelLoader.Parse(yaml.ToString(), "bench.yaml");
    }

    /// <summary><paramref name="count"/> values spread over <paramref name="span"/> of source time.</summary>
    public static KpiValue[] Values(int count, TimeSpan span)
    {
        var random = new Random(7);
        var tags = new string[Cells * 4];
        for (var i = 0; i < Cells; i++)
        {
            var p = string.Create(CultureInfo.InvariantCulture, $"acme/plant{i / 50}/area{i / 25}/line{i / 5}/cell{i}");
            tags[(i * 4) + 0] = p + "/state";
            tags[(i * 4) + 1] = p + "/total";
            tags[(i * 4) + 2] = p + "/good";
            tags[(i * 4) + 3] = p + "/temperature";
        }

        var counters = new long[Cells * 4];
        var values = new KpiValue[count];
        var step = span.Ticks / count;
        for (var n = 0; n < count; n++)
        {
            var cell = random.Next(Cells);
            // Half the stream is temperatures, which the model ignores.
            var role = random.Next(2) == 0 ? 3 : random.Next(3);
            var ts = Start.AddTicks(n * step);
            if (random.Next(20) == 0)
            {
                ts = ts.AddSeconds(-random.Next(1, 30));
            }

            var k = (cell * 4) + role;
            var value = role switch
            {
                0 => TagValue.FromUInt16((ushort)(random.Next(10) < 8 ? 1 : random.Next(5))),
                1 or 2 => TagValue.FromUInt32((uint)(counters[k] += random.Next(0, 3))),
                _ => TagValue.FromFloat(60f + (float)random.NextDouble()),
            };
            values[n] = new KpiValue("plc" + (cell / 10).ToString(CultureInfo.InvariantCulture), (ulong)n + 1, tags[k], value, new StatusCode(StatusCodes.Good), ts);
        }

        return values;
    }

    /// <summary>The same values as Avro tag value records, as they sit in Kafka.</summary>
    public static byte[][] Encode(KpiValue[] values)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var result = new byte[values.Length][];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            buffer.ResetWrittenCount();
            var asset = v.TagId[..v.TagId.LastIndexOf('/')];
            TagValueSerializer.Write(new TagValueRecord(v.SourceId, (long)v.Sequence, v.TagId, asset, v.Value, v.Quality, v.SourceTimestamp, v.SourceTimestamp, v.SourceTimestamp), buffer);
            result[i] = buffer.WrittenSpan.ToArray();
        }

        return result;
    }
}
