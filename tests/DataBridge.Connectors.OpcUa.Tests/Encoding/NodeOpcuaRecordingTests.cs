using System.Buffers;
using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Core;
using DataBridge.Testing.Support;

namespace DataBridge.Connectors.OpcUa.Tests.Encoding;

/// <summary>
/// Messages encoded by node-opcua (an independent implementation; recorded by
/// bench/DataBridge.Bench/OpcUa/record-node-opcua.js) decode to the values node-opcua was given, and re-encode to the
/// same bytes.
/// </summary>
public sealed class NodeOpcuaRecordingTests
{
    private static readonly DateTime T0 = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    private static byte[] Recording(string name) => File.ReadAllBytes(RepoPaths.Combine("bench", "DataBridge.Bench", "OpcUa", name));

    private static IEncodeable Decode(byte[] bytes)
    {
        var reader = new OpcUaBinaryReader(bytes, registry: StandardEncodeables.Registry);
        var message = reader.ReadMessage();
        Assert.Equal(0, reader.Remaining);
        return message;
    }

    private static void AssertValue(int i, DataValue dv)
    {
        switch (i % 4)
        {
            case 0: Assert.Equal(20 + (i * 0.01), dv.Value.GetDouble()); break;
            case 1: Assert.Equal(i, dv.Value.GetInt32()); break;
            case 2: Assert.Equal(i % 3 == 0, dv.Value.GetBoolean()); break;
            default: Assert.Equal("state-" + (i % 7), dv.Value.GetString()); break;
        }

        Assert.Equal(i % 50 == 0 ? StatusCodes.BadNodeIdUnknown : StatusCodes.Good, dv.Status.Code);
        Assert.Equal(T0.AddMilliseconds(i), dv.SourceTimestamp);
        Assert.Equal(T0.AddMilliseconds(i + 1), dv.ServerTimestamp);
    }

    private static byte[] Encode(IEncodeable message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new OpcUaBinaryWriter(buffer);
        writer.WriteMessage(message);
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void A_read_response_encoded_by_node_opcua_decodes_to_its_thousand_values()
    {
        var bytes = Recording("read-response-1000.bin");
        var response = Assert.IsType<ReadResponse>(Decode(bytes));
        Assert.Equal(1u, response.ResponseHeader.RequestHandle);
        Assert.Equal(T0, response.ResponseHeader.Timestamp);
        Assert.Equal(1000, response.Results!.Length);
        for (var i = 0; i < 1000; i++)
        {
            AssertValue(i, response.Results[i]);
        }

        Assert.Equal(bytes, Encode(response));
    }

    [Fact]
    public void A_publish_response_encoded_by_node_opcua_decodes_to_a_typed_data_change_notification()
    {
        var bytes = Recording("publish-response-1000.bin");
        var response = Assert.IsType<PublishResponse>(Decode(bytes));
        Assert.Equal([41u, 42u], response.AvailableSequenceNumbers!);
        Assert.Equal(42u, response.NotificationMessage.SequenceNumber);
        var change = Assert.IsType<DataChangeNotification>(Assert.Single(response.NotificationMessage.NotificationData!).Decoded);
        Assert.Equal(1000, change.MonitoredItems!.Length);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal((uint)i, change.MonitoredItems[i].ClientHandle);
            AssertValue(i, change.MonitoredItems[i].Value);
        }

        Assert.Equal(bytes, Encode(response));
    }
}
