using System.Buffers;

using CsCheck;
using DataBridge.Connectors.Mqtt.Encoding.Json;
using DataBridge.Core;

namespace DataBridge.Connectors.Mqtt.Tests.Encoding;

public sealed class JsonPayloadReaderTests
{
    private static readonly DateTime Received = new(2026, 12, 5, 6, 30, 0, DateTimeKind.Utc);
    private static readonly JsonSelector Value = JsonSelector.Parse("$.value");
    private static readonly JsonSelector Ts = JsonSelector.Parse("$.ts");

    private static Sample Read(string json, JsonSelector? ts = null, JsonSelector? value = null) =>
        JsonPayloadReader.Read("plant7/l1/press/p7/temperature", new ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(json)), value ?? Value, ts, Received, 4096);

    [Fact]
    public void A_number_with_an_epoch_millisecond_timestamp_becomes_a_good_sample_at_that_time()
    {
        var sample = Read("""{"value": 21.5, "ts": 1796450400000}""", Ts);

        Assert.Equal(TagValue.FromDouble(21.5), sample.Value);
        Assert.True(sample.Status.IsGood);
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(1796450400000), sample.SourceTimestamp);
    }

    [Fact]
    public void An_ISO_8601_timestamp_with_an_offset_is_converted_to_UTC()
    {
        var sample = Read("""{"value": 3, "ts": "2026-12-05T07:00:00+01:00"}""", Ts);

        Assert.Equal(TagValue.FromInt64(3), sample.Value);
        Assert.Equal(new DateTime(2026, 12, 5, 6, 0, 0, DateTimeKind.Utc), sample.SourceTimestamp);
    }

    [Fact]
    public void Without_a_timestamp_selector_the_receive_time_is_used()
    {
        Assert.Equal(Received, Read("""{"value": true}""").SourceTimestamp);
        Assert.Equal(TagValue.FromString("RUN"), Read("""{"value": "RUN"}""").Value);
    }

    [Theory]
    [InlineData("""{"value": 1""", JsonPayloadError.MalformedJson)]
    [InlineData("not json", JsonPayloadError.MalformedJson)]
    [InlineData("""{"val": 1}""", JsonPayloadError.MissingValue)]
    [InlineData("""{"value": null}""", JsonPayloadError.NullValue)]
    [InlineData("""{"value": {"x": 1}}""", JsonPayloadError.UnsupportedValue)]
    [InlineData("""{"value": 1}""", JsonPayloadError.MissingTimestamp)]
    [InlineData("""{"value": 1, "ts": "yesterday"}""", JsonPayloadError.InvalidTimestamp)]
    [InlineData("""{"value": 1, "ts": -5}""", JsonPayloadError.InvalidTimestamp)]
    [InlineData("""{"value": 1, "ts": 1.5}""", JsonPayloadError.InvalidTimestamp)]
    [InlineData("""{"value": 1, "ts": [1]}""", JsonPayloadError.InvalidTimestamp)]
    public void Bad_payloads_are_rejected_with_the_reason_and_the_topic(string json, JsonPayloadError error)
    {
        var e = Assert.Throws<JsonPayloadException>(() => Read(json, Ts));

        Assert.Equal(error, e.Error);
        Assert.Contains("plant7/l1/press/p7/temperature", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_over_the_limit_is_rejected_before_it_is_parsed()
    {
        var e = Assert.Throws<JsonPayloadException>(() => Read("{\"value\": \"" + new string('x', 5000) + "\"}"));
        Assert.Equal(JsonPayloadError.TooLarge, e.Error);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_malformed_not_a_stack_overflow()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var e = Assert.Throws<JsonPayloadException>(() => JsonPayloadReader.Read("t", new ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(deep)), Value, null, Received, 1 << 20));
        Assert.Equal(JsonPayloadError.MalformedJson, e.Error);
    }

    [Fact]
    public void Any_bytes_give_a_sample_or_a_typed_error()
    {
        var jsonish = Gen.String[Gen.Char["{}[]\":,0123456789.-tfnulevasT "], 0, 60].Select(s => System.Text.Encoding.UTF8.GetBytes(s));
        Gen.OneOf(Gen.Byte.Array[0, 200], jsonish).Sample(bytes =>
        {
            try
            {
                JsonPayloadReader.Read("t", new ReadOnlySequence<byte>(bytes), Value, Ts, Received, 4096);
            }
            catch (JsonPayloadException)
            {
            }
        }, iter: 5000);
    }
}
