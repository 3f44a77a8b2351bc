using System.Buffers;
using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Tests.Generated;

/// <summary>The generated service structures encode, decode and resolve through the registry.</summary>
public sealed class GeneratedTypesTests
{
    private static byte[] EncodeMessage(IEncodeable message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new OpcUaBinaryWriter(buffer);
        writer.WriteMessage(message);
        return buffer.WrittenSpan.ToArray();
    }

    private static IEncodeable DecodeMessage(byte[] bytes)
    {
        var reader = new OpcUaBinaryReader(bytes, registry: StandardEncodeables.Registry);
        var message = reader.ReadMessage();
        Assert.Equal(0, reader.Remaining);
        return message;
    }

    [Fact]
    public void Binary_encoding_ids_are_those_of_NodeIds_csv()
    {
        Assert.Equal(new NodeId(631), ReadRequest.EncodingId);
        Assert.Equal(new NodeId(634), ReadResponse.EncodingId);
        Assert.Equal(new NodeId(397), ServiceFault.EncodingId);
        Assert.Equal(new NodeId(829), PublishResponse.EncodingId);
        Assert.Equal(85u, ObjectIds.ObjectsFolder);
        Assert.Equal(2256u, VariableIds.Server_ServerStatus);
        Assert.Equal(13u, AttributeIds.Value);
        Assert.Equal(0x800A0000u, StatusCodes.BadTimeout);
    }

    [Fact]
    public void A_read_request_starts_with_its_encoding_id_and_request_header()
    {
        var request = new ReadRequest
        {
            RequestHeader = new RequestHeader { RequestHandle = 7, TimeoutHint = 1000 },
            TimestampsToReturn = TimestampsToReturn.Both,
            NodesToRead = [new ReadValueId { NodeId = new NodeId(2256), AttributeId = AttributeIds.Value }],
        };
        var bytes = EncodeMessage(request);
        Assert.Equal(new byte[] { 0x01, 0x00, 0x77, 0x02 }, bytes[..4]); // four-byte NodeId 631
        var back = Assert.IsType<ReadRequest>(DecodeMessage(bytes));
        Assert.Equal(7u, back.RequestHeader.RequestHandle);
        Assert.Equal(TimestampsToReturn.Both, back.TimestampsToReturn);
        Assert.Equal(new NodeId(2256), Assert.Single(back.NodesToRead!).NodeId);
    }

    [Fact]
    public void A_read_response_with_values_of_several_types_round_trips()
    {
        var time = new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
        var response = new ReadResponse
        {
            ResponseHeader = new ResponseHeader { RequestHandle = 9, ServiceResult = StatusCodes.Good, Timestamp = time },
            Results =
            [
                new DataValue(new Variant(21.5), default, time, time),
                new DataValue(Variant.FromArray(new[] { 1, 2, 3 })),
                new DataValue(Variant.Null, StatusCodes.BadNodeIdUnknown),
            ],
        };
        var back = Assert.IsType<ReadResponse>(DecodeMessage(EncodeMessage(response)));
        Assert.Equal(response.Results, back.Results);
        Assert.Equal(time, back.ResponseHeader.Timestamp);
    }

    [Fact]
    public void Notification_data_inside_a_publish_response_decodes_to_typed_notifications()
    {
        var change = new DataChangeNotification
        {
            MonitoredItems = [new MonitoredItemNotification { ClientHandle = 4, Value = new DataValue(new Variant(1.5f)) }],
        };
        var response = new PublishResponse
        {
            SubscriptionId = 3,
            AvailableSequenceNumbers = [1, 2],
            NotificationMessage = new NotificationMessage { SequenceNumber = 2, NotificationData = [new ExtensionObject(change)] },
        };
        var back = Assert.IsType<PublishResponse>(DecodeMessage(EncodeMessage(response)));
        var decoded = Assert.IsType<DataChangeNotification>(Assert.Single(back.NotificationMessage.NotificationData!).Decoded);
        var item = Assert.Single(decoded.MonitoredItems!);
        Assert.Equal(4u, item.ClientHandle);
        Assert.Equal(1.5f, item.Value.Value.GetFloat());
    }

    [Fact]
    public void A_service_fault_is_recognised_by_its_encoding_id()
    {
        var fault = new ServiceFault { ResponseHeader = new ResponseHeader { ServiceResult = StatusCodes.BadSessionIdInvalid } };
        var back = Assert.IsType<ServiceFault>(DecodeMessage(EncodeMessage(fault)));
        Assert.Equal(StatusCodes.BadSessionIdInvalid, back.ResponseHeader.ServiceResult.Code);
    }

    [Fact]
    public void An_unknown_message_type_is_a_decoding_error_naming_the_type()
    {
        var e = Assert.Throws<OpcUaDecodingException>(() => DecodeMessage([0x01, 0x00, 0xFF, 0xFF]));
        Assert.Contains("i=65535", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_generated_structure_is_registered_and_round_trips_when_empty()
    {
        var types = typeof(StandardEncodeables).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(StandardEncodeables).Namespace && typeof(IEncodeable).IsAssignableFrom(t))
            .ToList();
        Assert.True(types.Count >= 80, $"{types.Count} structures");
        Assert.Equal(types.Count, StandardEncodeables.Registry.Count);
        foreach (var type in types)
        {
            var message = (IEncodeable)Activator.CreateInstance(type)!;
            var bytes = EncodeMessage(message);
            Assert.IsType(type, DecodeMessage(bytes));
            Assert.Equal(bytes, EncodeMessage(DecodeMessage(bytes)));
        }
    }

    [Fact]
    public void UNECE_units_resolve_by_code_and_by_unit_id()
    {
        Assert.True(UneceUnits.TryGet("CEL", out var celsius));
        Assert.Equal("°C", celsius.DisplayName);
        Assert.Equal("degree Celsius", celsius.Description);
        Assert.Equal(4408652, celsius.UnitId);
        Assert.True(UneceUnits.TryGetByUnitId(4933453, out var kg));
        Assert.Equal("KGM", kg.Code);
        Assert.False(UneceUnits.TryGet("XYZ_NOT_A_UNIT", out _));
        Assert.True(UneceUnits.Count > 1500);
    }

    [Fact]
    public void Standard_node_names_name_the_reference_types()
    {
        Assert.True(StandardNodeNames.TryGetName(ReferenceTypeIds.HasComponent, out var name));
        Assert.Equal("HasComponent", name);
    }
}
