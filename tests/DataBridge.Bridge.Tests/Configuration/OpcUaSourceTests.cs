using DataBridge.Bridge.Configuration;

namespace DataBridge.Bridge.Tests.Configuration;

public class OpcUaSourceTests
{
    private const string Oven = """
        bridge: { id: edge-test }
        sources:
          - id: oven
            asset: acme/plant7/bake/line1/oven1
            opcua: { endpoint: opc.tcp://10.0.0.20:4840, publishingInterval: 500ms }
            tags:
              - { name: zone1_temperature, node: "nsu=urn:acme:oven;s=Zone1.Temperature", unit: CEL, deadband: 0.5 }
              - { name: speed, path: "Objects/Oven/Conveyor/Speed", samplingInterval: 100ms, deadband: 2% }
              - { name: state, node: "i=2259" }
        """;

    [Fact]
    public void Opcua_source_is_parsed_into_endpoint_and_tags_with_deadband_kinds()
    {
        var source = Assert.IsType<OpcUaSourceDefinition>(Assert.Single(Yaml.Load(Oven).Sources));
        Assert.Equal("opc.tcp://10.0.0.20:4840", source.Endpoint);
        Assert.Equal(TimeSpan.FromMilliseconds(500), source.PublishingInterval);
        var tags = source.Tags.Cast<OpcUaTagDefinition>().ToList();
        Assert.Equal(("acme/plant7/bake/line1/oven1/zone1_temperature", "nsu=urn:acme:oven;s=Zone1.Temperature", OpcUaDeadbandType.Absolute, 0.5), (tags[0].TagId, tags[0].NodeId, tags[0].DeadbandType, tags[0].Deadband));
        Assert.Equal(("Objects/Oven/Conveyor/Speed", OpcUaDeadbandType.Percent, 2.0, TimeSpan.FromMilliseconds(100)), (tags[1].BrowsePath, tags[1].DeadbandType, tags[1].Deadband, tags[1].SamplingInterval));
        Assert.Equal((OpcUaDeadbandType.None, (TimeSpan?)null), (tags[2].DeadbandType, tags[2].SamplingInterval));
    }

    [Fact]
    public void Namespace_index_node_ids_are_refused_because_indexes_change_on_restart()
    {
        var errors = Yaml.Errors(Oven.Replace("i=2259", "ns=2;s=State", StringComparison.Ordinal));
        Assert.Equal(["plant.yaml:9:30: bad node id 'ns=2;s=State' in tag 'state': namespace indexes change when the server restarts; write the namespace URI instead, e.g. nsu=urn:acme:press;s=Temperature"], errors);
    }

    [Fact]
    public void Source_mixing_modbus_and_opcua_settings_is_an_error()
    {
        var errors = Yaml.Errors(Oven.Replace("    opcua:", "    host: 10.0.0.1\n    opcua:", StringComparison.Ordinal));
        Assert.Equal(["plant.yaml:3:5: source 'oven' mixes Modbus settings (modbus, host, port, unit) with OPC UA settings (opcua, endpoint); a source is one device, so split it in two"], errors);
    }
}
