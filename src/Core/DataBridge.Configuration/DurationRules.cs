namespace DataBridge.Configuration;

/// <summary>What a configuration format allows beyond the common duration dialect of <see cref="DurationParser"/>.</summary>
public sealed class DurationRules
{
    /// <summary>The bridge configuration: every non-zero duration has a unit; at most a day (poll, heartbeat, timeouts).</summary>
    public static DurationRules Default { get; } = new(bareNumberIsSeconds: false, TimeSpan.FromDays(1), "a day");

    /// <summary>The KPI model: a bare number is seconds (files written before the dialect was shared keep working); no practical maximum.</summary>
    public static DurationRules Kpi { get; } = new(bareNumberIsSeconds: true, TimeSpan.FromDays(10_000), "10000 days");

    private DurationRules(bool bareNumberIsSeconds, TimeSpan maximum, string maximumText)
    {
        BareNumberIsSeconds = bareNumberIsSeconds;
        Maximum = maximum;
        MaximumText = maximumText;
    }

    /// <summary>True when <c>90</c> means 90 seconds; false when a non-zero number needs a unit.</summary>
    public bool BareNumberIsSeconds { get; }

    /// <summary>The longest duration accepted.</summary>
    public TimeSpan Maximum { get; }

    /// <summary><see cref="Maximum"/> in words, for the problem text.</summary>
    public string MaximumText { get; }
}
