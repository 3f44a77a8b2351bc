using DataBridge.Bridge.Configuration;

namespace DataBridge.Bridge.Tests.Configuration;

/// <summary>The <c>opcua:</c> keys, their defaults, template overlays, browse paths and every error with its position.</summary>
public class OpcUaSettingsTests
{
    private const string Ns0 = OpcUaBrowsePathElement.StandardNamespaceUri;

    /// <summary>One inline source; tests replace the <c>OPCUA</c> and <c>TAGS</c> markers.</summary>
    private const string Inline = """
        bridge: { id: edge-test }
        sources:
          - id: press07
            asset: acme/plant7/press/line1/press07
            opcua: OPCUA
            tags:
              TAGS
        """;

    private static string Source(string opcua, string tags = "- { name: temperature, path: Objects/Line1/Press07/Temperature }") =>
        Inline.Replace("OPCUA", opcua, StringComparison.Ordinal).Replace("TAGS", tags, StringComparison.Ordinal);

    private static OpcUaSourceDefinition Load(string yaml) => Assert.IsType<OpcUaSourceDefinition>(Assert.Single(Yaml.Load(yaml).Sources));

    private static OpcUaTagDefinition Tag(OpcUaSourceDefinition s, int i = 0) => Assert.IsType<OpcUaTagDefinition>(s.Tags[i]);

    [Fact]
    public void Defaults_follow_the_spec_recommendations_when_only_the_endpoint_is_written()
    {
        var s = Load(Source("{ endpoint: opc.tcp://10.0.0.20:4840 }", "- { name: t, node: \"nsu=urn:acme:press;s=T\" }"));
        Assert.Equal((TimeSpan.FromSeconds(1), 10u, 60u, 0u, "Auto", (string?)null), (s.PublishingInterval, s.KeepAliveCount, s.LifetimeCount, s.MaxNotificationsPerPublish, s.SecurityMode, s.Namespace));
        var t = Tag(s);
        Assert.Equal(((TimeSpan?)null, 10u, true), (t.SamplingInterval, t.QueueSize, t.DiscardOldest));
        Assert.Empty(t.BrowsePathElements);
    }

    [Fact]
    public void Every_opcua_key_is_read()
    {
        var s = Load(Source(
            "{ endpoint: opc.tcp://10.0.0.20:4840, publishingInterval: 250ms, keepAliveCount: 5, lifetimeCount: 30, maxNotificationsPerPublish: 500, security: { mode: none }, namespace: urn:acme:press, namespaces: { di: \"http://opcfoundation.org/UA/DI/\" }, samplingInterval: 100ms, queueSize: 50, discardOldest: false }",
            "- { name: a, path: Objects/di:DeviceSet/Press07/Temperature }\n      - { name: b, node: \"nsu=urn:acme:press;s=B\", samplingInterval: 1s, queueSize: 1, discardOldest: true }"));
        Assert.Equal((TimeSpan.FromMilliseconds(250), 5u, 30u, 500u, "urn:acme:press"), (s.PublishingInterval, s.KeepAliveCount, s.LifetimeCount, s.MaxNotificationsPerPublish, s.Namespace));
        Assert.Equal("http://opcfoundation.org/UA/DI/", s.NamespaceAliases["di"]);
        Assert.Equal(Ns0, s.NamespaceAliases["ua"]);
        var a = Tag(s, 0);
        Assert.Equal(((TimeSpan?)TimeSpan.FromMilliseconds(100), 50u, false), (a.SamplingInterval, a.QueueSize, a.DiscardOldest));
        Assert.Equal(
            [new("http://opcfoundation.org/UA/DI/", "DeviceSet"), new("urn:acme:press", "Press07"), new("urn:acme:press", "Temperature")],
            a.BrowsePathElements);
        var b = Tag(s, 1);
        Assert.Equal(((TimeSpan?)TimeSpan.FromSeconds(1), 1u, true), (b.SamplingInterval, b.QueueSize, b.DiscardOldest));
    }

