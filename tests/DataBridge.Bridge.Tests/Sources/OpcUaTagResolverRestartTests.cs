using DataBridge.Bridge.Sources.OpcUa;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Testing.OpcUa;

namespace DataBridge.Bridge.Tests.Sources;

/// <summary>Resolution with its own server, restarted with its namespaces registered in the other order.</summary>
public sealed class OpcUaTagResolverRestartTests
{
    [Fact]
    public async Task Node_ids_and_browse_paths_resolve_to_the_same_variables_after_a_restart_swaps_namespace_indexes()
    {
        var peer = await OpcUaPeer.StartAsync(SmallOpcUaPeerFixture.Options);
        try
        {
            var source = OpcUaTagResolverTests.Source(
                peer.EndpointUrl,
                $"{{ name: by_node, node: \"nsu={OpcUaPeerDefinitions.OtherNamespace};i=1005\" }}",
                "{ name: by_path, path: Objects/o:Other/o:Counter4 }",
                "{ name: plant_path, path: Objects/Plant/Line1/Press07/Temperature }");
            var (nodesBefore, valuesBefore) = await ResolveAndReadAsync(peer.EndpointUrl, source);
            peer = await peer.RestartAsync(SmallOpcUaPeerFixture.Options with { ReverseNamespaces = true });
            var (nodesAfter, valuesAfter) = await ResolveAndReadAsync(peer.EndpointUrl, source);

            // Counter4 is i=1005 in the other namespace (value 1000 + 4 × 3); its index changed, the value did not.
            Assert.NotEqual(nodesBefore[0].NamespaceIndex, nodesAfter[0].NamespaceIndex);
            Assert.NotEqual(nodesBefore[2].NamespaceIndex, nodesAfter[2].NamespaceIndex);
            Assert.Equal(["1012", "1012", "182.5"], valuesBefore);
            Assert.Equal(valuesBefore, valuesAfter);
        }
        finally
        {
            await peer.DisposeAsync();
        }
    }

    private static async Task<(NodeId[] Nodes, string[] Values)> ResolveAndReadAsync(string url, Bridge.Configuration.OpcUaSourceDefinition source)
    {
        await using var client = await OpcUaClient.ConnectAsync(url, new OpcUaClientOptions { KeepAliveInterval = TimeSpan.Zero });
        var results = await OpcUaTagResolver.ResolveAsync(client, source, checkDataTypes: true, CancellationToken.None);
        Assert.All(results, r => Assert.True(r.IsResolved, r.Problem));
        var nodes = results.Select(r => r.NodeId).ToArray();
        var values = await client.ReadValuesAsync(nodes);
        return (nodes, values.Select(v => ValueText.Format(v)).ToArray());
    }
}
