using DataBridge.Connectors.OpcUa.Security.Identity;

namespace DataBridge.Bridge.Configuration;

/// <summary>
/// The <c>security:</c> block of an OPC UA source as configured. Without the block the source is secure by default:
/// policy and mode automatic (the strongest the server offers), certificates in <c>&lt;stateDir&gt;/pki</c>, anonymous.
/// Secrets are held as <see cref="SecretReference"/>s: the password itself is read only when a session is activated.
/// </summary>
public sealed record OpcUaSecurityDefinition
{
    /// <summary>Secure by default: everything automatic, store under the state directory, anonymous.</summary>
    public static OpcUaSecurityDefinition Default { get; } = new();

    /// <summary>The pinned policy name (e.g. <c>Basic256Sha256</c>, <c>None</c>), or null for the strongest offered.</summary>
    public string? Policy { get; init; }

    /// <summary>The pinned mode (<c>None</c>, <c>Sign</c>, <c>SignAndEncrypt</c>), or null for the strongest offered.</summary>
    public string? Mode { get; init; }

    /// <summary>True when the configuration explicitly asks for no security (<c>mode: none</c>).</summary>
    public bool IsNone => string.Equals(Mode, "None", StringComparison.Ordinal);

    /// <summary>Lets Basic128Rsa15 and Basic256 be chosen or pinned (with a warning at every start).</summary>
    public bool AllowDeprecatedPolicies { get; init; }

    /// <summary>The certificate store folder (absolute once loaded); default <c>&lt;stateDir&gt;/pki</c>.</summary>
    public string? PkiDirectory { get; init; }

    /// <summary>Trusts unknown server certificates on first contact (commissioning only; warns at every start).</summary>
    public bool AutoAcceptUntrusted { get; init; }

    /// <summary>The user name, or null for anonymous / certificate users.</summary>
    public string? UserName { get; init; }

    /// <summary>Where the password comes from (<c>${ENV}</c> or <c>${file:/path}</c>); never the password itself.</summary>
    public SecretReference? Password { get; init; }

    /// <summary>PEM file of an X.509 user certificate (absolute once loaded), or null.</summary>
    public string? UserCertificateFile { get; init; }

    /// <summary>PEM file of the user certificate's private key when it is not in <see cref="UserCertificateFile"/>.</summary>
    public string? UserKeyFile { get; init; }

    /// <summary>For logs: policy/mode and identity, never a secret.</summary>
    public override string ToString() =>
        $"{Policy ?? "strongest policy"}/{Mode ?? "strongest mode"}, {(UserName is not null ? $"user '{UserName}' (password from {Password})" : UserCertificateFile is not null ? $"user certificate {UserCertificateFile}" : "anonymous")}";
}
