namespace DataBridge.Bridge.Configuration;

/// <summary>A named poll rate of a Modbus source; every tag belongs to exactly one poll group.</summary>
public sealed class PollGroupDefinition
{
    /// <summary>The group name, unique within its source (e.g. <c>fast</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Time between the starts of two poll cycles (at least 10 ms).</summary>
    public required TimeSpan Interval { get; init; }
}
