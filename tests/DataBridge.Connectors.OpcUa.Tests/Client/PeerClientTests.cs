using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;
using DataBridge.Testing.OpcUa;
using DataBridge.Testing.Support;
using Xunit.Abstractions;

namespace DataBridge.Connectors.OpcUa.Tests.Client;

/// <summary>The client against a real node-opcua server with 1,000+ variables of every built-in type.</summary>
public sealed class PeerClientTests(OpcUaPeerFixture fixture, ITestOutputHelper log) : IClassFixture<OpcUaPeerFixture>
{
    private static readonly OpcUaClientOptions Options = new()
    {
        KeepAliveInterval = TimeSpan.Zero,
        Channel = new SecureChannelOptions { RequestTimeout = TimeSpan.FromSeconds(20) },
    };

    private OpcUaPeer Peer => fixture.Peer;

    private Task<OpcUaClient> ConnectAsync(OpcUaClientOptions? options = null) => OpcUaClient.ConnectAsync(Peer.EndpointUrl, options ?? Options);

    [Fact]
    public async Task Client_browses_the_whole_address_space_and_reads_every_variable_as_the_server_defined_it()
    {
        await using var client = await ConnectAsync();
        var plant = client.ResolveNodeId($"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Plant");

        var tree = await client.WalkAsync(plant, maxDepth: 10);

        var found = tree.DescendantsAndSelf().Where(n => n.NodeClass == NodeClass.Variable).ToDictionary(n => n.StableId);
        var expected = Peer.Definitions.Variables.Where(v => v.Node.StartsWith("nsu=" + OpcUaPeerDefinitions.PlantNamespace, StringComparison.Ordinal)).ToList();
        Assert.True(expected.Count >= 1000, $"the peer defines {expected.Count} variables");
        var types = expected.Select(v => (v.Type, v.ValueRank)).Distinct().Count();
        Assert.Equal(21 * 2, types);
        var missing = expected.Where(v => !found.ContainsKey(v.Node)).Select(v => v.Node).ToList();
        Assert.True(missing.Count == 0, "not found by browsing: " + string.Join(", ", missing.Take(10)));

        // Walk already read each value; compare them all with the definitions.
        var mismatches = new List<string>();
        foreach (var v in expected)
        {
            var value = found[v.Node].Value!.Value;
            Assert.True(value.Status.IsGood, $"{v.Node}: {value.Status}");
            if (ExpectedValue.Mismatch(v, value.Value) is { } why)
            {
                mismatches.Add($"{v.Node} ({v.Type}{(v.ValueRank == 1 ? "[]" : string.Empty)}): {why}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(20)));
        var sample = found[expected[0].Node].Value!.Value;
        Assert.NotEqual(default, sample.ServerTimestamp);
        log.WriteLine($"{found.Count} variables browsed and compared");
    }

    [Fact]
    public async Task Reading_by_nsu_ids_returns_every_defined_value_in_one_call()
    {
        await using var client = await ConnectAsync();
        var defs = Peer.Definitions.Variables;
        var ids = defs.Select(v => client.ResolveNodeId(v.Node)).ToList();

        var values = await client.ReadValuesAsync(ids);

        Assert.Equal(defs.Count, values.Length);
        for (var i = 0; i < defs.Count; i++)
        {
            Assert.True(values[i].Status.IsGood, $"{defs[i].Node}: {values[i].Status}");
            Assert.Null(ExpectedValue.Mismatch(defs[i], values[i].Value));
        }
    }

    [Fact]
    public async Task BrowseNext_follows_continuation_points_when_the_server_returns_few_references_per_call()
    {
        await using var client = await ConnectAsync();
        var folder = client.ResolveNodeId($"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Scalars.Int32");
        var all = await client.BrowseAsync(folder, new BrowseOptions { MaxReferencesPerNode = 0 });
        var before = client.BrowseNextCalls;

        var paged = await client.BrowseAsync(folder, new BrowseOptions { MaxReferencesPerNode = 5 });

        Assert.True(all.Count >= 24, $"{all.Count} references");
        Assert.Equal(all.Select(r => r.NodeId.ToString()), paged.Select(r => r.NodeId.ToString()));
        Assert.True(client.BrowseNextCalls - before >= (all.Count / 5) - 1, $"{client.BrowseNextCalls - before} BrowseNext calls");
    }

    [Fact]
    public async Task A_value_larger_than_the_chunk_size_is_reassembled_from_many_chunks()
    {
        var options = Options with { Channel = Options.Channel with { Limits = new OpcUaTransportLimits { ReceiveBufferSize = 8192 } } };
        await using var client = await ConnectAsync(options);
        Assert.Equal(8192, client.Channel.Limits.ReceiveChunkSize);

        var value = await client.ReadValueAsync(client.ResolveNodeId($"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Large.Doubles"));

        var doubles = Assert.IsType<double[]>(value.Value.ArrayValue);
        Assert.Equal(Peer.Options.LargeArrayLength, doubles.Length);
        Assert.True(doubles.Length * 8 > 10 * 8192, "the message must span many chunks");
        for (var i = 0; i < doubles.Length; i++)
        {
            Assert.Equal(i * 0.5, doubles[i]);
        }
    }

    [Fact]
    public async Task Many_requests_in_flight_over_one_channel_each_get_their_own_response()
    {
        await using var client = await ConnectAsync();
        var defs = Peer.Definitions.Variables.Where(v => v.Type == "Int32" && v.ValueRank == -1).ToList();

        var reads = defs.Select(async v => (v, await client.ReadValueAsync(client.ResolveNodeId(v.Node)))).ToList();
        var results = await Task.WhenAll(reads);

        foreach (var (v, value) in results)
        {
            Assert.Null(ExpectedValue.Mismatch(v, value.Value));
        }

        Assert.Equal(0, client.Channel.PendingCount);
    }

    [Fact]
    public async Task Discovery_lists_the_endpoints_with_security_none_and_anonymous_users()
    {
        var endpoints = await OpcUaClient.GetEndpointsAsync(Peer.EndpointUrl);
        Assert.Contains(endpoints, e => e.SecurityMode == MessageSecurityMode.None && e.UserIdentityTokens!.Any(t => t.TokenType == UserTokenType.Anonymous));

        await using var client = await ConnectAsync();
        var servers = await client.FindServersAsync();
        Assert.NotEmpty(servers);
        Assert.Contains(OpcUaPeerDefinitions.PlantNamespace, client.Namespaces.Uris);
    }

    [Fact]
    public async Task TranslateBrowsePaths_resolves_a_path_of_browse_names_to_the_nsu_node_id()
    {
        await using var client = await ConnectAsync();
        var plantNs = client.Namespaces.TryGetIndex(OpcUaPeerDefinitions.PlantNamespace, out var ns) ? ns : throw new InvalidOperationException();

        var node = await client.TranslateBrowsePathAsync(new NodeId(85u), [new QualifiedName("Plant", plantNs), new QualifiedName("Line1", plantNs), new QualifiedName("Press07", plantNs), new QualifiedName("Temperature", plantNs)]);

        Assert.Equal($"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Line1.Press07.Temperature", client.FormatNodeId(node));
    }

    [Fact]
    public async Task Unknown_nodes_give_BadNodeIdUnknown_as_value_status_and_as_typed_browse_error()
    {
        await using var client = await ConnectAsync();
        var unknown = client.ResolveNodeId($"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Does.Not.Exist");

        var value = await client.ReadValueAsync(unknown);
        Assert.Equal(StatusCodes.BadNodeIdUnknown, value.Status.SubCode);

        var ex = await Assert.ThrowsAsync<OpcUaServiceException>(() => client.BrowseAsync(unknown));
        Assert.Equal("BadNodeIdUnknown", ex.SymbolicName);
        Assert.Contains("databridge browse", ex.Message, StringComparison.Ordinal);

        var missingNs = Assert.Throws<OpcUaServiceException>(() => client.ResolveNodeId("nsu=urn:nowhere;s=X"));
        Assert.Equal(StatusCodes.BadNodeIdUnknown, missingNs.StatusCode.Code);
    }

    [Fact]
    public async Task Keep_alive_reads_the_server_state_periodically()
    {
        await using var client = await ConnectAsync(Options with { KeepAliveInterval = TimeSpan.FromMilliseconds(200) });

        await Eventually.WaitUntilAsync(() => client.KeepAliveReads >= 3, TimeSpan.FromSeconds(10), "three keep-alive reads");
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Walk_reports_engineering_units_data_types_and_descriptions()
    {
        await using var client = await ConnectAsync();
        var press = client.ResolveNodeId($"nsu={OpcUaPeerDefinitions.PlantNamespace};s=Line1.Press07");

        var tree = await client.WalkAsync(press, 2);

        var temperature = tree.Children.Single(c => c.BrowseName.Name == "Temperature");
        Assert.Equal("Double", temperature.DataTypeName);
        Assert.Equal("CEL", EngineeringUnits.UneceCode(temperature.EngineeringUnits));
        Assert.Equal("Platen temperature", temperature.Description);
        Assert.Equal(182.5, temperature.Value!.Value.Value.GetDouble());
        Assert.Equal(["Temperature"], temperature.Path);
    }
}
