using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Connectors.OpcUa.Security.Identity;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>Connecting: channel, session (Part 4 §5.6), namespace table, keep-alive.</summary>
public sealed partial class OpcUaClient
{
    /// <summary>Part 4 §5.6.2: the client nonce shall be at least 32 bytes; so must the server's be.</summary>
    private const int SessionNonceLength = 32;

    /// <summary>
    /// Connects to <paramref name="endpointUrl"/> (opc.tcp://host:port/path), opens a secure channel, creates and
    /// activates a session as the configured user identity and reads the namespace table. Transient failures (refused, timed out, closed)
    /// are retried with exponential backoff; the last failure is thrown as <see cref="OpcUaTransportException"/> or
    /// <see cref="OpcUaServiceException"/>.
    /// </summary>
    public static async Task<OpcUaClient> ConnectAsync(string endpointUrl, OpcUaClientOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        options ??= OpcUaClientOptions.Default;
        options.Validate();
        var time = timeProvider ?? TimeProvider.System;
        var log = DefaultLogger(logger);
        var address = OpcUaEndpointAddress.Parse(endpointUrl);
        var pipeline = CreateConnectPipeline(options, time);
        return await pipeline.ExecuteAsync(
            static async (state, ct) => await ConnectOnceAsync(state.address, state.options, state.time, state.log, ct).ConfigureAwait(false),
            (address, options, time, log),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks a server for its endpoints without creating a session (Part 4 §5.4.4).</summary>
    public static async Task<IReadOnlyList<EndpointDescription>> GetEndpointsAsync(string endpointUrl, OpcUaClientOptions? options = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        options ??= OpcUaClientOptions.Default;
        var time = timeProvider ?? TimeProvider.System;
        var address = OpcUaEndpointAddress.Parse(endpointUrl);
        await using var channel = await SecureChannel.OpenAsync(address, options.Channel, time, DefaultLogger(null), cancellationToken).ConfigureAwait(false);
        return await DiscoveryServices.GetEndpointsAsync(new ServiceInvoker(channel, time), endpointUrl, cancellationToken).ConfigureAwait(false);
    }

    private static ResiliencePipeline CreateConnectPipeline(OpcUaClientOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.ConnectRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.ConnectRetryAttempts,
                Delay = options.ConnectRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                ShouldHandle = new PredicateBuilder().Handle<OpcUaTransportException>(IsTransient),
            });
        }

