using DataBridge.Core;
using DataBridge.Kpi.Dashboard;
using DataBridge.Kpi.Model.Yaml;
using DataBridge.Kpi.Service;
using DataBridge.Kpi.Tests.Engine;
using DataBridge.Schemas.Kpi;
using DataBridge.Testing.Kpi;
using DataBridge.Testing.Support;
using Microsoft.Extensions.Time.Testing;

namespace DataBridge.Kpi.Tests.Service;

/// <summary>The service against librdkafka's mock cluster: values and a gap in through Kafka, KPI records out.</summary>
public sealed class KpiServiceKafkaTests
{
    [Fact]
    public async Task Service_consumes_values_and_gaps_from_kafka_and_publishes_kpi_records()
    {
        await using var plant = await KpiKafkaPlant.StartAsync();

        // The gap case of KpiCalculationTests, through Kafka: running from 00:00, 180 parts,
        // PRI 30 s, gap plc1 5..9 between 00:20 and 00:35 → unknown 900 s, PBT 6300, A = 1, P = 5400 / 6300 = 0.857143.
        // The line above the cell is the roll-up of that one cell: same OEE 0.8571.
        const string Cell = "acme/plant1/assembly/line1/cell1";
        await plant.ValueAsync("cell1/state", TagValue.FromInt32(1), Scenario.At("00:00"), sequence: 1);
        await plant.ValueAsync("cell1/total", TagValue.FromInt32(0), Scenario.At("00:00"), sequence: 2);
        await plant.ValueAsync("cell1/total", TagValue.FromInt32(20), Scenario.At("00:10"), sequence: 3);
        await plant.ValueAsync("cell1/total", TagValue.FromInt32(40), Scenario.At("00:20"), sequence: 4);
        await plant.ValueAsync("cell1/total", TagValue.FromInt32(70), Scenario.At("00:35"), sequence: 10);
        await plant.ValueAsync("cell1/total", TagValue.FromInt32(180), Scenario.At("02:00"), sequence: 11);
        await plant.ValueAsync("other/tag", TagValue.FromDouble(21.5), Scenario.At("01:00"), sequence: 12);
        await plant.GapAsync("plc1", 5, 9);

        var model = KpiModelLoader.Parse(Scenario.Cell(30) + "kpi: { publishInterval: 5s }\n", "test.yaml");
        var time = new FakeTimeProvider(Scenario.At("01:59:55"));
        var hub = new KpiSnapshotHub();
        var service = new KpiService(model, new KpiServiceOptions { BootstrapServers = plant.BootstrapServers, GroupId = "kpi-test" }, hub, time: time);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = service.RunAsync(stop.Token);
        try
        {
            await Eventually.WaitUntilAsync(
                () => service.Counters.ValuesConsumed >= 7 && service.Counters.GapsConsumed >= 1 || run.IsCompleted,
                TimeSpan.FromSeconds(40),
                "the service to consume 7 values and 1 gap");
            Assert.False(run.IsFaulted, run.Exception?.ToString());

            time.Advance(TimeSpan.FromSeconds(5));

            var line = plant.WaitForKpi(r => r.AssetPath == "acme/plant1/assembly/line1" && r.Window == KpiRecordWindow.Shift, TimeSpan.FromSeconds(20));
            var cell = plant.WaitForKpi(r => r.AssetPath == Cell && r.Window == KpiRecordWindow.Shift, TimeSpan.FromSeconds(20));

            Assert.Equal(KpiRecordLevel.Line, line.Level);
            Assert.False(line.Measured);
            Assert.True(cell.Measured);
            Assert.Equal(Scenario.At("02:00"), cell.ComputedAt);
            Assert.Equal(900, cell.UnknownSeconds, 3);
            Assert.Equal(180, cell.TotalCount);
            Expect.Ratio(0.8571, cell.Oee, "cell OEE");
            Expect.Ratio(0.8571, line.Oee, "line OEE");
            Assert.Equal("running", cell.State);
            Assert.Equal(0, service.Counters.DecodeErrors);
            Assert.Equal(0.8571, hub.Current.Assets.Single(a => a.Path == Cell).Shift!.Oee!.Value, 4);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(20));
        }
    }
}
