using System.Security.Cryptography.X509Certificates;
using DataBridge.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataBridge.Connectors.OpcUa.Security.Pki;

/// <summary>
/// Decides whether a server certificate is trusted, with the checks of Part 4 §6.1.3 in its order (Table 100/101):
/// chain, signature, security policy (key length, signature hash), trust list, validity period, host name,
/// ApplicationUri, key usage, revocation. The trust lists are the <see cref="CertificateStore"/>'s folders, read on
/// every call; no system certificate store takes part. An unknown certificate is copied into <c>rejected/certs</c>
/// and the error names the exact <c>databridge certs trust</c> command.
/// </summary>
public sealed partial class ServerCertificateValidator : IServerCertificateValidator
{
    private readonly CertificateStore _store;
    private readonly ServerCertificateValidatorOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a validator over <paramref name="store"/>.</summary>
    public ServerCertificateValidator(CertificateStore store, ServerCertificateValidatorOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _options = options ?? new ServerCertificateValidatorOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The command a user runs to trust <paramref name="thumbprint"/> in this store.</summary>
    public string TrustCommand(string thumbprint) => $"databridge certs trust {thumbprint} --pki {Quote(_store.Directory.Root)}";

    /// <inheritdoc />
    public void Validate(X509Certificate2 certificate, X509Certificate2Collection chain, ServerCertificateContext context)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(context);
        var now = _options.TimeProvider.GetUtcNow();
        var trusted = _store.List(CertificateLocation.Trusted);
        var issuers = _store.List(CertificateLocation.Issuers);

        var path = BuildChain(certificate, chain ?? [], trusted, issuers, now);
        CheckPolicy(certificate, context.Policy);
        CheckTrust(certificate, path, trusted);
        CheckValidity(path, now);
        CheckHostName(certificate, context.EndpointUrl);
        CheckApplicationUri(certificate, context.ServerApplicationUri);
        CheckUsage(certificate, path);
        CheckRevocation(path);
    }

    private static OpcUaCertificateException Fail(uint code, X509Certificate2 certificate, string message) =>
        new(code, message, certificate.Thumbprint);

    private static string Quote(string path) =>
        path.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '`' or '\\') ? $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'" : path;
}
