namespace DataBridge.Connectors.Mqtt.Transport;

/// <summary>TLS towards the broker: which CA to trust and, optionally, the client certificate to present.</summary>
public sealed record MqttTlsOptions
{
    /// <summary>PEM file of the CA (or CAs) that signed the broker's certificate; null trusts the operating system's store.</summary>
    public string? CaFile { get; init; }

    /// <summary>PEM file of the client certificate, for brokers that require one (<c>require_certificate true</c>).</summary>
    public string? ClientCertificateFile { get; init; }

    /// <summary>PEM file of the client certificate's private key.</summary>
    public string? ClientKeyFile { get; init; }

    /// <summary>Passphrase of an encrypted client key, if it has one.</summary>
    public MqttSecret? ClientKeyPassword { get; init; }

    /// <summary>The name to check the broker's certificate against; defaults to the host name dialled.</summary>
    public string? ServerName { get; init; }
}
