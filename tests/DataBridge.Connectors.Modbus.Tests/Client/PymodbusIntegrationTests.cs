using System.Text.Json;
using DataBridge.Connectors.Modbus.Client;
using DataBridge.Connectors.Modbus.Encoding;
using DataBridge.Connectors.Modbus.Planning;
using DataBridge.Connectors.Modbus.Transport;
using DataBridge.Core;
using DataBridge.Testing.Modbus;

namespace DataBridge.Connectors.Modbus.Tests.Client;

/// <summary>Against a real Modbus TCP server: python3-pymodbus 3.0.0rc1 running tests/peers/modbus/server.py.</summary>
public sealed class PymodbusIntegrationTests
{
    private static ModbusTransportOptions Connection(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        UnitId = 1,
        RequestTimeout = TimeSpan.FromSeconds(1),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        ReconnectDelay = TimeSpan.FromMilliseconds(100),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(500),
    };

    private static ModbusPoint ToPoint(PymodbusPoint p) => new()
    {
        Table = p.Table switch
        {
            "hr" => ModbusTable.HoldingRegister,
            "ir" => ModbusTable.InputRegister,
            "co" => ModbusTable.Coil,
            _ => ModbusTable.DiscreteInput,
        },
        Address = (ushort)p.Address,
        DataType = Enum.Parse<ModbusDataType>(p.Type, ignoreCase: true),
        ByteOrder = Enum.Parse<ModbusByteOrder>(p.Order),
        BitIndex = p.Bit,
        StringLength = p.Length,
    };

    private static TagValue Expected(PymodbusPoint p) => p.Type switch
    {
        "int16" => TagValue.FromInt16((short)p.Value.GetInt64()),
        "uint16" => TagValue.FromUInt16((ushort)p.Value.GetInt64()),
        "int32" => TagValue.FromInt32((int)p.Value.GetInt64()),
        "uint32" => TagValue.FromUInt32((uint)p.Value.GetInt64()),
        "int64" => TagValue.FromInt64(p.Value.GetInt64()),
        "uint64" => TagValue.FromUInt64(p.Value.GetUInt64()),
        "float32" => TagValue.FromFloat((float)p.Value.GetDouble()),
        "float64" => TagValue.FromDouble(p.Value.GetDouble()),
        "string" => TagValue.FromString(p.Value.GetString()!),
        "bool" => TagValue.FromBoolean(p.Value.ValueKind == JsonValueKind.True),
        _ => throw new InvalidOperationException(p.Type),
    };

    [Fact]
    public async Task Every_type_and_byte_order_reads_back_as_the_peer_script_defines_it()
    {
        await using var peer = await PymodbusServer.StartAsync();
        Assert.True(peer.Points.Count > 40, "the peer defines every type x order");
        var points = peer.Points.Select(ToPoint).ToList();

        // Small requests so that many are in flight at once on the one connection.
        await using var harness = new PollerHarness(
            Connection(peer.Port) with { MaxInFlight = 4 },
            [new ModbusPollGroup { Name = "all", Interval = TimeSpan.FromMilliseconds(200), Points = points }],
            new ModbusPlannerOptions { MaxRegistersPerRequest = 8, MaxBitsPerRequest = 4 });

        var cycle = await harness.WaitForCycleAsync(c => c.Samples.All(s => s.Status.IsGood), "a cycle with every point Good");
        Assert.True(harness.Poller.Plans["all"].Count > 10);
        for (var i = 0; i < points.Count; i++)
        {
            Assert.True(Expected(peer.Points[i]) == cycle.Samples[i].Value, $"{peer.Points[i]}: read {cycle.Samples[i].Value} ({cycle.Samples[i].Value.Kind})");
            Assert.Equal(cycle.Timestamp, cycle.Samples[i].SourceTimestamp);
        }
    }

    [Fact]
    public async Task Illegal_address_marks_only_the_points_of_that_request_bad()
    {
        await using var peer = await PymodbusServer.StartAsync();
        ModbusPoint[] points =
        [
            new() { Table = ModbusTable.HoldingRegister, Address = 0, DataType = ModbusDataType.Int16 },
            // The peer has 200 holding registers: 198..201 runs past the end -> exception 2.
            new() { Table = ModbusTable.HoldingRegister, Address = 198, DataType = ModbusDataType.UInt64 },
            new() { Table = ModbusTable.InputRegister, Address = 0, DataType = ModbusDataType.Float32, ByteOrder = ModbusByteOrder.CDAB },
            new() { Table = ModbusTable.Coil, Address = 3, DataType = ModbusDataType.Bool },
        ];

        await using var harness = new PollerHarness(Connection(peer.Port), [new ModbusPollGroup { Name = "g", Interval = TimeSpan.FromMilliseconds(200), Points = points }]);
        var cycle = await harness.WaitForCycleAsync(c => c.Samples[0].Status.IsGood, "a cycle after the connection is up");

        Assert.Equal(StatusCodes.BadNodeIdUnknown, cycle.Samples[1].Status.Code);
        Assert.True(cycle.Samples[1].Value.IsNull);
        Assert.True(cycle.Samples[0].Status.IsGood);
        Assert.Equal(-12345, cycle.Samples[0].Value.AsInt64());
        Assert.True(cycle.Samples[2].Status.IsGood);
        Assert.Equal(21.5, cycle.Samples[2].Value.AsDouble());
        Assert.True(cycle.Samples[3].Status.IsGood);
        Assert.True(cycle.Samples[3].Value.AsBoolean());
    }

    [Fact]
    public async Task Server_stopped_mid_run_gives_bad_quality_and_polling_resumes_when_it_restarts()
    {
        await using var peer = await PymodbusServer.StartAsync();
        var defined = peer.Points.First(p => p is { Table: "hr", Type: "float32", Order: "ABCD" });
        ModbusPoint[] points = [ToPoint(defined)];
        await using var harness = new PollerHarness(Connection(peer.Port), [new ModbusPollGroup { Name = "g", Interval = TimeSpan.FromMilliseconds(150), Points = points }]);

        var good = await harness.WaitForCycleAsync(c => c.Samples[0].Status.IsGood, "a Good sample");
        await peer.StopAsync();
        var bad = await harness.WaitForCycleAsync(c => c.CycleNumber > good.CycleNumber && c.Samples[0].Status.IsBad, "a Bad sample after the peer died");
        Assert.Contains(bad.Samples[0].Status.Code, new[] { StatusCodes.BadNoCommunication, StatusCodes.BadCommunicationError, StatusCodes.BadTimeout });

        // Stays Bad (and keeps polling) while the device is away.
        var later = await harness.WaitForCycleAsync(c => c.CycleNumber >= bad.CycleNumber + 3, "polling continues while the device is away");
        Assert.True(later.Samples[0].Status.IsBad);

        await peer.StartAgainAsync();
        var back = await harness.WaitForCycleAsync(c => c.CycleNumber > later.CycleNumber && c.Samples[0].Status.IsGood, "Good again after the restart");
        Assert.Equal(Expected(defined), back.Samples[0].Value);

        // One cycle per number, in order, nothing skipped.
        var numbers = harness.Cycles.Select(c => c.CycleNumber).ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count).Select(n => (long)n), numbers);
    }
}
