using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DataBridge.Connectors.OpcUa.Security.Pki;

/// <summary>Our own application instance certificate: <c>own/certs</c> (DER) and <c>own/private</c> (PKCS#8 PEM, mode 0600).</summary>
public sealed partial class CertificateStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// The certificate the client uses, with its private key: among the certificates in <c>own/</c> whose key is
    /// present, one valid at <paramref name="now"/> with the latest start (so a renewed certificate wins while the old
    /// one stays until removed); null when there is none.
    /// </summary>
    public X509Certificate2? LoadOwn(DateTimeOffset now)
    {
        var candidates = List(CertificateLocation.Own)
            .Where(c => PrivateKeyPathOf(c.Certificate) is { } key && File.Exists(key))
            .Select(c => c.Certificate)
            .ToList();
        var chosen = candidates
            .OrderByDescending(c => c.NotBefore.ToUniversalTime() <= now.UtcDateTime && now.UtcDateTime <= c.NotAfter.ToUniversalTime())
            .ThenByDescending(c => c.NotBefore)
            .FirstOrDefault();
        return chosen is null ? null : WithPrivateKey(chosen, PrivateKeyPathOf(chosen)!);
    }

    /// <summary>Our certificate; created with <paramref name="settings"/> on first use when <c>own/</c> has none.</summary>
    public X509Certificate2 LoadOrCreateOwn(ApplicationCertificateSettings settings, DateTimeOffset now) =>
        LoadOwn(now) ?? CreateOwn(settings, now);

    /// <summary>
    /// Creates a new self-signed certificate and key in <c>own/</c> (renewal: the previous one stays until removed
    /// with <see cref="Remove"/>); returns it with its private key.
    /// </summary>
    public X509Certificate2 CreateOwn(ApplicationCertificateSettings settings, DateTimeOffset now)
    {
        var certificate = ApplicationCertificateFactory.CreateSelfSigned(settings, now);
        SaveOwn(certificate);
        return certificate;
    }

    /// <summary>
    /// Imports a certificate issued elsewhere (e.g. by the plant's CA) with its private key (PEM: PKCS#8
    /// "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY") into <c>own/</c>. Throws <see cref="CertificateStoreException"/> when
    /// the key does not belong to the certificate or the certificate has no ApplicationUri.
    /// </summary>
    public X509Certificate2 ImportOwn(string certificateFile, string privateKeyFile)
    {
        var certificate = LoadCertificateFile(certificateFile);
        if (!File.Exists(privateKeyFile))
        {
            throw new CertificateStoreException($"no file '{privateKeyFile}'");
        }

        if (CertificateFields.ApplicationUri(certificate) is null)
        {
            throw new CertificateStoreException($"{CertificateFields.Describe(certificate)} has no URI in its subject alternative name; an OPC UA application instance certificate must carry the ApplicationUri there (Part 6 §6.2.2)");
        }

        var withKey = WithPrivateKey(certificate, privateKeyFile);
        SaveOwn(withKey);
        return withKey;
    }

    /// <summary>Where the private key of one of our certificates lives (<c>own/private/&lt;name&gt; [&lt;thumbprint&gt;].pem</c>).</summary>
    public string? PrivateKeyPathOf(X509Certificate2 certificate) =>
        certificate is null ? null : Path.Combine(Directory.OwnPrivate, FileNameOf(certificate, ".pem"));

    /// <summary>A warning when our certificate expires within <paramref name="within"/> (default 30 days) or has expired; null otherwise or when there is none.</summary>
    public CertificateExpiryWarning? CheckOwnExpiry(DateTimeOffset now, TimeSpan? within = null)
    {
        using var own = LoadOwn(now);
        return own is null ? null : CertificateExpiryWarning.Check(own, now, within);
    }

    private void SaveOwn(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPrivateKey() ?? throw new CertificateStoreException($"{CertificateFields.Describe(certificate)} has no RSA private key");
        var keyPath = PrivateKeyPathOf(certificate)!;
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        var temp = keyPath + ".tmp";
        File.Delete(temp);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Created with 0600 from the first byte on: there is no moment where the key is readable by others.
            options.UnixCreateMode = OwnerOnly;
        }

        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(pem);
        }

        File.Move(temp, keyPath, overwrite: true);
        Add(CertificateLocation.Own, certificate);
    }

    private static X509Certificate2 WithPrivateKey(X509Certificate2 certificate, string keyFile)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(keyFile));
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            // The exception text of the PEM reader may quote key material; only the file name goes out.
            throw new CertificateStoreException($"'{keyFile}' is not an unencrypted RSA private key in PEM (PKCS#8 'PRIVATE KEY' or PKCS#1 'RSA PRIVATE KEY')");
        }

        using var publicKey = certificate.GetRSAPublicKey();
        if (publicKey is null || !publicKey.ExportParameters(false).Modulus.AsSpan().SequenceEqual(rsa.ExportParameters(false).Modulus))
        {
            throw new CertificateStoreException($"the private key '{keyFile}' does not belong to {CertificateFields.Describe(certificate)}");
        }

        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        return publicOnly.CopyWithPrivateKey(rsa);
    }
}
