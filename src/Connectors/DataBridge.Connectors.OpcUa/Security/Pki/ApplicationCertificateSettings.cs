namespace DataBridge.Connectors.OpcUa.Security.Pki;

/// <summary>What our application instance certificate says about us (Part 6 §6.2.2).</summary>
public sealed record ApplicationCertificateSettings
{
    /// <summary>The ApplicationUri (the SAN URI); CreateSession must send the same (default <c>urn:&lt;host&gt;:databridge</c>).</summary>
    public string ApplicationUri { get; init; } = $"urn:{Environment.MachineName.ToLowerInvariant()}:databridge";

    /// <summary>The application name, used as the subject's common name.</summary>
    public string ApplicationName { get; init; } = "DataBridge";

    /// <summary>Host names and IP addresses for the SAN (default: this machine's name).</summary>
    public IReadOnlyList<string> HostNames { get; init; } = [Environment.MachineName];

    /// <summary>RSA key size in bits (default 2048; 3072 and 4096 for stricter plants).</summary>
    public int KeySize { get; init; } = 2048;

    /// <summary>Validity (default 5 years).</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromDays(5 * 365);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        if (!Uri.TryCreate(ApplicationUri, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"ApplicationUri '{ApplicationUri}' is not an absolute URI (e.g. urn:plant7-edge:databridge).", nameof(ApplicationUri));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(ApplicationName, nameof(ApplicationName));
        if (KeySize is not (2048 or 3072 or 4096))
        {
            throw new ArgumentException($"KeySize {KeySize} is not supported; use 2048, 3072 or 4096 (the OPC UA RSA policies allow 2048 to 4096 bits).", nameof(KeySize));
        }

        if (Lifetime < TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"Lifetime {Lifetime} is too short; use at least one day.", nameof(Lifetime));
        }
    }
}
