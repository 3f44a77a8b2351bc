using DataBridge.Connectors.OpcUa.Encoding.Types;
using DataBridge.Connectors.OpcUa.Subscriptions;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Tests.Subscriptions;

/// <summary>Issue #19: a sample never claims Good for a value the bridge dropped, and never invents a date or text.</summary>
public sealed class VariantConversionTests
{
    private static readonly DateTime Source = new(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_array_with_good_status_becomes_BadTypeMismatch_with_the_servers_timestamps()
    {
        var sample = VariantConversion.ToSample(new DataValue(Variant.FromArray(new int[16]), new StatusCode(StatusCodes.Good), Source, Source.AddSeconds(1)));
        Assert.Equal(StatusCodes.BadTypeMismatch, sample.Status.Code);
        Assert.True(sample.Value.IsNull);
        Assert.Equal(Source, sample.SourceTimestamp);
        Assert.Equal(Source.AddSeconds(1), sample.ServerTimestamp);
    }

    [Fact]
    public void An_array_with_uncertain_status_becomes_bad_too_and_a_bad_status_of_the_server_is_kept()
    {
        Assert.Equal(StatusCodes.BadTypeMismatch, VariantConversion.ToSample(new DataValue(Variant.FromArray(new[] { 1.0 }), new StatusCode(StatusCodes.UncertainLastUsableValue))).Status.Code);
        Assert.Equal(StatusCodes.BadSensorFailure, VariantConversion.ToSample(new DataValue(Variant.FromArray(new[] { 1.0 }), new StatusCode(StatusCodes.BadSensorFailure))).Status.Code);
    }

    [Fact]
    public void A_null_string_is_an_empty_String_with_good_quality()
    {
        var sample = VariantConversion.ToSample(new DataValue(new Variant((string?)null), new StatusCode(StatusCodes.Good), Source, Source));
        Assert.Equal(ValueKind.String, sample.Value.Kind);
        Assert.False(sample.Value.HasValue);
        Assert.True(sample.Status.IsGood);
    }

    [Theory]
    [InlineData(1601, 1, 1)]
    [InlineData(1, 1, 1)]
    public void The_minimum_opc_ua_date_is_an_empty_DateTime_not_a_fake_date(int year, int month, int day)
    {
        var value = VariantConversion.ToTagValue(new Variant(new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(ValueKind.DateTime, value.Kind);
        Assert.False(value.HasValue);
        Assert.Equal("null", value.ToString());
    }

    [Fact]
    public void A_real_date_and_an_empty_variant_are_carried_as_they_are()
    {
        Assert.Equal(TagValue.FromDateTime(Source), VariantConversion.ToTagValue(new Variant(Source)));
        var empty = VariantConversion.ToSample(new DataValue(Variant.Null, new StatusCode(StatusCodes.Good)));
        Assert.True(empty.Value.IsNull);
        Assert.True(empty.Status.IsGood);
    }
}
