using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DataBridge.Bridge.Configuration;
using DataBridge.Bridge.Hosting;
using DataBridge.Connectors.OpcUa.Client;
using DataBridge.Connectors.OpcUa.Security;
using DataBridge.Connectors.OpcUa.Security.Identity;
using DataBridge.Connectors.OpcUa.Security.Pki;
using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Sources.OpcUa;

/// <summary>
/// Turns a source's <see cref="OpcUaSecurityDefinition"/> into the client's <see cref="OpcUaSecurityOptions"/> once, at
/// start: the certificate store, our application certificate (created on first start), the server certificate
/// validator, the user identity; and the warnings the configuration deserves at every start (no security,
/// auto-accept, deprecated policies, certificates expiring within 30 days).
/// </summary>
internal static class OpcUaSourceSecurity
{
    /// <summary>
    /// <paramref name="options"/> with the client's security (and the ApplicationUri of our certificate, which
    /// servers compare with CreateSession's); unchanged for a definition without a security block (built in code).
    /// </summary>
    public static OpcUaSourceOptions Apply(OpcUaSourceOptions options, OpcUaSourceDefinition definition, TimeProvider time, ILogger logger)
    {
        if (definition.Security is not { } security)
        {
            return options;
        }

        var built = Build(security, definition.Id, definition.Endpoint, time, logger);
        var applicationUri = built.ClientCertificate is { } certificate ? CertificateFields.ApplicationUri(certificate) : null;
        return options with { Client = options.Client with { Security = built, ApplicationUri = applicationUri ?? options.Client.ApplicationUri } };
    }

    /// <summary>The client security for one source; throws <see cref="OpcUaSecurityConfigurationException"/> when the store or a user certificate cannot be used.</summary>
    public static OpcUaSecurityOptions Build(OpcUaSecurityDefinition security, string sourceId, string endpoint, TimeProvider time, ILogger logger)
    {
        var identity = Identity(security, sourceId);
        if (security.IsNone)
        {
            logger.LogWarning("Source {SourceId}: OPC UA security is off ('security: {{ mode: none }}'): the session with {Endpoint} is neither signed nor encrypted{Password}. Remove 'mode: none' to use the strongest policy the server offers.", sourceId, endpoint, identity is UserNameIdentity ? ", only the password is encrypted" : string.Empty);
            return OpcUaSecurityOptions.None with { UserIdentity = identity };
        }

        var pki = security.PkiDirectory ?? throw new OpcUaSecurityConfigurationException($"source '{sourceId}' has no certificate store folder; set 'security: {{ pki: /var/lib/databridge/pki }}'");
        var now = time.GetUtcNow();
        CertificateStore store;
        X509Certificate2 own;
        try
        {
            store = new CertificateStore(pki);
            own = store.LoadOwn(now) ?? CreateOwn(store, pki, now, logger);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CertificateStoreException or CryptographicException)
        {
            throw new OpcUaSecurityConfigurationException($"the certificate store '{pki}' of source '{sourceId}' cannot be used: {ex.Message}. Check the folder's owner and permissions, or run 'databridge certs show --pki {pki}'", ex);
        }

        WarnAboutExpiry(store, own, sourceId, now, logger);
        if (security.AutoAcceptUntrusted)
        {
            logger.LogWarning("Source {SourceId}: 'autoAcceptUntrusted: true' trusts any unknown server certificate on first contact (copied into {Trusted}). Use it only while commissioning, then remove it.", sourceId, store.Directory.TrustedCerts);
        }

        if (security.AllowDeprecatedPolicies)
        {
            logger.LogWarning("Source {SourceId}: 'allowDeprecatedPolicies: true' lets Basic128Rsa15 and Basic256 be used; OPC 10000-7 no longer considers them secure.", sourceId);
        }

        return new OpcUaSecurityOptions
        {
            Policy = SecurityPolicies.Find(security.Policy),
            ModeName = security.Mode,
            AllowDeprecatedPolicies = security.AllowDeprecatedPolicies,
            ClientCertificate = own,
            CertificateValidator = new ServerCertificateValidator(store, new ServerCertificateValidatorOptions { AutoAcceptUntrusted = security.AutoAcceptUntrusted, TimeProvider = time }, logger),
            UserIdentity = identity,
        };
    }

    private static X509Certificate2 CreateOwn(CertificateStore store, string pki, DateTimeOffset now, ILogger logger)
    {
        var created = store.CreateOwn(new ApplicationCertificateSettings(), now);
        logger.LogInformation("Created the application instance certificate {Subject} (thumbprint {Thumbprint}, ApplicationUri {ApplicationUri}, valid to {NotAfter:yyyy-MM-dd}) in {Pki}; servers must trust it ('databridge certs show --pki {Pki}').", created.Subject, created.Thumbprint, CertificateFields.ApplicationUri(created), created.NotAfter, pki, pki);
        return created;
    }

    /// <summary>Our certificate and every trusted server certificate expiring within 30 days: a warning now and an entry in /healthz.</summary>
    private static void WarnAboutExpiry(CertificateStore store, X509Certificate2 own, string sourceId, DateTimeOffset now, ILogger logger)
    {
        var ownWarning = CertificateExpiryWarning.Check(own, now);
        if (ownWarning is not null)
        {
            logger.LogWarning("Source {SourceId}: {Warning}", sourceId, ownWarning.Message);
        }

        CertificateExpiryBoard.Record(new CertificateHealth
        {
            Role = "application",
            Thumbprint = own.Thumbprint,
            Subject = own.Subject,
            NotAfter = new DateTimeOffset(own.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            ExpiresSoon = ownWarning is not null,
        });
        foreach (var trusted in store.List(CertificateLocation.Trusted))
        {
            if (CertificateExpiryWarning.Check(trusted.Certificate, now) is not { } warning)
            {
                continue;
            }

            logger.LogWarning("Source {SourceId}: the trusted certificate {Subject} ({Thumbprint}) expires on {NotAfter:yyyy-MM-dd} ({Days} days left); servers presenting it will be refused then. Get its successor from the server's administrator and trust it with 'databridge certs trust <file> --pki {Pki}'.", sourceId, trusted.Certificate.Subject, trusted.Thumbprint, warning.NotAfter, warning.DaysLeft, store.Directory.Root);
            CertificateExpiryBoard.Record(new CertificateHealth
            {
                Role = "trusted",
                Thumbprint = trusted.Thumbprint,
                Subject = trusted.Certificate.Subject,
                NotAfter = warning.NotAfter,
                ExpiresSoon = true,
            });
        }
    }

    private static UserIdentity Identity(OpcUaSecurityDefinition security, string sourceId)
    {
        if (security.UserName is { } user)
        {
            return UserIdentity.UserName(user, security.Password ?? throw new OpcUaSecurityConfigurationException($"user '{user}' of source '{sourceId}' has no password reference"));
        }

        if (security.UserCertificateFile is not { } file)
        {
            return UserIdentity.Anonymous;
        }

        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(file, security.UserKeyFile);
            return certificate.HasPrivateKey
                ? UserIdentity.Certificate(certificate)
                : throw new OpcUaSecurityConfigurationException($"the user certificate '{file}' of source '{sourceId}' has no private key; put the key in the same PEM file or name it with 'key:'");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new OpcUaSecurityConfigurationException($"the user certificate '{file}' of source '{sourceId}' cannot be loaded ({ex.GetType().Name}); it must be PEM with its private key (in the file or in 'key:')", ex);
        }
    }
}
