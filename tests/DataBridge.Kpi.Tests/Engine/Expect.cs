namespace DataBridge.Kpi.Tests.Engine;

internal static class Expect
{
    /// <summary>Asserts a ratio to 4 decimals (the precision the dashboard shows and the issue asks for).</summary>
    public static void Ratio(double expected, double? actual, string what)
    {
        Assert.True(actual.HasValue, $"{what} is null");
        Assert.True(Math.Abs(expected - actual!.Value) < 0.00005, $"{what}: expected {expected:0.0000}, got {actual.Value:0.000000}");
    }
}
