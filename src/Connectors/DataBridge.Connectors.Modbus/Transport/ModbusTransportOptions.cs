namespace DataBridge.Connectors.Modbus.Transport;

/// <summary>How the transport talks to one Modbus TCP device.</summary>
public sealed record ModbusTransportOptions
{
    /// <summary>Host name or IP address of the device (or gateway). The client only dials out.</summary>
    public required string Host { get; init; }

    /// <summary>TCP port (502 is the registered Modbus port).</summary>
    public int Port { get; init; } = 502;

    /// <summary>Unit identifier (the device behind a gateway; many plain TCP devices accept any, 1 or 255).</summary>
    public byte UnitId { get; init; } = 1;

    /// <summary>How long one request may wait for its response.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one connection attempt may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests sent on the connection before their responses arrived (1 = strict request/response).</summary>
    public int MaxInFlight { get; init; } = 4;

    /// <summary>Consecutive timeouts after which the connection is presumed dead, closed and re-dialled.</summary>
    public int TimeoutsBeforeReset { get; init; } = 3;

    /// <summary>First delay before re-dialling a failed connection; doubles (with jitter) up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest delay between two connection attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection that lived at least this long counts as healthy: the next failure starts the backoff afresh.</summary>
    public TimeSpan HealthyConnectionTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add("Host is empty.");
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add($"Port {Port} is not in 1..65535.");
        }

        if (RequestTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero)
        {
            problems.Add("RequestTimeout and ConnectTimeout must be positive.");
        }

        if (MaxInFlight is < 1 or > 64)
        {
            problems.Add($"MaxInFlight {MaxInFlight} is not in 1..64.");
        }

        if (TimeoutsBeforeReset < 1)
        {
            problems.Add("TimeoutsBeforeReset must be at least 1.");
        }

        if (ReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay < ReconnectDelay)
        {
            problems.Add("ReconnectDelay must be positive and not above MaxReconnectDelay.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid Modbus transport options: " + string.Join(" ", problems));
        }
    }
}
