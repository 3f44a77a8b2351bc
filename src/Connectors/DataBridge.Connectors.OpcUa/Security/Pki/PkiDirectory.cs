namespace DataBridge.Connectors.OpcUa.Security.Pki;

/// <summary>
/// The folders of a certificate store directory as OPC 10000-12 §F.1 lays them out: our own certificate and key
/// (<c>own/</c>), the trust list (<c>trusted/</c>), CA certificates that may only issue (<c>issuers/</c>) and the
/// certificates we refused (<c>rejected/</c>), each with <c>certs/</c> and, for trust lists, <c>crl/</c>.
/// </summary>
public sealed class PkiDirectory
{
    /// <summary>Describes the store rooted at <paramref name="root"/> (nothing is created until <see cref="EnsureCreated"/>).</summary>
    public PkiDirectory(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The store's root folder (absolute).</summary>
    public string Root { get; }

    /// <summary><c>own/certs</c>: our application instance certificates (DER).</summary>
    public string OwnCerts => Path.Combine(Root, "own", "certs");

    /// <summary><c>own/private</c>: their private keys (PKCS#8 PEM), readable by the owner only.</summary>
    public string OwnPrivate => Path.Combine(Root, "own", "private");

    /// <summary><c>trusted/certs</c>: server certificates and CAs we trust.</summary>
    public string TrustedCerts => Path.Combine(Root, "trusted", "certs");

    /// <summary><c>trusted/crl</c>: revocation lists of the trusted CAs.</summary>
    public string TrustedCrl => Path.Combine(Root, "trusted", "crl");

    /// <summary><c>issuers/certs</c>: CAs used to build chains, not trusted by themselves.</summary>
    public string IssuerCerts => Path.Combine(Root, "issuers", "certs");

    /// <summary><c>issuers/crl</c>: revocation lists of those CAs.</summary>
    public string IssuerCrl => Path.Combine(Root, "issuers", "crl");

    /// <summary><c>rejected/certs</c>: server certificates we refused, kept so the user can trust them.</summary>
    public string RejectedCerts => Path.Combine(Root, "rejected", "certs");

    /// <summary>Creates every folder; <c>own/private</c> gets mode 0700 on Unix.</summary>
    public void EnsureCreated()
    {
        foreach (var dir in new[] { OwnCerts, TrustedCerts, TrustedCrl, IssuerCerts, IssuerCrl, RejectedCerts })
        {
            Directory.CreateDirectory(dir);
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(OwnPrivate);
        }
        else
        {
            Directory.CreateDirectory(OwnPrivate, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(OwnPrivate, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The folder of a trust list.</summary>
    public string CertsOf(CertificateLocation location) => location switch
    {
        CertificateLocation.Own => OwnCerts,
        CertificateLocation.Trusted => TrustedCerts,
        CertificateLocation.Issuers => IssuerCerts,
        CertificateLocation.Rejected => RejectedCerts,
        _ => throw new ArgumentOutOfRangeException(nameof(location), location, null),
    };

    /// <inheritdoc />
    public override string ToString() => Root;
}

/// <summary>Which list of the store a certificate is in.</summary>
public enum CertificateLocation
{
    /// <summary>Our own application instance certificates (<c>own/certs</c>).</summary>
    Own,

    /// <summary>Trusted certificates (<c>trusted/certs</c>).</summary>
    Trusted,

    /// <summary>Issuer CAs (<c>issuers/certs</c>).</summary>
    Issuers,

    /// <summary>Rejected certificates (<c>rejected/certs</c>).</summary>
    Rejected,
}
