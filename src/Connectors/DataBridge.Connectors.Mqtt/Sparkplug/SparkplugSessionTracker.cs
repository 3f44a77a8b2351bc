using System.Buffers;
using DataBridge.Connectors.Mqtt.Encoding;
using DataBridge.Connectors.Mqtt.Encoding.Proto;
using DataBridge.Core;

namespace DataBridge.Connectors.Mqtt.Sparkplug;

/// <summary>
/// The host-application side of Sparkplug B (Sparkplug 3.0 §5, §7), read-only: one session state machine per edge node.
/// Births define metrics, data messages carry values by alias or name, deaths turn every metric of the node/device Bad
/// (BadNoCommunication) at the death's timestamp, <c>seq</c> is checked per edge node (a jump is a
/// <see cref="SparkplugSequenceGap"/>), <c>bdSeq</c> pairs an NDEATH with its NBIRTH (a stale death is ignored), and
/// data without a birth is reported (<see cref="SparkplugDataBeforeBirth"/>), never guessed. Not thread-safe: feed it
/// from one message loop.
/// </summary>
public sealed partial class SparkplugSessionTracker
{
    /// <summary>The metric every NBIRTH and NDEATH carries to pair them (Sparkplug 3.0 §5.8, §7.2).</summary>
    public const string BdSeqMetricName = "bdSeq";

    private readonly Dictionary<(string Group, string Node), SparkplugEdgeNodeSession> _sessions = [];
    private readonly ISparkplugObserver _observer;
    private readonly SparkplugDecoderLimits _limits;

    /// <summary>Creates a tracker that reports to <paramref name="observer"/>.</summary>
    public SparkplugSessionTracker(ISparkplugObserver observer, SparkplugDecoderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observer = observer;
        _limits = limits ?? SparkplugDecoderLimits.Default;
    }

    /// <summary>True when the edge node has a current birth.</summary>
    public bool IsOnline(string groupId, string edgeNodeId) => _sessions.TryGetValue((groupId, edgeNodeId), out var s) && s.Node.IsOnline;

    /// <summary>Handles one message received at <paramref name="receivedAt"/> (UTC). Malformed input becomes an event, never an exception.</summary>
    public void Process(string topic, ReadOnlySequence<byte> payloadBytes, DateTime receivedAt)
    {
        ArgumentNullException.ThrowIfNull(topic);
        SparkplugTopic parsed;
        try
        {
            parsed = SparkplugTopic.Parse(topic);
        }
        catch (SparkplugTopicException e)
        {
            _observer.OnEvent(new SparkplugMessageRejected(string.Empty, string.Empty, null, receivedAt, topic, e));
            return;
        }

        // Commands are other hosts' business, and STATE carries JSON (Sparkplug 3.0 §6.4.1): neither changes a session.
        if (parsed.MessageType is SparkplugMessageType.State or SparkplugMessageType.NCmd or SparkplugMessageType.DCmd)
        {
            return;
        }

        Payload payload;
        try
        {
            payload = SparkplugPayloadDecoder.Decode(topic, payloadBytes, _limits);
        }
        catch (SparkplugPayloadException e)
        {
            Reject(parsed, receivedAt, e);
            return;
        }

        var key = (parsed.GroupId, parsed.EdgeNodeId);
        if (!_sessions.TryGetValue(key, out var session))
        {
            session = new SparkplugEdgeNodeSession(parsed.GroupId, parsed.EdgeNodeId);
            _sessions.Add(key, session);
        }

        var timestamp = payload.HasTimestamp && SparkplugTime.TryFromEpochMilliseconds(payload.Timestamp, out var t) ? t : receivedAt;
        switch (parsed.MessageType)
        {
            case SparkplugMessageType.NBirth:
                NodeBirth(session, parsed, payload, timestamp);
                break;
            case SparkplugMessageType.NData:
                NodeData(session, parsed, payload, timestamp);
                break;
            case SparkplugMessageType.NDeath:
                NodeDeath(session, payload, timestamp);
                break;
            case SparkplugMessageType.DBirth:
                DeviceBirth(session, parsed, payload, timestamp);
                break;
            case SparkplugMessageType.DData:
                DeviceData(session, parsed, payload, timestamp);
                break;
            default:
                DeviceDeath(session, parsed, payload, timestamp);
                break;
        }
    }

    private void NodeBirth(SparkplugEdgeNodeSession session, SparkplugTopic topic, Payload payload, DateTime timestamp)
    {
        // A new birth replaces everything: the node's metrics, and its devices, which must rebirth after it (§7.4).
        session.Node.Clear();
        foreach (var device in session.Devices.Values)
        {
            device.Clear();
            device.IsOnline = false;
        }

        session.BdSeq = ReadBdSeq(payload);
        session.LastSeq = payload.HasSeq ? (int)payload.Seq : 0;
        session.Node.IsOnline = true;
        DefineAndReport(session.Node, topic, payload, timestamp, session.BdSeq);
    }

    private void NodeData(SparkplugEdgeNodeSession session, SparkplugTopic topic, Payload payload, DateTime timestamp)
    {
        if (!session.Node.IsOnline)
        {
            _observer.OnEvent(new SparkplugDataBeforeBirth(topic.GroupId, topic.EdgeNodeId, null, timestamp, topic.MessageType));
            return;
        }

        CheckSeq(session, topic, payload, timestamp);
        ReportValues(session.Node, topic, payload, timestamp);
    }

