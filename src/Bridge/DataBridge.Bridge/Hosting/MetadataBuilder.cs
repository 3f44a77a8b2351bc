using System.Globalization;
using DataBridge.Bridge.Configuration;
using DataBridge.Connectors.Modbus.Encoding;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Managed;
using DataBridge.Core;
using DataBridge.Schemas;

namespace DataBridge.Bridge.Hosting;

/// <summary>Turns the configured tags into metadata records for the compacted metadata topic.</summary>
internal static class MetadataBuilder
{
    public static IReadOnlyList<TagMetadataRecord> Build(BridgeConfiguration config, DateTime now)
    {
        var list = new List<TagMetadataRecord>();
        foreach (var source in config.Sources)
        {
            foreach (var tag in source.Tags)
            {
                list.Add(ForTag(source, tag, now));
            }
        }

        return list;
    }

    /// <summary>The record of one tag from its configuration alone (what is known before any server answered).</summary>
    public static TagMetadataRecord ForTag(SourceDefinition source, TagDefinition tag, DateTime updatedAt)
    {
        var known = EngineeringUnits.TryDescribeUnece(tag.Unit ?? string.Empty, out var unitName, out var unitDescription);
        return new TagMetadataRecord
        {
            TagId = tag.TagId,
            AssetPath = tag.AssetPath,
            SourceId = source.Id,
            SourceAddress = AddressOf(source, tag),
            DataType = KindOf(tag),
            Unit = tag.Unit,
            UnitDisplayName = known ? unitName : null,
            UnitDescription = known ? unitDescription : null,
            ScaleFactor = tag.Scaling.Factor,
            ScaleOffset = tag.Scaling.Offset,
            Deadband = tag.Deadband,
            HeartbeatMs = tag.Heartbeat is { } h ? (long)h.TotalMilliseconds : null,
            Description = tag.Description,
            UpdatedAt = updatedAt,
        };
    }

    /// <summary>
    /// The record of an OPC UA tag completed with what its server says: data type, engineering unit (display name and
    /// description even without a UNECE code; the configured unit wins over the server's), EURange and InstrumentRange.
    /// A scaled numeric tag stays Double whatever the server's type.
    /// </summary>
    public static TagMetadataRecord WithServerDescription(TagMetadataRecord configured, TagDefinition tag, OpcUaNodeDescription server)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(tag);
        var dataType = server.DataType;
        if (!tag.Scaling.IsIdentity && dataType is >= ValueKind.SByte and <= ValueKind.Double)
        {
            dataType = ValueKind.Double;
        }

        var record = configured with
        {
            DataType = dataType == ValueKind.Null ? configured.DataType : dataType,
            EURange = server.EURange is { } eu ? new ValueRange(eu.Low, eu.High) : configured.EURange,
            InstrumentRange = server.InstrumentRange is { } instrument ? new ValueRange(instrument.Low, instrument.High) : configured.InstrumentRange,
        };
        if (server.Units is not { } units)
        {
            return record;
        }

        var serverCode = units.UneceCode;
        if (configured.Unit is not null && !string.Equals(configured.Unit, serverCode, StringComparison.Ordinal))
        {
            // The mapping names another unit than the server: keep the mapping's unit and its names.
            return record;
        }

        return record with
        {
            Unit = configured.Unit ?? serverCode,
            UnitDisplayName = units.DisplayName ?? configured.UnitDisplayName,
            UnitDescription = units.Description ?? configured.UnitDescription,
        };
    }

    private static string AddressOf(SourceDefinition source, TagDefinition tag) => (source, tag) switch
    {
        (ModbusSourceDefinition s, ModbusTagDefinition t) => string.Create(CultureInfo.InvariantCulture, $"modbus://{s.Host}:{s.Port}/{s.UnitId}/{t.AddressText}?type={t.DataType.ToString().ToLowerInvariant()}&order={t.ByteOrder}"),
        (OpcUaSourceDefinition s, OpcUaTagDefinition t) => OpcUaAddress(s, t),
        _ => tag.TagId,
    };

    /// <summary>
    /// The endpoint plus the node as configured (nsu= id or browse path, URL-escaped), and a percent deadband, which
    /// the record's plain deadband number cannot say.
    /// </summary>
    private static string OpcUaAddress(OpcUaSourceDefinition source, OpcUaTagDefinition tag)
    {
        var address = tag.NodeId is { } node
            ? $"{source.Endpoint}?node={Uri.EscapeDataString(node)}"
            : $"{source.Endpoint}?path={Uri.EscapeDataString(tag.BrowsePath ?? string.Empty)}";
        return tag.DeadbandType == OpcUaDeadbandType.Percent
            ? string.Create(CultureInfo.InvariantCulture, $"{address}&deadband={tag.Deadband}%25")
            : address;
    }

    private static ValueKind KindOf(TagDefinition tag)
    {
        if (tag is not ModbusTagDefinition m)
        {
            return ValueKind.Null;
        }

        if (!tag.Scaling.IsIdentity && m.DataType is not (ModbusDataType.Bool or ModbusDataType.String))
        {
            return ValueKind.Double;
        }

        return m.DataType switch
        {
            ModbusDataType.Bool => ValueKind.Boolean,
            ModbusDataType.Int16 => ValueKind.Int16,
            ModbusDataType.UInt16 => ValueKind.UInt16,
            ModbusDataType.Int32 => ValueKind.Int32,
            ModbusDataType.UInt32 => ValueKind.UInt32,
            ModbusDataType.Int64 => ValueKind.Int64,
            ModbusDataType.UInt64 => ValueKind.UInt64,
            ModbusDataType.Float32 => ValueKind.Float,
            ModbusDataType.Float64 => ValueKind.Double,
            _ => ValueKind.String,
        };
    }
}
