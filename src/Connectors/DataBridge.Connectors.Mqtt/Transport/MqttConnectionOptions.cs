using MQTTnet.Protocol;

namespace DataBridge.Connectors.Mqtt.Transport;

/// <summary>Where and how to dial the broker. Only outbound: the connector never listens.</summary>
public sealed record MqttConnectionOptions
{
    /// <summary>Broker host name or address.</summary>
    public required string Host { get; init; }

    /// <summary>Broker port (1883 plain, 8883 TLS by convention).</summary>
    public int Port { get; init; } = 1883;

    /// <summary>The client id; must be unique on the broker (a second client with the same id disconnects the first).</summary>
    public string ClientId { get; init; } = "databridge-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>MQTT 3.1.1 or 5.</summary>
    public MqttProtocolLevel Protocol { get; init; } = MqttProtocolLevel.V311;

    /// <summary>TLS settings; null for plain TCP.</summary>
    public MqttTlsOptions? Tls { get; init; }

    /// <summary>User name, if the broker requires one.</summary>
    public string? Username { get; init; }

    /// <summary>Password (already resolved by the caller; never logged).</summary>
    public MqttSecret? Password { get; init; }

    /// <summary>QoS of the subscriptions (default 1: at least once).</summary>
    public MqttQualityOfServiceLevel SubscriptionQos { get; init; } = MqttQualityOfServiceLevel.AtLeastOnce;

    /// <summary>Keep-alive period; the broker drops the connection after 1.5 times this without traffic.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one connect attempt (TCP, TLS, CONNECT/CONNACK) may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First delay before a reconnect attempt after a failure; doubles (with jitter) up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between reconnect attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The broker as <c>mqtt(s)://host:port</c>, for logs (no credentials).</summary>
    public string Endpoint => $"{(Tls is null ? "mqtt" : "mqtts")}://{Host}:{Port}";

    /// <summary>Every problem with these options at once (empty when valid), so a bad configuration is refused whole.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host)) problems.Add("mqtt host is empty: set the broker's host name or address");
        if (Port is < 1 or > 65535) problems.Add($"mqtt port {Port} is not a TCP port (1-65535)");
        if (string.IsNullOrEmpty(ClientId) || ClientId.Length > 65535) problems.Add("mqtt client id must be 1-65535 characters");
        if (Password is not null && Username is null) problems.Add("mqtt password is set without a username: MQTT sends a password only with a user name");
        if (Tls?.CaFile is { } ca && !File.Exists(ca)) problems.Add($"mqtt tls CA file '{ca}' does not exist");
        if (Tls?.ClientCertificateFile is { } cert && !File.Exists(cert)) problems.Add($"mqtt tls client certificate file '{cert}' does not exist");
        if (Tls?.ClientCertificateFile is not null && Tls.ClientKeyFile is null) problems.Add("mqtt tls client certificate is set without its key file");
        if (KeepAlive < TimeSpan.Zero || KeepAlive > TimeSpan.FromSeconds(65535)) problems.Add("mqtt keep-alive must be 0-65535 s");
        if (ReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay < ReconnectDelay) problems.Add("mqtt reconnect delays must be positive, the maximum no smaller than the first");
        return problems;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Endpoint} client id {ClientId}, MQTT {(Protocol == MqttProtocolLevel.V500 ? "5" : "3.1.1")}{(Username is null ? string.Empty : ", with user name and password")}";
}
