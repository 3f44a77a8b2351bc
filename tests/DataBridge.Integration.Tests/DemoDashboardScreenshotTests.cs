using System.Globalization;
using System.Text.Json;
using DataBridge.Integration.Tests.Support;
using DataBridge.Testing.Support;
using Microsoft.Playwright;

namespace DataBridge.Integration.Tests;

/// <summary>
/// The README's dashboard picture is what `databridge demo` shows after its first minute: this test runs the demo
/// itself (simulated presses and ovens, bridge, in-memory Kafka, KPI service on the embedded demo-kpi.yaml with the
/// demo's shift), waits until the demo's shift is a minute old, checks the page against docs/kpi.md, and takes the
/// screenshot. `UPDATE_SCREENSHOTS=1` writes it to docs/dashboard.png (and so does a clone without the file).
/// </summary>
[Collection(nameof(ProcessTests))]
public sealed class DemoDashboardScreenshotTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    [Trait("Category", "Browser")]
    public async Task After_its_first_minute_the_demo_dashboard_shows_a_fresh_demo_shift_with_observed_rates_and_a_moving_trend()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium");
        var state = Directory.CreateTempSubdirectory("databridge-demo-shot-").FullName;
        try
        {
            await using var demo = BridgeProcess.Start("demo", "--duration", "300", "--state-dir", state, "--dashboard", "http://127.0.0.1:0");
            var announced = await demo.WaitForLineAsync("KPI dashboard: ", TimeSpan.FromSeconds(90));
            var address = new Uri(announced[(announced.IndexOf("http", StringComparison.Ordinal))..].Trim());
            using var http = new HttpClient { BaseAddress = address };

            // One minute of the demo's shift, and every line's trend drawn from its publications (one per 5 s).
            JsonElement snapshot = default;
            await Eventually.WaitUntilAsync(
                async () =>
                {
                    using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/kpi", UriKind.Relative)));
                    snapshot = doc.RootElement.Clone();
                    var lines = Assets(snapshot, "line");
                    return lines.Count > 0 && lines.All(l => ShiftAge(l) >= TimeSpan.FromMinutes(1) && l.GetProperty("trend").GetArrayLength() >= 10);
                },
                TimeSpan.FromSeconds(180),
                "the demo's shift to be a minute old with a trend on every line",
                TimeSpan.FromSeconds(1));

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { TimezoneId = "UTC", ViewportSize = new ViewportSize { Width = 1680, Height = 1050 } });
            await page.GotoAsync(new Uri(address, "/?window=shift").ToString());
            await Assertions.Expect(page.Locator("[data-testid=window-info]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^shift demo from \d\d:\d\d$"), new() { Timeout = 15_000 });
            await Assertions.Expect(page.Locator("[data-testid=connection]")).ToHaveClassAsync("dot online");
            using (var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/kpi", UriKind.Relative))))
            {
                snapshot = doc.RootElement.Clone();
            }

            foreach (var line in Assets(snapshot, "line"))
            {
                var path = line.GetProperty("path").GetString()!;
                var shift = line.GetProperty("shift");
                Assert.Equal("demo", shift.GetProperty("name").GetString());

                // The demo's shift starts once every machine has reported: nothing of it is unknown, its data begins with it.
                Assert.Equal(0, shift.GetProperty("unknownSeconds").GetDouble());
                Assert.Equal(shift.GetProperty("start").GetDateTime(), shift.GetProperty("dataFrom").GetDateTime());
                await Assertions.Expect(page.Locator($"[data-testid=line][data-asset='{path}'] [data-testid=unknown]")).ToHaveCountAsync(0);

                // Throughput: each cell's PQ per hour of observed planned time; the line adds its cells' rates.
                double sum = 0;
                foreach (var cell in Assets(snapshot, "cell").Where(c => c.GetProperty("path").GetString()!.StartsWith(path + "/", StringComparison.Ordinal)))
                {
                    var w = cell.GetProperty("shift");
                    var expected = w.GetProperty("totalCount").GetInt64() * 3600 / w.GetProperty("observedPlannedSeconds").GetDouble();
                    Assert.Equal(expected, w.GetProperty("throughputPerHour").GetDouble(), 6);
                    sum += expected;
                }

                Assert.Equal(sum, shift.GetProperty("throughputPerHour").GetDouble(), 6);
                Assert.True(sum > 100, $"{path}: {sum:0} parts/h after a minute of demo");

                // The trend moves: at least ten points, a point per publication.
                var trend = page.Locator($"[data-testid=line][data-asset='{path}'] [data-testid=trend]");
                var points = int.Parse(await trend.GetAttributeAsync("data-points") ?? "0", CultureInfo.InvariantCulture);
                Assert.True(points >= 10, $"{path}: {points} trend points after a minute");
            }

            var shot = await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "demo-dashboard.png"), FullPage = true });
            var docsShot = RepoPaths.Combine("docs", "dashboard.png");
            if (!File.Exists(docsShot) || Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
            {
                await File.WriteAllBytesAsync(docsShot, shot);
            }

            demo.Interrupt();
            Assert.Equal(0, await demo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private static List<JsonElement> Assets(JsonElement snapshot, string level) =>
        snapshot.GetProperty("assets").EnumerateArray().Where(a => a.GetProperty("level").GetString() == level).ToList();

    private static TimeSpan ShiftAge(JsonElement asset)
    {
        var shift = asset.GetProperty("shift");
        return shift.ValueKind == JsonValueKind.Null
            ? TimeSpan.Zero
            : shift.GetProperty("end").GetDateTime() - shift.GetProperty("start").GetDateTime();
    }
}
