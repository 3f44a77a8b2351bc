using System.Buffers;
using DataBridge.Connectors.Mqtt.Encoding;
using DataBridge.Connectors.Mqtt.Encoding.Json;
using DataBridge.Connectors.Mqtt.Transport;
using Microsoft.Extensions.Logging;

namespace DataBridge.Connectors.Mqtt.Client;

/// <summary>
/// A unified-namespace source of plain topics with JSON payloads: subscribes to every binding's filter and reads each
/// message through every binding whose filter matches its topic. A malformed payload is reported and skipped.
/// </summary>
public sealed class JsonTopicSource : IMqttMessageHandler, IAsyncDisposable
{
    private readonly JsonTopicBinding[] _bindings;
    private readonly IJsonTopicObserver _observer;

    /// <summary>Creates the source; <see cref="RunAsync"/> connects.</summary>
    public JsonTopicSource(MqttConnectionOptions connection, IReadOnlyList<JsonTopicBinding> bindings, IJsonTopicObserver observer, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        ArgumentNullException.ThrowIfNull(observer);
        _bindings = [.. bindings];
        _observer = observer;
        var filters = new MqttTopicFilter[_bindings.Length];
        for (var i = 0; i < filters.Length; i++)
        {
            filters[i] = _bindings[i].Filter;
        }

        Subscriber = new MqttSubscriber(connection, filters, this, logger, timeProvider);
    }

    /// <summary>The broker connection.</summary>
    public MqttSubscriber Subscriber { get; }

    /// <summary>Runs until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => Subscriber.RunAsync(cancellationToken);

    /// <inheritdoc />
    void IMqttMessageHandler.OnMessage(string topic, ReadOnlySequence<byte> payload, DateTime receivedAt)
    {
        foreach (var binding in _bindings)
        {
            if (!binding.Filter.Matches(topic))
            {
                continue;
            }

            Sample(binding, topic, payload, receivedAt);
        }
    }

    private void Sample(JsonTopicBinding binding, string topic, ReadOnlySequence<byte> payload, DateTime receivedAt)
    {
        DataBridge.Core.Sample sample;
        try
        {
            sample = JsonPayloadReader.Read(topic, payload, binding.Value, binding.Timestamp, receivedAt, binding.MaxPayloadBytes);
        }
        catch (JsonPayloadException e)
        {
            _observer.OnRejected(binding, topic, e);
            return;
        }

        _observer.OnSample(binding, topic, in sample);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Subscriber.DisposeAsync();
}
