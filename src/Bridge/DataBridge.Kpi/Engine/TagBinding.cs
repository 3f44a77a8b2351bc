namespace DataBridge.Kpi.Engine;

/// <summary>The engine's entry for one modelled tag: which asset, which role, and its timeline.</summary>
internal sealed class TagBinding(AssetRuntime asset, TagRole role, TagTimeline timeline)
{
    public AssetRuntime Asset { get; } = asset;

    public TagRole Role { get; } = role;

    public TagTimeline Timeline { get; } = timeline;

    /// <summary>The source last seen for this tag (cached so the hot path looks the source up only when it changes).</summary>
    public SourceTimeline? Source { get; set; }

    public bool IsState => Role is not (TagRole.Reason or TagRole.TotalCounter or TagRole.GoodCounter);
}
