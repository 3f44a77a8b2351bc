using DataBridge.Cli.Browse;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;

namespace DataBridge.Integration.Tests.Browse;

public sealed class TagMappingYamlTests
{
    [Fact]
    public void Variables_sharing_a_browse_name_get_names_qualified_by_their_objects()
    {
        var root = new BrowsedNode(new NodeId("Line2", 2), "nsu=urn:x;s=Line2", new QualifiedName("Line2", 2), "Line2", NodeClass.Object, null);
        foreach (var press in new[] { "Press01", "Press02" })
        {
            var p = new BrowsedNode(new NodeId(press, 2), $"nsu=urn:x;s={press}", new QualifiedName(press, 2), press, NodeClass.Object, root);
            _ = new BrowsedNode(new NodeId(press + ".T", 2), $"nsu=urn:x;s={press}.T", new QualifiedName("Temperature", 2), "Temperature", NodeClass.Variable, p)
            {
                Description = "Mould: zone 1 #2",
            };
        }

        _ = new BrowsedNode(new NodeId("Speed", 2), "nsu=urn:x;s=Speed", new QualifiedName("Line Speed", 2), "Line Speed", NodeClass.Variable, root);
        var output = new StringWriter();

        TagMappingYaml.Write(output, root, "opc.tcp://plc:4840", "Line 2 PLC");

        var text = output.ToString();
        Assert.Contains("  - id: line_2_plc", text, StringComparison.Ordinal);
        Assert.Contains("    asset: enterprise/site/area/line2", text, StringComparison.Ordinal);
        Assert.Contains("      - name: press01/temperature", text, StringComparison.Ordinal);
        Assert.Contains("      - name: press02/temperature", text, StringComparison.Ordinal);
        Assert.Contains("      - name: line_speed", text, StringComparison.Ordinal);
        Assert.Contains("        description: \"Mould: zone 1 #2\"", text, StringComparison.Ordinal);
        Assert.Contains("        # asset path guess: line2/press02", text, StringComparison.Ordinal);
    }
}
