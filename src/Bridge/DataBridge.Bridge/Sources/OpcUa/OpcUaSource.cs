using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Pipeline;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Services;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Connectors.OpcUa.Transport;
using DataBridge.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace DataBridge.Bridge.Sources.OpcUa;

/// <summary>
/// An OPC UA server as a bridge source: one subscription holds every tag of the source; each NotificationMessage runs
/// through the pipeline and is acknowledged to the server only once the sink (the outbox) has it on disk. When the
/// connection breaks or the subscription falls silent, the source reconnects with backoff, takes the subscription over
/// with TransferSubscriptions (the server keeps what it could not send meanwhile, and Republish fills holes), and when
/// the server lost the subscription (a restart) it writes a gap record and creates the subscription again.
/// </summary>
internal sealed partial class OpcUaSource : IBridgeSource
{
    private readonly OpcUaSourceDefinition _definition;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OpcUaSourceOptions _options;
    private readonly ResiliencePipeline _connectRetry;
    private readonly HashSet<string> _reportedProblems = new(StringComparer.Ordinal);
    private readonly HashSet<int> _dead = [];
    private readonly SemaphoreSlim _sessionGate = new(1, 1);
    private Sample[] _samples = new Sample[256];
    private int[] _slots = new int[256];
    private OpcUaSubscription? _subscription;
    private OpcUaClient? _client;
    private OpcUaClient? _previousClient;
    private DataBridge.Connectors.OpcUa.Encoding.Types.NodeId _subscriptionSession;
    private IReadOnlyList<OpcUaTagResolution> _resolutions = [];
    private CancellationToken _running;
    private Exception? _consumerFault;
    private long _reconnects;
    private long _reactivations;
    private long _transfers;
    private long _lastDataTicks;
    private string? _problem;
    private long _recreations;
    private DateTimeOffset _disconnectedSince;
    private bool _outageReported;

