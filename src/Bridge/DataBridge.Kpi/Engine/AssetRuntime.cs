using DataBridge.Kpi.Model;

namespace DataBridge.Kpi.Engine;

/// <summary>The engine's state for one modelled asset: timelines of its tags and the sources that feed its state.</summary>
internal sealed class AssetRuntime
{
    public AssetRuntime(AssetModel model)
    {
        Model = model;
        var s = model.State;
        var states = new List<(TagRole, TagTimeline)>();
        if (s.CodeTag is not null)
        {
            states.Add((TagRole.StateCode, new TagTimeline()));
        }
        else
        {
            states.Add((TagRole.Running, new TagTimeline()));
            if (s.FaultTag is not null)
            {
                states.Add((TagRole.Fault, new TagTimeline()));
            }

            if (s.BlockedTag is not null)
            {
                states.Add((TagRole.Blocked, new TagTimeline()));
            }

            if (s.StarvedTag is not null)
            {
                states.Add((TagRole.Starved, new TagTimeline()));
            }

            if (s.PlannedStopTag is not null)
            {
                states.Add((TagRole.PlannedStop, new TagTimeline()));
            }
        }

        StateTimelines = [.. states];
        Reason = model.ReasonTag is null ? null : new TagTimeline();
        Total = new TagTimeline();
        Good = model.GoodCounter is null ? null : new TagTimeline();
    }

    public AssetModel Model { get; }

    public (TagRole Role, TagTimeline Timeline)[] StateTimelines { get; }

    public TagTimeline? Reason { get; }

    public TagTimeline Total { get; }

    public TagTimeline? Good { get; }

    /// <summary>
    /// Source time (ticks) of the earliest value of any of the asset's tags the engine has seen (long.MaxValue before
    /// the first): where its data begins. Rates such as throughput are taken over planned time from here on.
    /// </summary>
    public long FirstSampleTicks { get; private set; } = long.MaxValue;

    /// <summary>Notes a value at <paramref name="ticks"/> (keeps the earliest; late records may move it back).</summary>
    public void Saw(long ticks) => FirstSampleTicks = Math.Min(FirstSampleTicks, ticks);

    /// <summary>Sources that delivered this asset's state tags: their gaps make the asset's time unknown.</summary>
    public List<SourceTimeline> StateSources { get; } = [];

    public IEnumerable<(string TagId, TagRole Role, TagTimeline Timeline)> Bindings()
    {
        var s = Model.State;
        foreach (var (role, timeline) in StateTimelines)
        {
            var tag = role switch
            {
                TagRole.StateCode => s.CodeTag,
                TagRole.Running => s.RunningTag,
                TagRole.Fault => s.FaultTag,
                TagRole.Blocked => s.BlockedTag,
                TagRole.Starved => s.StarvedTag,
                _ => s.PlannedStopTag,
            };
            yield return (tag!, role, timeline);
        }

        if (Reason is not null)
        {
            yield return (Model.ReasonTag!, TagRole.Reason, Reason);
        }

        yield return (Model.TotalCounter.TagId, TagRole.TotalCounter, Total);
        if (Good is not null)
        {
            yield return (Model.GoodCounter!.TagId, TagRole.GoodCounter, Good);
        }
    }

    public void PruneBefore(long cutoff)
    {
        foreach (var (_, t) in StateTimelines)
        {
            t.PruneBefore(cutoff);
        }

        Reason?.PruneBefore(cutoff);
        Total.PruneBefore(cutoff);
        Good?.PruneBefore(cutoff);
    }
}
