using DataBridge.Bridge.Configuration.Yaml;
using DataBridge.Configuration;
using DataBridge.Configuration.Yaml;

namespace DataBridge.Bridge.Configuration.Binding;

/// <summary>A device template: protocol settings and tags shared by many sources; checked once, expanded per source.</summary>
internal sealed class TemplateSpec
{
    internal static readonly string[] Keys = ["modbus", "opcua", "tags", "description"];

    public required string Name { get; init; }

    public required SourceLocation Location { get; init; }

    public ModbusSettingsSpec? Modbus { get; init; }

    public OpcUaSettingsSpec? OpcUa { get; init; }

    public IReadOnlyList<ModbusTagSpec> ModbusTags { get; init; } = [];

    public IReadOnlyList<OpcUaTagSpec> OpcUaTags { get; init; } = [];

    public bool Used { get; set; }

    public static TemplateSpec? Read(ConfigScalar name, ConfigNode node, Diagnostics d)
    {
        var context = $"template '{name.Value}'";
        if (node is not ConfigMapping map)
        {
            d.Error(node.Location, $"{context} must be a mapping with 'modbus:' or 'opcua:' settings and 'tags:', not {node.Kind}");
            return null;
        }

        var r = new MappingReader(map, context, Keys, d);
        r.String("description");
        var modbusMap = r.Mapping("modbus");
        var opcuaMap = r.Mapping("opcua");
        if (modbusMap is not null && opcuaMap is not null)
        {
            d.Error(r.At("opcua"), $"{context} has both 'modbus' and 'opcua'; a template describes one kind of device, so keep one");
            return null;
        }

        if (modbusMap is null && opcuaMap is null)
        {
            d.Error(map.Location, $"missing required key 'modbus' in {context}; add e.g. 'modbus: {{ port: 502, pollGroups: {{ fast: 250ms }} }}' (or 'opcua: {{ ... }}' for an OPC UA server)");
            return null;
        }

        var tags = r.Sequence("tags", "- { name: temperature, address: holding:100, type: float32 }");
        if (modbusMap is not null)
        {
            return new TemplateSpec
            {
                Name = name.Value,
                Location = name.Location,
                Modbus = ModbusSettingsSpec.Read(modbusMap, $"modbus settings of {context}", d),
                ModbusTags = TagListReader.ReadModbus(tags, context, d),
            };
        }

        return new TemplateSpec
        {
            Name = name.Value,
            Location = name.Location,
            OpcUa = OpcUaSettingsSpec.Read(opcuaMap!, $"opcua settings of {context}", d),
            OpcUaTags = TagListReader.ReadOpcUa(tags, context, d),
        };
    }
}
