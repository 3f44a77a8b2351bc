using DataBridge.Core;

namespace DataBridge.Schemas;

/// <summary>Where a tag comes from and how it is scaled (schema <c>io.databridge.TagMetadata</c>, tag-metadata.avsc).</summary>
public sealed record TagMetadataRecord
{
    /// <summary>Stable tag name from the mapping; the Kafka key on the compacted metadata topic.</summary>
    public required string TagId { get; init; }

    /// <summary>ISA-95 asset path enterprise/site/area/line/cell.</summary>
    public required string AssetPath { get; init; }

    /// <summary>The source the tag is read from.</summary>
    public required string SourceId { get; init; }

    /// <summary>
    /// The address at the source, e.g. <c>modbus://10.0.0.11:502/1/holding:100?type=float32&amp;order=ABCD</c> or
    /// <c>opc.tcp://host:4840?node=nsu%3Durn%3Ax%3Bs%3DTemp</c> (endpoint, then <c>node=</c> or <c>path=</c> URL-escaped).
    /// </summary>
    public required string SourceAddress { get; init; }

    /// <summary>The tag's value type.</summary>
    public required ValueKind DataType { get; init; }

    /// <summary>UNECE Recommendation 20 common code (e.g. <c>CEL</c>), or null when unitless.</summary>
    public string? Unit { get; init; }

    /// <summary>
    /// Display name of the unit (e.g. <c>°C</c>): the OPC UA server's EngineeringUnits DisplayName, also for units
    /// without a UNECE code, or the UNECE symbol of the configured unit.
    /// </summary>
    public string? UnitDisplayName { get; init; }

    /// <summary>Description of the unit from the OPC UA server's EngineeringUnits (e.g. <c>degree Celsius</c>).</summary>
    public string? UnitDescription { get; init; }

    /// <summary>The analog item's EURange (OPC 10000-8 §5.3.2), when the server has one.</summary>
    public ValueRange? EURange { get; init; }

    /// <summary>The analog item's InstrumentRange (OPC 10000-8 §5.3.2), when the server has one.</summary>
    public ValueRange? InstrumentRange { get; init; }

    /// <summary>Engineering value = raw × ScaleFactor + ScaleOffset.</summary>
    public double ScaleFactor { get; init; } = 1.0;

    /// <summary>See <see cref="ScaleFactor"/>.</summary>
    public double ScaleOffset { get; init; }

    /// <summary>Absolute deadband in engineering units; 0 reports every change.</summary>
    public double Deadband { get; init; }

    /// <summary>Re-send a value after this many milliseconds without change; null for never.</summary>
    public long? HeartbeatMs { get; init; }

    /// <summary>Free text from the mapping.</summary>
    public string? Description { get; init; }

    /// <summary>When the mapping that produced this record was loaded (UTC).</summary>
    public required DateTime UpdatedAt { get; init; }
}
