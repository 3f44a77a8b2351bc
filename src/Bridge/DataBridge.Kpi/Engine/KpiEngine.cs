using System.Globalization;
using DataBridge.Core;
using DataBridge.Kpi.Model;

namespace DataBridge.Kpi.Engine;

/// <summary>
/// The KPI engine: pure computation, no I/O. Feed it value and gap records in any order (they are placed by
/// source timestamp), then call <see cref="Compute"/> to get every asset's KPIs for the current shift and the
/// rolling window, plus roll-ups to line, area, site and enterprise. Not thread-safe: one owner thread.
/// </summary>
public sealed class KpiEngine
{
    private readonly KpiModel _model;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, TagBinding> _bindings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceTimeline> _sources = new(StringComparer.Ordinal);
    private readonly List<AssetRuntime> _assets = [];

    /// <summary>Creates an engine for a model; <paramref name="time"/> gives "now" (system clock when null).</summary>
    public KpiEngine(KpiModel model, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _time = time ?? TimeProvider.System;
        foreach (var a in model.Assets)
        {
            var runtime = new AssetRuntime(a);
            _assets.Add(runtime);
            foreach (var (tag, role, timeline) in runtime.Bindings())
            {
                _bindings[tag] = new TagBinding(runtime, role, timeline);
            }
        }
    }

    /// <summary>The model the engine computes.</summary>
    public KpiModel Model => _model;

    /// <summary>Values accepted (of modelled tags) since start.</summary>
    public long AcceptedCount { get; private set; }

    /// <summary>Values ignored because their tag is not in the model.</summary>
    public long IgnoredCount { get; private set; }

    /// <summary>True when <paramref name="tagId"/> feeds an asset of the model (lets a consumer skip decoding the rest).</summary>
    public bool IsModelled(string tagId) => tagId is not null && _bindings.ContainsKey(tagId);

    /// <summary>
    /// Adds one value record. Returns false when the tag is not part of the model. Bad-quality values are kept
    /// as "unknown" markers (a state tag's Bad sample makes the time until its next Good sample unknown).
    /// </summary>
    public bool Ingest(in KpiValue value)
    {
        if (value.TagId is null || !_bindings.TryGetValue(value.TagId, out var binding))
        {
            IgnoredCount++;
            return false;
        }

        var ticks = value.SourceTimestamp.Ticks;
        var bad = !value.Quality.IsGood && !value.Quality.IsUncertain;
        var v = value.Value;
        var number = v.Kind == ValueKind.String ? ParseText(v.AsString()) : v.AsDouble();
        if (double.IsNaN(number))
        {
            // Nothing numeric to count or map: treat like a Bad sample rather than guess.
            bad = true;
            number = 0;
        }

        if (binding.Role is TagRole.TotalCounter or TagRole.GoodCounter)
        {
            var wrap = WrapOf(v.Kind);
            if (wrap > 0)
            {
                binding.Timeline.InferredWrap = wrap;
            }
        }

        binding.Timeline.Insert(ticks, number, bad);
        binding.Asset.Saw(ticks);
        if (value.SourceId is { } sourceId)
        {
            var source = binding.Source;
            if (source is null || !string.Equals(source.SourceId, sourceId, StringComparison.Ordinal))
            {
                source = Source(sourceId);
                binding.Source = source;
                if (binding.IsState && !binding.Asset.StateSources.Contains(source))
                {
                    binding.Asset.StateSources.Add(source);
                }
            }

            source.Add(value.Sequence, ticks);
        }

        AcceptedCount++;
        return true;
    }

    /// <summary>Adds a gap record: the time between the neighbouring known samples of the source becomes unknown.</summary>
    public void IngestGap(in KpiGap gap)
    {
        if (gap.SourceId is null)
        {
            return;
        }

        Source(gap.SourceId).AddGap(gap.FirstSequence, gap.LastSequence);
    }

