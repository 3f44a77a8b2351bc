using DataBridge.Connectors.Modbus.Client;
using DataBridge.Connectors.Modbus.Encoding;
using DataBridge.Connectors.Modbus.Planning;
using DataBridge.Connectors.Modbus.Transport;
using DataBridge.Simulators.Modbus;
using Microsoft.Extensions.Time.Testing;

namespace DataBridge.Connectors.Modbus.Tests.Client;

/// <summary>The poller's clock is a TimeProvider: these tests drive it by hand (FakeTimeProvider) against the simulator.</summary>
public sealed class PollerSchedulingTests
{
    private static readonly ModbusPoint[] Points = [new() { Table = ModbusTable.HoldingRegister, Address = 0 }];

    [Fact]
    public async Task Next_cycle_waits_until_the_callback_for_the_previous_one_completed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var sim = new ModbusSimulator(new ModbusSimulatorOptions { Machines = 1, TickInterval = TimeSpan.FromHours(1) });
        sim.Start();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = 0;
        var seenByCycle2 = new TaskCompletionSource<(int Entered, long Requests)>(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var harness = new PollerHarness(
            new ModbusTransportOptions { Host = "127.0.0.1", Port = sim.Port },
            [new ModbusPollGroup { Name = "g", Interval = TimeSpan.FromSeconds(1), Points = Points }],
            time: time,
            onCycle: async (cycle, ct) =>
            {
                var n = Interlocked.Increment(ref entered);
                if (cycle.CycleNumber == 2)
                {
                    seenByCycle2.TrySetResult((n, sim.RequestCount));
                }

                if (cycle.CycleNumber == 1)
                {
                    await release.Task.WaitAsync(ct);
                }
            });

        await harness.WaitForCycleAsync(c => c.CycleNumber == 1, "cycle 1");
        Assert.Equal(1L, harness.Cycles.Single().Samples[0].Value.AsInt64());
        Assert.Equal(time.GetUtcNow().UtcDateTime, harness.Cycles.Single().Timestamp);

        // Ten intervals pass while the sink has not accepted cycle 1: no new cycle may start.
        for (var i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var requests = sim.RequestCount;
        Assert.Equal(1, Volatile.Read(ref entered));
        Assert.Equal(requests, sim.RequestCount);

        // Accepted: the overdue cycle runs at once, stamped with the (fake) time it started.
        release.SetResult();
        var second = await harness.WaitForCycleAsync(c => c.CycleNumber == 2, "cycle 2");
        Assert.Equal(time.GetUtcNow().UtcDateTime, second.Timestamp);

        // No sleep proves the negative: had any cycle started while cycle 1 was held, cycle 2 would not be the second
        // callback, and the simulator would have answered more than the one request of cycle 2 since then.
        var seen = await seenByCycle2.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, seen.Entered);
        Assert.Equal(requests + 1, seen.Requests);

        // From then on one cycle per interval, no burst to catch up the ten missed ones: cycle 3 starts only when the
        // (fake) clock reaches the next interval, so it carries that time, and it is the third cycle of all.
        Assert.Equal(2, harness.Cycles.Count);
        var afterSecond = time.GetUtcNow().UtcDateTime;
        time.Advance(TimeSpan.FromSeconds(1));
        var third = await harness.WaitForCycleAsync(c => c.CycleNumber == 3, "cycle 3");
        Assert.Equal(afterSecond.AddSeconds(1), third.Timestamp);
        Assert.Equal(3, harness.Cycles.Count);
    }

    [Fact]
    public async Task Groups_run_on_their_own_intervals_with_their_own_cycle_numbers()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var sim = new ModbusSimulator(new ModbusSimulatorOptions { Machines = 1, TickInterval = TimeSpan.FromHours(1) });
        sim.Start();
        await using var harness = new PollerHarness(
            new ModbusTransportOptions { Host = "127.0.0.1", Port = sim.Port },
            [
                new ModbusPollGroup { Name = "fast", Interval = TimeSpan.FromSeconds(1), Points = Points },
                new ModbusPollGroup { Name = "slow", Interval = TimeSpan.FromSeconds(5), Points = Points },
            ],
            time: time);

        await harness.WaitForCycleAsync(c => c.GroupName == "slow" && c.CycleNumber == 1, "slow 1");
        await harness.WaitForCycleAsync(c => c.GroupName == "fast" && c.CycleNumber == 1, "fast 1");
        for (var second = 1; second <= 10; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await harness.WaitForCycleAsync(c => c.GroupName == "fast" && c.CycleNumber == second + 1, $"fast {second + 1}");
        }

        await harness.WaitForCycleAsync(c => c.GroupName == "slow" && c.CycleNumber == 3, "slow 3");
        Assert.Equal(3, harness.Cycles.Count(c => c.GroupName == "slow"));
        Assert.Equal(11, harness.Cycles.Count(c => c.GroupName == "fast"));
    }

    [Fact]
    public void Invalid_points_are_refused_at_start_up_naming_the_group()
    {
        ModbusPoint[] bad = [new() { Table = ModbusTable.DiscreteInput, Address = 0, DataType = ModbusDataType.Int32 }];
        var ex = Assert.Throws<ArgumentException>(() => new ModbusDevicePoller(
            new ModbusDeviceOptions { Connection = new ModbusTransportOptions { Host = "127.0.0.1", Port = 502 } },
            [new ModbusPollGroup { Name = "press", Interval = TimeSpan.FromSeconds(1), Points = bad }],
            (_, _) => default));
        Assert.Contains("Poll group 'press'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("data type must be Bool", ex.Message, StringComparison.Ordinal);
    }
}
