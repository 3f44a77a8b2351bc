using System.Security.Cryptography.X509Certificates;

namespace DataBridge.Connectors.OpcUa.Security.Identity;

/// <summary>Who the session acts as (Part 4 §7.41): anonymous, a user name with a password, or a user certificate.</summary>
public abstract record UserIdentity
{
    private protected UserIdentity()
    {
    }

    /// <summary>No user (the server must offer an Anonymous token policy).</summary>
    public static UserIdentity Anonymous { get; } = new AnonymousIdentity();

    /// <summary>A user name whose password is read from <paramref name="password"/> when the session is activated.</summary>
    public static UserIdentity UserName(string userName, SecretReference password) => new UserNameIdentity(userName, password);

    /// <summary>A user certificate with its private key (X509IdentityToken).</summary>
    public static UserIdentity Certificate(X509Certificate2 certificate) => new CertificateIdentity(certificate);
}

/// <summary>Anonymous.</summary>
public sealed record AnonymousIdentity : UserIdentity
{
    /// <inheritdoc />
    public override string ToString() => "anonymous";
}

/// <summary>User name and password (the password as a reference; <see cref="ToString"/> never shows it).</summary>
/// <param name="Name">The user name.</param>
/// <param name="Password">Where the password comes from.</param>
public sealed record UserNameIdentity(string Name, SecretReference Password) : UserIdentity
{
    /// <inheritdoc />
    public override string ToString() => $"user '{Name}' (password from {Password})";
}

/// <summary>A user certificate; it needs its private key to sign.</summary>
/// <param name="UserCertificate">The certificate with its private key.</param>
public sealed record CertificateIdentity(X509Certificate2 UserCertificate) : UserIdentity
{
    /// <inheritdoc />
    public override string ToString() => $"user certificate '{UserCertificate.Subject}' ({UserCertificate.Thumbprint})";
}
