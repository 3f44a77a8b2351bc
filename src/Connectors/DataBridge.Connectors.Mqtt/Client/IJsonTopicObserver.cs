using DataBridge.Connectors.Mqtt.Encoding.Json;
using DataBridge.Core;

namespace DataBridge.Connectors.Mqtt.Client;

/// <summary>Receives what a <see cref="JsonTopicSource"/> reads; called one message at a time.</summary>
public interface IJsonTopicObserver
{
    /// <summary>A value read from <paramref name="topic"/> through <paramref name="binding"/>.</summary>
    void OnSample(JsonTopicBinding binding, string topic, in Sample sample);

    /// <summary>A message on <paramref name="topic"/> that gave no value; the error says why.</summary>
    void OnRejected(JsonTopicBinding binding, string topic, JsonPayloadException error);
}
