using System.Globalization;
using DataBridge.Core;
using DataBridge.Kpi.Dashboard;
using DataBridge.Kpi.Model.Yaml;
using DataBridge.Kpi.Service;
using DataBridge.Schemas.Kpi;
using DataBridge.Testing.Kpi;
using DataBridge.Testing.Support;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace DataBridge.Kpi.Tests.EndToEnd;

/// <summary>
/// Values in Kafka (mock cluster) → KPI service → KPI topic and dashboard → headless Debian Chromium driven by
/// Playwright (its bundled node driver, no browser download). The page's OEE must equal the published KPI record,
/// and follow a state change.
/// </summary>
public sealed class DashboardBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Line = "acme/plant7/press/line2";

    // Monday 2026-11-23: the early shift of samples/kpi/kpi.yaml runs 06:00-14:00 UTC with breaks 09:00-09:15 and 12:00-12:30.
    private static readonly DateTime ShiftStart = new(2026, 11, 23, 6, 0, 0, DateTimeKind.Utc);

    [Fact]
    [Trait("Category", "Browser")]
    public async Task Displayed_line_oee_matches_the_kpi_record_and_follows_a_breakdown()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium");
        await using var plant = await KpiKafkaPlant.StartAsync();
        var historyEnd = ShiftStart.AddHours(3.5);
        var history = SamplePlantHistory.Generate(ShiftStart, historyEnd);
        await plant.WriteAsync(history);

        var model = KpiModelLoader.Load(RepoPaths.Combine("samples", "kpi", "kpi.yaml"));
        var time = new FakeTimeProvider(historyEnd.AddMinutes(-60));
        var hub = new KpiSnapshotHub();
        var service = new KpiService(model, new KpiServiceOptions { BootstrapServers = plant.BootstrapServers, GroupId = "kpi-e2e" }, hub, time: time);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var run = service.RunAsync(stop.Token);
        await using var dashboard = await KpiDashboardServer.StartAsync(hub, new KpiDashboardOptions { Url = "http://127.0.0.1:0" });
        try
        {
            await Eventually.WaitUntilAsync(
                () => service.Counters.ValuesConsumed >= history.Count || run.IsCompleted,
                TimeSpan.FromSeconds(40),
                $"the service to read the {history.Count} records of the shift history");
            Assert.False(run.IsCompleted, run.Exception?.ToString() ?? "the service stopped");

            // An hour of publications, two minutes apart, so the trend has a history.
            for (var step = 0; step < 30; step++)
            {
                await PublishAsync(service, time, TimeSpan.FromMinutes(2));
            }

            var firstAt = time.GetUtcNow().UtcDateTime;
            var first = plant.WaitForKpi(r => r.AssetPath == Line && r.Window == KpiRecordWindow.Shift && r.ComputedAt == firstAt, TimeSpan.FromSeconds(20));
            Assert.NotNull(first.Oee);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1680, Height = 1050 } });
            var external = new List<string>();
            page.Request += (_, r) =>
            {
                if (!r.Url.StartsWith(dashboard.Address.ToString(), StringComparison.Ordinal))
                {
                    external.Add(r.Url);
                }
            };
            await page.GotoAsync(new Uri(dashboard.Address, "/?window=shift").ToString());

            var oee = page.Locator($"[data-testid=oee][data-asset='{Line}']");
            await Assertions.Expect(oee).ToHaveAttributeAsync("data-value", Format(first.Oee!.Value), new() { Timeout = 15_000 });
            await Assertions.Expect(oee).ToHaveTextAsync(Percent(first.Oee.Value));
            await page.Locator("[data-testid=trend]").First.WaitForAsync();
            // Into the test output only: the README's picture (docs/dashboard.png) is the demo's own (DemoDashboardScreenshotTests).
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "dashboard.png"), FullPage = true });

            // Press 07 breaks down (hydraulics) and stays down for 20 minutes: the line's shift OEE must drop on the page.
            // Count before writing: the service may consume the two values before the next line runs.
            var before = service.Counters.ValuesConsumed;
            await plant.ValueAsync(SamplePlantHistory.Press + "/state", TagValue.FromUInt16(3), time.GetUtcNow().UtcDateTime, source: "press07", sequence: 1_000_000);
            await plant.ValueAsync(SamplePlantHistory.Press + "/reason", TagValue.FromUInt16(3), time.GetUtcNow().UtcDateTime, source: "press07", sequence: 1_000_001);
            await Eventually.WaitUntilAsync(() => service.Counters.ValuesConsumed >= before + 2, TimeSpan.FromSeconds(20), "the breakdown to be consumed");
            await PublishAsync(service, time, TimeSpan.FromMinutes(20));
            var secondAt = time.GetUtcNow().UtcDateTime;
            var second = plant.WaitForKpi(r => r.AssetPath == Line && r.Window == KpiRecordWindow.Shift && r.ComputedAt == secondAt, TimeSpan.FromSeconds(20));

            Assert.True(second.Oee < first.Oee, $"OEE {second.Oee} after a 20-minute breakdown is not below {first.Oee}");
            await Assertions.Expect(oee).ToHaveAttributeAsync("data-value", Format(second.Oee!.Value), new() { Timeout = 15_000 });
            await Assertions.Expect(oee).ToHaveTextAsync(Percent(second.Oee.Value));
            await Assertions.Expect(page.Locator($"[data-testid=state][data-asset='{SamplePlantHistory.Press}']")).ToHaveTextAsync("down");
            Assert.Empty(external);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(20));
        }
    }

    private static async Task PublishAsync(KpiService service, FakeTimeProvider time, TimeSpan step)
    {
        var computations = service.Counters.Computations;
        time.Advance(step);
        await Eventually.WaitUntilAsync(() => service.Counters.Computations > computations, TimeSpan.FromSeconds(10), "a KPI publication");
    }

    private static string Format(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
