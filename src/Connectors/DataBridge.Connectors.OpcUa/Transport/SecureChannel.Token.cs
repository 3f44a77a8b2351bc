using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Core;
using Microsoft.Extensions.Logging;

namespace DataBridge.Connectors.OpcUa.Transport;

/// <summary>Security token state: issue, renewal at 75 % of the lifetime (Part 4 §5.5.2, Part 6 §6.7.4), close.</summary>
internal sealed partial class SecureChannel
{
    private SecurityTokenInfo _currentToken = SecurityTokenInfo.None;
    private uint _previousTokenId;
    private DateTimeOffset _previousTokenExpiry;
    private readonly Lock _tokenLock = new();

    /// <summary>Ids of the last tokens issued on this channel (bounded), see <see cref="CheckToken"/>.</summary>
    private readonly Queue<uint> _issuedTokenIds = new();
    private ITimer? _renewTimer;
    private int _renewalCount;

    /// <summary>The token in use.</summary>
    public SecurityTokenInfo Token => Volatile.Read(ref _currentToken);

    /// <summary>How many times the token was renewed on this channel.</summary>
    public int RenewalCount => Volatile.Read(ref _renewalCount);

    private async Task RequestTokenAsync(bool renew, CancellationToken cancellationToken)
    {
        var timeout = _options.ConnectTimeout;
        var clientNonce = _security.CreateClientNonce();
        var request = new OpenSecureChannelRequest
        {
            RequestHeader = new RequestHeader
            {
                Timestamp = _time.GetUtcNow().UtcDateTime,
                RequestHandle = NextRequestHandle(),
                TimeoutHint = (uint)timeout.TotalMilliseconds,
            },
            ClientProtocolVersion = 0,
            RequestType = renew ? SecurityTokenRequestType.Renew : SecurityTokenRequestType.Issue,
            SecurityMode = (MessageSecurityMode)_security.SecurityMode,
            ClientNonce = clientNonce.IsEmpty ? null : clientNonce.ToArray(),
            RequestedLifetime = (uint)Math.Clamp(_options.RequestedTokenLifetime.TotalMilliseconds, 1, uint.MaxValue),
        };

        Encoding.IEncodeable response;
        using (var body = MessageCodec.Encode(request, Limits.MaxRequestMessageSize))
        using (var responseBody = await SendRequestAsync(UaTcpMessageType.OpenSecureChannel, body.WrittenMemory, timeout, cancellationToken).ConfigureAwait(false))
        {
            response = MessageCodec.Decode(responseBody.WrittenSpan, _decodingLimits);
        }

        var opened = response switch
        {
            OpenSecureChannelResponse r when !new StatusCode(r.ResponseHeader.ServiceResult.Code).IsBad => r,
            OpenSecureChannelResponse r => throw TokenRefused(r.ResponseHeader.ServiceResult, renew),
            ServiceFault f => throw TokenRefused(f.ResponseHeader.ServiceResult, renew),
            var other => throw new OpcUaTransportException(StatusCodes.BadUnknownResponse, $"The server answered OpenSecureChannel with {other.GetType().Name}."),
        };

        var token = opened.SecurityToken;
        lock (_tokenLock)
        {
            _security.OnTokenIssued(token.TokenId, clientNonce.Span, opened.ServerNonce);
            _issuedTokenIds.Enqueue(token.TokenId);
            if (_issuedTokenIds.Count > 16)
            {
                _issuedTokenIds.Dequeue();
            }

            var previous = _currentToken;
            _previousTokenId = previous.TokenId;

            // Part 4 §5.5.2: messages under the old token are accepted until it expires plus 25 % of its lifetime.
            // Servers apply the same 125 % on their clock when they build a response (node-opcua answers a request under
            // the token it came with), so the client allows 150 %: a response built at the server's limit still arrives.
            _previousTokenExpiry = previous.ReceivedAt + previous.RevisedLifetime + (previous.RevisedLifetime / 2);
            Volatile.Write(ref _currentToken, new SecurityTokenInfo(token.ChannelId, token.TokenId, token.CreatedAt, TimeSpan.FromMilliseconds(token.RevisedLifetime), _time.GetUtcNow()));
        }

        if (renew)
        {
            Interlocked.Increment(ref _renewalCount);
            _logger.LogDebug("Renewed security token of channel {ChannelId} on {Endpoint}: token {TokenId}, lifetime {Lifetime} ms", token.ChannelId, Address.Url, token.TokenId, token.RevisedLifetime);
        }

        ScheduleRenewal(TimeSpan.FromMilliseconds(Math.Max(token.RevisedLifetime, 100)));
    }

    private void ScheduleRenewal(TimeSpan lifetime)
    {
        // Part 4 §5.5.2: clients renew after 75 % of the lifetime has elapsed.
        var due = TimeSpan.FromTicks(lifetime.Ticks * 3 / 4);
        var timer = _time.CreateTimer(static state => ((SecureChannel)state!).OnRenewTimer(), this, due, Timeout.InfiniteTimeSpan);
        Interlocked.Exchange(ref _renewTimer, timer)?.Dispose();
        if (Fault is not null)
        {
            timer.Dispose();
        }
    }

    private void OnRenewTimer() => _ = RenewInBackgroundAsync();

    private async Task RenewInBackgroundAsync()
    {
        try
        {
            await RequestTokenAsync(renew: true, _lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (Fault is null)
        {
            _logger.LogWarning(ex, "Renewing the security token on {Endpoint} failed; the channel is closed", Address.Url);
            FaultChannel(new OpcUaTransportException(StatusCodes.BadSecureChannelClosed, $"Renewing the security token with {Address.Url} failed: {ex.Message}. Reconnect.", null, true, ex));
        }
        catch (Exception)
        {
            // The channel already ended; its fault says why.
        }
    }

    private OpcUaTransportException TokenRefused(StatusCode code, bool renew) =>
        new(code, renew
            ? $"The server refused to renew the security token of channel {Token.ChannelId}. Reconnect."
            : $"The server at {Address.Url} refused to open a secure channel with policy {_security.PolicyUri}. Check that the endpoint offers this security policy (run 'databridge browse {Address.Url}').");
}
