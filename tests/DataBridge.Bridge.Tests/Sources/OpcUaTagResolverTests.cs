using System.Text;
using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Sources.OpcUa;
using DataBridge.Bridge.Tests.Configuration;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Testing.OpcUa;

namespace DataBridge.Bridge.Tests.Sources;

/// <summary>A small node-opcua peer shared by the resolver tests (starts in about a second).</summary>
public sealed class SmallOpcUaPeerFixture : IAsyncLifetime
{
    public static readonly OpcUaPeerOptions Options = new() { PerType = 2, LargeArrayLength = 10 };

    private OpcUaPeer? _peer;

    public OpcUaPeer Peer => _peer ?? throw new InvalidOperationException("The OPC UA peer has not started.");

    public async Task InitializeAsync() => _peer = await OpcUaPeer.StartAsync(Options);

    public async Task DisposeAsync()
    {
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }
    }
}

/// <summary>OpcUaTagResolver against a real node-opcua server: node ids, browse paths, missing nodes, data types.</summary>
public sealed class OpcUaTagResolverTests : IClassFixture<SmallOpcUaPeerFixture>
{
    private const string Plant = OpcUaPeerDefinitions.PlantNamespace;
    private const string Other = OpcUaPeerDefinitions.OtherNamespace;
    private static readonly OpcUaClientOptions ClientOptions = new() { KeepAliveInterval = TimeSpan.Zero };
    private readonly OpcUaPeer _peer;

    public OpcUaTagResolverTests(SmallOpcUaPeerFixture fixture) => _peer = fixture.Peer;

    /// <summary>A source on <paramref name="endpoint"/> with the plant namespace as default and <c>o</c> as alias of the other.</summary>
    internal static OpcUaSourceDefinition Source(string endpoint, params string[] tags)
    {
        var yaml = new StringBuilder($$"""
            bridge: { id: edge-test }
            sources:
              - id: press07
                asset: acme/plant7/press/line1/press07
                opcua: { endpoint: "{{endpoint}}", namespace: "{{Plant}}", namespaces: { o: "{{Other}}" } }
                tags:

            """);
        foreach (var t in tags)
        {
            yaml.Append("      - ").Append(t).Append('\n');
        }

        return Assert.IsType<OpcUaSourceDefinition>(Assert.Single(Yaml.Load(yaml.ToString()).Sources));
    }

    [Fact]
    public async Task Node_ids_and_browse_paths_in_every_namespace_resolve_to_the_servers_nodes_with_their_built_in_types()
    {
        var source = Source(
            _peer.EndpointUrl,
            $"{{ name: by_node, node: \"nsu={Plant};s=Line1.Press07.Temperature\" }}",
            "{ name: by_path, path: Objects/Plant/Line1/Press07/Temperature }",
            "{ name: other, path: Objects/o:Other/o:Counter3 }",
            "{ name: standard, path: Objects/ua:Server/ua:ServerStatus/ua:CurrentTime }",
            "{ name: standard_node, node: i=2259 }",
            "{ name: count, path: Objects/Plant/Line1/Press07/PartCount }");
        await using var client = await OpcUaClient.ConnectAsync(_peer.EndpointUrl, ClientOptions);

        var results = await OpcUaTagResolver.ResolveAsync(client, source, checkDataTypes: true, CancellationToken.None);

        Assert.All(results, r => Assert.True(r.IsResolved, r.Problem));
        Assert.All(results, r => Assert.Null(r.Warning));
        var temperature = client.ResolveNodeId($"nsu={Plant};s=Line1.Press07.Temperature");
        Assert.Equal(
            [temperature, temperature, client.ResolveNodeId($"nsu={Other};i=1004"), new NodeId(2258u), new NodeId(2259u), client.ResolveNodeId($"nsu={Plant};s=Line1.Press07.PartCount")],
            results.Select(r => r.NodeId));

        // CurrentTime is UtcTime and ServerStatus_State an enumeration: both reach a carried type through HasSubtype.
        Assert.Equal(
            [BuiltInType.Double, BuiltInType.Double, BuiltInType.Int32, BuiltInType.DateTime, BuiltInType.Int32, BuiltInType.UInt32],
            results.Select(r => r.BuiltInType));
    }

