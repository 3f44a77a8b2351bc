using DataBridge.Connectors.Mqtt.Encoding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;
using Polly;
using Polly.Retry;

namespace DataBridge.Connectors.Mqtt.Transport;

/// <summary>
/// A subscribe-only MQTT connection (MQTTnet): dials the broker, subscribes to the filters, hands every message to an
/// <see cref="IMqttMessageHandler"/>, and after a lost connection reconnects with Polly's exponential backoff and
/// subscribes again (clean session: nothing is left on the broker between runs). It has no publish path and no will
/// message: the read-only promise covers MQTT (a test scans this assembly for MQTTnet publish calls).
/// </summary>
public sealed partial class MqttSubscriber : IAsyncDisposable
{
    private readonly MqttConnectionOptions _options;
    private readonly IReadOnlyList<MqttTopicFilter> _filters;
    private readonly IMqttMessageHandler _handler;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly MqttClientFactory _factory = new();
    private readonly MqttTlsSetup? _tls;
    private readonly ResiliencePipeline _connectPipeline;
    private IMqttClient? _client;
    private int _connections;

    /// <summary>Creates the subscriber; nothing is dialled until <see cref="RunAsync"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public MqttSubscriber(MqttConnectionOptions options, IReadOnlyList<MqttTopicFilter> filters, IMqttMessageHandler handler, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(handler);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid MQTT connection options: " + string.Join("; ", problems), nameof(options));
        }

        if (filters.Count == 0)
        {
            throw new ArgumentException("Give at least one topic filter to subscribe to.", nameof(filters));
        }

        _options = options;
        _filters = filters;
        _handler = handler;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _tls = options.Tls is null ? null : new MqttTlsSetup(options.Tls);
        _connectPipeline = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is not null and not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReconnectDelay,
                MaxDelay = options.MaxReconnectDelay,
                OnRetry = args =>
                {
                    LastError = args.Outcome.Exception;
                    _logger.LogWarning("MQTT {Endpoint}: attempt {Attempt} failed: {Reason} Retrying in {Delay:0.0} s.", _options.Endpoint, args.AttemptNumber + 1, args.Outcome.Exception?.Message, args.RetryDelay.TotalSeconds);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>True while connected and subscribed.</summary>
    public bool IsConnected => _client?.IsConnected == true;

    /// <summary>How many times a connection was established and subscribed (1 after the first, 2 after one reconnect...).</summary>
    public int ConnectionCount => Volatile.Read(ref _connections);

    /// <summary>The last connect or subscribe failure (what a health endpoint shows), or null.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Connects, subscribes and keeps the subscription alive until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var lost = await _connectPipeline.ExecuteAsync(static (self, ct) => self.ConnectAndSubscribeAsync(ct), this, cancellationToken);
                LastError = null;
                Interlocked.Increment(ref _connections);
                _logger.LogInformation("MQTT {Endpoint}: connected as {ClientId}, subscribed to {Filters}.", _options.Endpoint, _options.ClientId, string.Join(", ", _filters));
                var reason = await lost.Task.WaitAsync(cancellationToken);
                LastError = reason.Exception;
                _logger.LogWarning("MQTT {Endpoint}: connection lost ({Reason}); reconnecting.", _options.Endpoint, reason.Exception?.Message ?? reason.Reason.ToString());
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await CloseAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await CloseAsync();

    private async ValueTask<TaskCompletionSource<MqttClientDisconnectedEventArgs>> ConnectAndSubscribeAsync(CancellationToken cancellationToken)
    {
        await CloseAsync();
        var client = _factory.CreateMqttClient();
        var lost = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                lost.TrySetResult(e);
            }

            return Task.CompletedTask;
        };
        client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client = client;

        MqttClientConnectResult result;
        try
        {
            result = await client.ConnectAsync(BuildClientOptions(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var tls = _tls?.LastRejection is { } why ? $" TLS: {why}." : string.Empty;
            throw new MqttConnectionException($"Could not connect to the MQTT broker {_options.Endpoint}: {e.Message}.{tls} Check that the broker runs, that host and port are right, and (for TLS) the CA file and server name.", null, e);
        }

        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new MqttConnectionException($"The MQTT broker {_options.Endpoint} refused the connection: {result.ResultCode}{(string.IsNullOrEmpty(result.ReasonString) ? string.Empty : " (" + result.ReasonString + ")")}. {Advice(result.ResultCode)}", result.ResultCode.ToString());
        }

        var subscribe = _factory.CreateSubscribeOptionsBuilder();
        foreach (var filter in _filters)
        {
            subscribe = subscribe.WithTopicFilter(filter.Filter, _options.SubscriptionQos);
        }

        var granted = await client.SubscribeAsync(subscribe.Build(), cancellationToken);
        foreach (var item in granted.Items)
        {
            if (item.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2)
            {
                throw new MqttConnectionException($"The MQTT broker {_options.Endpoint} refused the subscription to '{item.TopicFilter.Topic}': {item.ResultCode}. Check the broker's access control list for this user and client id.", item.ResultCode.ToString());
            }
        }

        return lost;
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        try
        {
            _handler.OnMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, _time.GetUtcNow().UtcDateTime);
        }
#pragma warning disable CA1031 // a handler bug must not take the connection down; it is logged with the topic
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "MQTT {Endpoint}: handling a message on {Topic} failed.", _options.Endpoint, MqttInputException.Clip(e.ApplicationMessage.Topic));
        }

        return Task.CompletedTask;
    }

    private MqttClientOptions BuildClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.ClientId)
            .WithProtocolVersion(_options.Protocol == MqttProtocolLevel.V500 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.ConnectTimeout);
        if (_options.Username is { } user)
        {
            builder = builder.WithCredentials(user, _options.Password?.Reveal());
        }

        if (_tls is not null)
        {
            builder = builder.WithTlsOptions(_tls.Build(_options.Host));
        }

        return builder.Build();
    }

    private async ValueTask CloseAsync()
    {
        var client = Interlocked.Exchange(ref _client, null);
        if (client is null)
        {
            return;
        }

        try
        {
            if (client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token);
            }
        }
#pragma warning disable CA1031 // closing is best effort: the socket goes away with the client either way
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogDebug(e, "MQTT {Endpoint}: disconnect failed.", _options.Endpoint);
        }
        finally
        {
            client.Dispose();
        }
    }

    private static string Advice(MqttClientConnectResultCode code) => code switch
    {
        MqttClientConnectResultCode.BadUserNameOrPassword => "Check the MQTT user name and password.",
        MqttClientConnectResultCode.NotAuthorized => "Check the MQTT user name and password, and that the broker allows this user to connect.",
        MqttClientConnectResultCode.ClientIdentifierNotValid => "Choose a different client id (the broker rejects this one).",
        MqttClientConnectResultCode.UnsupportedProtocolVersion => "Set the protocol version the broker supports (3.1.1 or 5).",
        MqttClientConnectResultCode.ServerUnavailable or MqttClientConnectResultCode.ServerBusy => "The broker is not ready; DataBridge keeps retrying.",
        MqttClientConnectResultCode.Banned => "The broker banned this client; ask its administrator.",
        _ => "See the broker's log for the reason.",
    };
}
