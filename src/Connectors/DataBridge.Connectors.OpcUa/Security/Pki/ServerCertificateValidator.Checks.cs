using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Security.Pki;

/// <summary>Part 4 §6.1.3 "Security Policy Check", "Validity Period", "Host Name", "URI", "Certificate Usage" and revocation.</summary>
public sealed partial class ServerCertificateValidator
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string AnyExtendedKeyUsage = "2.5.29.37.0";
    private const string Sha1WithRsa = "1.2.840.113549.1.1.5";

    private static void CheckPolicy(X509Certificate2 certificate, SecurityPolicy policy)
    {
        if (policy is null || policy.IsNone)
        {
            return;
        }

        var bits = CertificateFields.RsaKeySize(certificate);
        if (bits == 0)
        {
            throw Fail(StatusCodes.BadCertificatePolicyCheckFailed, certificate, $"the server certificate {CertificateFields.Describe(certificate)} has no RSA key; security policy {policy.Name} needs one. Ask the server administrator for an RSA certificate.");
        }

        if (bits < policy.MinAsymmetricKeySize || bits > policy.MaxAsymmetricKeySize)
        {
            throw Fail(StatusCodes.BadCertificatePolicyCheckFailed, certificate, $"the server certificate {CertificateFields.Describe(certificate)} has a {bits}-bit RSA key; security policy {policy.Name} allows {policy.MinAsymmetricKeySize} to {policy.MaxAsymmetricKeySize} bits. Ask the server administrator for a certificate with a key in that range, or choose a policy that allows it.");
        }

        if (certificate.SignatureAlgorithm.Value == Sha1WithRsa && policy.AsymmetricSignatureHash != HashAlgorithmName.SHA1)
        {
            throw Fail(StatusCodes.BadCertificatePolicyCheckFailed, certificate, $"the server certificate {CertificateFields.Describe(certificate)} is signed with SHA-1; security policy {policy.Name} requires SHA-256. Ask the server administrator for a SHA-256 certificate.");
        }
    }

    private static void CheckValidity(CertificatePath path, DateTimeOffset now)
    {
        var leaf = path.Certificates[0];
        foreach (var certificate in path.Certificates)
        {
            var notBefore = certificate.NotBefore.ToUniversalTime();
            var notAfter = certificate.NotAfter.ToUniversalTime();
            if (now.UtcDateTime >= notBefore && now.UtcDateTime <= notAfter)
            {
                continue;
            }

            var period = $"valid from {Utc(notBefore)} to {Utc(notAfter)}, and it is now {Utc(now.UtcDateTime)}";
            var fix = now.UtcDateTime > notAfter
                ? "Ask the server administrator to renew it (and check this machine's clock)."
                : "Check the clocks of this machine and the server.";
            if (ReferenceEquals(certificate, leaf))
            {
                throw Fail(StatusCodes.BadCertificateTimeInvalid, leaf, $"the server certificate {CertificateFields.Describe(leaf)} is {(now.UtcDateTime > notAfter ? "expired" : "not yet valid")}: {period}. {fix}");
            }

            throw Fail(StatusCodes.BadCertificateIssuerTimeInvalid, leaf, $"the issuer {CertificateFields.Describe(certificate)} of the server certificate {CertificateFields.Describe(leaf)} is {(now.UtcDateTime > notAfter ? "expired" : "not yet valid")}: {period}. {fix}");
        }
    }

    private static void CheckHostName(X509Certificate2 certificate, string endpointUrl)
    {
        if (!Uri.TryCreate(endpointUrl, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw Fail(StatusCodes.BadCertificateHostNameInvalid, certificate, $"the endpoint URL '{endpointUrl}' names no host to compare with the server certificate {CertificateFields.Describe(certificate)}.");
        }

        var host = uri.DnsSafeHost.TrimEnd('.');
        var dns = CertificateFields.DnsNames(certificate);
        var ips = CertificateFields.IpAddresses(certificate);
        var match = IPAddress.TryParse(host, out var ip)
            ? ips.Any(i => IPAddress.TryParse(i, out var other) && other.Equals(ip))
            : dns.Any(d => string.Equals(d.TrimEnd('.'), host, StringComparison.OrdinalIgnoreCase));
        if (!match)
        {
            var names = string.Join(", ", dns.Concat(ips).DefaultIfEmpty("none"));
            throw Fail(StatusCodes.BadCertificateHostNameInvalid, certificate, $"the endpoint host '{host}' is not among the names of the server certificate {CertificateFields.Describe(certificate)} (its subject alternative name lists: {names}). Connect by one of those names, or ask the server administrator for a certificate that includes '{host}'.");
        }
    }

    private static void CheckApplicationUri(X509Certificate2 certificate, string? serverApplicationUri)
    {
        if (string.IsNullOrEmpty(serverApplicationUri))
        {
            return;
        }

        var inCertificate = CertificateFields.ApplicationUri(certificate);
        if (!string.Equals(inCertificate, serverApplicationUri, StringComparison.Ordinal))
        {
            throw Fail(StatusCodes.BadCertificateUriInvalid, certificate, $"the server calls itself '{serverApplicationUri}', but its certificate {CertificateFields.Describe(certificate)} is for '{inCertificate ?? "(no URI)"}'. The certificate belongs to another application; ask the server administrator to fix the server's ApplicationUri or certificate.");
        }
    }

    private static void CheckUsage(X509Certificate2 certificate, CertificatePath path)
    {
        // Part 6 §6.2.2: an application instance certificate signs (digitalSignature) and receives RSA-encrypted keys.
        var usages = CertificateFields.KeyUsages(certificate);
        if (usages is { } u && ((u & X509KeyUsageFlags.DigitalSignature) == 0 || (u & (X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment)) == 0))
        {
            throw Fail(StatusCodes.BadCertificateUseNotAllowed, certificate, $"the server certificate {CertificateFields.Describe(certificate)} may not be used by an OPC UA application: its key usage is '{u}', and digitalSignature plus keyEncipherment are needed. Ask the server administrator for an application instance certificate.");
        }

        if (CertificateFields.ExtendedKeyUsages(certificate) is { } eku && !eku.Contains(ServerAuth) && !eku.Contains(AnyExtendedKeyUsage))
        {
            throw Fail(StatusCodes.BadCertificateUseNotAllowed, certificate, $"the server certificate {CertificateFields.Describe(certificate)} is not for servers: its extended key usage lacks serverAuth. Ask the server administrator for a server certificate.");
        }

        for (var i = 1; i < path.Certificates.Count; i++)
        {
            var issuer = path.Certificates[i];
            var issuerUsages = CertificateFields.KeyUsages(issuer);
            if (!CertificateFields.IsCertificateAuthority(issuer) || (issuerUsages is { } iu && (iu & X509KeyUsageFlags.KeyCertSign) == 0))
            {
                throw Fail(StatusCodes.BadCertificateIssuerUseNotAllowed, certificate, $"the issuer {CertificateFields.Describe(issuer)} of the server certificate {CertificateFields.Describe(certificate)} is not a certificate authority (basicConstraints cA and keyCertSign are needed).");
            }
        }
    }

    private void CheckRevocation(CertificatePath path)
    {
        var leaf = path.Certificates[0];
        var lists = path.Certificates.Count > 1 ? _store.LoadRevocationLists() : [];
        for (var i = 0; i + 1 < path.Certificates.Count; i++)
        {
            var subject = path.Certificates[i];
            var issuer = path.Certificates[i + 1];
            var issuedLists = lists.Where(l => l.IsIssuedBy(issuer)).ToList();
            var isLeaf = i == 0;
            if (issuedLists.Count == 0)
            {
                if (_options.AllowUnknownRevocationStatus)
                {
                    continue;
                }

                var who = isLeaf ? "the server certificate" : $"the issuer {CertificateFields.Describe(subject)} of the server certificate";
                throw Fail(isLeaf ? StatusCodes.BadCertificateRevocationUnknown : StatusCodes.BadCertificateIssuerRevocationUnknown, leaf, $"no revocation list of the CA {CertificateFields.Describe(issuer)} was found, so it is unknown whether {who} {CertificateFields.Describe(subject)} is revoked. Put the CA's current CRL into {_store.Directory.TrustedCrl} or {_store.Directory.IssuerCrl}.");
            }

            if (issuedLists.FirstOrDefault(l => l.Revokes(subject)) is { } revoking)
            {
                throw Fail(isLeaf ? StatusCodes.BadCertificateRevoked : StatusCodes.BadCertificateIssuerRevoked, leaf, isLeaf
                    ? $"the server certificate {CertificateFields.Describe(subject)} was revoked by its CA {CertificateFields.Describe(issuer)} (revocation list {revoking.Path}). Do not connect; ask the server administrator for a new certificate."
                    : $"the issuer {CertificateFields.Describe(subject)} of the server certificate {CertificateFields.Describe(leaf)} was revoked by {CertificateFields.Describe(issuer)} (revocation list {revoking.Path}). Do not connect; ask the server administrator.");
            }
        }
    }

    private static string Utc(DateTime time) => time.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
