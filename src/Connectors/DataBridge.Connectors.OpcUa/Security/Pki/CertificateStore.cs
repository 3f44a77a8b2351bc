using System.Security.Cryptography.X509Certificates;

namespace DataBridge.Connectors.OpcUa.Security.Pki;

/// <summary>
/// The certificate store in a directory (OPC 10000-12 §F.1): lists, trusts, rejects and removes certificates, keeps
/// our own application instance certificate (see the <c>Own</c> part) and reads the revocation lists. Files are read
/// on every call, so a <c>databridge certs trust</c> run while the bridge runs takes effect on the next connection.
/// Certificate files are DER, named <c>&lt;common name&gt; [&lt;thumbprint&gt;].der</c> as §F.1 suggests.
/// </summary>
public sealed partial class CertificateStore
{
    private static readonly string[] CertificateExtensions = [".der", ".cer", ".crt", ".pem"];

    /// <summary>Opens (and creates when missing) the store at <paramref name="root"/>.</summary>
    public CertificateStore(string root)
    {
        Directory = new PkiDirectory(root);
        Directory.EnsureCreated();
    }

    /// <summary>The folders.</summary>
    public PkiDirectory Directory { get; }

    /// <summary>The certificates in one list, oldest file first.</summary>
    public IReadOnlyList<StoredCertificate> List(CertificateLocation location)
    {
        var folder = Directory.CertsOf(location);
        var result = new List<StoredCertificate>();
        foreach (var file in System.IO.Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            if (!CertificateExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            try
            {
                result.Add(new StoredCertificate(location, file, X509CertificateLoader.LoadCertificateFromFile(file)));
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // Not a certificate (a stray file): ignored here; `databridge certs list` shows what is usable.
            }
        }

        return result;
    }

    /// <summary>Every certificate with this SHA-1 thumbprint (hex, any case, colons or spaces allowed) in any list.</summary>
    public IReadOnlyList<StoredCertificate> Find(string thumbprint)
    {
        var wanted = NormalizeThumbprint(thumbprint);
        var result = new List<StoredCertificate>();
        foreach (var location in Enum.GetValues<CertificateLocation>())
        {
            result.AddRange(List(location).Where(c => string.Equals(c.Thumbprint, wanted, StringComparison.Ordinal)));
        }

        return result;
    }

    /// <summary>Writes <paramref name="certificate"/> into a list (DER); returns the file. Does nothing when it is already there.</summary>
    public string Add(CertificateLocation location, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var path = Path.Combine(Directory.CertsOf(location), FileNameOf(certificate, ".der"));
        if (!File.Exists(path))
        {
            var temp = path + ".tmp";
            File.WriteAllBytes(temp, certificate.RawData);
            File.Move(temp, path, overwrite: true);
        }

        return path;
    }

    /// <summary>
    /// Trusts the certificate with this thumbprint: moves it from <c>rejected/</c> (or copies it from <c>issuers/</c>) into
    /// <c>trusted/certs</c>. Throws <see cref="CertificateStoreException"/> when no list has it.
    /// </summary>
    public StoredCertificate Trust(string thumbprint)
    {
        var found = Find(thumbprint);
        if (found.FirstOrDefault(c => c.Location == CertificateLocation.Trusted) is { } already)
        {
            return already;
        }

        var source = found.FirstOrDefault(c => c.Location is CertificateLocation.Rejected or CertificateLocation.Issuers)
            ?? throw new CertificateStoreException($"no certificate with thumbprint {NormalizeThumbprint(thumbprint)} in {Directory.RejectedCerts} or {Directory.IssuerCerts}; run 'databridge certs list' to see the thumbprints, or trust a file with 'databridge certs trust <file>'");
        var path = Add(CertificateLocation.Trusted, source.Certificate);
        if (source.Location == CertificateLocation.Rejected)
        {
            File.Delete(source.Path);
        }

        return new StoredCertificate(CertificateLocation.Trusted, path, source.Certificate);
    }

    /// <summary>
    /// Imports a certificate file (DER or PEM) into <c>trusted/certs</c>, or into <c>issuers/certs</c> when
    /// <paramref name="location"/> says so (a CA used to build chains without being trusted by itself).
    /// </summary>
    public StoredCertificate Import(string file, CertificateLocation location = CertificateLocation.Trusted)
    {
        if (location is not (CertificateLocation.Trusted or CertificateLocation.Issuers))
        {
            throw new ArgumentOutOfRangeException(nameof(location), location, "Import into trusted or issuers.");
        }

        var certificate = LoadCertificateFile(file);
        var path = Add(location, certificate);
        foreach (var rejected in Find(certificate.Thumbprint).Where(c => c.Location == CertificateLocation.Rejected))
        {
            File.Delete(rejected.Path);
        }

        return new StoredCertificate(location, path, certificate);
    }

    /// <summary>Moves a trusted certificate into <c>rejected/certs</c>, so it is refused from now on.</summary>
    public StoredCertificate Reject(string thumbprint)
    {
        var found = Find(thumbprint);
        if (found.FirstOrDefault(c => c.Location == CertificateLocation.Rejected) is { } already && found.All(c => c.Location != CertificateLocation.Trusted))
        {
            return already;
        }

        var trusted = found.Where(c => c.Location == CertificateLocation.Trusted).ToList();
        if (trusted.Count == 0)
        {
            throw new CertificateStoreException($"no trusted certificate with thumbprint {NormalizeThumbprint(thumbprint)} in {Directory.TrustedCerts}; run 'databridge certs list' to see the thumbprints");
        }

        var path = Add(CertificateLocation.Rejected, trusted[0].Certificate);
        foreach (var t in trusted)
        {
            File.Delete(t.Path);
        }

        return new StoredCertificate(CertificateLocation.Rejected, path, trusted[0].Certificate);
    }

    /// <summary>
    /// Deletes the certificate with this thumbprint from every list (for our own certificate also its private key);
    /// returns what was removed. Throws <see cref="CertificateStoreException"/> when no list has it.
    /// </summary>
    public IReadOnlyList<StoredCertificate> Remove(string thumbprint)
    {
        var found = Find(thumbprint);
        if (found.Count == 0)
        {
            throw new CertificateStoreException($"no certificate with thumbprint {NormalizeThumbprint(thumbprint)} in {Directory.Root}; run 'databridge certs list' to see the thumbprints");
        }

        foreach (var c in found)
        {
            File.Delete(c.Path);
            if (c.Location == CertificateLocation.Own && PrivateKeyPathOf(c.Certificate) is { } key && File.Exists(key))
            {
                File.Delete(key);
            }
        }

        return found;
    }

    /// <summary>Every revocation list in <c>trusted/crl</c> and <c>issuers/crl</c>; files that are not lists are skipped.</summary>
    public IReadOnlyList<RevocationList> LoadRevocationLists()
    {
        var result = new List<RevocationList>();
        foreach (var folder in new[] { Directory.TrustedCrl, Directory.IssuerCrl })
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                try
                {
                    result.Add(RevocationList.Load(file));
                }
                catch (Exception ex) when (ex is FormatException or IOException)
                {
                    // A broken list cannot prove anything is revoked; the issuer then has no usable list, which
                    // validation reports as "revocation unknown".
                }
            }
        }

