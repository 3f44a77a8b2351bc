using DataBridge.Bridge.Hosting;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Managed;
using DataBridge.Core;
using DataBridge.Schemas;
using DataBridge.Bridge.Tests.Configuration;

namespace DataBridge.Bridge.Tests.Hosting;

public sealed class MetadataBuilderTests
{
    [Fact]
    public void An_opc_ua_tag_names_its_endpoint_node_or_path_and_a_percent_deadband_in_its_source_address()
    {
        var config = Yaml.Load("""
            bridge: { id: edge-test }
            kafka: { bootstrap: "127.0.0.1:9092" }
            sources:
              - id: oven
                asset: acme/plant7/bake/line1
                opcua: { endpoint: "opc.tcp://10.0.0.20:4840" }
                tags:
                  - { name: temperature, node: "nsu=urn:acme:oven;s=Zone1.Temperature", deadband: 2%, unit: CEL }
                  - { name: speed, node: "nsu=urn:acme:oven;s=Speed", deadband: 0.5 }
            """);

        var records = MetadataBuilder.Build(config, DateTime.UnixEpoch);

        Assert.Equal("opc.tcp://10.0.0.20:4840?node=nsu%3Durn%3Aacme%3Aoven%3Bs%3DZone1.Temperature&deadband=2%25", records[0].SourceAddress);
        Assert.Equal("opc.tcp://10.0.0.20:4840?node=nsu%3Durn%3Aacme%3Aoven%3Bs%3DSpeed", records[1].SourceAddress);
        Assert.Equal(0.5, records[1].Deadband);
        Assert.Equal("oven", records[0].SourceId);
        Assert.Equal("CEL", records[0].Unit);
    }

    [Fact]
    public void The_servers_data_type_unit_names_and_ranges_complete_the_record_and_a_configured_unit_wins()
    {
        var config = Yaml.Load("""
            bridge: { id: edge-test }
            sources:
              - id: oven
                asset: acme/plant7/bake/line1
                opcua: { endpoint: "opc.tcp://10.0.0.20:4840" }
                tags:
                  - { name: torque, node: "nsu=urn:acme:oven;s=Torque" }
                  - { name: temperature, node: "nsu=urn:acme:oven;s=T", unit: FAH }
                  - { name: raw, node: "nsu=urn:acme:oven;s=Raw", scale: 0.1 }
            """);
        var records = MetadataBuilder.Build(config, DateTime.UnixEpoch);
        var tags = config.Sources[0].Tags;
        var nm = new EUInformation { UnitId = -1, DisplayName = new LocalizedText("Nm"), Description = new LocalizedText("newton metre") };
        var celsius = new EUInformation { UnitId = 4408652, DisplayName = new LocalizedText("°C"), Description = new LocalizedText("degree Celsius") };

        var torque = MetadataBuilder.WithServerDescription(records[0], tags[0], new OpcUaNodeDescription(ValueKind.Double, Units(nm), new OpcUaRange(-50, 50), new OpcUaRange(-100, 100)));
        Assert.Equal(ValueKind.Double, torque.DataType);
        Assert.Null(torque.Unit);
        Assert.Equal("Nm", torque.UnitDisplayName);
        Assert.Equal("newton metre", torque.UnitDescription);
        Assert.Equal(new ValueRange(-50, 50), torque.EURange);
        Assert.Equal(new ValueRange(-100, 100), torque.InstrumentRange);

        // The mapping says FAH, the server CEL: the mapping's unit and its UNECE names stay.
        var temperature = MetadataBuilder.WithServerDescription(records[1], tags[1], new OpcUaNodeDescription(ValueKind.Float, Units(celsius), null, null));
        Assert.Equal("FAH", temperature.Unit);
        Assert.Equal("°F", temperature.UnitDisplayName);
        Assert.Equal(ValueKind.Float, temperature.DataType);

        // A scaled integer arrives as Double.
        Assert.Equal(ValueKind.Double, MetadataBuilder.WithServerDescription(records[2], tags[2], new OpcUaNodeDescription(ValueKind.Int16, null, null, null)).DataType);
    }

    /// <summary>EUInformation as the connector hands it over (the UNECE code looked up by UnitId).</summary>
    private static OpcUaEngineeringUnit Units(EUInformation units) =>
        new(EngineeringUnits.UneceCode(units), units.DisplayName.Text, units.Description.Text);
}