    private void NodeDeath(SparkplugEdgeNodeSession session, Payload payload, DateTime timestamp)
    {
        var bdSeq = ReadBdSeq(payload);
        if (!session.Node.IsOnline)
        {
            _observer.OnEvent(new SparkplugStaleDeath(session.GroupId, session.EdgeNodeId, null, timestamp, bdSeq, session.BdSeq, "the edge node was not online"));
            return;
        }

        // §7.2: an NDEATH whose bdSeq differs from the current NBIRTH's is the will of an earlier connection.
        if (bdSeq is { } d && session.BdSeq is { } b && d != b)
        {
            _observer.OnEvent(new SparkplugStaleDeath(session.GroupId, session.EdgeNodeId, null, timestamp, bdSeq, session.BdSeq, $"its bdSeq {d} belongs to an earlier birth than the current one ({b})"));
            return;
        }

        var count = MarkBad(session.Node, timestamp);
        foreach (var device in session.Devices.Values)
        {
            if (device.IsOnline)
            {
                count += MarkBad(device, timestamp);
                device.IsOnline = false;
            }
        }

        session.Node.IsOnline = false;
        _observer.OnEvent(new SparkplugDeathEvent(session.GroupId, session.EdgeNodeId, null, timestamp, bdSeq, count));
    }

    private void DefineAndReport(SparkplugMetricScope scope, SparkplugTopic topic, Payload payload, DateTime timestamp, ulong? bdSeq)
    {
        foreach (var metric in payload.Metrics)
        {
            var problem = scope.Define(topic.GroupId, topic.EdgeNodeId, topic.DeviceId, metric, out var definition);
            if (problem is not null)
            {
                Reject(topic, timestamp, new SparkplugPayloadException(topic.ToString(), problem));
                continue;
            }

            Report(definition!, metric, timestamp);
        }

        _observer.OnEvent(new SparkplugBirthEvent(topic.GroupId, topic.EdgeNodeId, topic.DeviceId, timestamp, bdSeq, scope.All.ToArray()));
    }

    private void ReportValues(SparkplugMetricScope scope, SparkplugTopic topic, Payload payload, DateTime timestamp)
    {
        foreach (var metric in payload.Metrics)
        {
            var definition = scope.Find(metric);
            if (definition is null)
            {
                var what = metric.HasAlias ? $"alias {metric.Alias}" : metric.HasName ? $"name '{MqttInputException.Clip(metric.Name)}'" : "a metric with neither alias nor name";
                var birth = topic.DeviceId is null ? "NBIRTH" : "DBIRTH";
                Reject(topic, timestamp, new SparkplugPayloadException(topic.ToString(), $"{what} was not defined by the current {birth}; the metric is skipped (the edge node must rebirth to add metrics)"));
                continue;
            }

            Report(definition, metric, timestamp);
        }
    }

    private void Report(SparkplugMetric definition, Payload.Types.Metric metric, DateTime messageTimestamp)
    {
        var when = metric.HasTimestamp && SparkplugTime.TryFromEpochMilliseconds(metric.Timestamp, out var t) ? t : messageTimestamp;
        var status = SparkplugValueConverter.Convert(metric, definition.DataType, out var value);
        var sample = new Sample(value, new StatusCode(status), when, when);
        _observer.OnSample(definition, in sample);
    }

    private int MarkBad(SparkplugMetricScope scope, DateTime timestamp)
    {
        var bad = Sample.Bad(StatusCodes.BadNoCommunication, timestamp);
        foreach (var metric in scope.All)
        {
            _observer.OnSample(metric, in bad);
        }

        return scope.All.Count;
    }

    private void CheckSeq(SparkplugEdgeNodeSession session, SparkplugTopic topic, Payload payload, DateTime timestamp)
    {
        if (!payload.HasSeq)
        {
            Reject(topic, timestamp, new SparkplugPayloadException(topic.ToString(), "seq is missing (every message but NDEATH must carry one); its values are used, but loss cannot be detected for it"));
            return;
        }

        var received = (int)payload.Seq;
        var expected = (session.LastSeq + 1) & 0xFF;
        if (received != expected)
        {
            _observer.OnEvent(new SparkplugSequenceGap(session.GroupId, session.EdgeNodeId, topic.DeviceId, timestamp, (byte)expected, (byte)received));
        }

        session.LastSeq = received;
    }

    private static ulong? ReadBdSeq(Payload payload)
    {
        foreach (var metric in payload.Metrics)
        {
            if (metric.HasName && metric.Name == BdSeqMetricName)
            {
                return metric.ValueCase switch
                {
                    Payload.Types.Metric.ValueOneofCase.LongValue => metric.LongValue,
                    Payload.Types.Metric.ValueOneofCase.IntValue => metric.IntValue,
                    _ => null,
                };
            }
        }

        return null;
    }

    private void Reject(SparkplugTopic topic, DateTime timestamp, MqttInputException error) =>
        _observer.OnEvent(new SparkplugMessageRejected(topic.GroupId, topic.EdgeNodeId, topic.DeviceId, timestamp, topic.ToString(), error));
}
