namespace DataBridge.Testing.Mqtt;

/// <summary>How a test's Mosquitto broker listens: plain or TLS, anonymous or with one user.</summary>
public sealed record MosquittoBrokerOptions
{
    /// <summary>PEM files for a TLS listener (CA, server certificate, server key); null for plain TCP.</summary>
    public MqttTestCertificates? Tls { get; init; }

    /// <summary>Require client certificates signed by the CA (only with <see cref="Tls"/>).</summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>A user the broker accepts; when set, anonymous clients are refused.</summary>
    public (string User, string Password)? Credentials { get; init; }
}
