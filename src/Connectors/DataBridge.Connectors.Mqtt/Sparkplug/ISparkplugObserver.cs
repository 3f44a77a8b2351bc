using DataBridge.Core;

namespace DataBridge.Connectors.Mqtt.Sparkplug;

/// <summary>
/// Receives what <see cref="SparkplugSessionTracker"/> makes of the Sparkplug traffic. Called on the thread that
/// delivers MQTT messages, one call at a time; <see cref="OnSample"/> is the per-value hot path and allocates nothing.
/// </summary>
public interface ISparkplugObserver
{
    /// <summary>A value (or, after a death, a Bad quality) of a metric defined by a birth.</summary>
    void OnSample(SparkplugMetric metric, in Sample sample);

    /// <summary>A birth, death, sequence gap, data before birth, stale death or rejected message.</summary>
    void OnEvent(SparkplugEvent sparkplugEvent);
}
