using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using DataBridge.Connectors.Modbus.Client;
using DataBridge.Connectors.Modbus.Encoding;
using DataBridge.Connectors.Modbus.Planning;
using DataBridge.Connectors.Modbus.Tests.Client;
using DataBridge.Connectors.Modbus.Transport;
using DataBridge.Simulators.Modbus;
using DataBridge.Testing.Support;

namespace DataBridge.Connectors.Modbus.Tests.Simulators;

public sealed class SimulatorTests
{
    // A long tick keeps the values still after the initial publish, so two clients see the same numbers.
    private static ModbusSimulatorOptions Still => new() { Machines = 3, TickInterval = TimeSpan.FromHours(1) };

    private static async Task<string> MbpollAsync(params string[] args)
    {
        await using var mbpoll = ChildProcess.Start("mbpoll", args);
        var exit = await mbpoll.WaitForExitAsync(TimeSpan.FromSeconds(20));
        await Eventually.WaitUntilAsync(() => mbpoll.Output.Contains('[', StringComparison.Ordinal) || exit != 0, TimeSpan.FromSeconds(5), "mbpoll output");
        Assert.True(exit == 0, $"mbpoll exited with {exit}:\n{mbpoll.Output}");
        return mbpoll.Output;
    }

    [Fact]
    public async Task Simulator_answers_mbpoll_an_independent_client()
    {
        await using var sim = new ModbusSimulator(Still);
        sim.Start();
        var port = sim.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // mbpoll counts references from 1: -r 1 is holding register address 0 (machine count).
        var registers = await MbpollAsync("-m", "tcp", "-a", "1", "-r", "1", "-c", "4", "-1", "-p", port, "127.0.0.1");
        Assert.Contains("[1]: \t3", registers, StringComparison.Ordinal);

        // Machine 2 state (address 200 -> reference 201): running.
        var state = await MbpollAsync("-m", "tcp", "-a", "1", "-r", "201", "-c", "1", "-1", "-p", port, "127.0.0.1");
        Assert.Contains("[201]: \t1", state, StringComparison.Ordinal);

        // Machine 1 temperature, float32 ABCD at address 102 (reference 103); -B = big-endian word order.
        var temperature = await MbpollAsync("-m", "tcp", "-a", "1", "-t", "4:float", "-B", "-r", "103", "-c", "1", "-1", "-p", port, "127.0.0.1");
        Assert.Contains("[103]: \t25", temperature, StringComparison.Ordinal);

        // Machine 3 coils at 300..302: running, no alarm, no planned stop.
        var coils = await MbpollAsync("-m", "tcp", "-a", "1", "-t", "0", "-r", "301", "-c", "3", "-1", "-p", port, "127.0.0.1");
        Assert.Contains("[301]: \t1", coils, StringComparison.Ordinal);
        Assert.Contains("[302]: \t0", coils, StringComparison.Ordinal);

        // Machine 1 temperature again from the input registers, CDAB: mbpoll's default word order is little-endian words.
        var input = await MbpollAsync("-m", "tcp", "-a", "1", "-t", "3:float", "-r", "101", "-c", "1", "-1", "-p", port, "127.0.0.1");
        Assert.Contains("[101]: \t25", input, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataBridge_client_reads_the_documented_register_map()
    {
        await using var sim = new ModbusSimulator(Still);
        sim.Start();
        var b = PlantMap.Base(2);
        ModbusPoint[] points =
        [
            new() { Table = ModbusTable.HoldingRegister, Address = (ushort)(b + PlantMap.State) },
            new() { Table = ModbusTable.HoldingRegister, Address = (ushort)(b + PlantMap.StatusWord), DataType = ModbusDataType.Bool, BitIndex = 1 },
            new() { Table = ModbusTable.HoldingRegister, Address = (ushort)(b + PlantMap.Temperature), DataType = ModbusDataType.Float32 },
            new() { Table = ModbusTable.HoldingRegister, Address = (ushort)(b + PlantMap.IdealCycleTime) },
            new() { Table = ModbusTable.HoldingRegister, Address = (ushort)(b + PlantMap.PartCount), DataType = ModbusDataType.UInt32 },
            new() { Table = ModbusTable.HoldingRegister, Address = (ushort)(b + PlantMap.Name), DataType = ModbusDataType.String, StringLength = PlantMap.NameRegisters },
            new() { Table = ModbusTable.InputRegister, Address = (ushort)(b + PlantMap.InputTemperature), DataType = ModbusDataType.Float32, ByteOrder = ModbusByteOrder.CDAB },
            new() { Table = ModbusTable.Coil, Address = (ushort)(b + PlantMap.CoilRunning), DataType = ModbusDataType.Bool },
        ];

        await using var harness = new PollerHarness(
            new ModbusTransportOptions { Host = "127.0.0.1", Port = sim.Port },
            [new ModbusPollGroup { Name = "m2", Interval = TimeSpan.FromMilliseconds(100), Points = points }]);
        var cycle = await harness.WaitForCycleAsync(c => c.Samples.All(s => s.Status.IsGood), "a cycle with every point read");

        Assert.All(cycle.Samples, s => Assert.True(s.Status.IsGood, s.Status.Name));
        Assert.Equal((long)MachineState.Running, cycle.Samples[0].Value.AsInt64());
        Assert.True(cycle.Samples[1].Value.AsBoolean());
        Assert.Equal(25.0, cycle.Samples[2].Value.AsDouble());
        Assert.Equal(35, cycle.Samples[3].Value.AsInt64());
        Assert.Equal(0, cycle.Samples[4].Value.AsInt64());
        Assert.Equal("Lathe 2", cycle.Samples[5].Value.AsString());
        Assert.Equal(25.0, cycle.Samples[6].Value.AsDouble());
        Assert.True(cycle.Samples[7].Value.AsBoolean());
        // No reading through gaps by default: holding 200-203, 205-207 and 220-229, plus the input register and the coil.
        Assert.Equal(5, harness.Poller.Plans["m2"].Count);
    }

    [Fact]
    public async Task Any_function_code_but_the_four_reads_is_refused_with_illegal_function_and_changes_nothing()
    {
        await using var sim = new ModbusSimulator(Still);
        sim.Start();
        var before = sim.Bank.GetRegister(ModbusTable.HoldingRegister, 100);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, sim.Port);
        var stream = client.GetStream();

        // Every function code other than 1-4, including the write codes the client never sends, with a body that
        // would write 0x1234 to address 100 if the server honoured a write.
        for (var fc = 0; fc < 128; fc++)
        {
            if (fc is >= 1 and <= 4)
            {
                continue;
            }

            byte[] frame = [0, (byte)fc, 0, 0, 0, 6, 1, (byte)fc, 0, 100, 0x12, 0x34];
            await stream.WriteAsync(frame);
            var answer = new byte[9];
            await stream.ReadExactlyAsync(answer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(new byte[] { 0, (byte)fc, 0, 0, 0, 3, 1, (byte)(fc | 0x80), 1 }, answer);
        }

        Assert.Equal(before, sim.Bank.GetRegister(ModbusTable.HoldingRegister, 100));
    }

    [Fact]
    public async Task Reads_past_the_table_get_illegal_data_address()
    {
        await using var sim = new ModbusSimulator(Still with { TableSize = 500 });
        sim.Start();
        await using var channel = new ModbusTcpChannel(new ModbusTransportOptions { Host = "127.0.0.1", Port = sim.Port });
        channel.Start();
        var result = await channel.ReadAsync(new ModbusReadRequest(ModbusTable.HoldingRegister, 499, 2), new byte[4], CancellationToken.None);
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, result.ExceptionCode);
        result = await channel.ReadAsync(new ModbusReadRequest(ModbusTable.HoldingRegister, 498, 2), new byte[4], CancellationToken.None);
        Assert.False(result.IsException);
    }

    [Fact]
    public async Task Simulator_listens_on_loopback_only()
    {
        await using var sim = new ModbusSimulator(Still);
        sim.Start();
        var external = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .ToList();
        foreach (var address in external)
        {
            using var client = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(address, sim.Port).WaitAsync(TimeSpan.FromSeconds(5)));
        }

        using var local = new TcpClient();
        await local.ConnectAsync(IPAddress.Loopback, sim.Port);
        Assert.True(local.Connected);
    }

