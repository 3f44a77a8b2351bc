using System.Text.Json.Serialization;

namespace DataBridge.Bridge.Hosting;

/// <summary>A certificate the bridge uses, with its expiry, as <c>/healthz</c> lists it (never a key, never a secret).</summary>
public sealed record CertificateHealth
{
    /// <summary><c>application</c> (our application instance certificate) or <c>trusted</c> (a trusted server certificate).</summary>
    [JsonPropertyName("role")]
    public required string Role { get; init; }

    /// <summary>SHA-1 thumbprint, hex.</summary>
    [JsonPropertyName("thumbprint")]
    public required string Thumbprint { get; init; }

    /// <summary>The subject.</summary>
    [JsonPropertyName("subject")]
    public required string Subject { get; init; }

    /// <summary>When it expires (UTC).</summary>
    [JsonPropertyName("notAfter")]
    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>True when it expires within 30 days or has expired (a warning was logged at start).</summary>
    [JsonPropertyName("expiresSoon")]
    public bool ExpiresSoon { get; init; }
}
