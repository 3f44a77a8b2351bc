using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DataBridge.Connectors.OpcUa.Generated;

namespace DataBridge.Connectors.OpcUa.Security;

/// <summary>
/// The proofs of possession of Part 4 §5.6.2–5.6.3: a signature with a certificate's private key over the other
/// side's certificate followed by its nonce (CreateSession's serverSignature over client certificate + client nonce;
/// ActivateSession's clientSignature over server certificate + server nonce; the X509 user token signature likewise).
/// The algorithm is the policy's asymmetric signature algorithm; chains are reduced to their leaf.
/// </summary>
public static class SessionSignatures
{
    /// <summary>Signs <paramref name="certificate"/> (its leaf) + <paramref name="nonce"/> with <paramref name="signer"/>'s private key.</summary>
    public static SignatureData Create(SecurityPolicy policy, X509Certificate2 signer, ReadOnlySpan<byte> certificate, ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(signer);
        if (policy.IsNone)
        {
            return new SignatureData();
        }

        using var key = signer.GetRSAPrivateKey()
            ?? throw new OpcUaCertificateException(DataBridge.Core.StatusCodes.BadCertificateInvalid, $"The certificate {signer.Subject} ({signer.Thumbprint}) has no RSA private key to sign with.", signer.Thumbprint);
        var data = Concat(CertificateChain.Leaf(certificate), nonce);
        return new SignatureData
        {
            Algorithm = policy.AsymmetricSignatureAlgorithmUri,
            Signature = key.SignData(data, policy.AsymmetricSignatureHash, policy.AsymmetricSignaturePadding!),
        };
    }

    /// <summary>True when <paramref name="signature"/> is <paramref name="signer"/>'s signature over certificate (leaf) + nonce.</summary>
    public static bool Verify(SecurityPolicy policy, X509Certificate2 signer, ReadOnlySpan<byte> certificate, ReadOnlySpan<byte> nonce, SignatureData? signature)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(signer);
        if (signature?.Signature is not { Length: > 0 } bytes)
        {
            return false;
        }

        if (signature.Algorithm is { Length: > 0 } algorithm && algorithm != policy.AsymmetricSignatureAlgorithmUri)
        {
            return false;
        }

        using var key = signer.GetRSAPublicKey();
        if (key is null)
        {
            return false;
        }

        var data = Concat(CertificateChain.Leaf(certificate), nonce);
        try
        {
            return key.VerifyData(data, bytes, policy.AsymmetricSignatureHash, policy.AsymmetricSignaturePadding!);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var result = new byte[a.Length + b.Length];
        a.CopyTo(result);
        b.CopyTo(result.AsSpan(a.Length));
        return result;
    }
}
