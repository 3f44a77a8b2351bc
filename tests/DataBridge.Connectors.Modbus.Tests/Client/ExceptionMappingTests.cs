using DataBridge.Connectors.Modbus.Client;
using DataBridge.Connectors.Modbus.Encoding;
using DataBridge.Connectors.Modbus.Planning;
using DataBridge.Connectors.Modbus.Transport;
using DataBridge.Core;
using DataBridge.Testing.Modbus;

namespace DataBridge.Connectors.Modbus.Tests.Client;

public sealed class ExceptionMappingTests
{
    private static ModbusTransportOptions Options(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        RequestTimeout = TimeSpan.FromMilliseconds(300),
        ReconnectDelay = TimeSpan.FromMilliseconds(20),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
    };

    [Theory]
    [InlineData(0x01, StatusCodes.BadNotSupported)]
    [InlineData(0x02, StatusCodes.BadNodeIdUnknown)]
    [InlineData(0x04, StatusCodes.BadDeviceFailure)]
    [InlineData(0x0A, StatusCodes.BadCommunicationError)]
    [InlineData(0x0B, StatusCodes.BadNoCommunication)]
    public async Task Exception_response_becomes_the_quality_of_the_points_of_that_request(int exceptionCode, uint status)
    {
        // Holding register reads get the exception; coil reads get a good answer.
        await using var server = new HostileModbusServer((r, _) => r[7] == 3
            ? [r[0], r[1], 0, 0, 0, 3, r[6], 0x83, (byte)exceptionCode]
            : [r[0], r[1], 0, 0, 0, 4, r[6], 0x01, 1, 0x01]);
        ModbusPoint[] points =
        [
            new() { Table = ModbusTable.HoldingRegister, Address = 5, DataType = ModbusDataType.Float32 },
            new() { Table = ModbusTable.Coil, Address = 0, DataType = ModbusDataType.Bool },
        ];

        await using var harness = new PollerHarness(Options(server.Port), [new ModbusPollGroup { Name = "g", Interval = TimeSpan.FromMilliseconds(100), Points = points }]);
        // The first cycle may run before the connection is up (then every point is BadNoCommunication).
        var cycle = await harness.WaitForCycleAsync(c => c.Samples[1].Status.IsGood, "a cycle with the coil read");

        Assert.Equal(status, cycle.Samples[0].Status.Code);
        Assert.True(cycle.Samples[1].Status.IsGood);
        Assert.True(cycle.Samples[1].Value.AsBoolean());
    }

    [Fact]
    public async Task A_device_that_is_not_there_gives_bad_no_communication_and_polling_goes_on()
    {
        var port = DataBridge.Testing.Support.FreePort.Tcp();
        ModbusPoint[] points = [new() { Table = ModbusTable.HoldingRegister, Address = 0 }];
        await using var harness = new PollerHarness(Options(port), [new ModbusPollGroup { Name = "g", Interval = TimeSpan.FromMilliseconds(50), Points = points }]);

        var cycle = await harness.WaitForCycleAsync(c => c.CycleNumber >= 3, "three cycles");
        Assert.All(harness.Cycles, c => Assert.Equal(StatusCodes.BadNoCommunication, c.Samples[0].Status.Code));
        Assert.True(cycle.Samples[0].Value.IsNull);
    }

    [Fact]
    public async Task A_silent_device_gives_bad_timeout_and_polling_goes_on()
    {
        await using var server = new HostileModbusServer((_, _) => null);
        ModbusPoint[] points = [new() { Table = ModbusTable.InputRegister, Address = 0 }];
        await using var harness = new PollerHarness(Options(server.Port), [new ModbusPollGroup { Name = "g", Interval = TimeSpan.FromMilliseconds(50), Points = points }]);

        var timedOut = await harness.WaitForCycleAsync(c => c.Samples[0].Status.Code == StatusCodes.BadTimeout, "a BadTimeout sample");
        var later = await harness.WaitForCycleAsync(c => c.CycleNumber >= timedOut.CycleNumber + 2, "polling goes on");
        Assert.True(later.Samples[0].Status.IsBad);
    }

    [Fact]
    public async Task A_malformed_answer_gives_bad_communication_error_and_polling_goes_on()
    {
        await using var server = new HostileModbusServer((r, _) => [r[0], r[1], 0, 0, 0, 4, r[6], 0x04, 9, 9]);
        ModbusPoint[] points = [new() { Table = ModbusTable.InputRegister, Address = 0 }];
        await using var harness = new PollerHarness(Options(server.Port), [new ModbusPollGroup { Name = "g", Interval = TimeSpan.FromMilliseconds(50), Points = points }]);

        var cycle = await harness.WaitForCycleAsync(c => c.Samples[0].Status.Code == StatusCodes.BadCommunicationError, "a BadCommunicationError sample");
        await harness.WaitForCycleAsync(c => c.CycleNumber > cycle.CycleNumber + 2, "polling goes on");
        Assert.False(harness.Run.IsCompleted);
    }

    [Fact]
    public async Task An_undecodable_string_gives_bad_decoding_error_on_that_point_only()
    {
        // Register 0 holds 0xC3A9 (not ASCII), register 1 holds 7.
        await using var server = new HostileModbusServer((r, _) => [r[0], r[1], 0, 0, 0, 7, r[6], 0x03, 4, 0xC3, 0xA9, 0, 7]);
        ModbusPoint[] points =
        [
            new() { Table = ModbusTable.HoldingRegister, Address = 0, DataType = ModbusDataType.String, StringLength = 1 },
            new() { Table = ModbusTable.HoldingRegister, Address = 1 },
        ];
        await using var harness = new PollerHarness(Options(server.Port), [new ModbusPollGroup { Name = "g", Interval = TimeSpan.FromMilliseconds(100), Points = points }]);

        var cycle = await harness.WaitForCycleAsync(c => c.Samples[1].Status.IsGood, "a cycle with the register read");
        Assert.Equal(StatusCodes.BadDecodingError, cycle.Samples[0].Status.Code);
        Assert.Equal(7, cycle.Samples[1].Value.AsInt64());
    }
}
