using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace DataBridge.Connectors.OpcUa.Security.Pki;

/// <summary>
/// A certificate revocation list read from a <c>crl/</c> folder (RFC 5280 §5.1: TBSCertList, signature algorithm,
/// signature). Only what revocation checking needs: the issuer, the update times and the revoked serial numbers.
/// </summary>
public sealed class RevocationList
{
    private readonly byte[] _der;
    private readonly HashSet<string> _revokedSerials;

    private RevocationList(byte[] der, X500DistinguishedName issuer, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, HashSet<string> revokedSerials, string path)
    {
        _der = der;
        Issuer = issuer;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        _revokedSerials = revokedSerials;
        Path = path;
    }

    /// <summary>The CA that issued the list.</summary>
    public X500DistinguishedName Issuer { get; }

    /// <summary>When the list was issued.</summary>
    public DateTimeOffset ThisUpdate { get; }

    /// <summary>When the CA promises the next list, if it says.</summary>
    public DateTimeOffset? NextUpdate { get; }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>How many certificates it revokes.</summary>
    public int Count => _revokedSerials.Count;

    /// <summary>Parses a DER or PEM ("X509 CRL") list; throws <see cref="FormatException"/> naming the file when it is not one.</summary>
    public static RevocationList Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length > 0 && bytes[0] != 0x30)
        {
            var text = System.Text.Encoding.ASCII.GetString(bytes);
            var pem = System.Security.Cryptography.PemEncoding.Find(text);
            bytes = Convert.FromBase64String(text[pem.Base64Data]);
        }

        try
        {
            return Parse(bytes, path);
        }
        catch (AsnContentException ex)
        {
            throw new FormatException($"'{path}' is not a certificate revocation list (DER or PEM): {ex.Message}", ex);
        }
    }

    /// <summary>True when <paramref name="issuer"/> is the CA named by the list and its key verifies the list's signature.</summary>
    public bool IsIssuedBy(X509Certificate2 issuer) =>
        issuer.SubjectName.RawData.AsSpan().SequenceEqual(Issuer.RawData) && CertificateSignature.Verify(_der, issuer);

    /// <summary>True when the list revokes <paramref name="certificate"/> (by serial number).</summary>
    public bool Revokes(X509Certificate2 certificate) => _revokedSerials.Contains(NormalizeSerial(certificate.SerialNumberBytes.Span, littleEndian: false));

    private static RevocationList Parse(byte[] der, string path)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbs = outer.ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger();
        }

        tbs.ReadSequence();
        var issuer = new X500DistinguishedName(tbs.ReadEncodedValue().Span);
        var thisUpdate = ReadTime(tbs);
        DateTimeOffset? nextUpdate = null;
        if (tbs.HasData && IsTime(tbs.PeekTag()))
        {
            nextUpdate = ReadTime(tbs);
        }

        var revoked = new HashSet<string>(StringComparer.Ordinal);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var entries = tbs.ReadSequence();
            while (entries.HasData)
            {
                var entry = entries.ReadSequence();
                revoked.Add(NormalizeSerial(entry.ReadIntegerBytes().Span, littleEndian: false));
            }
        }

        return new RevocationList(der, issuer, thisUpdate, nextUpdate, revoked, path);
    }

    private static bool IsTime(Asn1Tag tag) => tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    /// <summary>Serial numbers as big-endian hex without leading zero bytes, so both encodings compare equal.</summary>
    private static string NormalizeSerial(ReadOnlySpan<byte> serial, bool littleEndian)
    {
        var bytes = serial.ToArray();
        if (littleEndian)
        {
            Array.Reverse(bytes);
        }

        var start = 0;
        while (start < bytes.Length - 1 && bytes[start] == 0)
        {
            start++;
        }

        return Convert.ToHexString(bytes, start, bytes.Length - start);
    }
}
