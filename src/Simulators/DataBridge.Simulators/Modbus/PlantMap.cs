using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Simulators.Modbus;

/// <summary>
/// The simulator's register map (zero-based PDU addresses; README.md shows the same table). Machine N (1-based)
/// lives at base N*100; base 0 holds plant-wide values.
/// </summary>
public static class PlantMap
{
    /// <summary>Distance between two machines' bases.</summary>
    public const int MachineStride = 100;

    /// <summary>HR 0: number of machines.</summary>
    public const int MachineCount = 0;

    /// <summary>HR 1: heartbeat, +1 per tick (wraps at 65535).</summary>
    public const int Heartbeat = 1;

    /// <summary>HR 2-3: seconds since the simulator started (uint32 ABCD).</summary>
    public const int UptimeSeconds = 2;

    /// <summary>HR base+0: state code (<see cref="MachineState"/>).</summary>
    public const int State = 0;

    /// <summary>HR base+1: status word; bit 0 alarm, bit 1 running, bit 2 planned stop.</summary>
    public const int StatusWord = 1;

    /// <summary>HR base+2-3: temperature in °C (float32 ABCD). IR base+0-1 holds the same value in CDAB.</summary>
    public const int Temperature = 2;

    /// <summary>HR base+4: speed in 0.1 parts per minute (uint16).</summary>
    public const int Speed = 4;

    /// <summary>HR base+5: ideal cycle time in 0.1 s (uint16).</summary>
    public const int IdealCycleTime = 5;

    /// <summary>HR base+6-7: parts produced (uint32 ABCD).</summary>
    public const int PartCount = 6;

    /// <summary>HR base+8-9: good parts (uint32 ABCD).</summary>
    public const int GoodCount = 8;

    /// <summary>HR base+10-11: rejected parts (uint32 ABCD).</summary>
    public const int RejectCount = 10;

    /// <summary>HR base+12: downtime reason (0 none, 1 breakdown, 2 starved, 3 blocked, 4 changeover, 5 planned break).</summary>
    public const int DowntimeReason = 12;

    /// <summary>HR base+20-29: machine name (ASCII string, 10 registers, NUL padded).</summary>
    public const int Name = 20;

    /// <summary>Length of the name in registers.</summary>
    public const int NameRegisters = 10;

    /// <summary>IR base+0-1: temperature in °C (float32 CDAB, low word first).</summary>
    public const int InputTemperature = 0;

    /// <summary>IR base+2-3: seconds spent running (uint32 ABCD).</summary>
    public const int InputRunSeconds = 2;

    /// <summary>Coil base+0 running, base+1 alarm, base+2 planned stop.</summary>
    public const int CoilRunning = 0;

    /// <summary>Coil base+1: alarm.</summary>
    public const int CoilAlarm = 1;

    /// <summary>Coil base+2: planned stop.</summary>
    public const int CoilPlannedStop = 2;

    /// <summary>Discrete input base+0: part sensor, toggles with every part produced.</summary>
    public const int InputPartSensor = 0;

    /// <summary>Discrete input base+1: alarm.</summary>
    public const int InputAlarm = 1;

    /// <summary>The base address of machine <paramref name="machine"/> (1-based).</summary>
    public static int Base(int machine) => machine * MachineStride;

    /// <summary>Tables in the map, for documentation tools.</summary>
    public static IReadOnlyList<ModbusTable> Tables { get; } =
        [ModbusTable.Coil, ModbusTable.DiscreteInput, ModbusTable.HoldingRegister, ModbusTable.InputRegister];
}
