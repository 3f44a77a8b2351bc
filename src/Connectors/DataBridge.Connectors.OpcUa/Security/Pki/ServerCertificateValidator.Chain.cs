using System.Security.Cryptography.X509Certificates;
using DataBridge.Core;
using Microsoft.Extensions.Logging;

namespace DataBridge.Connectors.OpcUa.Security.Pki;

/// <summary>Part 4 §6.1.3 "Build Certificate Chain", "Validate Signature" and "Trust List Check".</summary>
public sealed partial class ServerCertificateValidator
{
    /// <summary>The chain from the leaf up, and whether it reaches a self-signed root.</summary>
    private readonly record struct CertificatePath(IReadOnlyList<X509Certificate2> Certificates, bool Complete);

    private static CertificatePath BuildChain(X509Certificate2 certificate, X509Certificate2Collection sent, IReadOnlyList<StoredCertificate> trusted, IReadOnlyList<StoredCertificate> issuers, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = now.UtcDateTime;
        // Time, usage and revocation are checked below with their own status codes and messages.
        policy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreCtlNotTimeValid |
            X509VerificationFlags.IgnoreWrongUsage | X509VerificationFlags.IgnoreInvalidBasicConstraints;
        foreach (var stored in trusted.Concat(issuers))
        {
            (CertificateFields.IsSelfSigned(stored.Certificate) ? policy.CustomTrustStore : policy.ExtraStore).Add(stored.Certificate);
        }

        policy.ExtraStore.AddRange(sent);
        chain.Build(certificate);

        var path = new List<X509Certificate2>(chain.ChainElements.Count);
        foreach (var element in chain.ChainElements)
        {
            path.Add(element.Certificate);
            foreach (var status in element.ChainElementStatus)
            {
                if ((status.Status & (X509ChainStatusFlags.NotSignatureValid | X509ChainStatusFlags.Cyclic | X509ChainStatusFlags.HasNotSupportedCriticalExtension | X509ChainStatusFlags.InvalidExtension)) != 0)
                {
                    var which = path.Count == 1 ? "The server certificate" : $"Its issuer {CertificateFields.Describe(element.Certificate)}";
                    throw Fail(StatusCodes.BadCertificateInvalid, certificate, $"{which} {CertificateFields.Describe(certificate)} is malformed or its signature does not verify ({status.StatusInformation.Trim()}). The certificate is damaged or forged; do not trust it.");
                }
            }
        }

        var top = path[^1];
        return new CertificatePath(path, CertificateFields.IsSelfSigned(top));
    }

    private void CheckTrust(X509Certificate2 certificate, CertificatePath path, IReadOnlyList<StoredCertificate> trusted)
    {
        var trustedThumbprints = trusted.Select(t => t.Thumbprint).ToHashSet(StringComparer.Ordinal);
        var trustedElement = path.Certificates.FirstOrDefault(c => trustedThumbprints.Contains(c.Thumbprint));
        if (trustedElement is not null)
        {
            if (!path.Complete)
            {
                var top = path.Certificates[^1];
                throw Fail(StatusCodes.BadCertificateChainIncomplete, certificate, $"the server certificate {CertificateFields.Describe(certificate)} is trusted, but the certificate of its issuer '{top.Issuer}' is missing. Put the CA certificate into {_store.Directory.IssuerCerts} (or {_store.Directory.TrustedCerts}) and its revocation list into the crl/ folder next to it.");
            }

            return;
        }

        if (_options.AutoAcceptUntrusted)
        {
            var added = _store.Add(CertificateLocation.Trusted, certificate);
            _logger.LogWarning("The unknown server certificate {Certificate} was trusted automatically because autoAcceptUntrusted is on; it is now in {File}. Turn autoAcceptUntrusted off once the servers are known.", CertificateFields.Describe(certificate), added);
            return;
        }

        var saved = _store.Add(CertificateLocation.Rejected, certificate);
        throw Fail(StatusCodes.BadCertificateUntrusted, certificate, $"the server certificate {CertificateFields.Describe(certificate)} is not trusted. It was saved to {saved}. If this is the server you expect (compare the thumbprint with the one the server shows), trust it with: {TrustCommand(certificate.Thumbprint)}");
    }
}
