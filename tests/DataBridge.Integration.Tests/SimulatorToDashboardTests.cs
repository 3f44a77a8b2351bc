using System.Collections.Concurrent;
using System.Globalization;
using Confluent.Kafka;
using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Sinks.Kafka;
using DataBridge.Cli.Hosting;
using DataBridge.Kpi.Dashboard;
using DataBridge.Kpi.Model.Yaml;
using DataBridge.Kpi.Service;
using DataBridge.Schemas.Kpi;
using DataBridge.Simulators.Modbus;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace DataBridge.Integration.Tests;

/// <summary>
/// Issue 7 end to end with nothing scripted: the Modbus simulator's press runs, the bridge polls it and produces to
/// the mock Kafka cluster, the KPI service consumes the values and publishes KPI records, and headless Chromium
/// (driven by Playwright) shows the dashboard. The line's displayed OEE equals a published KPI record, and it falls
/// when the simulated press breaks down.
/// </summary>
[Collection(nameof(ProcessTests))]
public sealed class SimulatorToDashboardTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Line = "acme/plant7/pressing/line1";
    private const string Cell = Line + "/press1";
    private readonly string _dir = Directory.CreateTempSubdirectory("databridge-e2e-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string KpiModel = """
        kpi:
          rollingWindow: 60m
          publishInterval: 1s
        assets:
          - path: acme/plant7/pressing/line1/press1
            state:
              tag: acme/plant7/pressing/line1/press1/state
              codes: {0: idle, 1: running, 2: idle, 3: down, 4: planned-stop}
            reason:
              tag: acme/plant7/pressing/line1/press1/downtime_reason
              codes: {1: Breakdown, 2: Starved, 3: Blocked, 4: Changeover, 5: Planned break}
            counters:
              total: acme/plant7/pressing/line1/press1/parts_total
              good: acme/plant7/pressing/line1/press1/parts_good
            idealCycleTime: 2s
            targets: { oee: 0.85 }
        """;

    [Fact]
    [Trait("Category", "Browser")]
    public async Task Dashboard_shows_the_line_oee_of_the_kpi_record_and_follows_a_simulated_breakdown()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        using var kafka = KafkaMockCluster.Start(3);
        foreach (var t in new[] { "databridge.values", "databridge.metadata", "databridge.gaps", "databridge.events", "databridge.kpi" })
        {
            kafka.CreateTopic(t, KafkaMockCluster.DefaultPartitions);
        }

        await using var sim = new ModbusSimulator(new ModbusSimulatorOptions { Port = 0, Machines = 1, Seed = 7 });
        sim.Start();

        // The bridge on the demo's own configuration (one press), in this process.
        Environment.SetEnvironmentVariable("DEMO_PORT_1", sim.Port.ToString(CultureInfo.InvariantCulture));
        var yaml = File.ReadAllText(Testing.Support.RepoPaths.Combine("samples", "demo", "demo.yaml"))
            .Replace("${KAFKA_BOOTSTRAP:-127.0.0.1:9092}", kafka.BootstrapServers, StringComparison.Ordinal)
            .Replace("${DEMO_STATE_DIR:-./databridge-demo-state}", _dir, StringComparison.Ordinal);
        var all = ConfigurationLoader.Parse(yaml, "demo.yaml");
        var config = new BridgeConfiguration
        {
            BridgeId = all.BridgeId,
            StateDirectory = all.StateDirectory,
            Kafka = all.Kafka,
            FilePath = all.FilePath,
            Sources = [all.Sources.Single(s => s.Id == "press1")],
        };
        await using var bridge = await BridgeRunner.StartAsync(config, NullLoggerFactory.Instance, stop.Token, createTopics: false);
        var bridgeRun = bridge.RunAsync(stop.Token);

        var model = KpiModelLoader.Parse(KpiModel, "e2e-kpi.yaml");
        var hub = new KpiSnapshotHub();
        var service = new KpiService(model, new KpiServiceOptions { BootstrapServers = kafka.BootstrapServers, GroupId = "e2e-kpi" }, hub, NullLoggerFactory.Instance);
        var kpiRun = service.RunAsync(stop.Token);
        await using var dashboard = await KpiDashboardServer.StartAsync(hub, new KpiDashboardOptions { Url = "http://127.0.0.1:0" });
        var records = new ConcurrentQueue<KpiRecord>();
        var collector = Task.Run(() => CollectKpiRecords(kafka.BootstrapServers, records, stop.Token));

        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(dashboard.Address, "/?window=shift").ToString());
            var oee = page.Locator($"[data-testid=oee][data-asset='{Line}']");

            // Let the press run for a while so the shift has a measured OEE.
            await Testing.Support.Eventually.WaitUntilAsync(async () => await DisplayedAsync(oee) is > 0, TimeSpan.FromSeconds(60), "a line OEE on the page");
            await Task.Delay(TimeSpan.FromSeconds(6));
            var running = await AssertDisplayedEqualsARecordAsync(oee, records);

            // The press breaks down: availability, and so OEE, must fall on the page, and the state must say so.
            sim.Plant!.Force(1, MachineState.Down, TimeSpan.FromMinutes(5));
            await Assertions.Expect(page.Locator($"[data-testid=state][data-asset='{Cell}']")).ToHaveTextAsync("down", new() { Timeout = 30_000 });
            await Testing.Support.Eventually.WaitUntilAsync(async () => await DisplayedAsync(oee) is { } v && v < running - 0.05, TimeSpan.FromSeconds(40), $"the line OEE to fall below {running - 0.05:0.0000}");
            await AssertDisplayedEqualsARecordAsync(oee, records);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(Quietly(bridgeRun), Quietly(kpiRun), Quietly(collector)).WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private static async Task<double?> DisplayedAsync(ILocator oee)
    {
        if (await oee.CountAsync() == 0)
        {
            return null;
        }

        var text = await oee.GetAttributeAsync("data-value");
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    /// <summary>The page shows what a KPI record on the KPI topic says (same value to 4 decimals).</summary>
    private static async Task<double> AssertDisplayedEqualsARecordAsync(ILocator oee, ConcurrentQueue<KpiRecord> records)
    {
        double shown = 0;
        await Testing.Support.Eventually.WaitUntilAsync(async () =>
        {
            shown = await DisplayedAsync(oee) ?? -1;
            var value = shown;
            return records.Any(r => r.AssetPath == Line && r.Window == KpiRecordWindow.Shift && r.Oee is { } o && Math.Round(o, 4) == value);
        }, TimeSpan.FromSeconds(20), "the displayed line OEE to equal a published KPI record");
        return shown;
    }

    private static void CollectKpiRecords(string bootstrap, ConcurrentQueue<KpiRecord> records, CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "e2e-kpi-reader", AutoOffsetReset = AutoOffsetReset.Earliest }).Build();
        consumer.Subscribe("databridge.kpi");
        while (!ct.IsCancellationRequested)
        {
            var r = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (r?.Message?.Value is { } bytes)
            {
                records.Enqueue(KpiRecordSerializer.Read(bytes));
            }
        }

        consumer.Close();
    }

    private static async Task Quietly(Task t)
    {
        try
        {
            await t;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