        return result;
    }

    /// <summary>Uppercase hex without separators, as <see cref="X509Certificate2.Thumbprint"/> prints it.</summary>
    public static string NormalizeThumbprint(string thumbprint)
    {
        ArgumentNullException.ThrowIfNull(thumbprint);
        return thumbprint.Replace(":", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
    }

    /// <summary>Loads a DER or PEM certificate file; throws <see cref="CertificateStoreException"/> naming the file otherwise.</summary>
    public static X509Certificate2 LoadCertificateFile(string file)
    {
        if (!File.Exists(file))
        {
            throw new CertificateStoreException($"no file '{file}'");
        }

        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(file);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new CertificateStoreException($"'{file}' is not an X.509 certificate (DER or PEM): {ex.Message}", ex);
        }
    }

    /// <summary>The §F.1 file name of a certificate: the common name (made file-safe) and the thumbprint in brackets, then <paramref name="extension"/>.</summary>
    public static string FileNameOf(X509Certificate2 certificate, string extension)
    {
        var name = CertificateFields.CommonName(certificate);
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string([.. name.Select(c => invalid.Contains(c) || c is '[' or ']' or '*' or '?' ? '_' : c)]).Trim();
        if (safe.Length > 64)
        {
            safe = safe[..64];
        }

        return $"{safe} [{certificate.Thumbprint}]{extension}";
    }
}

/// <summary>A certificate file in one of the store's lists.</summary>
/// <param name="Location">The list.</param>
/// <param name="Path">The file.</param>
/// <param name="Certificate">The certificate (public part only).</param>
public sealed record StoredCertificate(CertificateLocation Location, string Path, X509Certificate2 Certificate)
{
    /// <summary>SHA-1 thumbprint, uppercase hex.</summary>
    public string Thumbprint => Certificate.Thumbprint;
}

/// <summary>A certificate store operation failed (no such thumbprint, unreadable file, key does not match); the message says what to do.</summary>
public sealed class CertificateStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CertificateStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CertificateStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CertificateStoreException()
        : base("The certificate store operation failed.")
    {
    }
}
