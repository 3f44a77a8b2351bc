using DataBridge.Configuration;

namespace DataBridge.Bridge.Configuration;

/// <summary>
/// One tag after resolution: its stable id, engineering-unit handling and report-by-exception settings.
/// The protocol address lives in the derived types.
/// </summary>
public abstract class TagDefinition
{
    /// <summary>The stable tag id, <c>&lt;asset path&gt;/&lt;name&gt;</c>; the Kafka key of its records.</summary>
    public required string TagId { get; init; }

    /// <summary>The tag name as written (the last part of <see cref="TagId"/>).</summary>
    public required string Name { get; init; }

    /// <summary>The ISA-95 asset path of the owning source.</summary>
    public required string AssetPath { get; init; }

    /// <summary>UNECE unit code (e.g. <c>CEL</c>), or null.</summary>
    public string? Unit { get; init; }

    /// <summary>Free-text description for the metadata topic, or null.</summary>
    public string? Description { get; init; }

    /// <summary>Linear scaling to engineering units; <see cref="Scaling.Identity"/> when none is configured.</summary>
    public Scaling Scaling { get; init; } = Scaling.Identity;

    /// <summary>Absolute deadband in engineering units; 0 reports every change.</summary>
    public double Deadband { get; init; }

    /// <summary>The deadband the bridge's own pipeline applies (a source whose device filters changes itself applies none).</summary>
    internal virtual double PipelineDeadband => Deadband;

    /// <summary>Report at least this often even when the value does not change; null for pure report-by-exception.</summary>
    public TimeSpan? Heartbeat { get; init; }

    /// <summary>Where the tag was written (in the template for template tags).</summary>
    public required SourceLocation Location { get; init; }
}
