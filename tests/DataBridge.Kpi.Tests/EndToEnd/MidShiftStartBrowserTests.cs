using System.Globalization;
using System.Text.Json;
using DataBridge.Core;
using DataBridge.Kpi.Dashboard;
using DataBridge.Kpi.Model.Yaml;
using DataBridge.Kpi.Service;
using DataBridge.Schemas;
using DataBridge.Schemas.Kpi;
using DataBridge.Testing.Kpi;
using DataBridge.Testing.Support;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace DataBridge.Kpi.Tests.EndToEnd;

/// <summary>
/// Issue 16: the KPI service starts at 10:37 in a shift that began at midnight (samples/kpi/demo-kpi.yaml plans
/// 24/7), and runs one simulated minute (FakeTimeProvider, a publication every 5 s) on values in librdkafka's mock
/// cluster. The page in headless Chromium must show what docs/kpi.md defines for data that starts mid-shift: unknown
/// time as a share of planned time, throughput over the planned time since the first value, "data since 10:37", and
/// a trend with a point per publication whose values are the rolling OEE.
/// </summary>
public sealed class MidShiftStartBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Line = "acme/plant7/pressing/line1";
    private const string Press1 = Line + "/press1";
    private const string Press2 = Line + "/press2";

    // Monday 2026-11-23 10:37:00 UTC: 10 h 37 min into the "day" shift of the 24/7 calendar.
    private static readonly DateTime Start = new(2026, 11, 23, 10, 37, 0, DateTimeKind.Utc);

    [Fact]
    [Trait("Category", "Browser")]
    public async Task After_one_minute_from_a_mid_shift_start_the_page_shows_unknown_share_observed_throughput_and_a_moving_trend()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium");
        await using var plant = await KpiKafkaPlant.StartAsync();
        var history = OneMinuteOfLine1();
        await plant.WriteAsync(history);

        var model = KpiModelLoader.Load(RepoPaths.Combine("samples", "kpi", "demo-kpi.yaml"));
        var time = new FakeTimeProvider(Start);
        var hub = KpiSnapshotHub.For(model);
        var service = new KpiService(model, new KpiServiceOptions { BootstrapServers = plant.BootstrapServers, GroupId = "kpi-mid-shift" }, hub, time: time);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var run = service.RunAsync(stop.Token);
        await using var dashboard = await KpiDashboardServer.StartAsync(hub, new KpiDashboardOptions { Url = "http://127.0.0.1:0" });
        try
        {
            await Eventually.WaitUntilAsync(
                () => service.Counters.ValuesConsumed >= history.Count || run.IsCompleted,
                TimeSpan.FromSeconds(40),
                $"the service to read the {history.Count} records of the first minute");
            Assert.False(run.IsCompleted, run.Exception?.ToString() ?? "the service stopped");

            // One simulated minute: 12 publications, 5 s apart (the model's publishInterval).
            for (var step = 0; step < 12; step++)
            {
                var computations = service.Counters.Computations;
                time.Advance(model.PublishInterval);
                await Eventually.WaitUntilAsync(() => service.Counters.Computations > computations, TimeSpan.FromSeconds(10), "a KPI publication");
            }

            var end = Start.AddMinutes(1);
            Assert.Equal(end, time.GetUtcNow().UtcDateTime);

            // The definitions (docs/kpi.md), per press: planned 00:00-10:38 = 38280 s, unknown before the first value
            // 00:00-10:37 = 38220 s, observed planned time 60 s. Line: unknown share 76440 / 76560 = 0.998433.
            // Throughput: press1 30 parts + press2 24 parts in 60 s → 1800 + 1440 = 3240 parts/h.
            // OEE: A = 1, P = (2 × 30 + 2 × 24) / 120 = 0.9, Q = 53 / 54 → 0.883333.
            var record = plant.WaitForKpi(r => r.AssetPath == Line && r.Window == KpiRecordWindow.Shift && r.ComputedAt == end, TimeSpan.FromSeconds(20));
            Assert.Equal(76440, record.UnknownSeconds, 3);
            Assert.Equal(3240, record.ThroughputPerHour!.Value, 3);
            Assert.Equal(0.883333, record.Oee!.Value, 5);

            using var http = new HttpClient { BaseAddress = dashboard.Address };
            var api = JsonSerializer.Deserialize(await http.GetByteArrayAsync(new Uri("/api/kpi", UriKind.Relative)), DashboardJsonContext.Default.DashboardSnapshot);
            var line = api!.Assets.Single(a => a.Path == Line);
            Assert.Equal(Start, line.Shift!.DataFrom);
            Assert.Equal(76440.0 / 76560, line.Shift.UnknownShare!.Value, 6);
            Assert.Equal(120, line.Shift.ObservedPlannedSeconds, 3);

            // The trend: a point per publication (10:37:05 … 10:38:00), each the line's rolling OEE then. The first
            // five seconds: press1 2 parts, press2 2 parts in 10 machine-seconds → P = 0.8, A = Q = 1 → OEE 0.8.
            Assert.Equal(12, line.Trend.Count);
            for (var i = 0; i < 12; i++)
            {
                Assert.Equal(new DateTimeOffset(Start.AddSeconds(5 * (i + 1))).ToUnixTimeMilliseconds(), line.Trend[i].T);
            }

            Assert.Equal(0.8, line.Trend[0].Oee!.Value, 6);
            Assert.Equal(line.Rolling!.Oee!.Value, line.Trend[^1].Oee!.Value, 9);
            Assert.Equal(0.883333, line.Trend[^1].Oee!.Value, 5);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { TimezoneId = "UTC", ViewportSize = new ViewportSize { Width = 1680, Height = 1050 } });
            await page.GotoAsync(new Uri(dashboard.Address, "/?window=shift").ToString());

            var card = page.Locator($"[data-testid=line][data-asset='{Line}']");
            await Assertions.Expect(card.Locator("[data-testid=unknown]")).ToHaveAttributeAsync("data-value", "0.9984", new() { Timeout = 15_000 });
            await Assertions.Expect(card.Locator("[data-testid=unknown]")).ToHaveTextAsync("Unknown 99.8%");
            await Assertions.Expect(card.Locator("[data-testid=data-from]")).ToHaveTextAsync("Data since 10:37");
            await Assertions.Expect(card.Locator("[data-testid=throughput]")).ToHaveAttributeAsync("data-value", "3240.0");
            await Assertions.Expect(card.Locator("[data-testid=throughput]")).ToHaveTextAsync("3240 / 3060 parts/h");
            await Assertions.Expect(card.Locator("[data-testid=trend]")).ToHaveAttributeAsync("data-points", "12");
            await Assertions.Expect(page.Locator("[data-testid=line][data-asset='acme/plant7/baking/line3'] [data-testid=data-from]")).ToHaveTextAsync("Data none yet");
            await Assertions.Expect(page.Locator("[data-testid=window-info]")).ToHaveTextAsync("shift day from 00:00");
            await Assertions.Expect(page.Locator($"[data-testid=oee][data-asset='{Line}']")).ToHaveAttributeAsync("data-value", Format(record.Oee.Value));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "dashboard-mid-shift.png"), FullPage = true });
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(20));
        }
    }

    /// <summary>
    /// The first minute of line 1 from 10:37:00: both presses running; press1 makes a part every 2 s (30 by 10:38),
    /// press2 one every 2.5 s (24) and rejects the 12th; press3 on line 2 runs beside them.
    /// </summary>
    private static List<TagValueRecord> OneMinuteOfLine1()
    {
        var records = new List<TagValueRecord>();
        var sequences = new Dictionary<string, long>(StringComparer.Ordinal);
        void Add(string asset, string tag, TagValue value, DateTime at)
        {
            var source = asset[(asset.LastIndexOf('/') + 1)..];
            var seq = sequences.GetValueOrDefault(source) + 1;
            sequences[source] = seq;
            records.Add(new TagValueRecord(source, seq, asset + "/" + tag, asset, value, new StatusCode(StatusCodes.Good), at, at, at));
        }

        foreach (var press in new[] { Press1, Press2, "acme/plant7/pressing/line2/press3" })
        {
            Add(press, "state", TagValue.FromUInt16(1), Start);
        }

        for (var k = 0; k <= 30; k++)
        {
            Add(Press1, "parts_total", TagValue.FromUInt32((uint)k), Start.AddSeconds(2 * k));
            Add(Press1, "parts_good", TagValue.FromUInt32((uint)k), Start.AddSeconds(2 * k));
            Add("acme/plant7/pressing/line2/press3", "parts_total", TagValue.FromUInt32((uint)k), Start.AddSeconds(2 * k));
            Add("acme/plant7/pressing/line2/press3", "parts_good", TagValue.FromUInt32((uint)k), Start.AddSeconds(2 * k));
        }

        for (var k = 0; k <= 24; k++)
        {
            Add(Press2, "parts_total", TagValue.FromUInt32((uint)k), Start.AddSeconds(2.5 * k));
            Add(Press2, "parts_good", TagValue.FromUInt32((uint)(k >= 12 ? k - 1 : k)), Start.AddSeconds(2.5 * k));
        }

        records.Sort((a, b) => a.SourceTimestamp.CompareTo(b.SourceTimestamp));
        return records;
    }

    private static string Format(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
