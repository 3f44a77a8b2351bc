using System.Globalization;
using System.Text;
using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Generated;

namespace DataBridge.Testing.OpcUa;

/// <summary>
/// The subscription conversation the proxy saw, for failure messages: Publish requests (acknowledgements), Publish
/// and Republish responses (sequence numbers and values), Republish and TransferSubscriptions calls, service faults,
/// connects and cuts. Bounded: only the last <see cref="Capacity"/> lines are kept.
/// </summary>
public sealed class UaTcpProxyTrace
{
    public const int Capacity = 3000;

    /// <summary>At most this many notifications are kept (a fault test sees a few hundred).</summary>
    public const int NotificationCapacity = 100_000;

    private const int BodyOffset = UaTcpProxyChunks.HeaderSize + 8 + 8;

    private readonly Queue<string> _lines = new();
    private readonly List<UaTcpProxyNotification> _notifications = [];
    private readonly object _gate = new();
    private readonly TimeProvider _time;

    public UaTcpProxyTrace(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    public void Add(int connection, string text)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{_time.GetUtcNow():HH:mm:ss.fff} #{connection} {text}");
        lock (_gate)
        {
            if (_lines.Count >= Capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    public string[] Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>
    /// Every data change the server sent through the proxy, in Publish or Republish responses (also those the proxy
    /// dropped or that went into a connection being cut): what the server says it delivered.
    /// </summary>
    public UaTcpProxyNotification[] Notifications
    {
        get
        {
            lock (_gate)
            {
                return [.. _notifications];
            }
        }
    }

    public override string ToString() => string.Join('\n', Lines);

    /// <summary>Traces a chunk when it is a single-chunk subscription service message.</summary>
    public void Observe(int connection, ReadOnlySpan<byte> chunk, bool fromServer, bool forwarded)
    {
        if (Describe(chunk, fromServer, forwarded) is { } line)
        {
            Add(connection, forwarded ? line : "DROPPED " + line);
        }
    }

    private string? Describe(ReadOnlySpan<byte> chunk, bool fromServer, bool forwarded)
    {
        if (chunk.Length < BodyOffset + 4 || UaTcpProxyChunks.MessageType(chunk) != "MSG" || chunk[3] != (byte)'F')
        {
            return null;
        }

        var body = chunk[BodyOffset..];
        uint typeId;
        int idLength;
        if (body[0] == 0x00)
        {
            typeId = body[1];
            idLength = 2;
        }
        else if (body[0] == 0x01 && body[1] == 0x00)
        {
            typeId = (uint)(body[2] | (body[3] << 8));
            idLength = 4;
        }
        else
        {
            return null;
        }

        var arrow = fromServer ? "s→c" : "c→s";
        try
        {
            var reader = new OpcUaBinaryReader(body[idLength..], registry: StandardEncodeables.Registry);
            switch (typeId)
            {
                case ObjectIds.PublishRequest_Encoding_DefaultBinary:
                    var publish = reader.ReadEncodeable<PublishRequest>();
                    return $"{arrow} Publish h={publish.RequestHeader.RequestHandle} ack=[{string.Join(',', (publish.SubscriptionAcknowledgements ?? []).Select(a => a.SequenceNumber))}]";
                case ObjectIds.PublishResponse_Encoding_DefaultBinary:
                    var response = reader.ReadEncodeable<PublishResponse>();
                    return $"{arrow} PublishResponse h={response.ResponseHeader.RequestHandle} {response.ResponseHeader.ServiceResult.Name} sub={response.SubscriptionId} {Message(response.SubscriptionId, response.NotificationMessage, republished: false, forwarded)} avail=[{string.Join(',', response.AvailableSequenceNumbers ?? [])}]{(response.MoreNotifications ? " more" : string.Empty)}";
                case ObjectIds.RepublishRequest_Encoding_DefaultBinary:
                    var republish = reader.ReadEncodeable<RepublishRequest>();
                    return $"{arrow} Republish sub={republish.SubscriptionId} seq={republish.RetransmitSequenceNumber}";
                case ObjectIds.RepublishResponse_Encoding_DefaultBinary:
                    var republished = reader.ReadEncodeable<RepublishResponse>();
                    return $"{arrow} RepublishResponse {republished.ResponseHeader.ServiceResult.Name} {Message(0, republished.NotificationMessage, republished: true, forwarded)}";
                case ObjectIds.TransferSubscriptionsRequest_Encoding_DefaultBinary:
                    var transfer = reader.ReadEncodeable<TransferSubscriptionsRequest>();
                    return $"{arrow} TransferSubscriptions [{string.Join(',', transfer.SubscriptionIds ?? [])}] initial={transfer.SendInitialValues}";
                case ObjectIds.TransferSubscriptionsResponse_Encoding_DefaultBinary:
                    var transferred = reader.ReadEncodeable<TransferSubscriptionsResponse>();
                    return $"{arrow} TransferSubscriptionsResponse {string.Join(' ', (transferred.Results ?? []).Select(r => $"{r.StatusCode.Name} avail=[{string.Join(',', r.AvailableSequenceNumbers ?? [])}]"))}";
                case ObjectIds.CreateSubscriptionResponse_Encoding_DefaultBinary:
                    var created = reader.ReadEncodeable<CreateSubscriptionResponse>();
                    return $"{arrow} CreateSubscriptionResponse sub={created.SubscriptionId}";
                case ObjectIds.ServiceFault_Encoding_DefaultBinary:
                    var fault = reader.ReadEncodeable<ServiceFault>();
                    return $"{arrow} ServiceFault h={fault.ResponseHeader.RequestHandle} {fault.ResponseHeader.ServiceResult.Name}";
                default:
                    return null;
            }
        }
        catch (OpcUaDecodingException ex)
        {
            return $"{arrow} type {typeId}: undecodable ({ex.Message})";
        }
    }

    private void Record(UaTcpProxyNotification notification)
    {
        lock (_gate)
        {
            if (_notifications.Count < NotificationCapacity)
            {
                _notifications.Add(notification);
            }
        }
    }

    private string Message(uint subscriptionId, NotificationMessage message, bool republished, bool forwarded)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"seq={message.SequenceNumber}");
        var data = message.NotificationData ?? [];
        if (data.Length == 0)
        {
            return sb.Append(" keep-alive").ToString();
        }

        sb.Append(" data=[");
        foreach (var item in data)
        {
            switch (item.Decoded)
            {
                case DataChangeNotification change:
                    foreach (var n in change.MonitoredItems ?? [])
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"{n.ClientHandle}:{n.Value.Value}");
                        Record(new UaTcpProxyNotification(subscriptionId, message.SequenceNumber, n.ClientHandle, n.Value.Value.Value, n.Value.Status, republished, forwarded));
                        if (!n.Value.Status.IsGood)
                        {
                            sb.Append('(').Append(n.Value.Status.Name).Append(')');
                        }

                        sb.Append(' ');
                    }

                    break;
                case StatusChangeNotification status:
                    sb.Append("status:").Append(status.Status.Name).Append(' ');
                    break;
                default:
                    sb.Append("other ");
                    break;
            }
        }

        return sb.Append(']').ToString();
    }
}