    [Fact]
    public async Task Missing_nodes_unknown_namespaces_and_missing_path_steps_are_reported_by_name()
    {
        var source = Source(
            _peer.EndpointUrl,
            $"{{ name: no_node, node: \"nsu={Plant};s=Line1.Press99.Temperature\" }}",
            "{ name: no_namespace, node: \"nsu=urn:nobody:here;s=X\" }",
            "{ name: no_step, path: Objects/Plant/Line1/Press08/Temperature }",
            "{ name: wrong_namespace, path: Objects/o:Plant/Line1 }",
            "{ name: ok, path: Objects/Plant/Line1/Press07/Pressure }");
        await using var client = await OpcUaClient.ConnectAsync(_peer.EndpointUrl, ClientOptions);
        var url = _peer.EndpointUrl;

        var results = await OpcUaTagResolver.ResolveAsync(client, source, checkDataTypes: true, CancellationToken.None);

        Assert.Equal($"node nsu={Plant};s=Line1.Press99.Temperature not found on {url}; check the node id with 'databridge browse {url}'", results[0].Problem);
        Assert.StartsWith($"the server at {url} has no namespace 'urn:nobody:here' (it has: http://opcfoundation.org/UA/, ", results[1].Problem, StringComparison.Ordinal);
        Assert.Equal($"browse path 'Objects/Plant/Line1/Press08/Temperature' not found on {url}: Objects/Plant/Line1 has no child 'Press08' in namespace {Plant}; check the name and its namespace with 'databridge browse {url}'", results[2].Problem);
        Assert.Equal($"browse path 'Objects/o:Plant/Line1' not found on {url}: Objects has no child 'Plant' in namespace {Other}; check the name and its namespace with 'databridge browse {url}'", results[3].Problem);
        Assert.True(results[4].IsResolved, results[4].Problem);
    }

    [Fact]
    public async Task Nodes_the_bridge_cannot_carry_are_problems_only_when_data_types_are_checked()
    {
        var source = Source(
            _peer.EndpointUrl,
            "{ name: guid, path: Objects/Plant/Scalars/Guid/Guid_000 }",
            "{ name: text, path: Objects/Plant/Scalars/LocalizedText/LocalizedText_001 }",
            "{ name: array, path: Objects/Plant/Arrays/Double/DoubleArray_001 }",
            $"{{ name: object, node: \"nsu={Plant};s=Line1.Press07\" }}",
            "{ name: bytes, path: Objects/Plant/Scalars/ByteString/ByteString_000 }",
            "{ name: fine, path: Objects/Plant/Scalars/Int64/Int64_001 }");
        await using var client = await OpcUaClient.ConnectAsync(_peer.EndpointUrl, ClientOptions);

        var unchecked_ = await OpcUaTagResolver.ResolveAsync(client, source, checkDataTypes: false, CancellationToken.None);
        var results = await OpcUaTagResolver.ResolveAsync(client, source, checkDataTypes: true, CancellationToken.None);

        Assert.All(unchecked_, r => Assert.True(r.IsResolved, r.Problem));
        Assert.Equal(unchecked_.Select(r => r.NodeId), results.Select(r => r.NodeId));
        const string Carried = "it carries scalars of Boolean, SByte, Byte, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float, Double, String, DateTime";
        Assert.Equal($"node nsu={Plant};s=Scalars.Guid.0 has data type Guid, which the bridge cannot carry; {Carried}", results[0].Problem);
        Assert.Equal($"node nsu={Plant};s=Scalars.LocalizedText.1 has data type LocalizedText, which the bridge cannot carry; {Carried}", results[1].Problem);
        Assert.Equal($"node nsu={Plant};s=Arrays.Double.1 holds arrays (Double[], ValueRank 1); the bridge carries scalars only, so name a scalar variable", results[2].Problem);
        Assert.Equal($"node nsu={Plant};s=Line1.Press07 is an Object, not a Variable; name one of its variables (databridge browse {_peer.EndpointUrl} --node \"nsu={Plant};s=Line1.Press07\")", results[3].Problem);
        Assert.Equal($"node nsu={Plant};s=Scalars.ByteString.0 has data type ByteString, which the bridge cannot carry; {Carried}", results[4].Problem);
        Assert.True(results[5].IsResolved, results[5].Problem);
        Assert.Equal(BuiltInType.Int64, results[5].BuiltInType);
    }

    [Fact]
    public async Task More_paths_than_one_request_carries_are_translated_in_batches_and_keep_their_order()
    {
        string[] names = ["Boolean", "Int32", "Double", "String", "UInt16"];
        var tags = new string[2_300];
        for (var i = 0; i < tags.Length; i++)
        {
            var type = names[i % names.Length];
            tags[i] = $"{{ name: t{i}, path: Objects/Plant/Scalars/{type}/{type}_00{i % 2} }}";
        }

        var source = Source(_peer.EndpointUrl, tags);
        await using var client = await OpcUaClient.ConnectAsync(_peer.EndpointUrl, ClientOptions);

        var results = await OpcUaTagResolver.ResolveAsync(client, source, checkDataTypes: true, CancellationToken.None);

        Assert.Equal(tags.Length, results.Count);
        for (var i = 0; i < tags.Length; i++)
        {
            Assert.True(results[i].IsResolved, results[i].Problem);
            Assert.Equal(client.ResolveNodeId($"nsu={Plant};s=Scalars.{names[i % names.Length]}.{i % 2}"), results[i].NodeId);
        }
    }
}