    [Fact]
    public void Browse_path_segments_without_a_namespace_are_standard_nodes_and_ua_prefix_names_namespace_0()
    {
        var s = Load(Source("{ endpoint: opc.tcp://h:4840, namespace: urn:acme:press }", "- { name: time, path: Objects/ua:Server/ua:ServerStatus/ua:CurrentTime }\n      - { name: x, path: 'Objects/Odd\\/Name/A\\:B' }"));
        Assert.Equal([new(Ns0, "Server"), new(Ns0, "ServerStatus"), new(Ns0, "CurrentTime")], Tag(s, 0).BrowsePathElements);
        Assert.Equal([new("urn:acme:press", "Odd/Name"), new("urn:acme:press", "A:B")], Tag(s, 1).BrowsePathElements);

        var plain = Load(Source("{ endpoint: opc.tcp://h:4840 }", "- { name: time, path: Objects/Server/ServerStatus }"));
        Assert.Equal([new(Ns0, "Server"), new(Ns0, "ServerStatus")], Tag(plain).BrowsePathElements);
    }

    [Fact]
    public void Template_settings_are_overlaid_by_the_source_and_tag_values_win_over_source_defaults()
    {
        var s = Load("""
            bridge: { id: edge-test }
            templates:
              press:
                opcua: { publishingInterval: 500ms, keepAliveCount: 4, namespace: urn:acme:press, namespaces: { di: urn:di, x: urn:x }, queueSize: 20, discardOldest: false }
                tags:
                  - { name: temperature, path: Objects/di:DeviceSet/x:Temperature }
                  - { name: pressure, node: "nsu=urn:acme:press;s=P", queueSize: 3 }
            sources:
              - id: press07
                asset: acme/plant7/press/line1/press07
                template: press
                opcua: { endpoint: opc.tcp://10.0.0.7:4840, keepAliveCount: 6, lifetimeCount: 18, namespaces: { x: urn:x2 }, discardOldest: true }
            """);
        Assert.Equal((TimeSpan.FromMilliseconds(500), 6u, 18u, "urn:acme:press"), (s.PublishingInterval, s.KeepAliveCount, s.LifetimeCount, s.Namespace));
        Assert.Equal([new("urn:di", "DeviceSet"), new("urn:x2", "Temperature")], Tag(s, 0).BrowsePathElements);
        Assert.Equal((20u, true), (Tag(s, 0).QueueSize, Tag(s, 0).DiscardOldest));
        Assert.Equal((3u, true), (Tag(s, 1).QueueSize, Tag(s, 1).DiscardOldest));
    }

    [Fact]
    public void Lifetime_below_three_keep_alives_is_an_error_at_the_lifetime()
    {
        var errors = Yaml.Errors(Source("{ endpoint: opc.tcp://h:4840, keepAliveCount: 20, lifetimeCount: 50 }"));
        Assert.Equal(["plant.yaml:5:77: lifetimeCount 50 of source 'press07' is less than 3 × keepAliveCount (20) (OPC UA Part 4 §5.13.2); write lifetimeCount: 60 or more, or lower keepAliveCount"], errors);
    }

    [Fact]
    public void Keep_alive_above_a_third_of_the_default_lifetime_is_an_error_at_the_keep_alive()
    {
        var errors = Yaml.Errors(Source("{ endpoint: opc.tcp://h:4840, keepAliveCount: 30 }"));
        Assert.Equal(["plant.yaml:5:58: lifetimeCount 60 of source 'press07' is less than 3 × keepAliveCount (30) (OPC UA Part 4 §5.13.2); write lifetimeCount: 90 or more, or lower keepAliveCount"], errors);
    }

    [Theory]
    [InlineData("sign", "Sign")]
    [InlineData("SignAndEncrypt", "SignAndEncrypt")]
    [InlineData("none", "None")]
    public void Security_modes_are_read_case_insensitively(string mode, string expected)
    {
        var s = Load(Source($"{{ endpoint: opc.tcp://h:4840, security: {{ mode: {mode} }} }}"));
        Assert.Equal(expected, s.SecurityMode);
    }

