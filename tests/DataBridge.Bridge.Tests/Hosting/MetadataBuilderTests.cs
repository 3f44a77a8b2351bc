using DataBridge.Bridge.Hosting;
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
}