    [Fact]
    public void Plant_model_produces_parts_breaks_down_and_is_deterministic()
    {
        static (uint Parts, uint Good, HashSet<MachineState> States) Run(int seed)
        {
            var bank = new ModbusDataBank(1000);
            var plant = new PlantModel(bank, 3, seed);
            var states = new HashSet<MachineState>();
            for (var i = 0; i < 4 * 3600; i++)
            {
                plant.Tick(TimeSpan.FromSeconds(1));
                states.Add((MachineState)bank.GetRegister(ModbusTable.HoldingRegister, PlantMap.Base(1) + PlantMap.State));
            }

            var parts = ((uint)bank.GetRegister(ModbusTable.HoldingRegister, 100 + PlantMap.PartCount) << 16) | bank.GetRegister(ModbusTable.HoldingRegister, 100 + PlantMap.PartCount + 1);
            var good = ((uint)bank.GetRegister(ModbusTable.HoldingRegister, 100 + PlantMap.GoodCount) << 16) | bank.GetRegister(ModbusTable.HoldingRegister, 100 + PlantMap.GoodCount + 1);
            return (parts, good, states);
        }

        var a = Run(7);
        var b = Run(7);
        Assert.Equal(a.Parts, b.Parts);
        Assert.Equal(a.Good, b.Good);
        // 4 h at a 2 s ideal cycle is at most 7200 parts; downtime and performance losses take some.
        Assert.InRange(a.Parts, 2000u, 7200u);
        Assert.InRange(a.Good, a.Parts * 90 / 100, a.Parts);
        Assert.Contains(MachineState.Running, a.States);
        Assert.Contains(MachineState.Down, a.States);
        Assert.Contains(MachineState.Idle, a.States);
    }
}
