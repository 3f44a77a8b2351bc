using System.Security.Cryptography.X509Certificates;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>The security a client connected with, and how it was chosen (for one info line in the bridge's log).</summary>
public sealed record SecuritySelection
{
    /// <summary>None/None, chosen because it was pinned.</summary>
    public static SecuritySelection None { get; } = new() { Policy = SecurityPolicies.None, Mode = MessageSecurityMode.None };

    /// <summary>The policy in use.</summary>
    public required SecurityPolicy Policy { get; init; }

    /// <summary>The mode in use.</summary>
    public required MessageSecurityMode Mode { get; init; }

    /// <summary>True when the client picked it from the server's endpoints; false when it was pinned.</summary>
    public bool Automatic { get; init; }

    /// <summary>The endpoint description the choice came from (null for None without GetEndpoints).</summary>
    public EndpointDescription? Endpoint { get; init; }

    /// <summary>The server's certificate (leaf) from the endpoint, null for None.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>Every policy/mode pair the server offered, strongest first, as "Basic256Sha256/SignAndEncrypt".</summary>
    public IReadOnlyList<string> Offered { get; init; } = [];

    /// <summary>E.g. "Aes256_Sha256_RsaPss/SignAndEncrypt (strongest of 7 offered)".</summary>
    public override string ToString() =>
        Automatic ? $"{Policy.Name}/{Mode} (strongest of {Offered.Count} offered)" : $"{Policy.Name}/{Mode} (configured)";
}
