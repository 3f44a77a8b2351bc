using DataBridge.Connectors.Mqtt.Encoding;
using DataBridge.Core;

namespace DataBridge.Connectors.Mqtt.Sparkplug;

/// <summary>
/// One metric as an NBIRTH or DBIRTH defined it: where it lives (group/edge node/device), its name and alias, its
/// datatype and the properties the birth gave it (engineering unit among them). Created once per birth, so data
/// messages refer to it without allocating.
/// </summary>
public sealed class SparkplugMetric
{
    /// <summary>Creates a definition.</summary>
    public SparkplugMetric(string groupId, string edgeNodeId, string? deviceId, string name, ulong? alias, SparkplugDataType dataType, IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        GroupId = groupId;
        EdgeNodeId = edgeNodeId;
        DeviceId = deviceId;
        Name = name;
        Alias = alias;
        DataType = dataType;
        Properties = properties;
        Path = deviceId is null ? $"{groupId}/{edgeNodeId}/{name}" : $"{groupId}/{edgeNodeId}/{deviceId}/{name}";
        EngineeringUnit = FindUnit(properties);
    }

    /// <summary>The Sparkplug group id.</summary>
    public string GroupId { get; }

    /// <summary>The edge node id.</summary>
    public string EdgeNodeId { get; }

    /// <summary>The device id, or null for an edge node's own metric.</summary>
    public string? DeviceId { get; }

    /// <summary>The metric name from the birth (may contain '/', e.g. <c>Press/Temperature</c>).</summary>
    public string Name { get; }

    /// <summary>The alias the birth assigned, if any; data messages may then carry only the alias.</summary>
    public ulong? Alias { get; }

    /// <summary>The datatype from the birth; data messages are read as this type.</summary>
    public SparkplugDataType DataType { get; }

    /// <summary>The DataBridge value kind of <see cref="DataType"/> (<see cref="ValueKind.Null"/> when unsupported).</summary>
    public ValueKind ValueKind => SparkplugValueConverter.KindOf(DataType);

    /// <summary>The engineering unit from the birth's properties (<c>engUnit</c>, <c>engineeringUnits</c> or <c>unit</c>), if any.</summary>
    public string? EngineeringUnit { get; }

    /// <summary>The birth's properties whose values are scalars, as invariant text.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary><c>group/edge node[/device]/metric name</c>: the source address a tag mapping names.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override string ToString() => Path;

    private static string? FindUnit(IReadOnlyDictionary<string, string> properties)
    {
        foreach (var key in (ReadOnlySpan<string>)["engUnit", "engUnits", "engineeringUnits", "EngUnit", "unit", "units"])
        {
            if (properties.TryGetValue(key, out var unit))
            {
                return unit;
            }
        }

        return null;
    }
}
