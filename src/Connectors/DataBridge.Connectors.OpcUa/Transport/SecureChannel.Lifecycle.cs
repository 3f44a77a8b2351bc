using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Core;
using Microsoft.Extensions.Logging;

namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>Opening, typed calls and closing.</summary>
internal sealed partial class SecureChannel
{
    private DecodingLimits _decodingLimits = DecodingLimits.Default;
    private int _nextRequestHandle;

    /// <summary>
    /// Connects, exchanges Hello/Acknowledge and opens a secure channel (Issue), all within
    /// <see cref="SecureChannelOptions.ConnectTimeout"/>.
    /// </summary>
    public static Task<SecureChannel> OpenAsync(OpcUaEndpointAddress address, SecureChannelOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken) =>
        OpenAsync(address, options, SecurityPolicyNone.Instance, time, logger, cancellationToken);

    /// <summary>
    /// Opens a secure channel with <paramref name="security"/> (a fresh instance per channel; the channel disposes it).
    /// </summary>
    public static async Task<SecureChannel> OpenAsync(OpcUaEndpointAddress address, SecureChannelOptions options, IChannelSecurity security, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(security);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(options);
        using var deadline = new CancellationTokenSource(options.ConnectTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        UaTcpConnection connection;
        try
        {
            connection = await UaTcpConnection.ConnectAsync(address, options.Limits, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new OpcUaTransportException(StatusCodes.BadTimeout, $"Connecting to {address.Url} did not complete within {options.ConnectTimeout.TotalSeconds:0.#} s (TCP connect and Hello/Acknowledge). Check host, port and firewall.", null, true, ex);
        }

        var channel = new SecureChannel(connection, security, options, time, logger)
        {
            Address = address,
            _decodingLimits = DecodingLimits.Default with { MaxMessageSize = options.Limits.MaxMessageSize },
        };
        channel.StartReadLoop();
        try
        {
            await channel.RequestTokenAsync(renew: false, linked.Token).ConfigureAwait(false);
            return channel;
        }
        catch (Exception ex)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            if (ex is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new OpcUaTransportException(StatusCodes.BadTimeout, $"Opening a secure channel to {address.Url} did not complete within {options.ConnectTimeout.TotalSeconds:0.#} s. The server accepted the connection but did not answer OpenSecureChannel.", null, true, ex);
            }

            throw;
        }
    }

    /// <summary>
    /// Sends a service request and returns the decoded response (the expected response type or a ServiceFault; the
    /// services layer judges which). The request's RequestHeader is sent as the caller built it.
    /// </summary>
    public async Task<IEncodeable> CallAsync(IEncodeable request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var body = MessageCodec.Encode(request, Limits.MaxRequestMessageSize);
        using var response = await SendRequestAsync(UaTcpMessageType.Message, body.WrittenMemory, timeout, cancellationToken).ConfigureAwait(false);
        return MessageCodec.Decode(response.WrittenSpan, _decodingLimits);
    }

    /// <summary>The default per-request timeout of this channel.</summary>
    public TimeSpan DefaultTimeout => _options.RequestTimeout;

    /// <summary>A fresh RequestHandle for a RequestHeader (Part 4 §7.32).</summary>
    public uint NextRequestHandle() => (uint)Interlocked.Increment(ref _nextRequestHandle);

    /// <summary>Sends CloseSecureChannel (Part 4 §5.5.3; no response is expected) and closes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Fault is null && Token.ChannelId != 0)
        {
            try
            {
                var request = new CloseSecureChannelRequest
                {
                    RequestHeader = new RequestHeader { Timestamp = _time.GetUtcNow().UtcDateTime, RequestHandle = NextRequestHandle(), TimeoutHint = 1000 },
                };
                using var body = MessageCodec.Encode(request, Limits.MaxRequestMessageSize);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
                await SendChunksAsync(UaTcpMessageType.CloseSecureChannel, body.WrittenMemory, NextRequestId(), cts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OpcUaTransportException or OperationCanceledException or ObjectDisposedException)
            {
                // Closing is best effort: the socket goes away next either way.
            }
        }

        FaultChannel(new OpcUaTransportException(StatusCodes.BadSecureChannelClosed, $"The secure channel to {Address.Url} was closed by the client."));
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogDebug(ex, "Read loop ended with an error while closing");
        }

        _renewTimer?.Dispose();
        await _sendLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            (_security as IDisposable)?.Dispose();
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
