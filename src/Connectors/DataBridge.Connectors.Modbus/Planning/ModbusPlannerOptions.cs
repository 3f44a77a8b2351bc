using DataBridge.Connectors.Modbus.Encoding;

namespace DataBridge.Connectors.Modbus.Planning;

/// <summary>Limits the planner respects when it coalesces points into requests.</summary>
public sealed record ModbusPlannerOptions
{
    /// <summary>Most registers per FC 3/4 request: 125 by the spec (§6.3); some devices want fewer.</summary>
    public int MaxRegistersPerRequest { get; init; } = ModbusReadRequest.MaxRegisters;

    /// <summary>Most bits per FC 1/2 request: 2000 by the spec (§6.1); some devices want fewer.</summary>
    public int MaxBitsPerRequest { get; init; } = ModbusReadRequest.MaxBits;

    /// <summary>
    /// Most unused registers a request may read through to join two points. 0 (the default) reads only addresses a
    /// point uses, which is safe on devices whose map has holes (reading a hole gives exception 2 for the whole
    /// request); raise it for devices with a dense map to save requests.
    /// </summary>
    public int MaxRegisterGap { get; init; }

    /// <summary>Most unused bits a request may read through to join two points (0 by default, as for registers).</summary>
    public int MaxBitGap { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when a limit is outside what the spec allows.</summary>
    public void Validate()
    {
        if (MaxRegistersPerRequest is < 4 or > ModbusReadRequest.MaxRegisters)
        {
            throw new ArgumentException($"MaxRegistersPerRequest {MaxRegistersPerRequest} is not in 4..{ModbusReadRequest.MaxRegisters} (a 64-bit value needs 4).");
        }

        if (MaxBitsPerRequest is < 1 or > ModbusReadRequest.MaxBits)
        {
            throw new ArgumentException($"MaxBitsPerRequest {MaxBitsPerRequest} is not in 1..{ModbusReadRequest.MaxBits}.");
        }

        if (MaxRegisterGap < 0 || MaxBitGap < 0)
        {
            throw new ArgumentException("MaxRegisterGap and MaxBitGap must not be negative.");
        }
    }
}
