using System.Buffers.Binary;
using System.Diagnostics;
using Confluent.Kafka;
using DataBridge.Schemas;
using DataBridge.Schemas.Serialization;

namespace DataBridge.Integration.Tests.Support;

/// <summary>Reads records back from Kafka with two independent clients: Confluent.Kafka and Debian's kcat.</summary>
public static class KafkaReadBack
{
    /// <summary>Consumes <paramref name="topic"/> from the beginning until <paramref name="done"/> says enough or the deadline passes.</summary>
    public static List<TagValueRecord> Consume(string bootstrap, string topic, Func<List<TagValueRecord>, bool> done, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "it-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var records = new List<TagValueRecord>();
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout && !done(records))
        {
            var r = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (r?.Message?.Value is { } bytes)
            {
                var record = TagValueSerializer.Read(bytes);
                Assert.Equal(record.TagId, r.Message.Key);
                records.Add(record);
            }
        }

        consumer.Close();
        return records;
    }

    /// <summary>
    /// Reads every message of <paramref name="topic"/> with kcat. Avro payloads are binary, so kcat prints each one
    /// as its 4-byte big-endian length (%R) followed by the raw bytes (%s): a framing that survives any byte value.
    /// </summary>
    public static async Task<List<byte[]>> KcatAsync(string bootstrap, string topic, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("kcat")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-b", bootstrap, "-C", "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%R%s" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        using var cts = new CancellationTokenSource(timeout);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        using var buffer = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(buffer, cts.Token);
        await process.WaitForExitAsync(cts.Token);
        Assert.True(process.ExitCode == 0, $"kcat failed ({process.ExitCode}): {await stderr}");

        var bytes = buffer.ToArray();
        var messages = new List<byte[]>();
        var pos = 0;
        while (pos < bytes.Length)
        {
            var len = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos, 4));
            pos += 4;
            messages.Add(bytes.AsSpan(pos, len).ToArray());
            pos += len;
        }

        return messages;
    }
}
