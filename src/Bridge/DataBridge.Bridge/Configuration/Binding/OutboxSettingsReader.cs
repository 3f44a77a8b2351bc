using System.Globalization;
using DataBridge.Bridge.Configuration.Yaml;
using DataBridge.Configuration;
using DataBridge.Configuration.Yaml;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>Reads the <c>outbox:</c> section.</summary>
internal static class OutboxSettingsReader
{
    internal static readonly string[] Keys = ["enabled", "dir", "maxDiskSize", "segmentSize", "overflow", "commitInterval"];

    private static readonly KeyValuePair<string, OutboxOverflow>[] Policies =
    [
        new("drop-oldest", OutboxOverflow.DropOldest),
        new("drop-newest", OutboxOverflow.DropNewest),
    ];

    private static readonly KeyValuePair<string, bool>[] Booleans = [new("true", true), new("false", false)];

    public static OutboxSettings Read(ConfigMapping? map, string baseDirectory, Diagnostics d)
    {
        if (map is null)
        {
            return new OutboxSettings();
        }

        var r = new MappingReader(map, "outbox", Keys, d);
        var defaults = new OutboxSettings();
        string? dir = null;
        if (r.Scalar("dir") is { } ds)
        {
            if (ds.Value.Length == 0 || ds.Value.Contains('\0', StringComparison.Ordinal))
            {
                d.Error(ds.Location, $"bad dir {ds.Quoted} in outbox; write a folder path such as ./state/outbox");
            }
            else
            {
                dir = Path.GetFullPath(Path.Combine(baseDirectory, ds.Value));
            }
        }

        var budget = Size(r, "maxDiskSize", 1L << 20) ?? defaults.MaxDiskBytes;
        var segment = Size(r, "segmentSize", 64L << 10) ?? defaults.SegmentBytes;
        if (r.Has("maxDiskSize") && r.Has("segmentSize") && budget < 2 * segment)
        {
            d.Error(r.At("maxDiskSize"), $"outbox maxDiskSize must hold at least two segments ({FormatSize(2 * segment)}); raise it or lower segmentSize");
        }

        return new OutboxSettings
        {
            Enabled = r.Choice("enabled", Booleans) ?? true,
            Directory = dir,
            MaxDiskBytes = budget,
            SegmentBytes = segment,
            Overflow = r.Choice("overflow", Policies) ?? defaults.Overflow,
            CommitInterval = r.Duration("commitInterval", TimeSpan.FromMilliseconds(1)) ?? defaults.CommitInterval,
        };
    }

    /// <summary>A byte size such as <c>512MiB</c>, <c>2GB</c>, <c>65536</c> (bytes).</summary>
    private static long? Size(MappingReader r, string key, long min)
    {
        if (r.Scalar(key) is not { } s)
        {
            return null;
        }

        var text = s.Value.Trim();
        var split = 0;
        while (split < text.Length && (char.IsAsciiDigit(text[split]) || text[split] == '.'))
        {
            split++;
        }

        long? multiplier = text[split..].Trim().ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" => 1_000,
            "KIB" => 1L << 10,
            "M" or "MB" => 1_000_000,
            "MIB" => 1L << 20,
            "G" or "GB" => 1_000_000_000,
            "GIB" => 1L << 30,
            "T" or "TB" => 1_000_000_000_000,
            "TIB" => 1L << 40,
            _ => null,
        };
        if (multiplier is null || !double.TryParse(text[..split], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            r.Diagnostics.Error(s.Location, $"bad {key} {s.Quoted} in outbox; write a size such as 512MiB, 2GiB or 1GB");
            return null;
        }

        var bytes = (long)(number * multiplier.Value);
        if (bytes < min)
        {
            r.Diagnostics.Error(s.Location, $"{key} {s.Quoted} in outbox is too small; write at least {FormatSize(min)}");
            return null;
        }

        return bytes;
    }

    private static string FormatSize(long bytes) => bytes % (1L << 20) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20}MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes >> 10}KiB");
}
