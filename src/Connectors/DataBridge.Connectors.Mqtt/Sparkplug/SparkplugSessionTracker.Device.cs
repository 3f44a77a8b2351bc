using DataBridge.Connectors.Mqtt.Encoding;
using DataBridge.Connectors.Mqtt.Encoding.Proto;

namespace DataBridge.Connectors.Mqtt.Sparkplug;

/// <summary>Device-level messages: DBIRTH, DDATA, DDEATH (Sparkplug 3.0 §7.5–7.7). They count in the edge node's seq.</summary>
public sealed partial class SparkplugSessionTracker
{
    private void DeviceBirth(SparkplugEdgeNodeSession session, SparkplugTopic topic, Payload payload, DateTime timestamp)
    {
        if (!session.Node.IsOnline)
        {
            _observer.OnEvent(new SparkplugDataBeforeBirth(topic.GroupId, topic.EdgeNodeId, topic.DeviceId, timestamp, topic.MessageType));
            return;
        }

        CheckSeq(session, topic, payload, timestamp);
        var device = DeviceScope(session, topic.DeviceId!);
        device.Clear();
        device.IsOnline = true;
        DefineAndReport(device, topic, payload, timestamp, session.BdSeq);
    }

    private void DeviceData(SparkplugEdgeNodeSession session, SparkplugTopic topic, Payload payload, DateTime timestamp)
    {
        if (!session.Node.IsOnline || !session.Devices.TryGetValue(topic.DeviceId!, out var device) || !device.IsOnline)
        {
            _observer.OnEvent(new SparkplugDataBeforeBirth(topic.GroupId, topic.EdgeNodeId, topic.DeviceId, timestamp, topic.MessageType));
            return;
        }

        CheckSeq(session, topic, payload, timestamp);
        ReportValues(device, topic, payload, timestamp);
    }

    private void DeviceDeath(SparkplugEdgeNodeSession session, SparkplugTopic topic, Payload payload, DateTime timestamp)
    {
        if (!session.Node.IsOnline)
        {
            _observer.OnEvent(new SparkplugStaleDeath(topic.GroupId, topic.EdgeNodeId, topic.DeviceId, timestamp, null, session.BdSeq, "the edge node was not online"));
            return;
        }

        CheckSeq(session, topic, payload, timestamp);
        if (!session.Devices.TryGetValue(topic.DeviceId!, out var device) || !device.IsOnline)
        {
            _observer.OnEvent(new SparkplugStaleDeath(topic.GroupId, topic.EdgeNodeId, topic.DeviceId, timestamp, null, session.BdSeq, "the device was not online"));
            return;
        }

        var count = MarkBad(device, timestamp);
        device.IsOnline = false;
        _observer.OnEvent(new SparkplugDeathEvent(topic.GroupId, topic.EdgeNodeId, topic.DeviceId, timestamp, null, count));
    }

    private static SparkplugMetricScope DeviceScope(SparkplugEdgeNodeSession session, string deviceId)
    {
        if (!session.Devices.TryGetValue(deviceId, out var scope))
        {
            scope = new SparkplugMetricScope();
            session.Devices.Add(deviceId, scope);
        }

        return scope;
    }
}