        return builder.Build();
    }

    /// <summary>Failures worth another attempt: the server may be starting, restarting or briefly overloaded.</summary>
    private static bool IsTransient(OpcUaTransportException ex) => ex.StatusCode.SubCode is
        StatusCodes.BadNotConnected or StatusCodes.BadTimeout or StatusCodes.BadConnectionClosed or
        StatusCodes.BadTcpServerTooBusy or StatusCodes.BadCommunicationError;

    private static async Task<OpcUaClient> ConnectOnceAsync(OpcUaEndpointAddress address, OpcUaClientOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var selection = await SelectSecurityAsync(address, options, time, logger, cancellationToken).ConfigureAwait(false);
        if (selection.Policy.IsDeprecated)
        {
            logger.LogWarning("Connecting to {Endpoint} with the deprecated security policy {Policy} ({Mode}); OPC 10000-7 no longer considers it secure. Move the server to Basic256Sha256 or an Aes policy", address.Url, selection.Policy.Name, selection.Mode);
        }

        var channel = await OpenChannelAsync(address, options, selection, time, logger, cancellationToken).ConfigureAwait(false);
        var client = new OpcUaClient(channel, options, time, logger) { Security = selection };
        try
        {
            await client.StartSessionAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartSessionAsync(CancellationToken cancellationToken)
    {
        var secure = !Security.Policy.IsNone;
        var clientCertificate = secure ? _options.Security.ClientCertificate! : null;
        var clientNonce = RandomNumberGenerator.GetBytes(SessionNonceLength);
        var request = new SessionRequest(
            EndpointUrl,
            _options.ApplicationName,
            _options.ApplicationUri,
            _options.ProductUri,
            _options.SessionName ?? $"{_options.ApplicationName} on {Environment.MachineName}",
            _options.SessionTimeout,
            _options.Channel.Limits.MaxMessageSize,
            clientCertificate?.RawData,
            clientNonce);
        var created = await SessionServices.CreateSessionAsync(_invoker, request, cancellationToken).ConfigureAwait(false);
        SessionId = created.SessionId;
        RevisedSessionTimeout = TimeSpan.FromMilliseconds(created.RevisedSessionTimeout);
        ServerEndpoints = created.ServerEndpoints ?? [];
        if (secure)
        {
            CheckServerProof(created, clientCertificate!, clientNonce);
        }

        _created = created;
        await ActivateAsync(created, created.ServerNonce, cancellationToken).ConfigureAwait(false);
        await StartWatchingAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Part 4 §5.6.2: the server proves it holds the endpoint certificate's key by signing our certificate and nonce;
    /// the certificate it returns must be the one the channel was opened with.
    /// </summary>
    private void CheckServerProof(CreateSessionResponse created, X509Certificate2 clientCertificate, byte[] clientNonce)
    {
        var expected = Security.ServerCertificate!;
        if (created.ServerCertificate is not { Length: > 0 } returned || !CertificateChain.Leaf(returned).SequenceEqual(expected.RawData))
        {
            throw new OpcUaCertificateException(
                StatusCodes.BadCertificateInvalid,
                $"CreateSession on {EndpointUrl} returned a different server certificate than the endpoint description ({expected.Subject}, {expected.Thumbprint}). The server is misconfigured or someone is in between.",
                expected.Thumbprint);
        }

        if (created.ServerNonce is not { Length: >= SessionNonceLength })
        {
            throw new OpcUaServiceException("CreateSession", StatusCodes.BadNonceInvalid, $"the server sent a session nonce of {created.ServerNonce?.Length ?? 0} bytes; at least {SessionNonceLength} are required");
        }

        if (!SessionSignatures.Verify(Security.Policy, expected, clientCertificate.RawData, clientNonce, created.ServerSignature))
        {
            throw new OpcUaServiceException("CreateSession", StatusCodes.BadApplicationSignatureInvalid, $"the server's signature over our certificate and nonce ({created.ServerSignature?.Algorithm ?? "no algorithm"}) does not verify with its certificate {expected.Thumbprint} under {Security.Policy.Name}");
        }
    }

    /// <summary>
    /// ActivateSession (Part 4 §5.6.3) with our signature over server certificate + the latest server nonce and the
    /// configured user identity (<see cref="OpcUaSecurityOptions.UserIdentity"/>), built by <see cref="CreateIdentityTokenAsync"/>.
    /// </summary>
    private async Task ActivateAsync(CreateSessionResponse created, byte[]? serverNonce, CancellationToken cancellationToken)
    {
        var clientSignature = Security.Policy.IsNone
            ? new SignatureData()
            : SessionSignatures.Create(Security.Policy, _options.Security.ClientCertificate!, Security.ServerCertificate!.RawData, serverNonce ?? []);
        var (token, tokenSignature) = await CreateIdentityTokenAsync(created, serverNonce, cancellationToken).ConfigureAwait(false);
        var activated = await SessionServices.ActivateAsync(_invoker, clientSignature, token, tokenSignature, cancellationToken).ConfigureAwait(false);
        _serverNonce = activated.ServerNonce is { Length: > 0 } next ? next : serverNonce;
    }

    /// <summary>
    /// The user identity token and its signature (Part 4 §7.41), from the token policies of the endpoint in use: the
    /// endpoint GetEndpoints chose, else (None pinned) the matching one of CreateSession's ServerEndpoints, else one
    /// GetEndpoints on this channel returns (node-opcua leaves the token policies out of CreateSession).
    /// </summary>
    private async Task<(ExtensionObject Token, SignatureData Signature)> CreateIdentityTokenAsync(CreateSessionResponse created, byte[]? serverNonce, CancellationToken cancellationToken)
    {
        var identity = _options.Security.UserIdentity;
        if (identity is AnonymousIdentity && Security.Endpoint is null)
        {
            var policyId = SessionServices.FindAnonymousPolicyId(ServerEndpoints as EndpointDescription[] ?? [.. ServerEndpoints], Security.Policy.Uri, Security.Mode)
                ?? throw new OpcUaServiceException("ActivateSession", StatusCodes.BadIdentityTokenInvalid, "the server offers no anonymous user token policy on this endpoint; configure a user name or certificate identity");
            return (new ExtensionObject(new AnonymousIdentityToken { PolicyId = policyId }), new SignatureData());
        }

        var endpoint = Security.Endpoint ?? MatchingEndpoint(ServerEndpoints)
            ?? MatchingEndpoint(await DiscoveryServices.GetEndpointsAsync(_invoker, EndpointUrl, cancellationToken).ConfigureAwait(false))
            ?? throw new UserIdentityException(StatusCodes.BadIdentityTokenInvalid, $"the server lists no {Security.Policy.Name}/{Security.Mode} endpoint with user token policies for {EndpointUrl}, so {identity} cannot be sent");
        var serverCertificate = created.ServerCertificate is { Length: > 0 } fromSession ? fromSession : endpoint.ServerCertificate ?? [];
        return UserIdentityTokens.Create(identity, endpoint, serverCertificate, serverNonce ?? [], Security.Mode == MessageSecurityMode.SignAndEncrypt);
    }

    private EndpointDescription? MatchingEndpoint(IReadOnlyList<EndpointDescription> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            if (endpoint.SecurityPolicyUri == Security.Policy.Uri && endpoint.SecurityMode == Security.Mode && endpoint.UserIdentityTokens is { Length: > 0 })
            {
                return endpoint;
            }
        }

        return null;
    }

    /// <summary>
    /// Re-establishes a lost connection the way Part 4 §6.7 asks: a new secure channel, then ActivateSession for the
    /// <em>existing</em> session on it, so the session keeps its subscriptions (and their retransmission queues) and no
    /// second session piles up on the server. Throws <see cref="OpcUaServiceException"/> (e.g. BadSessionIdInvalid)
    /// when the server no longer has the session; then create a new one with <see cref="ConnectAsync"/> and move the
    /// subscriptions with TransferSubscriptions.
    /// </summary>
    /// <param name="previous">The client whose connection was lost (abandoned, not disposed with CloseSession).</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    public static async Task<OpcUaClient> ReactivateAsync(OpcUaClient previous, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var created = previous._created ?? throw new InvalidOperationException("The previous client never had an active session.");
        var channel = await OpenChannelAsync(previous._channel.Address, previous._options, previous.Security, previous._time, previous._logger, cancellationToken).ConfigureAwait(false);
        var client = new OpcUaClient(channel, previous._options, previous._time, previous._logger)
        {
            SessionId = previous.SessionId,
            RevisedSessionTimeout = previous.RevisedSessionTimeout,
            ServerEndpoints = previous.ServerEndpoints,
            Security = previous.Security,
        };
        client._invoker.AuthenticationToken = previous._invoker.AuthenticationToken;
        try
        {
            await client.ActivateAsync(created, previous._serverNonce ?? created.ServerNonce, cancellationToken).ConfigureAwait(false);
            client._created = created;
            await client.StartWatchingAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            client._invoker.AuthenticationToken = default;
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads the namespace table, then watches the channel and keeps the session alive.</summary>
    private async Task StartWatchingAsync(CancellationToken cancellationToken)
    {
        await RefreshNamespacesAsync(cancellationToken).ConfigureAwait(false);
        _ = _channel.Closed.ContinueWith(static (t, s) => ((OpcUaClient)s!).OnLost(t.Result), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (_options.KeepAliveInterval > TimeSpan.Zero)
        {
            _keepAlive = KeepAliveLoopAsync(_stopping.Token);
        }
    }

    /// <summary>Reads Server_NamespaceArray again (after the server changed its namespaces).</summary>
    public async Task RefreshNamespacesAsync(CancellationToken cancellationToken = default)
    {
        var value = await ReadValueAsync(WellKnownNodes.NamespaceArray, cancellationToken).ConfigureAwait(false);
        if (value.Status.IsBad || value.Value.Value is not string?[] uris)
        {
            throw new OpcUaServiceException("Read", value.Status.IsBad ? value.Status : StatusCodes.BadTypeMismatch, "the server's NamespaceArray (i=2255) could not be read as a String array");
        }

        Volatile.Write(ref _namespaces, new NamespaceTable([.. uris.Select(u => u ?? string.Empty)]));
    }

    private async Task KeepAliveLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.KeepAliveInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    // Part 4 §6.7: reading ServerStatus_State keeps the session alive and proves the server answers.
                    var state = await ReadValueAsync(WellKnownNodes.ServerState, cancellationToken).ConfigureAwait(false);
                    Interlocked.Increment(ref _keepAliveReads);
                    if (state.Status.IsBad)
                    {
                        _logger.LogWarning("Keep-alive read on {Endpoint} returned {Status}", EndpointUrl, state.Status.Name);
                    }
                }
                catch (OpcUaException ex) when (ex.IsTransient)
                {
                    // One line for the operator; the stack only for debugging (a lost connection is not a defect).
                    _logger.LogWarning("Keep-alive on {Endpoint} failed ({Error}); the connection is considered lost", EndpointUrl, ex.Message);
                    _logger.LogDebug(ex, "Keep-alive failure on {Endpoint}", EndpointUrl);
                    OnLost(ex);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void OnLost(Exception error)
    {
        if (Volatile.Read(ref _disposed) != 0 || Interlocked.CompareExchange(ref _connectionError, error, null) is not null)
        {
            return;
        }

        ConnectionLost?.Invoke(this, new OpcUaConnectionLostEventArgs(error));
    }
}
