using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DataBridge.Connectors.OpcUa.Security.Pki;

/// <summary>
/// Reads the fields OPC UA cares about from an X.509 certificate (Part 6 §6.2.2): the subject alternative name's
/// ApplicationUri, DNS names and IP addresses, key usages, whether it is a CA or self-signed, and the RSA key size.
/// </summary>
public static class CertificateFields
{
    private const string SubjectAltNameOid = "2.5.29.17";

    /// <summary>The ApplicationUri: the first URI in the subject alternative name, or null.</summary>
    public static string? ApplicationUri(X509Certificate2 certificate)
    {
        foreach (var (tag, value) in AltNames(certificate))
        {
            if (tag == 6)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The DNS names of the subject alternative name.</summary>
    public static IReadOnlyList<string> DnsNames(X509Certificate2 certificate) =>
        [.. AltNames(certificate).Where(n => n.Tag == 2).Select(n => n.Value)];

    /// <summary>The IP addresses of the subject alternative name, as text.</summary>
    public static IReadOnlyList<string> IpAddresses(X509Certificate2 certificate) =>
        [.. AltNames(certificate).Where(n => n.Tag == 7).Select(n => n.Value)];

    /// <summary>The key usages, or null when the certificate has no KeyUsage extension.</summary>
    public static X509KeyUsageFlags? KeyUsages(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault()?.KeyUsages;

    /// <summary>The extended key usage OIDs, or null when the certificate has no such extension.</summary>
    public static IReadOnlyList<string>? ExtendedKeyUsages(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } eku
            ? [.. eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value ?? string.Empty)]
            : null;

    /// <summary>True when BasicConstraints says cA.</summary>
    public static bool IsCertificateAuthority(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault()?.CertificateAuthority == true;

    /// <summary>True when the certificate's issuer is its subject and its own key verifies its signature.</summary>
    public static bool IsSelfSigned(X509Certificate2 certificate)
    {
        if (!certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
        {
            return false;
        }

        return CertificateSignature.IsSignedBy(certificate, certificate);
    }

    /// <summary>RSA key size in bits, or 0 when the key is not RSA.</summary>
    public static int RsaKeySize(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPublicKey();
        return rsa?.KeySize ?? 0;
    }

    /// <summary>The subject's common name, or the whole subject when it has none.</summary>
    public static string CommonName(X509Certificate2 certificate)
    {
        var cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return string.IsNullOrEmpty(cn) ? certificate.Subject : cn;
    }

    /// <summary>One line naming a certificate for people: subject and SHA-1 thumbprint.</summary>
    public static string Describe(X509Certificate2 certificate) => $"'{certificate.Subject}' (thumbprint {certificate.Thumbprint})";

    private static IEnumerable<(int Tag, string Value)> AltNames(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions[SubjectAltNameOid];
        if (extension is null)
        {
            return [];
        }

        var names = new List<(int, string)>();
        try
        {
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            while (sequence.HasData)
            {
                var tag = sequence.PeekTag();
                if (tag.TagClass != TagClass.ContextSpecific)
                {
                    sequence.ReadEncodedValue();
                    continue;
                }

                switch (tag.TagValue)
                {
                    case 2:
                    case 6:
                        names.Add((tag.TagValue, sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag)));
                        break;
                    case 7:
                        var bytes = sequence.ReadOctetString(tag);
                        if (bytes.Length is 4 or 16)
                        {
                            names.Add((7, new IPAddress(bytes).ToString()));
                        }

                        break;
                    default:
                        sequence.ReadEncodedValue();
                        break;
                }
            }
        }
        catch (AsnContentException)
        {
            // A malformed SAN names nothing; the checks that need a name then fail with their own message.
        }

        return names;
    }
}
