using DataBridge.Connectors.Mqtt.Encoding;
using DataBridge.Core;
using Metric = DataBridge.Connectors.Mqtt.Encoding.Proto.Payload.Types.Metric;

namespace DataBridge.Connectors.Mqtt.Tests.Encoding;

public sealed class SparkplugValueConverterTests
{
    private static readonly (SparkplugDataType Type, Metric Metric, TagValue Expected)[] Table =
    [
        (SparkplugDataType.Int8, new Metric { IntValue = unchecked((uint)-5) }, TagValue.FromSByte(-5)),
        (SparkplugDataType.Int8, new Metric { IntValue = 0xFB }, TagValue.FromSByte(-5)),
        (SparkplugDataType.Int16, new Metric { IntValue = unchecked((uint)-300) }, TagValue.FromInt16(-300)),
        (SparkplugDataType.Int32, new Metric { IntValue = unchecked((uint)int.MinValue) }, TagValue.FromInt32(int.MinValue)),
        (SparkplugDataType.Int64, new Metric { LongValue = unchecked((ulong)-7L) }, TagValue.FromInt64(-7)),
        (SparkplugDataType.UInt8, new Metric { IntValue = 200 }, TagValue.FromByte(200)),
        (SparkplugDataType.UInt16, new Metric { IntValue = 65535 }, TagValue.FromUInt16(65535)),
        (SparkplugDataType.UInt32, new Metric { IntValue = uint.MaxValue }, TagValue.FromUInt32(uint.MaxValue)),
        (SparkplugDataType.UInt32, new Metric { LongValue = 7 }, TagValue.FromUInt32(7)),
        (SparkplugDataType.UInt64, new Metric { LongValue = ulong.MaxValue }, TagValue.FromUInt64(ulong.MaxValue)),
        (SparkplugDataType.Float, new Metric { FloatValue = 1.5f }, TagValue.FromFloat(1.5f)),
        (SparkplugDataType.Double, new Metric { DoubleValue = -2.25 }, TagValue.FromDouble(-2.25)),
        (SparkplugDataType.Boolean, new Metric { BooleanValue = true }, TagValue.FromBoolean(true)),
        (SparkplugDataType.String, new Metric { StringValue = "RUN" }, TagValue.FromString("RUN")),
        (SparkplugDataType.Text, new Metric { StringValue = "long text" }, TagValue.FromString("long text")),
        (SparkplugDataType.UUID, new Metric { StringValue = "3f2504e0-4f89-11d3-9a0c-0305e82c3301" }, TagValue.FromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301")),
        (SparkplugDataType.DateTime, new Metric { LongValue = 1796450400000 }, TagValue.FromDateTime(DateTime.UnixEpoch.AddMilliseconds(1796450400000))),
        (SparkplugDataType.String, new Metric { IsNull = true }, TagValue.Empty(ValueKind.String)),
        ( SparkplugDataType.Double, new Metric { IsNull = true }, TagValue.Null ),
    ];

    public static TheoryData<int> Conversions => new(Enumerable.Range(0, Table.Length));

    [Theory]
    [MemberData(nameof(Conversions))]
    public void Each_supported_datatype_converts_to_its_documented_value_kind(int row)
    {
        var (type, metric, expected) = Table[row];
        var status = SparkplugValueConverter.Convert(metric, type, out var value);

        Assert.Equal(StatusCodes.Good, status);
        Assert.Equal(expected, value);
        Assert.Equal(expected.IsNull ? SparkplugValueConverter.KindOf(type) : expected.Kind, SparkplugValueConverter.KindOf(type));
    }

    [Theory]
    [InlineData(SparkplugDataType.Bytes, StatusCodes.BadNotSupported)]
    [InlineData(SparkplugDataType.DataSet, StatusCodes.BadNotSupported)]
    [InlineData(SparkplugDataType.Template, StatusCodes.BadNotSupported)]
    [InlineData(SparkplugDataType.DoubleArray, StatusCodes.BadNotSupported)]
    [InlineData((SparkplugDataType)0, StatusCodes.BadDataTypeIdUnknown)]
    [InlineData((SparkplugDataType)99, StatusCodes.BadDataTypeIdUnknown)]
    public void Unsupported_and_unknown_datatypes_give_a_bad_status_not_a_value(SparkplugDataType type, uint expected)
    {
        Assert.Equal(expected, SparkplugValueConverter.Convert(new Metric { LongValue = 1 }, type, out var value));
        Assert.True(value.IsNull);
    }

    [Fact]
    public void Values_outside_their_type_or_in_the_wrong_field_are_bad()
    {
        Assert.Equal(StatusCodes.BadOutOfRange, SparkplugValueConverter.Convert(new Metric { IntValue = 256 }, SparkplugDataType.UInt8, out _));
        Assert.Equal(StatusCodes.BadOutOfRange, SparkplugValueConverter.Convert(new Metric { IntValue = 70000 }, SparkplugDataType.Int16, out _));
        Assert.Equal(StatusCodes.BadOutOfRange, SparkplugValueConverter.Convert(new Metric { LongValue = ulong.MaxValue }, SparkplugDataType.DateTime, out _));
        Assert.Equal(StatusCodes.BadTypeMismatch, SparkplugValueConverter.Convert(new Metric { StringValue = "x" }, SparkplugDataType.Double, out _));
        Assert.Equal(StatusCodes.BadNoData, SparkplugValueConverter.Convert(new Metric(), SparkplugDataType.Double, out _));
    }
}
