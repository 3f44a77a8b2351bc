using DataBridge.Diode.Sending;
using Microsoft.Extensions.Time.Testing;

namespace DataBridge.Diode.Tests.Sending;

public sealed class DiodeRateTests
{
    [Theory]
    [InlineData("200Mbit", 200_000_000)]
    [InlineData("1.5Gbit", 1_500_000_000)]
    [InlineData("800kbit", 800_000)]
    [InlineData(" 100Mbit/s ", 100_000_000)]
    [InlineData("100000bit", 100_000)]
    public void A_rate_is_read_in_bits_per_second_with_SI_prefixes(string text, long bits) =>
        Assert.Equal(bits, DiodeRate.Parse(text).BitsPerSecond);

    [Theory]
    [InlineData("200MB")]
    [InlineData("fast")]
    [InlineData("Mbit")]
    [InlineData("-5Mbit")]
    [InlineData("0Mbit")]
    [InlineData("1bit")]
    public void A_rate_that_is_not_bits_per_second_is_refused_with_an_example(string text)
    {
        var e = Assert.Throws<DiodeConfigurationException>(() => DiodeRate.Parse(text));
        Assert.Equal("diode.rateLimit", e.Setting);
        Assert.Contains(text.Trim(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_token_bucket_lets_a_burst_through_then_holds_the_long_run_rate()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(DiodeRate.Parse("8Mbit"), 10_000, time);

        Assert.Equal(TimeSpan.Zero, bucket.Take(10_000));
        var wait = bucket.Take(1_000);
        Assert.Equal(TimeSpan.FromMilliseconds(1), wait);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.Zero, bucket.Take(0));

        // After a long idle the bucket holds the burst, not more.
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.Zero, bucket.Take(10_000));
        Assert.True(bucket.Take(1) > TimeSpan.Zero);
    }

    [Fact]
    public void Options_that_cannot_work_are_refused_naming_every_problem()
    {
        var e = Assert.Throws<DiodeConfigurationException>(() => new DiodeSenderOptions { DataCount = 0, ParityCount = 70, Heartbeat = TimeSpan.Zero }.Validate());
        Assert.Contains("diode.fec.data", e.Message, StringComparison.Ordinal);
        Assert.Contains("diode.fec.parity", e.Message, StringComparison.Ordinal);
        Assert.Contains("diode.heartbeat", e.Message, StringComparison.Ordinal);
    }
}
