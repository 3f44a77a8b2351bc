using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Simulators.Modbus;

/// <summary>
/// Moves the values of a few machines the way a plant does, so the demo's OEE has something to show: machines run
/// for minutes, break down, starve, take planned stops; counters climb at the ideal rate times a drifting
/// performance factor; a few percent of parts are rejected; temperatures follow the state with a lag. Deterministic
/// for a given seed and tick sequence. Layout: <see cref="PlantMap"/>.
/// </summary>
public sealed class PlantModel
{
    private static readonly string[] Names = ["Press", "Lathe", "Mill", "Welder", "Packer"];
    private readonly ModbusDataBank _bank;
    private readonly Random _random;
    private readonly Machine[] _machines;
    private double _uptime;
    private ushort _heartbeat;

    /// <summary>Creates the model for <paramref name="machines"/> machines writing into <paramref name="bank"/>.</summary>
    public PlantModel(ModbusDataBank bank, int machines, int seed, int firstNameNumber = 1)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentOutOfRangeException.ThrowIfLessThan(machines, 1);
        if (PlantMap.Base(machines) + PlantMap.MachineStride > bank.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(machines), machines, $"{machines} machines need a table size of at least {PlantMap.Base(machines) + PlantMap.MachineStride}.");
        }

        _bank = bank;
        _random = new Random(seed);
        _machines = new Machine[machines];
        for (var i = 0; i < machines; i++)
        {
            _machines[i] = new Machine
            {
                Number = i + 1,
                Name = $"{Names[i % Names.Length]} {firstNameNumber + i}",
                IdealCycleSeconds = 2.0 + (1.5 * i),
                GoodRatio = 0.97 - (0.02 * (i % 3)),
                Temperature = 25.0,
                Performance = 0.9,
                State = MachineState.Running,
                Remaining = 60 + _random.Next(0, 120),
            };
        }
    }

    /// <summary>Number of machines.</summary>
    public int MachineCount => _machines.Length;

    /// <summary>The current state of machine <paramref name="machine"/> (1-based).</summary>
    public MachineState StateOf(int machine) => _machines[machine - 1].State;

    /// <summary>Forces machine <paramref name="machine"/> into <paramref name="state"/> for <paramref name="duration"/> (for demos and tests).</summary>
    public void Force(int machine, MachineState state, TimeSpan duration)
    {
        _bank.Batch(() =>
        {
            var m = _machines[machine - 1];
            m.State = state;
            m.Remaining = duration.TotalSeconds;
            Publish(m);
        });
    }

    /// <summary>Advances the plant by <paramref name="elapsed"/> and publishes every value into the bank.</summary>
    public void Tick(TimeSpan elapsed)
    {
        var dt = elapsed.TotalSeconds;
        _bank.Batch(() =>
        {
            _uptime += dt;
            if (dt > 0)
            {
                _heartbeat++;
            }

            _bank.SetRegister(ModbusTable.HoldingRegister, PlantMap.MachineCount, (ushort)_machines.Length);
            _bank.SetRegister(ModbusTable.HoldingRegister, PlantMap.Heartbeat, _heartbeat);
            _bank.SetUInt32(ModbusTable.HoldingRegister, PlantMap.UptimeSeconds, (uint)_uptime);
            foreach (var m in _machines)
            {
                Advance(m, dt);
                Publish(m);
            }
        });
    }

    private void Advance(Machine m, double dt)
    {
        m.Remaining -= dt;
        if (m.Remaining <= 0)
        {
            NextState(m);
        }

        if (m.State == MachineState.Running)
        {
            m.RunSeconds += dt;
            m.Performance = Math.Clamp(m.Performance + ((_random.NextDouble() - 0.5) * 0.02), 0.75, 1.0);
            m.PartProgress += dt / m.IdealCycleSeconds * m.Performance;
            while (m.PartProgress >= 1)
            {
                m.PartProgress -= 1;
                m.Parts++;
                if (_random.NextDouble() < m.GoodRatio)
                {
                    m.Good++;
                }

                m.PartSensor = !m.PartSensor;
            }
        }

        var target = m.State == MachineState.Running ? 55.0 + (5 * m.Number) : m.State == MachineState.Idle ? 40.0 : 25.0;
        m.Temperature += ((target - m.Temperature) * (1 - Math.Exp(-dt / 60.0))) + (dt > 0 ? (_random.NextDouble() - 0.5) * 0.2 : 0);
    }

    private void NextState(Machine m)
    {
        // Mostly running; breakdowns, starvation and planned stops in between, with durations in seconds.
        if (m.State != MachineState.Running)
        {
            m.State = MachineState.Running;
            m.Reason = 0;
            m.Remaining = 60 + _random.Next(0, 240);
            return;
        }

        var roll = _random.NextDouble();
        (m.State, m.Reason, m.Remaining) = roll switch
        {
            < 0.25 => (MachineState.Down, (ushort)1, 20.0 + _random.Next(0, 100)),
            < 0.55 => (MachineState.Idle, (ushort)(2 + _random.Next(0, 2)), 5.0 + _random.Next(0, 55)),
            < 0.65 => (MachineState.PlannedStop, (ushort)5, 60.0 + _random.Next(0, 120)),
            _ => (MachineState.Running, (ushort)0, 60.0 + _random.Next(0, 240)),
        };
    }

    private void Publish(Machine m)
    {
        var b = PlantMap.Base(m.Number);
        const ModbusTable hr = ModbusTable.HoldingRegister;
        var running = m.State == MachineState.Running;
        var alarm = m.State == MachineState.Down;
        var planned = m.State == MachineState.PlannedStop;
        _bank.SetRegister(hr, b + PlantMap.State, (ushort)m.State);
        _bank.SetRegister(hr, b + PlantMap.StatusWord, (ushort)((alarm ? 1 : 0) | (running ? 2 : 0) | (planned ? 4 : 0)));
        _bank.SetFloat32(hr, b + PlantMap.Temperature, (float)m.Temperature);
        _bank.SetRegister(hr, b + PlantMap.Speed, running ? (ushort)Math.Round(600.0 / m.IdealCycleSeconds * m.Performance) : (ushort)0);
        _bank.SetRegister(hr, b + PlantMap.IdealCycleTime, (ushort)Math.Round(m.IdealCycleSeconds * 10));
        _bank.SetUInt32(hr, b + PlantMap.PartCount, m.Parts);
        _bank.SetUInt32(hr, b + PlantMap.GoodCount, m.Good);
        _bank.SetUInt32(hr, b + PlantMap.RejectCount, m.Parts - m.Good);
        _bank.SetRegister(hr, b + PlantMap.DowntimeReason, m.Reason);
        _bank.SetString(hr, b + PlantMap.Name, PlantMap.NameRegisters, m.Name);
        _bank.SetFloat32(ModbusTable.InputRegister, b + PlantMap.InputTemperature, (float)m.Temperature, wordSwapped: true);
        _bank.SetUInt32(ModbusTable.InputRegister, b + PlantMap.InputRunSeconds, (uint)m.RunSeconds);
        _bank.SetBit(ModbusTable.Coil, b + PlantMap.CoilRunning, running);
        _bank.SetBit(ModbusTable.Coil, b + PlantMap.CoilAlarm, alarm);
        _bank.SetBit(ModbusTable.Coil, b + PlantMap.CoilPlannedStop, planned);
        _bank.SetBit(ModbusTable.DiscreteInput, b + PlantMap.InputPartSensor, m.PartSensor);
        _bank.SetBit(ModbusTable.DiscreteInput, b + PlantMap.InputAlarm, alarm);
    }

    private sealed class Machine
    {
        public int Number { get; init; }

        public required string Name { get; init; }

        public double IdealCycleSeconds { get; init; }

        public double GoodRatio { get; init; }

        public MachineState State { get; set; }

        public ushort Reason { get; set; }

        public double Remaining { get; set; }

        public double Temperature { get; set; }

        public double Performance { get; set; }

        public double PartProgress { get; set; }

        public double RunSeconds { get; set; }

        public uint Parts { get; set; }

        public uint Good { get; set; }

        public bool PartSensor { get; set; }
    }
}
