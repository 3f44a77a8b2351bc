using DataBridge.Connectors.Mqtt.Sparkplug;
using DataBridge.Core;

namespace DataBridge.Connectors.Mqtt.Tests.Support;

/// <summary>Records what the tracker reports; safe to read from the test thread while MQTTnet delivers.</summary>
internal sealed class RecordingSparkplugObserver : ISparkplugObserver
{
    private readonly List<(SparkplugMetric Metric, Sample Sample)> _samples = [];
    private readonly List<SparkplugEvent> _events = [];

    public IReadOnlyList<(SparkplugMetric Metric, Sample Sample)> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public IReadOnlyList<SparkplugEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<T> EventsOf<T>() where T : SparkplugEvent => Events.OfType<T>().ToList();

    public IReadOnlyList<Sample> SamplesOf(string path) => Samples.Where(s => s.Metric.Path == path).Select(s => s.Sample).ToList();

    public void OnSample(SparkplugMetric metric, in Sample sample)
    {
        lock (_samples)
        {
            _samples.Add((metric, sample));
        }
    }

    public void OnEvent(SparkplugEvent sparkplugEvent)
    {
        lock (_events)
        {
            _events.Add(sparkplugEvent);
        }
    }
}
