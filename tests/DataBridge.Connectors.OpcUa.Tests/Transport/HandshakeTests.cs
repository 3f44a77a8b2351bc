using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Tests.Transport;

public sealed class HandshakeTests
{
    [Fact]
    public void Hello_has_the_byte_layout_of_Part_6_section_7_1_2_3()
    {
        var limits = new OpcUaTransportLimits { ReceiveBufferSize = 8192, SendBufferSize = 65535, MaxMessageSize = 16 * 1024 * 1024, MaxChunkCount = 4096 };

        var hello = UaTcpHandshake.EncodeHello(limits, "opc.tcp://h:1");

        Assert.Equal(
            Convert.FromHexString(
                "48454C46" + "2D000000" // "HELF", size 45
                + "00000000" // protocol version 0
                + "00200000" + "FFFF0000" // receive 8192, send 65535
                + "00000001" + "00100000" // max message 16 MiB, max chunks 4096
                + "0D000000" + Convert.ToHexString("opc.tcp://h:1"u8)),
            hello);
    }

    [Fact]
    public void Acknowledge_zero_limits_mean_unlimited_and_sizes_are_capped_at_the_offer()
    {
        var offer = new OpcUaTransportLimits { ReceiveBufferSize = 8192, SendBufferSize = 16384 };
        var ack = ScriptedServer.Acknowledge(receive: 65535, send: 65535, maxMessage: 0, maxChunks: 0);

        var limits = UaTcpHandshake.ParseAcknowledge(ack.AsSpan(8), offer);

        Assert.Equal(8192, limits.ReceiveChunkSize);
        Assert.Equal(16384, limits.SendChunkSize);
        Assert.Equal(int.MaxValue, limits.MaxRequestMessageSize);
        Assert.Equal(int.MaxValue, limits.MaxRequestChunkCount);
        Assert.Equal(offer.MaxMessageSize, limits.MaxResponseMessageSize);
    }

    [Fact]
    public void Error_reason_longer_than_4096_bytes_is_ignored_as_Part_6_requires()
    {
        var error = ScriptedServer.Error(StatusCodes.BadTcpInternalError, new string('x', 5000));

        var (code, reason) = UaTcpHandshake.ParseError(error.AsSpan(8));

        Assert.Equal(StatusCodes.BadTcpInternalError, code.Code);
        Assert.Null(reason);
    }

    [Theory]
    [InlineData("http://host:4840")]
    [InlineData("opc.tcp://")]
    [InlineData("not a url")]
    public void Endpoint_urls_that_are_not_opc_tcp_are_refused_with_the_expected_form(string url)
    {
        var ex = Assert.Throws<OpcUaTransportException>(() => OpcUaEndpointAddress.Parse(url));
        Assert.Equal(StatusCodes.BadTcpEndpointUrlInvalid, ex.StatusCode.Code);
        Assert.Contains("opc.tcp://host:port", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoint_url_without_port_uses_4840()
    {
        var address = OpcUaEndpointAddress.Parse("opc.tcp://plc7/ua");
        Assert.Equal(("plc7", 4840), (address.Host, address.Port));
    }
}
