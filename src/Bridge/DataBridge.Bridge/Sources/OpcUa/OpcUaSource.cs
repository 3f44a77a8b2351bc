using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Pipeline;
using DataBridge.Connectors.OpcUa.Managed;
using DataBridge.Core;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Sources.OpcUa;

/// <summary>
/// An OPC UA server as a bridge source: a thin adapter over the connector's <see cref="ManagedOpcUaClient"/>, which
/// owns reconnects, session re-activation, TransferSubscriptions, recreation, Republish and retries of missing nodes.
/// This class maps what the client hands over into the pipeline (values per tag slot, gap records, Bad-quality records
/// for tags that cannot be monitored), publishes the server's metadata, runs heartbeats and reports health. Values are
/// acknowledged to the server only once the pipeline (the outbox) has them on disk.
/// </summary>
internal sealed partial class OpcUaSource : IBridgeSource
{
    private readonly OpcUaSourceDefinition _definition;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OpcUaSourceOptions _options;
    private readonly ManagedOpcUaClient _client;
    private readonly HashSet<string> _reportedProblems = new(StringComparer.Ordinal);
    private Exception? _consumerFault;
    private long _lastDataTicks;

    public OpcUaSource(OpcUaSourceDefinition definition, SourcePipeline pipeline, TimeProvider time, ILogger logger, OpcUaSourceOptions? options = null)
    {
        _definition = definition;
        Pipeline = pipeline;
        _time = time;
        _logger = logger;
        _options = OpcUaSourceSecurity.Apply(options ?? OpcUaSourceOptions.Default, definition, time, logger);
        _options.Validate();
        _client = new ManagedOpcUaClient(definition.Endpoint, OpcUaTagAddresses.Items(definition), new Handler(this), _options.ToManaged(definition), time, logger);
        _client.NodesResolved += (_, e) => ReportUnresolved(e.Resolutions);
        _client.ItemsRecovered += (_, e) => ReportRecovered(e.ClientHandles);
    }

    public SourcePipeline Pipeline { get; }

    /// <summary>Reconnects after the first successful connection.</summary>
    public long Reconnects => _client.Reconnects;

    /// <summary>Sessions re-activated on a new channel, keeping their subscription (Part 4 §6.7).</summary>
    public long Reactivations => _client.Reactivations;

    /// <summary>Subscriptions taken over by a new session with TransferSubscriptions.</summary>
    public long Transfers => _client.Transfers;

    /// <summary>Subscriptions created again because the server had lost them.</summary>
    public long Recreations => _client.Recreations;

    /// <summary>Whether a session with a live subscription is up now.</summary>
    public bool IsConnected => _client.IsConnected;

    public Hosting.SourceHealth Health
    {
        get
        {
            var connected = IsConnected;
            var problem = _client.Problem;
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
        var heartbeats = Pipeline.HasHeartbeats ? HeartbeatLoopAsync(cancellationToken) : Task.CompletedTask;
        try
        {
            await _client.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ReferenceEquals(ex, Volatile.Read(ref _consumerFault)))
        {
            throw new InvalidOperationException($"Source '{_definition.Id}': values could not be handed to the outbox: {ex.Message}", ex);
        }
        finally
        {
            try
            {
                await heartbeats.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
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

    /// <summary>
    /// Records for tags whose value the bridge cannot know (not monitored, or cut off): a null value with the reason as
    /// quality, stamped now, so the data team sees a dead tag rather than a silent one.
    /// </summary>
    private ValueTask ReportStatusAsync(IReadOnlyList<(int Slot, StatusCode Status)> tags, CancellationToken cancellationToken)
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

    private void ReportUnresolved(IReadOnlyList<OpcUaNodeResolution> resolutions)
    {
        for (var slot = 0; slot < resolutions.Count; slot++)
        {
            if (resolutions[slot].Problem is { } problem)
            {
                var tag = _definition.Tags[slot];
                ReportOnce($"resolve:{tag.Name}:{problem}", LogLevel.Warning, "Source {SourceId}: tag '{Tag}' ({Location}) is not monitored: {Problem}", _definition.Id, tag.Name, tag.Location, problem);
            }
            else if (resolutions[slot].Warning is { } warning)
            {
                var tag = _definition.Tags[slot];
                ReportOnce($"warn:{tag.Name}:{warning}", LogLevel.Warning, "Source {SourceId}: tag '{Tag}' ({Location}): {Warning}", _definition.Id, tag.Name, tag.Location, warning);
            }
        }
    }

    private void ReportRecovered(IReadOnlyList<uint> handles)
    {
        foreach (var handle in handles)
        {
            var tag = _definition.Tags[(int)handle];
            _logger.LogInformation("Source {SourceId}: tag '{Tag}' ({Location}) is monitored now; its node appeared on {Endpoint}.", _definition.Id, tag.Name, tag.Location, _definition.Endpoint);
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
        _client.Dispose();
    }
}
