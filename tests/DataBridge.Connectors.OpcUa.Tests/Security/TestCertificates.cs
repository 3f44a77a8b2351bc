using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DataBridge.Connectors.OpcUa.Security.Pki;

namespace DataBridge.Connectors.OpcUa.Tests.Security;

/// <summary>
/// Real certificates for tests: throwaway client application instance certificates (Part 6 §6.2.2 key usages, SAN URI +
/// DNS), a plant CA, certificates it issues, self-signed servers, CRLs.
/// </summary>
internal static class TestCertificates
{
    public const string ClientApplicationUri = "urn:databridge:test:client";

    private static readonly Lazy<X509Certificate2> Shared = new(() => Create(ClientApplicationUri));

    /// <summary>One RSA-2048 client certificate for the whole test run (key generation is slow on a busy machine).</summary>
    public static X509Certificate2 Client => Shared.Value;

    public static X509Certificate2 Create(string applicationUri, int keySize = 2048, string commonName = "DataBridge test client")
    {
        using var key = RSA.Create(keySize);
        var request = new CertificateRequest($"CN={commonName}, O=DataBridge tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(applicationUri));
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment,
            critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
    }

    public const string ServerHost = "plant-server";
    public const string ServerUri = "urn:plant-server:ua";
    public const string EndpointUrl = "opc.tcp://plant-server:4840/ua";

    public static DateTimeOffset Now { get; } = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static ApplicationCertificateSettings ServerSettings(params string[] hosts) => new()
    {
        ApplicationUri = ServerUri,
        ApplicationName = "Plant Server",
        HostNames = hosts.Length == 0 ? [ServerHost, "10.0.0.7"] : hosts,
    };

    /// <summary>A self-signed server certificate made like our own.</summary>
    public static X509Certificate2 SelfSignedServer(ApplicationCertificateSettings? settings = null, DateTimeOffset? now = null) =>
        ApplicationCertificateFactory.CreateSelfSigned(settings ?? ServerSettings(), now ?? Now.AddDays(-10));

    /// <summary>A self-signed server certificate with an RSA key of <paramref name="bits"/>.</summary>
    public static X509Certificate2 SelfSignedServerWithKey(int bits)
    {
        using var rsa = RSA.Create(bits);
        var request = ApplicationCertificateFactory.CreateRequest(ServerSettings(), rsa);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(ApplicationCertificateFactory.ApplicationKeyUsages | X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(Now.AddDays(-10), Now.AddYears(1));
    }

    /// <summary>A CA (self-signed, or issued by <paramref name="parent"/>).</summary>
    public static X509Certificate2 CreateCa(string name, X509Certificate2? parent = null, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, O=Plant", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var ski = new X509SubjectKeyIdentifierExtension(request.PublicKey, false);
        request.CertificateExtensions.Add(ski);
        var from = notBefore ?? Now.AddYears(-1);
        var to = notAfter ?? Now.AddYears(10);
        if (parent is null)
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(ski));
            return request.CreateSelfSigned(from, to);
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(parent, true, false));
        using var issued = request.Create(parent, from, to, ApplicationCertificateFactory.SerialNumber());
        return issued.CopyWithPrivateKey(rsa);
    }

    /// <summary>An application instance certificate issued by <paramref name="ca"/>, with its private key.</summary>
    public static X509Certificate2 Issue(X509Certificate2 ca, ApplicationCertificateSettings? settings = null, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var rsa = RSA.Create(2048);
        var request = ApplicationCertificateFactory.CreateRequest(settings ?? ServerSettings(), rsa);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(ApplicationCertificateFactory.ApplicationKeyUsages, true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var issued = request.Create(ca, notBefore ?? Now.AddDays(-30), notAfter ?? Now.AddYears(2), ApplicationCertificateFactory.SerialNumber());
        return issued.CopyWithPrivateKey(rsa);
    }

    /// <summary>A DER CRL signed by <paramref name="ca"/> revoking <paramref name="revoked"/>.</summary>
    public static byte[] Crl(X509Certificate2 ca, params X509Certificate2[] revoked)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, Now.AddDays(-1), X509RevocationReason.KeyCompromise);
        }

        return builder.Build(ca, 1, Now.AddDays(30), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, Now.AddDays(-1));
    }
}

/// <summary>A certificate store in a fresh temporary folder, deleted afterwards.</summary>
internal sealed class TempPki : IDisposable
{
    public TempPki()
    {
        Root = Directory.CreateTempSubdirectory("databridge-pki-").FullName;
        Store = new CertificateStore(Root);
    }

    public string Root { get; }

    public CertificateStore Store { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