    public OpcUaSource(OpcUaSourceDefinition definition, SourcePipeline pipeline, TimeProvider time, ILogger logger, OpcUaSourceOptions? options = null)
    {
        _definition = definition;
        Pipeline = pipeline;
        _time = time;
        _logger = logger;
        _options = OpcUaSourceSecurity.Apply(options ?? OpcUaSourceOptions.Default, definition, time, logger);
        _options.Validate();
        _connectRetry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.ReconnectDelay,
                MaxDelay = _options.MaxReconnectDelay,
                OnRetry = args =>
                {
                    // Loud for the first failures and then every 20th, so an hour-long outage does not flood the log.
                    var level = args.AttemptNumber < 3 || args.AttemptNumber % 20 == 0 ? LogLevel.Warning : LogLevel.Debug;
                    Volatile.Write(ref _problem, $"cannot connect to {_definition.Endpoint}: {args.Outcome.Exception?.Message}");
                    _logger.Log(level, "Source {SourceId}: cannot connect to {Endpoint} ({Error}); attempt {Attempt} failed, next in {Delay}.", _definition.Id, _definition.Endpoint, args.Outcome.Exception?.Message, args.AttemptNumber + 1, args.RetryDelay);

                    // Between attempts no engine runs, so nothing else writes to the pipeline meanwhile.
                    return ReportOutageIfDueAsync(args.Context.CancellationToken);
                },
            })
            .Build();
    }

    public SourcePipeline Pipeline { get; }

    /// <summary>Reconnects after the first successful connection.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Sessions re-activated on a new channel, keeping their subscription (Part 4 §6.7).</summary>
    public long Reactivations => Interlocked.Read(ref _reactivations);

    /// <summary>Subscriptions taken over by a new session with TransferSubscriptions.</summary>
    public long Transfers => Interlocked.Read(ref _transfers);

    /// <summary>Subscriptions created again because the server had lost them.</summary>
    public long Recreations => Interlocked.Read(ref _recreations);

    /// <summary>Whether a session with a live subscription is up now.</summary>
    public bool IsConnected => Volatile.Read(ref _client) is { IsConnected: true };

    public Hosting.SourceHealth Health
    {
        get
        {
            var connected = IsConnected;
            var problem = Volatile.Read(ref _problem);
            var lastData = Interlocked.Read(ref _lastDataTicks);
            return new()
            {
                Id = _definition.Id,
                Kind = "opcua",
                State = connected ? Hosting.SourceState.Connected : problem is null ? Hosting.SourceState.Connecting : Hosting.SourceState.Down,
                Connected = connected,
                LastDataAt = lastData == 0 ? null : new DateTimeOffset(lastData, TimeSpan.Zero),
                Problem = connected ? null : problem,
                Reconnects = Reconnects,
                Reactivations = Reactivations,
                Transfers = Transfers,
                Recreations = Recreations,
            };
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _running = cancellationToken;
        var heartbeats = Pipeline.HasHeartbeats ? HeartbeatLoopAsync(cancellationToken) : Task.CompletedTask;
        var deadTags = DeadTagLoopAsync(cancellationToken);
        _disconnectedSince = _time.GetUtcNow();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var session = await _connectRetry.ExecuteAsync(static (self, ct) => new ValueTask<Session>(self.OpenSessionAsync(ct)), this, cancellationToken).ConfigureAwait(false);
                var reason = await session.WaitUntilLostAsync(cancellationToken).ConfigureAwait(false);
                if (reason is null)
                {
                    await session.CloseAsync().ConfigureAwait(false);
                    _logger.LogInformation("Source {SourceId}: stopped; session on {Endpoint} closed and its subscription deleted.", _definition.Id, _definition.Endpoint);
                    break;
                }

                _logger.LogWarning("Source {SourceId}: {Reason}; reconnecting to {Endpoint} and taking subscription {SubscriptionId} over.", _definition.Id, reason, _definition.Endpoint, _subscription?.Id);
                _disconnectedSince = _time.GetUtcNow();
                Volatile.Write(ref _problem, reason);
                Interlocked.Increment(ref _reconnects);
                await session.AbandonAsync().ConfigureAwait(false);
                if (Volatile.Read(ref _consumerFault) is { } fault)
                {
                    throw new InvalidOperationException($"Source '{_definition.Id}': values could not be handed to the outbox: {fault.Message}", fault);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            Volatile.Write(ref _client, null);
            foreach (var loop in new[] { heartbeats, deadTags })
            {
                try
                {
                    await loop.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    private static bool IsTransient(Exception ex) =>
        ex is OpcUaTransportException or OpcUaServiceException or IOException or System.Net.Sockets.SocketException or TimeoutException or Connectors.OpcUa.Security.OpcUaCertificateException or Connectors.OpcUa.Security.Identity.UserIdentityException
        || (ex is OperationCanceledException && ex.InnerException is TimeoutException);

    /// <summary>
    /// Once the bridge has been cut off for longer than the subscription's lifetime, the server has dropped the
    /// subscription and what it queued: the values are then truly unknown, so every tag is reported BadNoCommunication
    /// (as a Modbus tag is when its device does not answer). Earlier would be wrong: a transfer may still deliver
    /// everything, and a Bad record in between would put the stream out of order.
    /// </summary>
    private async ValueTask ReportOutageIfDueAsync(CancellationToken cancellationToken)
    {
        var lifetime = _subscription is { } s ? s.RevisedPublishingInterval * s.RevisedLifetimeCount : _definition.PublishingInterval * _definition.LifetimeCount;
        var now = _time.GetUtcNow();
        if (_outageReported || now - _disconnectedSince < lifetime)
        {
            return;
        }

        _outageReported = true;
        var count = Pipeline.Tags.Count;
        var bad = new StatusCode(StatusCodes.BadNoCommunication);
        var all = new List<(int Slot, StatusCode Status)>(count);
        for (var slot = 0; slot < count; slot++)
        {
            all.Add((slot, bad));
        }

        await ReportStatusAsync(all, cancellationToken).ConfigureAwait(false);
        _logger.LogWarning("Source {SourceId}: no connection to {Endpoint} for {Seconds:0} s, longer than the subscription lifetime; its {Count} tags are reported BadNoCommunication until it is back.", _definition.Id, _definition.Endpoint, (now - _disconnectedSince).TotalSeconds, count);
    }

    /// <summary>
    /// Records for tags whose value the bridge cannot know (not monitored, or cut off): a null value with the reason as
    /// quality, stamped now, so the data team sees a dead tag rather than a silent one.
    /// </summary>
    private ValueTask ReportStatusAsync(List<(int Slot, StatusCode Status)> tags, CancellationToken cancellationToken)
    {
        if (tags.Count == 0)
        {
            return default;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var samples = new Sample[tags.Count];
        var slots = new int[tags.Count];
        for (var i = 0; i < tags.Count; i++)
        {
            samples[i] = new Sample(TagValue.Null, tags[i].Status, now, default);
            slots[i] = tags[i].Slot;
        }

        return Pipeline.ProcessAsync(samples, slots, cancellationToken);
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatCheckInterval, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            // Only while connected: a heartbeat claims "still this value", which is not known while cut off.
            if (IsConnected)
            {
                await Pipeline.ProcessHeartbeatsAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void ReportOnce(string problem, LogLevel level, string message, params object?[] args)
    {
        bool first;
        lock (_reportedProblems)
        {
            // The session logic and the engine's consumer both report.
            first = _reportedProblems.Add(problem);
        }

        if (first)
        {
#pragma warning disable CA2254 // The template is one of a few constants chosen by the callers.
            _logger.Log(level, message, args);
#pragma warning restore CA2254
        }
    }

    public void Dispose()
    {
        Pipeline.Dispose();
        _sessionGate.Dispose();
    }
}
