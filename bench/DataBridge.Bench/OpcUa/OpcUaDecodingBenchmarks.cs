using System.Buffers;
using BenchmarkDotNet.Attributes;
using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Core;

namespace DataBridge.Bench.OpcUa;

/// <summary>
/// Decoding cost per value of the two hot OPC UA messages: a ReadResponse and a PublishResponse carrying 1,000 values
/// each, shaped as node-opcua sends them (Double/Int32/Boolean/String values, source and server timestamps, some Bad
/// statuses). Results are per value (OperationsPerInvoke = 1,000).
/// </summary>
[MemoryDiagnoser]
public class OpcUaDecodingBenchmarks
{
    private const int Values = 1000;
    private byte[] _readResponse = [];
    private byte[] _publishResponse = [];

    [GlobalSetup]
    public void Setup()
    {
        var time = new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
        var values = new DataValue[Values];
        var items = new MonitoredItemNotification[Values];
        for (var i = 0; i < Values; i++)
        {
            var value = (i % 4) switch
            {
                0 => new Variant(20.0 + (i * 0.01)),
                1 => new Variant(i),
                2 => new Variant(i % 3 == 0),
                _ => new Variant("state-" + (i % 7)),
            };
            var status = i % 50 == 0 ? new StatusCode(StatusCodes.BadNodeIdUnknown) : default;
            values[i] = new DataValue(value, status, time.AddMilliseconds(i), time.AddMilliseconds(i + 1));
            items[i] = new MonitoredItemNotification { ClientHandle = (uint)i, Value = values[i] };
        }

        _readResponse = Encode(new ReadResponse { ResponseHeader = new ResponseHeader { Timestamp = time, RequestHandle = 1 }, Results = values });
        _publishResponse = Encode(new PublishResponse
        {
            ResponseHeader = new ResponseHeader { Timestamp = time, RequestHandle = 2 },
            SubscriptionId = 1,
            AvailableSequenceNumbers = [41, 42],
            NotificationMessage = new NotificationMessage
            {
                SequenceNumber = 42,
                PublishTime = time,
                NotificationData = [new ExtensionObject(new DataChangeNotification { MonitoredItems = items })],
            },
        });
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public int DecodeReadResponse()
    {
        var reader = new OpcUaBinaryReader(_readResponse, registry: StandardEncodeables.Registry);
        return ((ReadResponse)reader.ReadMessage()).Results!.Length;
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public int DecodePublishResponse()
    {
        var reader = new OpcUaBinaryReader(_publishResponse, registry: StandardEncodeables.Registry);
        var response = (PublishResponse)reader.ReadMessage();
        return ((DataChangeNotification)response.NotificationMessage.NotificationData![0].Decoded!).MonitoredItems!.Length;
    }

    private static byte[] Encode(IEncodeable message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new OpcUaBinaryWriter(buffer);
        writer.WriteMessage(message);
        return buffer.WrittenSpan.ToArray();
    }
}
