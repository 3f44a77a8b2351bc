using System.Text;
using DataBridge.Bridge.Outbox;
using DataBridge.Testing.Outbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataBridge.Bridge.Tests.Outbox;

/// <summary>A temporary outbox directory and helpers to open, fill and read it.</summary>
internal sealed class OutboxFixture : IDisposable
{
    public OutboxFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "databridge-outbox-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public OutboxOptions Options(long segmentBytes = 4096, long maxDiskBytes = 1 << 20, OverflowPolicy overflow = OverflowPolicy.DropOldest, IOutboxDevice? device = null)
    {
        var o = new OutboxOptions
        {
            Directory = Directory,
            SegmentBytes = segmentBytes,
            MaxDiskBytes = maxDiskBytes,
            Overflow = overflow,
            MaxRecordBytes = 1024,
            MaxCommitInterval = TimeSpan.FromMilliseconds(2),
            Device = device,
        };
        return o;
    }

    public static Task<Bridge.Outbox.Outbox> OpenAsync(OutboxOptions options) =>
        Bridge.Outbox.Outbox.OpenAsync(options, TimeProvider.System, NullLogger.Instance);

    public PowerLossDevice NewDevice() => new(Directory);

    public string[] SegmentFiles()
    {
        var files = System.IO.Directory.GetFiles(Directory, "seg-*.log");
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    public static byte[] Payload(string source, long sequence) => Encoding.UTF8.GetBytes($"{source}#{sequence}");

    /// <summary>Appends values seq first..last of a source and waits until they are durable.</summary>
    public static async Task<AppendResult> AppendValuesAsync(Bridge.Outbox.Outbox outbox, string source, long first, long last)
    {
        AppendResult result = default;
        for (var s = first; s <= last; s++)
        {
            result = await outbox.AppendAsync(RecordKind.Value, source, s, Payload(source, s));
        }

        await outbox.CommitAsync();
        return result;
    }

    /// <summary>Everything a new reader for <paramref name="sink"/> can read now.</summary>
    public static List<OutboxRecord> ReadAll(Bridge.Outbox.Outbox outbox, string sink = "test")
    {
        using var reader = outbox.OpenReader(sink);
        var list = new List<OutboxRecord>();
        while (reader.TryRead(out var r))
        {
            list.Add(r);
        }

        return list;
    }

    public static string Describe(OutboxRecord r) => r.Kind switch
    {
        RecordKind.Gap => $"gap {r.SourceId}[{r.Gap.FirstSequence}..{r.Gap.LastSequence}] {r.Gap.Reason}",
        _ => $"{r.Kind} {r.SourceId}#{r.Sequence}",
    };

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
