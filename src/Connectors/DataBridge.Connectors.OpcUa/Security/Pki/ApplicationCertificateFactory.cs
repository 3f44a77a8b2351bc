using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DataBridge.Connectors.OpcUa.Security.Pki;

/// <summary>
/// Creates a self-signed application instance certificate as Part 6 §6.2.2 describes it: RSA with SHA-256, subject
/// <c>CN=&lt;name&gt;, DC=&lt;host&gt;</c>, SAN with the ApplicationUri and the host names, key usages digitalSignature,
/// nonRepudiation, keyEncipherment, dataEncipherment and keyCertSign (self-signed), extended key usages serverAuth
/// and clientAuth.
/// </summary>
public static class ApplicationCertificateFactory
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    private const string DomainComponentOid = "0.9.2342.19200300.100.1.25";

    /// <summary>The key usages of an application instance certificate (keyCertSign only when self-signed).</summary>
    public const X509KeyUsageFlags ApplicationKeyUsages =
        X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment;

    /// <summary>Creates the certificate with its private key, valid from a few minutes before <paramref name="now"/>.</summary>
    public static X509Certificate2 CreateSelfSigned(ApplicationCertificateSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        using var rsa = RSA.Create(settings.KeySize);
        var request = CreateRequest(settings, rsa);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(ApplicationKeyUsages | X509KeyUsageFlags.KeyCertSign, critical: true));
        var ski = request.CertificateExtensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(ski));
        var notBefore = now.AddMinutes(-5);
        using var created = request.Create(request.SubjectName, X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1), notBefore, notBefore + settings.Lifetime, SerialNumber());
        return created.CopyWithPrivateKey(rsa);
    }

    /// <summary>
    /// A certificate request for <paramref name="settings"/> with every extension but KeyUsage (which depends on who
    /// signs); tests use it to issue application certificates from a test CA.
    /// </summary>
    public static CertificateRequest CreateRequest(ApplicationCertificateSettings settings, RSA key)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var host = settings.HostNames.FirstOrDefault(h => !IPAddress.TryParse(h, out _)) ?? (settings.HostNames.Count > 0 ? settings.HostNames[0] : null);
        var subject = new X500DistinguishedNameBuilder();
        if (!string.IsNullOrEmpty(host))
        {
            subject.Add(DomainComponentOid, host, UniversalTagNumber.IA5String);
        }

        subject.AddCommonName(settings.ApplicationName);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuth), new Oid(ClientAuth)], critical: false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(settings.ApplicationUri));
        foreach (var name in settings.HostNames.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        return request;
    }

    /// <summary>A positive 16-byte random serial number (RFC 5280 §4.1.2.2).</summary>
    public static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        return serial;
    }
}
