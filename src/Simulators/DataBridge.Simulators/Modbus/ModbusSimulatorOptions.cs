namespace DataBridge.Simulators.Modbus;

/// <summary>Settings of the Modbus TCP simulator.</summary>
public sealed record ModbusSimulatorOptions
{
    /// <summary>Loopback port to listen on; 0 picks any free port (read it back from <see cref="ModbusSimulator.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>Addresses per table; reads past the end get exception 2.</summary>
    public int TableSize { get; init; } = 1000;

    /// <summary>Number of simulated machines (machine N, 1-based, lives at base address N*100). 0 disables the plant model.</summary>
    public int Machines { get; init; } = 3;

    /// <summary>
    /// The number in the first machine's name (<c>machine_name</c>, e.g. "Press 1"): the demo runs one simulator per
    /// press and numbers them 1, 2, 3 instead of calling each "Press 1". Addresses do not change.
    /// </summary>
    public int FirstNameNumber { get; init; } = 1;

    /// <summary>How often the plant model moves its values.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Seed of the plant model's randomness, so a demo run can be repeated.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Most clients served at once; further connections are closed at once.</summary>
    public int MaxClients { get; init; } = 16;
}
