using System.Buffers;
using DataBridge.Connectors.Mqtt.Sparkplug;
using DataBridge.Connectors.Mqtt.Transport;
using Microsoft.Extensions.Logging;

namespace DataBridge.Connectors.Mqtt.Client;

/// <summary>
/// A Sparkplug B source: one subscribe-only broker connection feeding a <see cref="SparkplugSessionTracker"/>. Session
/// state survives reconnects, so messages missed while disconnected show up as a <see cref="SparkplugSequenceGap"/>.
/// </summary>
public sealed class SparkplugSource : IMqttMessageHandler, IAsyncDisposable
{
    private readonly SparkplugSessionTracker _tracker;

    /// <summary>Creates the source; <see cref="RunAsync"/> connects.</summary>
    public SparkplugSource(MqttConnectionOptions connection, SparkplugSourceOptions options, ISparkplugObserver observer, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tracker = new SparkplugSessionTracker(observer, options.Limits);
        Subscriber = new MqttSubscriber(connection, options.TopicFilters(), this, logger, timeProvider);
    }

    /// <summary>The broker connection (state for health checks: connected, reconnects, last error).</summary>
    public MqttSubscriber Subscriber { get; }

    /// <summary>Runs until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => Subscriber.RunAsync(cancellationToken);

    /// <inheritdoc />
    void IMqttMessageHandler.OnMessage(string topic, ReadOnlySequence<byte> payload, DateTime receivedAt) => _tracker.Process(topic, payload, receivedAt);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Subscriber.DisposeAsync();
}
