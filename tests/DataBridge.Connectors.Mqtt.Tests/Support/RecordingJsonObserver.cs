using DataBridge.Connectors.Mqtt.Client;
using DataBridge.Connectors.Mqtt.Encoding.Json;
using DataBridge.Core;

namespace DataBridge.Connectors.Mqtt.Tests.Support;

/// <summary>Records what a JSON topic source reports.</summary>
internal sealed class RecordingJsonObserver : IJsonTopicObserver
{
    private readonly List<(string Topic, Sample Sample)> _samples = [];
    private readonly List<(string Topic, JsonPayloadException Error)> _rejected = [];

    public IReadOnlyList<(string Topic, Sample Sample)> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public IReadOnlyList<(string Topic, JsonPayloadException Error)> Rejected
    {
        get
        {
            lock (_rejected)
            {
                return [.. _rejected];
            }
        }
    }

    public void OnSample(JsonTopicBinding binding, string topic, in Sample sample)
    {
        lock (_samples)
        {
            _samples.Add((topic, sample));
        }
    }

    public void OnRejected(JsonTopicBinding binding, string topic, JsonPayloadException error)
    {
        lock (_rejected)
        {
            _rejected.Add((topic, error));
        }
    }
}
