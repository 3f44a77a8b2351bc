using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DataBridge.Connectors.OpcUa.Security.Pki;

/// <summary>
/// Verifies signatures of signed X.509 structures (certificates, CRLs: a SEQUENCE of to-be-signed bytes, an
/// AlgorithmIdentifier and a BIT STRING) with an issuer's public key, for the RSA and ECDSA algorithms OPC UA uses.
/// </summary>
internal static class CertificateSignature
{
    /// <summary>Names the hash of a signature algorithm OID (sha1/256/384/512 with RSA or ECDSA), or null.</summary>
    public static HashAlgorithmName? HashOf(string oid) => oid switch
    {
        "1.2.840.113549.1.1.5" or "1.2.840.10045.4.1" => HashAlgorithmName.SHA1,
        "1.2.840.113549.1.1.11" or "1.2.840.10045.4.3.2" => HashAlgorithmName.SHA256,
        "1.2.840.113549.1.1.12" or "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
        "1.2.840.113549.1.1.13" or "1.2.840.10045.4.3.4" => HashAlgorithmName.SHA512,
        _ => null,
    };

    /// <summary>True when <paramref name="issuer"/>'s key verifies the signature of <paramref name="certificate"/>.</summary>
    public static bool IsSignedBy(X509Certificate2 certificate, X509Certificate2 issuer) => Verify(certificate.RawData, issuer);

    /// <summary>True when the signed structure <paramref name="signed"/> (DER) verifies with <paramref name="issuer"/>'s key.</summary>
    public static bool Verify(ReadOnlySpan<byte> signed, X509Certificate2 issuer)
    {
        try
        {
            var reader = new AsnReader(signed.ToArray(), AsnEncodingRules.DER);
            var outer = reader.ReadSequence();
            var toBeSigned = outer.ReadEncodedValue();
            var algorithm = outer.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            var signature = outer.ReadBitString(out _);
            return VerifyWith(issuer, oid, algorithm, toBeSigned.Span, signature);
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException)
        {
            return false;
        }
    }

    private static bool VerifyWith(X509Certificate2 issuer, string oid, AsnReader parameters, ReadOnlySpan<byte> data, byte[] signature)
    {
        if (oid == "1.2.840.113549.1.1.10")
        {
            using var pssKey = issuer.GetRSAPublicKey();
            return pssKey is not null && pssKey.VerifyData(data, signature, PssHash(parameters), RSASignaturePadding.Pss);
        }

        if (HashOf(oid) is not { } hash)
        {
            return false;
        }

        if (oid.StartsWith("1.2.840.10045", StringComparison.Ordinal))
        {
            using var ecdsa = issuer.GetECDsaPublicKey();
            return ecdsa is not null && ecdsa.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
        }

        using var rsa = issuer.GetRSAPublicKey();
        return rsa is not null && rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);
    }

    /// <summary>RFC 4055 RSASSA-PSS-params: the hash is in [0]; SHA-1 when absent.</summary>
    private static HashAlgorithmName PssHash(AsnReader algorithm)
    {
        if (!algorithm.HasData)
        {
            return HashAlgorithmName.SHA1;
        }

        var parameters = algorithm.ReadSequence();
        var hashTag = new Asn1Tag(TagClass.ContextSpecific, 0);
        if (!parameters.HasData || !parameters.PeekTag().HasSameClassAndValue(hashTag))
        {
            return HashAlgorithmName.SHA1;
        }

        var hashAlgorithm = parameters.ReadSequence(hashTag).ReadSequence();
        return hashAlgorithm.ReadObjectIdentifier() switch
        {
            "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
            "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
            "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
            _ => HashAlgorithmName.SHA1,
        };
    }
}