    /// <summary>Computes every asset's KPIs at the TimeProvider's now and prunes samples older than the retention.</summary>
    public KpiSnapshot Compute()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var nowTicks = now.Ticks;
        var rollingStart = nowTicks - _model.RollingWindow.Ticks;
        var rollingName = FormatWindow(_model.RollingWindow);
        var measured = new List<KpiResult>(_assets.Count * 2);
        var segments = new List<StateSegment>();
        var unknown = new List<TimeInterval>();
        foreach (var asset in _assets)
        {
            var m = asset.Model;
            var hasShift = m.Calendar.TryGetCurrentShift(now, out var shift);
            var shiftStart = hasShift ? shift.StartUtc.Ticks : nowTicks;
            var shiftEnd = hasShift ? Math.Min(shift.EndUtc.Ticks, nowTicks) : nowTicks;
            var from = Math.Min(shiftStart, rollingStart) - m.MicroStopThreshold.Ticks - TimeSpan.TicksPerSecond;

            unknown.Clear();
            foreach (var s in asset.StateSources)
            {
                s.GetGapSpans(nowTicks, unknown);
            }

            unknown.Sort((a, b) => a.Start.CompareTo(b.Start));
            var merged = Intervals.Merge(unknown);
            StateSegments.Build(asset, merged, from, nowTicks, segments);
            var state = segments.Count > 0 ? segments[^1].State : MachineState.Unknown;

            var shiftTotals = WindowAccumulator.Accumulate(asset, segments, shiftStart, shiftEnd);
            measured.Add(Result(m.AssetPath, KpiWindowKind.Shift, hasShift ? shift.Name : "none", shiftStart, shiftEnd, DataFrom(asset, shiftStart, shiftEnd), state, shiftTotals, m.Targets.Oee));
            var rollingTotals = WindowAccumulator.Accumulate(asset, segments, rollingStart, nowTicks);
            measured.Add(Result(m.AssetPath, KpiWindowKind.Rolling, rollingName, rollingStart, nowTicks, DataFrom(asset, rollingStart, nowTicks), state, rollingTotals, m.Targets.Oee));
        }

        Prune(nowTicks);
        var all = RollUp.Build(measured);
        return new KpiSnapshot(now, all);
    }

    /// <summary>Where the asset's data begins inside [start, end]: its first sample, clamped to the window.</summary>
    internal static long DataFrom(AssetRuntime asset, long start, long end) => Math.Clamp(asset.FirstSampleTicks, start, Math.Max(start, end));

    private static KpiResult Result(string path, KpiWindowKind window, string name, long start, long end, long dataFrom, MachineState state, KpiTotals totals, double target) => new()
    {
        AssetPath = path,
        Level = (AssetLevel)path.Split('/').Length,
        IsMeasured = true,
        Window = window,
        WindowName = name,
        WindowStart = new DateTime(start, DateTimeKind.Utc),
        WindowEnd = new DateTime(end, DateTimeKind.Utc),
        DataFrom = new DateTime(dataFrom, DateTimeKind.Utc),
        State = state,
        Totals = totals,
        OeeTarget = target,
    };

    private void Prune(long nowTicks)
    {
        var cutoff = nowTicks - _model.Retention.Ticks;
        foreach (var a in _assets)
        {
            a.PruneBefore(cutoff);
        }

        foreach (var s in _sources.Values)
        {
            s.PruneBefore(cutoff);
        }
    }

    private SourceTimeline Source(string sourceId)
    {
        if (!_sources.TryGetValue(sourceId, out var source))
        {
            source = new SourceTimeline(sourceId);
            _sources[sourceId] = source;
        }

        return source;
    }

    private static double WrapOf(ValueKind kind) => kind switch
    {
        ValueKind.Byte or ValueKind.SByte => 256,
        ValueKind.UInt16 or ValueKind.Int16 => 65536,
        ValueKind.UInt32 or ValueKind.Int32 => 4294967296,
        _ => 0,
    };

    private static double ParseText(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
        : bool.TryParse(text, out var b) ? (b ? 1 : 0)
        : double.NaN;

    private static string FormatWindow(TimeSpan span) =>
        span.TotalMinutes < 120 ? $"{span.TotalMinutes:0}m" : $"{span.TotalHours:0.#}h";
}
