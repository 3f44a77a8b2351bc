using DataBridge.Configuration;

namespace DataBridge.Bridge.Configuration;

/// <summary>
/// One source of values: an OPC UA endpoint or a Modbus device, with its tags fully resolved (templates expanded,
/// overrides applied). Protocol specifics live in the derived types.
/// </summary>
public abstract class SourceDefinition
{
    /// <summary>Unique id of the source within the bridge; the key of its gap records and sequence numbers.</summary>
    public required string Id { get; init; }

    /// <summary>ISA-95 asset path <c>enterprise/site/area/line[/cell]</c>, lower-case; prefix of every tag id.</summary>
    public required string AssetPath { get; init; }

    /// <summary>Where the source was defined.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>The tags read from this source, in file order (template tags first, then the source's own).</summary>
    public required IReadOnlyList<TagDefinition> Tags { get; init; }

    /// <summary>The template the source was expanded from, or null when written inline.</summary>
    public string? Template { get; init; }
}