    [Fact]
    public void Unknown_security_mode_and_security_keys_are_errors()
    {
        var errors = Yaml.Errors(Source("{ endpoint: opc.tcp://h:4840, security: { mode: plain, polcy: Basic256Sha256 } }"));
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("plant.yaml:5:60: bad mode 'plain' in security of opcua settings of source 'press07'", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("plant.yaml:5:67: unknown key 'polcy' in security of opcua settings of source 'press07'", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_counts_queue_sizes_and_booleans_are_errors_with_the_allowed_range()
    {
        var errors = Yaml.Errors(Source(
            "{ endpoint: opc.tcp://h:4840, keepAliveCount: 0, maxNotificationsPerPublish: -1, queueSize: 0, discardOldest: maybe }",
            "- { name: t, node: \"nsu=urn:a;s=T\", queueSize: 10001, discardOldest: yes }"));
        Assert.Equal(
            [
                "plant.yaml:5:58: bad keepAliveCount '0' in opcua settings of source 'press07'; write a whole number from 1 to 65535",
                "plant.yaml:5:89: bad maxNotificationsPerPublish '-1' in opcua settings of source 'press07'; write a whole number from 0 to 2147483647",
                "plant.yaml:5:104: bad queueSize '0' in opcua settings of source 'press07'; write a whole number from 1 to 10000",
                "plant.yaml:5:122: bad discardOldest 'maybe' in opcua settings of source 'press07'; allowed values: true, false",
                "plant.yaml:7:54: bad queueSize '10001' in tag 't'; write a whole number from 1 to 10000",
                "plant.yaml:7:76: bad discardOldest 'yes' in tag 't'; allowed values: true, false",
            ],
            errors);
    }

    [Fact]
    public void Namespace_given_as_an_index_is_refused_because_indexes_change_on_restart()
    {
        var errors = Yaml.Errors(Source("{ endpoint: opc.tcp://h:4840, namespace: 2, namespaces: { ua: urn:x, 9x: urn:y } }"));
        Assert.Equal(
            [
                "plant.yaml:5:53: 'namespace' '2' in opcua settings of source 'press07' is a namespace index; indexes change when the server restarts; write the namespace URI (databridge browse lists them), e.g. urn:acme:plant",
                "plant.yaml:5:70: namespace alias 'ua' in opcua settings of source 'press07' is built in (the OPC UA standard namespace 0); choose another name",
                "plant.yaml:5:81: bad namespace alias '9x' in opcua settings of source 'press07'; start with a letter and use letters, digits, '_' and '-', e.g. plant: urn:acme:plant",
            ],
            errors);
    }

    [Theory]
    [InlineData("Objects/2:Press07/2:Temperature", "step '2:Press07' uses namespace index 2, and indexes change when the server restarts; write the name alone when it is in the source's 'namespace:', or declare an alias (opcua: { namespaces: { plant: <namespace URI> } }) and write plant:Press07")]
    [InlineData("Press07/Temperature", "a browse path starts at the Objects folder, e.g. Objects/Press07/Temperature")]
    [InlineData("Objects", "it names the Objects folder itself; add the steps to a variable, e.g. Objects/Press/Temperature")]
    [InlineData("Objects//Temperature", "it has an empty step (a leading, trailing or doubled '/'); write Objects/Press/Temperature")]
    [InlineData("Objects/Press07/", "it has an empty step (a leading, trailing or doubled '/'); write Objects/Press/Temperature")]
    [InlineData("Objects/my plant:Temperature", "step 'my plant:Temperature' has a bad prefix 'my plant'; a prefix is a namespace alias (letters, digits, '_', '-'); write \\: for a ':' that is part of the name")]
    [InlineData("Objects/plant:", "step 'plant:' has no name after the alias; write plant:Name")]
    [InlineData("Objects/a\\b", "'\\' escapes only '/', ':' and '\\' inside a name (write \\/, \\: or \\\\)")]
    public void Bad_browse_paths_are_errors_at_the_path_saying_what_to_write(string path, string problem)
    {
        var errors = Yaml.Errors(Source("{ endpoint: opc.tcp://h:4840 }", $"- name: t\n        path: '{path}'"));
        Assert.Equal([$"plant.yaml:8:15: bad browse path '{path}' in tag 't': {problem}"], errors);
    }

    [Fact]
    public void Undeclared_namespace_alias_is_an_error_at_the_path_with_a_suggestion()
    {
        var errors = Yaml.Errors(Source("{ endpoint: opc.tcp://h:4840, namespaces: { plant: urn:acme:plant } }", "- { name: t, path: Objects/plnat:Press07/Temperature }"));
        Assert.Equal(["plant.yaml:7:26: unknown namespace alias 'plnat' in the browse path of tag 't' of source 'press07'; did you mean 'plant'? Allowed aliases: ua, plant; or declare it: opcua: { namespaces: { plnat: <namespace URI> } }"], errors);
    }

    [Fact]
    public void Missing_node_and_path_names_both_forms()
    {
        var errors = Yaml.Errors(Source("{ endpoint: opc.tcp://h:4840 }", "- { name: t, unit: CEL }"));
        Assert.Equal(["plant.yaml:7:9: missing required key 'node' in tag 't'; add e.g. 'node: nsu=urn:acme:press;s=Temperature' or 'path: Objects/Press/Temperature'"], errors);
    }
}
