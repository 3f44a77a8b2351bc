namespace DataBridge.Bridge.Configuration;

/// <summary>A Modbus TCP device (host, port, unit id) and how to poll it.</summary>
public sealed class ModbusSourceDefinition : SourceDefinition
{
    /// <summary>Host name or IP address of the device or gateway.</summary>
    public required string Host { get; init; }

    /// <summary>TCP port; default 502.</summary>
    public int Port { get; init; } = 502;

    /// <summary>Modbus unit identifier (slave address); default 1.</summary>
    public byte UnitId { get; init; } = 1;

    /// <summary>How long to wait for one response before the tags of that request get BadTimeout; default 1 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many unused registers (or bits) the planner may read between two tags to merge them into one request;
    /// 0 merges only adjacent addresses.
    /// </summary>
    public int MaxGap { get; init; }

    /// <summary>Upper bound of registers per read request (1..125, Modbus Application Protocol §6.3).</summary>
    public int MaxRegistersPerRequest { get; init; } = 125;

    /// <summary>Upper bound of coils or discrete inputs per read request (1..2000, §6.1).</summary>
    public int MaxBitsPerRequest { get; init; } = 2000;

    /// <summary>How many requests may be outstanding on the connection at once (1..16); default 4.</summary>
    public int MaxInFlight { get; init; } = 4;

    /// <summary>The poll groups; never empty (a source without any gets <c>default</c> at 1 s).</summary>
    public required IReadOnlyList<PollGroupDefinition> PollGroups { get; init; }
}
