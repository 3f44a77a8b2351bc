using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Services;

/// <summary>
/// Sends typed service requests over a secure channel and turns ServiceFaults and Bad service results into
/// <see cref="OpcUaServiceException"/> (Part 4 §7.33, §7.34). Holds the session's authentication token once a session
/// is active. Knows requests and responses as structures, never as bytes.
/// </summary>
internal sealed class ServiceInvoker
{
    private readonly SecureChannel _channel;
    private readonly TimeProvider _time;

    public ServiceInvoker(SecureChannel channel, TimeProvider time)
    {
        _channel = channel;
        _time = time;
    }

    /// <summary>The session's authentication token (Part 4 §5.6.2), null NodeId before CreateSession.</summary>
    public NodeId AuthenticationToken { get; set; }

    /// <summary>The secure channel underneath (for its state and limits).</summary>
    public SecureChannel Channel => _channel;

    /// <summary>The timeout used when a caller gives none.</summary>
    public TimeSpan DefaultTimeout => _channel.DefaultTimeout;

    /// <summary>A RequestHeader for a new request (Part 4 §7.32): token, time, handle, timeout hint.</summary>
    public RequestHeader CreateHeader(TimeSpan timeout) => new()
    {
        AuthenticationToken = AuthenticationToken,
        Timestamp = _time.GetUtcNow().UtcDateTime,
        RequestHandle = _channel.NextRequestHandle(),
        TimeoutHint = (uint)Math.Clamp(timeout.TotalMilliseconds, 0, uint.MaxValue),
    };

    /// <summary>Calls a service; throws <see cref="OpcUaServiceException"/> for a ServiceFault or a Bad ServiceResult.</summary>
    public async Task<TResponse> CallAsync<TResponse>(string service, IEncodeable request, Func<TResponse, ResponseHeader> header, TimeSpan timeout, CancellationToken cancellationToken)
        where TResponse : class, IEncodeable
    {
        IEncodeable response;
        try
        {
            response = await _channel.CallAsync(request, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (OpcUaDecodingException ex)
        {
            throw new OpcUaServiceException(service, ex.StatusCode, $"the response could not be decoded: {ex.Message}", ex);
        }

        switch (response)
        {
            case ServiceFault fault:
                throw new OpcUaServiceException(service, Bad(fault.ResponseHeader.ServiceResult));
            case TResponse typed:
                var result = header(typed).ServiceResult;
                if (result.IsBad)
                {
                    throw new OpcUaServiceException(service, result);
                }

                return typed;
            default:
                throw new OpcUaServiceException(service, StatusCodes.BadUnknownResponse, $"the server answered with a {response.GetType().Name}");
        }
    }

    private static StatusCode Bad(StatusCode code) => code.IsBad ? code : new StatusCode(StatusCodes.BadUnexpectedError);
}
