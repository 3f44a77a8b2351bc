using System.Security.Cryptography.X509Certificates;

namespace DataBridge.Connectors.OpcUa.Security;

/// <summary>
/// Decides whether the client may trust a server's application instance certificate (Part 4 §6.1.3): chain to a
/// trusted certificate or issuer, validity period, revocation, key usage, ApplicationUri, host name and key length
/// for the policy. The secure channel calls it before it sends the first asymmetric chunk, and again when
/// CreateSession returns the server certificate.
/// </summary>
public interface IServerCertificateValidator
{
    /// <summary>
    /// Returns when the certificate is trusted for <paramref name="context"/>; throws
    /// <see cref="OpcUaCertificateException"/> naming the failed check and what the user must run or change.
    /// </summary>
    /// <param name="certificate">The server's certificate (leaf).</param>
    /// <param name="chain">Further certificates the server sent after the leaf (issuers), possibly empty.</param>
    /// <param name="context">The endpoint and policy the certificate is presented for.</param>
    void Validate(X509Certificate2 certificate, X509Certificate2Collection chain, ServerCertificateContext context);
}

/// <summary>What a server certificate is presented for.</summary>
/// <param name="EndpointUrl">The endpoint the client dialled (its host must be in the certificate's SAN).</param>
/// <param name="ServerApplicationUri">The ApplicationUri of the endpoint's server description (must be the SAN URI), or null when unknown.</param>
/// <param name="Policy">The security policy in use (decides the minimum and maximum key length).</param>
public sealed record ServerCertificateContext(string EndpointUrl, string? ServerApplicationUri, SecurityPolicy Policy);
