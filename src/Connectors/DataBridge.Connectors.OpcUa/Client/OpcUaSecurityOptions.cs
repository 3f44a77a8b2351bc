using System.Security.Cryptography.X509Certificates;
using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Connectors.OpcUa.Security.Identity;

namespace DataBridge.Connectors.OpcUa.Client;

/// <summary>
/// Which security the client asks for (Part 4 §5.4.4, Part 6 §6.7). <see cref="Policy"/> and <see cref="Mode"/> both
/// null means automatic: the client asks the server for its endpoints over None and picks the strongest it offers
/// (SignAndEncrypt before Sign, newer policies before older, deprecated ones only with
/// <see cref="AllowDeprecatedPolicies"/>). A pinned policy or mode the endpoint does not offer is an error listing
/// what it does offer.
/// </summary>
public sealed record OpcUaSecurityOptions
{
    /// <summary>SecurityPolicy None, mode None: no certificates, no GetEndpoints (the client's behaviour before security existed).</summary>
    public static OpcUaSecurityOptions None { get; } = new() { Policy = SecurityPolicies.None, Mode = MessageSecurityMode.None };

    /// <summary>The pinned policy, or null to choose automatically.</summary>
    public SecurityPolicy? Policy { get; init; }

    /// <summary>The pinned mode (None, Sign, SignAndEncrypt), or null to choose automatically.</summary>
    public MessageSecurityMode? Mode { get; init; }

    /// <summary>
    /// <see cref="Mode"/> by name (<c>None</c>, <c>Sign</c>, <c>SignAndEncrypt</c>; null = the strongest offered), for
    /// callers that keep the generated types out of their assemblies (the bridge).
    /// </summary>
    /// <exception cref="ArgumentException">The name is not one of the three modes.</exception>
    public string? ModeName
    {
        get => Mode?.ToString();
        init => Mode = value is null ? null
            : Enum.TryParse<MessageSecurityMode>(value, ignoreCase: false, out var mode) && mode is not MessageSecurityMode.Invalid ? mode
            : throw new ArgumentException($"'{value}' is not a security mode; use None, Sign or SignAndEncrypt.", nameof(ModeName));
    }

    /// <summary>Our application instance certificate with its RSA private key; needed for every policy but None.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Decides whether the server's certificate is trusted; null accepts any (tests, first contact tools).</summary>
    public IServerCertificateValidator? CertificateValidator { get; init; }

    /// <summary>
    /// Who the session acts as: anonymous (default), a user name whose password is resolved from its
    /// <see cref="SecretReference"/> only when the session is activated, or a user certificate.
    /// </summary>
    public UserIdentity UserIdentity { get; init; } = UserIdentity.Anonymous;

    /// <summary>Lets automatic selection and pinning use Basic128Rsa15 and Basic256 (deprecated by OPC 10000-7).</summary>
    public bool AllowDeprecatedPolicies { get; init; }

    /// <summary>True when policy and mode are both pinned to None.</summary>
    public bool IsNone => Policy is { IsNone: true } && Mode == MessageSecurityMode.None;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent setting.</summary>
    public void Validate()
    {
        if (Mode is MessageSecurityMode.Invalid)
        {
            throw new ArgumentException("Security mode Invalid is not a mode; use None, Sign or SignAndEncrypt.", nameof(Mode));
        }

        if (Policy is { IsNone: true } && Mode is MessageSecurityMode.Sign or MessageSecurityMode.SignAndEncrypt)
        {
            throw new ArgumentException($"Security policy None cannot {Mode}; pick a policy such as Basic256Sha256 or leave the policy automatic.", nameof(Policy));
        }

        if (Policy is { IsNone: false } && Mode == MessageSecurityMode.None)
        {
            throw new ArgumentException($"Security mode None needs policy None, not {Policy.Name}.", nameof(Mode));
        }

        if (Policy is { IsDeprecated: true } && !AllowDeprecatedPolicies)
        {
            throw new ArgumentException($"Security policy {Policy.Name} is deprecated (OPC 10000-7); set AllowDeprecatedPolicies to use it anyway.", nameof(Policy));
        }

        ArgumentNullException.ThrowIfNull(UserIdentity, nameof(UserIdentity));
        if (UserIdentity is CertificateIdentity { UserCertificate.HasPrivateKey: false } user)
        {
            throw new ArgumentException($"The user certificate {user.UserCertificate.Subject} ({user.UserCertificate.Thumbprint}) has no private key; the session needs it to sign.", nameof(UserIdentity));
        }

        if (!IsNone && ClientCertificate is not null && !ClientCertificate.HasPrivateKey)
        {
            throw new ArgumentException($"The client certificate {ClientCertificate.Subject} ({ClientCertificate.Thumbprint}) has no private key.", nameof(ClientCertificate));
        }
    }
}
