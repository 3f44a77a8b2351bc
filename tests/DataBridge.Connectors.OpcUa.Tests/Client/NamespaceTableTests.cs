using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Tests.Client;

public sealed class NamespaceTableTests
{
    private static readonly NamespaceTable Table = new(["http://opcfoundation.org/UA/", "urn:server", "urn:acme:press", "urn:acme;odd"]);

    [Fact]
    public void Nsu_ids_resolve_to_this_servers_index_and_format_back_to_the_same_text()
    {
        var id = Table.Resolve("nsu=urn:acme:press;s=Line1.Temperature");

        Assert.Equal(new NodeId("Line1.Temperature", 2), id);
        Assert.Equal("nsu=urn:acme:press;s=Line1.Temperature", Table.Format(id));
    }

    [Fact]
    public void Namespace_zero_and_index_forms_are_kept_as_they_are()
    {
        Assert.Equal(new NodeId(85u), Table.Resolve("i=85"));
        Assert.Equal("i=85", Table.Format(new NodeId(85u)));
        Assert.Equal(new NodeId(7u, 2), Table.Resolve("ns=2;i=7"));
    }

    [Fact]
    public void A_uri_with_a_semicolon_survives_the_round_trip()
    {
        var id = new NodeId(5u, 3);
        Assert.Equal(id, Table.Resolve(Table.Format(id)));
    }

    [Fact]
    public void An_unknown_namespace_uri_is_a_typed_error_that_lists_the_known_ones()
    {
        var ex = Assert.Throws<OpcUaServiceException>(() => Table.Resolve("nsu=urn:elsewhere;i=1"));
        Assert.Equal(StatusCodes.BadNodeIdUnknown, ex.StatusCode.Code);
        Assert.Contains("urn:acme:press", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_text_is_BadNodeIdInvalid()
    {
        var ex = Assert.Throws<OpcUaServiceException>(() => Table.Resolve("Line1.Temperature"));
        Assert.Equal("BadNodeIdInvalid", ex.SymbolicName);
    }
}
