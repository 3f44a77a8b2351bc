using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Tests;

/// <summary>One root for the connector's errors, and which of them a reconnect can cure.</summary>
public sealed class OpcUaExceptionTests
{
    public static TheoryData<OpcUaException, bool, uint> Failures => new()
    {
        { new OpcUaTransportException(StatusCodes.BadConnectionClosed, "The server closed the socket."), true, StatusCodes.BadConnectionClosed },
        { new OpcUaServiceException("CreateSession", StatusCodes.BadTooManySessions), true, StatusCodes.BadTooManySessions },
        { new OpcUaDecodingException("String length 2147483647 exceeds the limit."), false, StatusCodes.BadDecodingError },
        { new OpcUaEncodingException("Matrix dimensions do not match its elements."), false, StatusCodes.BadEncodingError },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Every_connector_failure_is_an_OpcUaException_that_says_whether_retrying_can_help(OpcUaException failure, bool transient, uint status)
    {
        Exception thrown = failure;

        var caught = Assert.IsAssignableFrom<OpcUaException>(thrown);
        Assert.Equal(transient, caught.IsTransient);
        Assert.Equal(status, caught.StatusCode.Code);
    }
}
